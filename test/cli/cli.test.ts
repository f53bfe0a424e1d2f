import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { run } from '../../src/cli/main';
import type { RunReport } from '../../src/engine/report';
import { FIXTURES_DIR, fixtures } from '../support/fixtures';
import { readWorkbook as readSnapshot } from '../xlsx/workbook-snapshot';
import { capture } from './support';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A workbook with one sheet holding only `rows` (no table). */
function plainWorkbook(file: string, rows: unknown[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '说明');
  XLSX.writeFile(wb, file);
  return file;
}

describe('check', () => {
  test('a workbook of several offices: each table names the profile that scored it, in JSON and in the text report', async () => {
    const file = path.join(__dirname, '../province-fixtures/m-five-offices-per-sheet.xlsx');
    const report = JSON.parse((await capture(['check', file, '--format', 'json'])).out) as RunReport;
    const f = report.files[0];
    if ('error' in f) throw new Error(f.error);
    const byOffice = new Set(f.tables.filter((t) => t.profile.chosen === 'office').map((t) => t.profile.id));
    expect(byOffice.size).toBeGreaterThanOrEqual(2);
    expect(f.tables.every((t) => t.profile.chosen === 'office' ? t.profile.id !== f.profile.id : t.profile.id === f.profile.id)).toBe(true);
    const text = (await capture(['check', file])).out;
    expect(text).toMatch(/· 规则 \S+（本单位）/);
    expect(text).toMatch(/解释预算执行行 \d+\/\d+，计算值 \d+\/\d+/);
    expect(text).not.toMatch(/budget rows/);
  });

  test('json is the report-format.md object, one entry per file, findings at the truth cells', async () => {
    const fx = fixtures().find((f) => f.name.startsWith('mut'))!;
    const { code, out } = (await capture(['check', fx.file, '--format', 'json']));
    expect(code).toBe(1);
    const report = JSON.parse(out) as RunReport;
    expect(report.tool.name).toBe('selfeval');
    expect(report.files).toHaveLength(1);
    const file = report.files[0];
    if ('error' in file) throw new Error(file.error);
    expect(file.file).toBe(fx.file);
    expect(file.profile.chosen).toBe('auto');
    expect(file.tables).toHaveLength(fx.key.tables.length);
    const errors = new Set(file.findings.filter((f) => f.severity === 'error').map((f) => f.cell));
    for (const t of fx.key.tables) for (const tr of t.truth) expect(errors).toContain(tr.cell);
    const rate = file.findings.find((f) => f.cell === 'H73')!;
    expect(rate).toMatchObject({ code: 'RATE_MISMATCH', severity: 'error', entered: '96.00', expected: '99.00' });
  });

  test('a folder is searched recursively; exit 0 when no file has errors', async () => {
    const sub = path.join(dir, 'a', 'b');
    fs.mkdirSync(sub, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES_DIR, '000-stacked-official.xlsx'), path.join(sub, 'x.xlsx'));
    fs.writeFileSync(path.join(sub, '~$x.xlsx'), 'lock');
    const { code, out } = (await capture(['check', dir, '--format', 'json']));
    expect(code).toBe(0);
    expect((JSON.parse(out) as RunReport).files.map((f) => path.relative(dir, f.file))).toEqual([path.join('a', 'b', 'x.xlsx')]);
  });

  test('text report in Chinese names sheet, cell, expected value and reason; English on request', async () => {
    const file = path.join(FIXTURES_DIR, '004-stacked-flat.xlsx');
    const zh = (await capture(['check', file])).out;
    expect(zh).toContain('[错误] 自评表!H456 INDICATOR_SCORE_MISMATCH  填写 18.00 → 应为 18.33');
    expect(zh).toContain('规则 truncate-rate（自动选择');
    expect(zh).toMatch(/合计：1 个文件，18 张表；错误 1，/);
    const en = (await capture(['check', file, '--lang', 'en'])).out;
    expect(en).toContain('[error] 自评表!H456 INDICATOR_SCORE_MISMATCH  entered 18.00 → expected 18.33');
  });

  test('csv: one finding per row with a header and a BOM', async () => {
    const { out } = (await capture(['check', path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), '--format', 'csv']));
    const lines = out.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(out.startsWith('\ufeff')).toBe(true);
    expect(lines[0]).toBe('file,sheet,cell,severity,code,entered,expected,message,table');
    expect(lines.some((l) => l.includes(',自评表,H456,error,INDICATOR_SCORE_MISMATCH,18.00,18.33,'))).toBe(true);
  });

  test('--profile picks a profile by hand; an unknown one is a usage error', async () => {
    const file = path.join(FIXTURES_DIR, '000-stacked-official.xlsx');
    const national = JSON.parse((await capture(['check', file, '--profile', 'national', '--format', 'json'])).out) as RunReport;
    const f = national.files[0];
    if ('error' in f) throw new Error(f.error);
    expect(f.profile).toMatchObject({ id: 'national', chosen: 'user' });
    expect(f.findings.filter((x) => x.code === 'RATE_ROUNDING').map((x) => x.cell)).toEqual(['H5', 'H28']);
    const bad = (await capture(['check', file, '--profile', 'nope']));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown profile "nope"');
  });
});

