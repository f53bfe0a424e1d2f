/**
 * Test helper: batch conversions with LibreOffice (`soffice --headless --convert-to`), each run
 * with a fresh user profile and a time limit. A missing soffice is installed with apt, never skipped.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { aptInstall } from '../support/apt';

const SOFFICE_CANDIDATES = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice'];
const TIMEOUT_MS = 120_000;

/** CSV, UTF-8 (76), comma/double quote, all sheets (-1) as NAME-Sheet.csv (LibreOffice ≥ 7.2). */
export const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** soffice, installed with apt (libreoffice-calc-nogui) when missing; a loud error when that fails. */
export function sofficePath(): string {
  const find = (): string | undefined => SOFFICE_CANDIDATES.find((p) => existsSync(p));
  if (!find()) {
    try {
      aptInstall(['libreoffice-calc-nogui']);
    } catch (error) {
      throw new Error(`these tests need LibreOffice (soffice), and "apt-get install libreoffice-calc-nogui" failed: ${String(error)}`);
    }
  }
  const found = find();
  if (!found) throw new Error(`soffice not found at ${SOFFICE_CANDIDATES.join(', ')} even after apt-get install`);
  return found;
}

/** Converts `files` into `outDir` with the given --convert-to filter; throws on failure. */
export function convert(files: readonly string[], outDir: string, filter: string, timeoutMs = TIMEOUT_MS): void {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    const run = spawnSync(
      sofficePath(),
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...files],
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.error || run.status !== 0) {
      throw new Error(`soffice failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The CSV exports of `file` (one per sheet, keyed by sheet name), with trailing empty fields
 * and rows dropped: a styled empty cell may widen the used area without changing any value.
 */
export function csvSheets(outDir: string, file: string): Map<string, string> {
  const stem = basename(file).replace(/\.(xlsx|xlsm|xls)$/, '');
  const out = new Map<string, string>();
  for (const f of readdirSync(outDir)) {
    if (!f.startsWith(`${stem}-`) || !f.endsWith('.csv')) continue;
    const text = readFileSync(join(outDir, f), 'utf8')
      .split('\n')
      .map((line) => line.replace(/,+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');
    out.set(f.slice(stem.length + 1, -4), text);
  }
  if (out.size === 0) throw new Error(`LibreOffice wrote no CSV for ${file} in ${outDir}`);
  return out;
}
