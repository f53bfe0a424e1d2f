/**
 * OpenDocument spreadsheets (.ods, LibreOffice's own format): the fixtures saved as .ods by
 * LibreOffice give the engine what the .xlsx files give; they are checked, never annotated or
 * cleared; other OpenDocument files get one clear line.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { strToU8, zipSync } from 'fflate';
import { tmpdir } from 'os';
import path from 'path';
import { checkWorkbook } from '../../src/engine';
import { readWorkbookContent, UnreadableWorkbookError } from '../../src/xlsx/read';
import { PROVINCE_FIXTURES_DIR, fixtureWorkbooks } from '../support/fixtures';
import { convert } from './libreoffice';

const BIN = path.resolve(__dirname, '../../bin/selfeval.js');

let work: string;
const files = fixtureWorkbooks();
const odsOf = (file: string) => path.join(work, path.basename(file).replace(/\.xlsx$/, '.ods'));

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ods-'));
  convert(files, work, 'ods');
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Compared: each table (anchor, project, profile, form, rows) and each finding (cell, code,
 * severity, expected value), and every notice. Not compared: how an entered value is spelt —
 * SheetJS ignores a column's default cell style, so a number formatted only through its column
 * (LibreOffice writes such cells) reads without that format's decimals ("25" for 25.00).
 */
test('every fixture saved as .ods by LibreOffice is checked as its .xlsx is: the same tables, verdicts and notices', () => {
  let findings = 0;
  for (const file of files) {
    const name = path.basename(file);
    const lines = (bytes: Uint8Array) => {
      const content = readWorkbookContent(bytes);
      const report = checkWorkbook(content.sheets, { lang: 'zh' });
      findings += report.findings.length;
      return [
        ...report.tables.map((t) => [t.sheet, t.anchor, t.project, t.profile.id, t.form, t.indicators.length]),
        ...report.findings.map((f) => [f.sheet, f.cell, f.code, f.severity, f.expected]),
        ...report.notices,
        ...content.notices,
      ].map((x) => `${name} ${JSON.stringify(x)}`);
    };
    const ods = readFileSync(odsOf(file));
    expect(readWorkbookContent(ods).format).toBe('ods');
    expect(lines(ods)).toEqual(lines(readFileSync(file)));
  }
  expect(findings).toBeGreaterThan(500); // what is compared holds something
});

test('the checker reports on an .ods, and says in one line that it cannot annotate or clear one', () => {
  const ods = odsOf(path.join(PROVINCE_FIXTURES_DIR, 'p5-hubei.xlsx'));
  const before = readFileSync(ods);
  const out = path.join(work, 'annotated');
  let stderr = '';
  try {
    execFileSync('node', [BIN, 'check', ods, '--format', 'json', '--annotate', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const run = e as { status: number; stdout: string; stderr: string };
    expect(run.status).toBe(1); // errors found
    expect(JSON.parse(run.stdout).files[0].tables.length).toBeGreaterThan(0);
    stderr = run.stderr;
  }
  expect(stderr).toContain('OpenDocument 表格 (.ods) 无法写标注副本');
  expect(stderr).not.toMatch(/ODS number format/); // SheetJS's own warnings stay quiet
  expect(() => execFileSync('node', [BIN, 'clear', ods], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/OpenDocument 表格 \(\.ods\) 没有 selfeval 标记/);
  expect(readFileSync(ods).equals(before)).toBe(true); // left as it was
  expect(existsSync(out) ? readdirSync(out, { recursive: true }) : []).toEqual([]); // and no copy written
});

test('an OpenDocument file that is not a spreadsheet is one clear line', () => {
  const odt = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') });
  expect(() => readWorkbookContent(odt)).toThrow(UnreadableWorkbookError);
  expect(() => readWorkbookContent(odt)).toThrow('不是表格');
});