describe('csv injection (OWASP)', () => {
  test('a sheet name that would be a formula is written as text; numbers stay numbers', async () => {
    const wb = XLSX.read(fs.readFileSync(path.join(FIXTURES_DIR, '004-stacked-flat.xlsx')));
    const hostile = '=HYPERLINK("x","y")';
    wb.SheetNames[0] = hostile;
    wb.Sheets[hostile] = wb.Sheets['自评表'];
    delete wb.Sheets['自评表'];
    const file = path.join(dir, 'hostile.xlsx');
    XLSX.writeFile(wb, file);
    const { out } = await capture(['check', file, '--format', 'csv']);
    const rows = out.replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain(`,"'=HYPERLINK(""x"",""y"")",`);
    expect(rows.some((r) => r.includes(',INDICATOR_SCORE_MISMATCH,18,18.33,'))).toBe(true);
  });
});

describe('bad input: one clear line each, the batch goes on, exit 2', () => {
  test.each([
    ['not an .xlsx', (f: string) => fs.writeFileSync(f, 'hello, this is text'), '不是 Excel 工作簿'],
    ['a corrupt zip', (f: string) => fs.writeFileSync(f, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)])), '文件损坏'],
    ['a broken compound file', (f: string) => fs.writeFileSync(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])), '复合文档已损坏'],
    ['an empty file', (f: string) => fs.writeFileSync(f, ''), '文件为空'],
    ['a zip without a workbook', (f: string) => fs.writeFileSync(f, zipSync({ 'hello.txt': new TextEncoder().encode('hi') })), '不是 Office Open XML'],
  ])('%s', async (_name, make, reason) => {
    const bad = path.join(dir, 'bad.xlsx');
    make(bad);
    const good = path.join(dir, 'good.xlsx');
    fs.copyFileSync(path.join(FIXTURES_DIR, '000-stacked-official.xlsx'), good);
    const { code, out, err } = (await capture(['check', bad, good, '--format', 'json', '--jobs', '1'])); // in parallel: parallel.test.ts
    expect(code).toBe(2);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(bad);
    expect(lines[0]).toContain(reason);
    const report = JSON.parse(out) as RunReport;
    expect(report.files.map((f) => ('error' in f ? 'unreadable' : f.tables.length))).toEqual(['unreadable', 3]);
  });

  test('a sheet with no table is a notice naming the sheet; exit 0', async () => {
    const f = plainWorkbook(path.join(dir, 'plain.xlsx'), [['这里没有自评表'], [1, 2, 3]]);
    const json = (await capture(['check', f, '--format', 'json']));
    expect(json.code).toBe(0);
    const file = (JSON.parse(json.out) as RunReport).files[0];
    if ('error' in file) throw new Error(file.error);
    expect(file.notices).toEqual([{ sheet: '说明', cell: null, message: '此工作表没有找到自评表（没有「项目名称」）' }]);
    expect(json.err).toBe(`${f}: 说明: 此工作表没有找到自评表（没有「项目名称」）\n`);
    expect((await capture(['check', f])).out).toContain('! 说明: 此工作表没有找到自评表');
  });

  test('an empty workbook (one empty sheet) is a notice too', async () => {
    const f = plainWorkbook(path.join(dir, 'empty.xlsx'), []);
    const r = (await capture(['check', f]));
    expect(r.code).toBe(0);
    expect(r.out).toContain('! 说明: 此工作表没有找到自评表');
  });

  test('a progress bar on a terminal for several files, nothing when not a terminal', async () => {
    const files = [0, 1, 2].map((i) => {
      const f = path.join(dir, `f${i}.xlsx`);
      fs.copyFileSync(path.join(FIXTURES_DIR, '000-stacked-official.xlsx'), f);
      return f;
    });
    let err = '';
    await run(['check', ...files, '--format', 'json', '--jobs', '1'], { stdout: () => undefined, stderr: (s) => (err += s), stderrIsTty: true });
    expect(err).toContain('3/3');
    expect(err.endsWith('\n')).toBe(true);
    expect((await capture(['check', ...files, '--format', 'json'])).err).toBe('');
  });

  test('usage errors', async () => {
    expect((await capture(['check'])).code).toBe(2);
    expect((await capture(['check', 'x.xlsx', '--format', 'xml'])).code).toBe(2);
    for (const [flag, value, says] of [['--jobs', '0', '--jobs 需要'], ['--jobs', 'many', '--jobs 需要'], ['--summary', 'out.csv', '--summary 需要一个 .xlsx']]) {
      const r = await capture(['check', 'x.xlsx', flag, value]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(says);
    }
    expect((await capture(['frobnicate'])).code).toBe(2);
    expect((await capture(['check', path.join(dir, 'missing.xlsx')])).err).toContain('找不到');
    expect((await capture(['--help'])).code).toBe(0);
  });
});

