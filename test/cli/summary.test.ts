/**
 * `--summary FILE.xlsx`, read back three ways: the project's own reader (values and number
 * formats), SheetJS (hyperlinks, fills, filters, formulas) and LibreOffice (the same values when
 * another spreadsheet opens it); the frozen header straight from the sheet XML.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import type { CheckedFile, RunReport } from '../../src/engine/report';
import { readWorkbook } from '../../src/xlsx/read';
import { FIXTURES_DIR } from '../support/fixtures';
import { convert, CSV_ALL_SHEETS, csvSheets } from '../xlsx/libreoffice';
import { capture, HOSTILE, hostileWorkbook } from './support';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-summary-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SUMMARY_HEAD = ['文件', '工作表', '项目名称', '主管部门', '实施单位', '年度', '规则', '填写总分', '核算总分', '全部改正后总分', '填写等级', '核算等级', '错误', '提示', '未核'];
const FINDINGS_HEAD = ['文件', '工作表', '单元格', '项目名称', '级别', '代码', '填写值', '应为', '说明'];

/** A folder of two fixtures, a workbook with hostile texts and a file that is not a workbook. */
function inputs(): string {
  const input = path.join(dir, 'in');
  fs.mkdirSync(path.join(input, '区县'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), path.join(input, '区县', '闵行.xlsx'));
  fs.copyFileSync(path.join(FIXTURES_DIR, 'mut-shared-official.xlsx'), path.join(input, 'mut.xlsx'));
  hostileWorkbook(path.join(input, 'hostile.xlsx'));
  fs.writeFileSync(path.join(input, 'broken.xlsx'), 'not a workbook');
  return input;
}

type Row = Array<string | number | boolean | null>;

/** Each sheet's rows as the project's reader gives them (values only). */
function rowsOf(bytes: Uint8Array): Map<string, Row[]> {
  return new Map(readWorkbook(bytes).map((g) => [g.name, Array.from(g.cells, (r) => Array.from(r ?? [], (c) => c?.value ?? null))]));
}

/** Each sheet's values as text (LibreOffice's CSV export writes stored values, not formatted ones). */
function texts(bytes: Uint8Array): Map<string, string[][]> {
  return new Map([...rowsOf(bytes)].map(([name, rows]) => [name, rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]));
}

