/**
 * Test helper: batch conversions with LibreOffice (`soffice --headless --convert-to`), each run
 * with a fresh user profile and a 120 s limit. A missing soffice is an error, not a skip.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

const SOFFICE_CANDIDATES = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice'];
const TIMEOUT_MS = 120_000;

/** CSV, UTF-8 (76), comma/double quote, all sheets (-1) as NAME-Sheet.csv (LibreOffice ≥ 7.2). */
export const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

export function sofficePath(): string {
  const found = SOFFICE_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `LibreOffice (soffice) is not installed: looked for ${SOFFICE_CANDIDATES.join(', ')}. ` +
        'Install libreoffice-calc-nogui; these tests need it to check that annotated copies open with the same values.',
    );
  }
  return found;
}

/** Converts `files` into `outDir` with the given --convert-to filter; throws on failure. */
export function convert(files: readonly string[], outDir: string, filter: string): void {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    const run = spawnSync(
      sofficePath(),
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...files],
      { encoding: 'utf8', timeout: TIMEOUT_MS },
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
  const stem = basename(file).replace(/\.xlsx$/, '');
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