describe('the installed command', () => {
  const bin = path.resolve(__dirname, '../../bin/selfeval.js');

  test('exit codes as documented: 1 errors found, 0 none, 2 unreadable', () => {
    const node = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    expect(node(['check', path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), '--format', 'json']).status).toBe(1);
    expect(node(['check', path.join(FIXTURES_DIR, '000-stacked-official.xlsx')]).status).toBe(0);
    const bad = path.join(dir, 'x.xlsx');
    fs.writeFileSync(bad, 'nope');
    const r = node(['check', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不是 Excel 工作簿');
  });
});

describe('--annotate and clear', () => {
  test('the annotated copy marks exactly the finding cells; the original is untouched; clear gives it back', async () => {
    const fx = fixtures().find((f) => f.name.startsWith('mut'))!;
    const input = path.join(dir, 'in', fx.name);
    fs.mkdirSync(path.dirname(input));
    fs.copyFileSync(fx.file, input);
    const before = fs.readFileSync(input);
    const { code, out, err } = (await capture(['check', input, '--annotate', path.join(dir, 'out'), '--format', 'json']));
    expect(code).toBe(1);
    expect(err).toContain(path.join('out', fx.name));
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const annotatedFile = path.join(dir, 'out', fx.name);
    const annotated = readSnapshot(fs.readFileSync(annotatedFile));
    const original = readSnapshot(before);
    const file = (JSON.parse(out) as RunReport).files[0];
    if ('error' in file) throw new Error(file.error);
    const marked = new Set(file.findings.map((f) => `${f.sheet}!${f.cell}`));
    for (const [sheet, view] of original.sheets) {
      const after = annotated.sheets.get(sheet)!;
      for (const a of new Set([...view.addresses, ...after.addresses])) {
        const o = view.cell(a);
        const n = after.cell(a);
        expect(n.content).toEqual(o.content);
        expect({ ...n.style, fill: '' }).toEqual({ ...o.style, fill: '' });
        if (marked.has(`${sheet}!${a}`)) {
          expect(n.notes.join('\n')).toContain('【selfeval】');
          expect(n.style.fill).not.toEqual(o.style.fill);
        } else {
          expect(n).toEqual(o);
        }
      }
    }
    const error = file.findings.find((f) => f.cell === 'H73')!;
    expect(annotated.sheets.get(error.sheet)!.cell('H73').notes.join('\n')).toContain('RATE_MISMATCH');

    const cleared = path.join(dir, 'cleared.xlsx');
    const c = (await capture(['clear', annotatedFile, '--out', cleared]));
    expect(c.code).toBe(0);
    expect(c.out).toContain(`removed ${marked.size} marks`);
    const back = readSnapshot(fs.readFileSync(cleared));
    for (const [sheet, view] of original.sheets) for (const a of view.addresses) expect(back.sheets.get(sheet)!.cell(a)).toEqual(view.cell(a));
  });

  test('--summary and --out never overwrite a file being checked', async () => {
    const input = path.join(dir, 'x.xlsx');
    fs.copyFileSync(path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), input);
    const before = fs.readFileSync(input);
    for (const flag of ['--summary', '--out']) {
      const r = (await capture(['check', dir, flag, input]));
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${flag} 不能覆盖要检查的文件`);
    }
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test('--annotate never overwrites the file it checks', async () => {
    const input = path.join(dir, 'x.xlsx');
    fs.copyFileSync(path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), input);
    const before = fs.readFileSync(input);
    const r = (await capture(['check', input, '--annotate', dir]));
    expect(r.code).toBe(2);
    expect(r.err).toContain('不能覆盖原文件');
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });
});