/** RFC 4180 rows of LibreOffice's CSV export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  row.push(field);
  rows.push(row);
  return rows;
}

const unescapeXml = (s: string) => s.replace(/&(apos|quot|lt|gt|amp);/g, (_, e: string) => ({ apos: "'", quot: '"', lt: '<', gt: '>', amp: '&' })[e]!);

/** A sheet's hyperlinks straight from its XML: cell → the relationship's target file and the location in it. */
function linksOf(xlsx: Uint8Array, sheetIndex: number): Map<string, { file: string; location: string }> {
  const parts = unzipSync(xlsx);
  const rels = new Map<string, string>();
  for (const m of strFromU8(parts[`xl/worksheets/_rels/sheet${sheetIndex}.xml.rels`]).matchAll(/<Relationship Id="(\w+)" Type="[^"]*\/hyperlink" Target="([^"]*)" TargetMode="External"\/>/g)) rels.set(m[1], unescapeXml(m[2]));
  const out = new Map<string, { file: string; location: string }>();
  for (const m of strFromU8(parts[`xl/worksheets/sheet${sheetIndex}.xml`]).matchAll(/<hyperlink ref="(\w+)" r:id="(\w+)" location="([^"]*)"\/>/g)) out.set(m[1], { file: rels.get(m[2])!, location: unescapeXml(m[3]) });
  return out;
}

const trimmed = (rows: string[][]) => rows.map((r) => r.join('\u0001').replace(/\u0001+$/, '')).join('\n').replace(/\n+$/, '');

describe('--summary', () => {
  let report: RunReport;
  let summary: string;
  let bytes: Uint8Array;
  let sheetjs: XLSX.WorkBook;
  const checked = () => report.files.filter((f): f is CheckedFile => !('error' in f));

  beforeAll(async () => {
    const input = inputs();
    summary = path.join(dir, 'out', '汇总.xlsx');
    const r = await capture(['check', input, '--annotate', path.join(dir, 'out', '标注'), '--summary', summary, '--format', 'json', '--jobs', '1']);
    expect(r.code).toBe(2); // broken.xlsx
    expect(r.err).toContain(`汇总工作簿 (summary workbook): ${summary}`);
    report = JSON.parse(r.out) as RunReport;
    bytes = fs.readFileSync(summary);
    sheetjs = XLSX.read(bytes, { cellStyles: true, cellFormula: true });
  });

  test('汇总: one row per table with its project, offices, profile, totals, grades and counts', () => {
    const rows = rowsOf(bytes).get('汇总')!;
    expect(rows[0]).toEqual(SUMMARY_HEAD);
    const expected = checked().flatMap((f) =>
      f.tables.map((t) => {
        const own = f.findings.filter((x) => x.sheet === t.sheet && x.table === t.anchor);
        const count = (s: string) => own.filter((x) => x.severity === s).length;
        const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
        return [f.file, t.sheet, t.project, t.year, `${t.profile.id}（${t.profile.chosen === 'auto' ? '自动' : t.profile.chosen === 'user' ? '指定' : '按单位'}）`,
          num(t.total.score?.entered), num(t.total.score?.computed), num(t.total.rulesTotal), t.total.grade?.entered ?? null, t.total.grade?.computed ?? null,
          count('error'), count('warning'), count('info')];
      }),
    );
    const pick = (r: Row) => [0, 1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((i) => r[i] ?? null);
    expect(rows.slice(1).map(pick)).toEqual(expected);
    expect(rows.length - 1).toBe(checked().reduce((n, f) => n + f.tables.length, 0));
    // The offices come from the cells right of 主管部门 / 实施单位.
    const minhang = rows.filter((r) => String(r[0]).endsWith('闵行.xlsx'));
    expect(minhang.length).toBeGreaterThan(10);
    for (const r of minhang) expect([r[3], r[4]]).toEqual(['上海市闵行区人民政府办公室(汇总)', '上海市闵行区人民政府办公室']);
  });

  test('totals are numbers showing their decimals; rows with errors are filled, others not', () => {
    const grid = readWorkbook(bytes).find((g) => g.name === '汇总')!;
    const withTotal = grid.cells.slice(1).filter((r) => typeof r?.[7]?.value === 'number');
    expect(withTotal.length).toBeGreaterThan(10);
    for (const r of withTotal) expect(r![7]!.format).toMatch(/^0(\.0+)?$/);
    const ws = sheetjs.Sheets['汇总'];
    const rows = rowsOf(bytes).get('汇总')!;
    let filled = 0;
    rows.slice(1).forEach((r, i) => {
      const fill = ws[`C${i + 2}`]?.s?.fgColor?.rgb;
      expect(fill === 'FFC7CE').toBe((r[12] as number) > 0);
      if (fill) filled++;
    });
    expect(filled).toBeGreaterThan(0);
  });

  test('header frozen and filters on, on both lists', () => {
    const parts = unzipSync(bytes);
    for (const [name, n] of [['汇总', SUMMARY_HEAD.length], ['问题清单', FINDINGS_HEAD.length]] as const) {
      const ws = sheetjs.Sheets[name];
      expect(ws['!autofilter']?.ref).toBe(`A1:${XLSX.utils.encode_col(n - 1)}${XLSX.utils.decode_range(ws['!ref']!).e.r + 1}`);
      const index = sheetjs.SheetNames.indexOf(name) + 1;
      expect(strFromU8(parts[`xl/worksheets/sheet${index}.xml`])).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
      expect((ws['!cols'] ?? []).length).toBeGreaterThanOrEqual(n);
    }
  });

  test('问题清单: one row per finding; its cell links to the annotated copy at that cell', () => {
    const rows = rowsOf(bytes).get('问题清单')!;
    expect(rows[0]).toEqual(FINDINGS_HEAD);
    const all = checked().flatMap((f) => f.findings.map((x) => ({ file: f.file, ...x })));
    expect(rows.length - 1).toBe(all.length);
    const links = linksOf(bytes, 2);
    expect(links.size).toBe(all.length);
    const sev = { error: '错误', warning: '提示', info: '未核' };
    all.forEach((x, i) => {
      const r = rows[i + 1];
      expect([r[0], r[1], r[2], r[4], r[5], r[8]]).toEqual([x.file, x.sheet, x.cell, sev[x.severity], x.code, x.message]);
      if (x.expected !== null && /^-?\d+(\.\d+)?$/.test(x.expected)) expect(r[7]).toBe(Number(x.expected));
      const { file, location } = links.get(`C${i + 2}`)!;
      const copy = path.resolve(path.dirname(summary), file);
      expect(copy).toBe(path.resolve(dir, 'out', '标注', path.relative(path.join(dir, 'in'), x.file)));
      expect(location).toBe(`'${x.sheet.replace(/'/g, "''")}'!${x.cell}`);
      expect(fs.existsSync(copy)).toBe(true);
    });
    const h73 = all.findIndex((x) => x.cell === 'H73' && x.code === 'RATE_MISMATCH');
    expect(rows[h73 + 1].slice(6, 8)).toEqual([96, 99]);
  });

  test('without --annotate the links open the original files', async () => {
    const other = path.join(dir, 'plain.xlsx');
    const original = path.join(FIXTURES_DIR, '004-stacked-flat.xlsx');
    expect((await capture(['check', original, '--summary', other, '--format', 'json'])).code).toBe(1);
    const { file, location } = linksOf(fs.readFileSync(other), 2).get('C2')!;
    expect(path.resolve(dir, file)).toBe(original);
    expect(location).toBe(`'自评表'!${rowsOf(fs.readFileSync(other)).get('问题清单')![1][2]}`);
  });

  test('说明: date, version, each file\'s profile choice, the file that could not be read and why', () => {
    const rows = rowsOf(bytes).get('说明')!;
    const byKey = new Map(rows.filter((r) => r.length >= 2).map((r) => [r[0], r[1]]));
    expect(String(byKey.get('核分时间'))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(byKey.get('selfeval 版本')).toBe(report.tool.version);
    for (const f of checked()) {
      const row = rows.find((r) => r[0] === f.file && r[1] === f.profile.id)!;
      const p = f.profile;
      expect(row.slice(2, 4)).toEqual(['自动', `解释预算执行行 ${p.budgetRowsExplained}/${p.budgetRows}，计算值 ${p.explained}/${p.checked}`]);
    }
    const broken = report.files.find((f) => 'error' in f)!;
    expect(rows.find((r) => r[0] === broken.file)?.[1]).toBe((broken as { error: string }).error);
    expect(rows.some((r) => r[0] === '无法读取的文件')).toBe(true);
  });

  test('text from the workbooks is text, never a formula (also when typed again: Text format)', () => {
    const rows = rowsOf(bytes).get('汇总')!;
    const hostile = rows.find((r) => String(r[0]).endsWith('hostile.xlsx'))!;
    expect(hostile.slice(1, 5)).toEqual([HOSTILE.sheet, HOSTILE.project, HOSTILE.department, HOSTILE.implementer]);
    const grid = readWorkbook(bytes).find((g) => g.name === '汇总')!;
    const r = rows.indexOf(hostile);
    for (const c of [1, 2, 3, 4]) expect(grid.cells[r]![c]!.format).toBe('@');
    for (const name of sheetjs.SheetNames) {
      const ws = sheetjs.Sheets[name];
      for (const k of Object.keys(ws)) if (!k.startsWith('!')) expect(ws[k].f).toBeUndefined();
    }
    expect(strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'])).not.toContain('<f>');
  });

  test('LibreOffice opens it with the same values as the project\'s reader', () => {
    const out = path.join(dir, 'lo');
    fs.mkdirSync(out);
    convert([summary], out, CSV_ALL_SHEETS);
    const lo = csvSheets(out, summary);
    const ours = texts(bytes);
    expect([...lo.keys()].sort()).toEqual([...ours.keys()].sort());
    for (const [name, rows] of ours) expect(trimmed(parseCsv(lo.get(name)!))).toBe(trimmed(rows));
    expect(lo.get('汇总')).toContain(HOSTILE.project.replace(/"/g, '""'));
  });
});
