import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { type Mark, SEVERITY_FILL } from '../../src/engine/marks';
import type { Severity } from '../../src/engine/report';
import { WorkbookFormatError, annotateWorkbook, clearWorkbook } from '../../src/xlsx/annotate';
import { CSV_ALL_SHEETS, convert, csvSheets } from './libreoffice';
import { SHEET_DATA, SHEET_NOTES, SHEET_RD, USER_NOTES, makeWorkbook } from './make-workbook';
import { packageProblems } from './package-checks';
import { type WorkbookView, readWorkbook, unzipText } from './workbook-snapshot';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');
/** The note format documented in src/xlsx/annotate.ts: a marker line first, a state line last. */
const NOTE_MARKER = '【selfeval】';
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const STATE_LINE = /^selfeval:(?:s=(?:\d+|none)|cell=new(?: row=(?:new|opened))?)$/;
const TRICKY = '含 <尖括号> & "双引号" \'单引号\'\r\n第二行 _x0041_ \u0007 😀';

interface FixtureKey {
  tables: Array<{
    sheet: string;
    anchor: string;
    cells: Record<string, string>;
    truth: Array<{ sheet: string; cell: string; category: string; entered: string; expected: string }>;
  }>;
}

interface Case {
  name: string;
  file?: string;
  bytes: Uint8Array;
  marks: Mark[];
}

/** Marks from a fixture's key: every truth cell as an error, some fields as warning/info, one
 * duplicate, an empty cell in an existing row, one in a new row and a merged area's top-left
 * (when the layout has merged areas). */
function fixtureMarks(key: FixtureKey, view: WorkbookView): Mark[] {
  const marks: Mark[] = key.tables.flatMap((t) =>
    t.truth.map((x) => ({
      sheet: x.sheet,
      cell: x.cell,
      severity: 'error' as const,
      note: `[错误 ${x.category}] 填报 ${x.entered}，应为 ${x.expected}\n· ${TRICKY}`,
    })),
  );
  const first = key.tables[0];
  const sheet = view.sheets.get(first.sheet);
  if (!sheet) throw new Error(`fixture has no sheet ${first.sheet}`);
  const add = (cell: string, severity: Severity, note: string): void => {
    marks.push({ sheet: first.sheet, cell, severity, note });
  };
  add(first.cells['funds.rate'], 'warning', '[提示 RATE] 舍入差异\n应为：78.24%');
  add(first.cells.totalWeight, 'info', '[未核] 权重合计 <未读>');
  add(first.cells['indicators.0.score'], 'info', '同一单元格的第一条');
  add(first.cells['indicators.0.score'], 'warning', '同一单元格的第二条');
  const anchorRow = XLSX.utils.decode_cell(first.anchor).r + 1;
  const empty = ['K', 'L', 'M', 'N'].map((c) => `${c}${anchorRow}`).find((a) => !sheet.addresses.has(a));
  if (!empty) throw new Error('no empty cell found');
  add(empty, 'warning', '空单元格');
  const lastRow = Math.max(...[...sheet.addresses].map((a) => XLSX.utils.decode_cell(a).r + 1));
  add(`C${lastRow + 3}`, 'info', '新行');
  // The flat layout has no merged areas; the made workbook covers them as well.
  const merged = sheet.merges.find((m) => !marks.some((k) => k.cell === m.split(':')[0]));
  if (merged) add(merged.split(':')[0], 'error', '合并区域');
  return marks;
}

const MADE_MARKS: Mark[] = [
  { sheet: SHEET_DATA, cell: 'A1', severity: 'warning', note: '自定义格式的单元格' },
  { sheet: SHEET_DATA, cell: '$A$1', severity: 'error', note: `同一单元格第二条 ${TRICKY}` },
  { sheet: SHEET_DATA, cell: 'b7', severity: 'warning', note: '合并区域内部 → 左上角' },
  { sheet: SHEET_DATA, cell: 'E2', severity: 'info', note: '列样式的空单元格' },
  { sheet: SHEET_DATA, cell: 'B3', severity: 'warning', note: '行样式的空单元格' },
  { sheet: SHEET_DATA, cell: 'B4', severity: 'error', note: '空的 <row/>' },
  { sheet: SHEET_DATA, cell: 'C5', severity: 'info', note: '不存在的行' },
  { sheet: SHEET_DATA, cell: 'C2', severity: 'error', note: '公式单元格' },
  { sheet: SHEET_NOTES, cell: 'B2', severity: 'error', note: '已有富文本批注' },
  { sheet: SHEET_NOTES, cell: 'C5', severity: 'warning', note: '已有纯文本批注' },
  { sheet: SHEET_NOTES, cell: 'A1', severity: 'info', note: '已有批注部件中的新批注' },
  { sheet: SHEET_RD, cell: 'B3', severity: 'error', note: '空表' },
];

function loadCases(): Case[] {
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => {
      const file = path.join(FIXTURES, f);
      const bytes = new Uint8Array(readFileSync(file));
      const key = JSON.parse(readFileSync(file.replace(/\.xlsx$/, '.key.json'), 'utf8')) as FixtureKey;
      return { name: f, file, bytes, marks: fixtureMarks(key, readWorkbook(bytes)) };
    });
  return [...fixtures, { name: 'made: 3 sheets, users’ notes, custom styles', bytes: makeWorkbook(), marks: MADE_MARKS }];
}

const CASES = loadCases();

interface Expected {
  severity: Severity;
  notes: string[];
}

function topLeft(view: WorkbookView, sheet: string, cell: string): string {
  const { r, c } = XLSX.utils.decode_cell(cell.replace(/\$/g, '').toUpperCase());
  const merge = view.sheets
    .get(sheet)
    ?.merges.map((m) => XLSX.utils.decode_range(m))
    .find((m) => m.s.r <= r && r <= m.e.r && m.s.c <= c && c <= m.e.c);
  return XLSX.utils.encode_cell(merge ? merge.s : { r, c });
}

/** What each marked cell (`sheet!A1`) should show: merged areas through their top-left, one note per cell. */
function expectedMarks(marks: readonly Mark[], view: WorkbookView): Map<string, Expected> {
  const out = new Map<string, Expected>();
  for (const m of marks) {
    const key = `${m.sheet}!${topLeft(view, m.sheet, m.cell)}`;
    const seen = out.get(key);
    if (!seen) out.set(key, { severity: m.severity, notes: [m.note] });
    else {
      if (RANK[m.severity] < RANK[seen.severity]) seen.severity = m.severity;
      seen.notes.push(m.note);
    }
  }
  return out;
}

function solidFill(fill: string, rgb: string): boolean {
  return /patternType="solid"/.test(fill) && new RegExp(`<fgColor rgb="FF${rgb}"/>`, 'i').test(fill);
}

/** Every visible difference between two versions, except the expected fills and notes. */
function differences(before: WorkbookView, after: WorkbookView, expected: ReadonlyMap<string, Expected>): string[] {
  const diffs: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${what}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  };
  same('sheets', before.sheetNames, after.sheetNames);
  same('defined names / sheet states', before.workbookMeta, after.workbookMeta);
  for (const [name, b] of before.sheets) {
    const a = after.sheets.get(name);
    if (!a) continue;
    same(`${name} merges`, b.merges, a.merges);
    same(`${name} column widths`, b.cols, a.cols);
    same(`${name} row heights`, b.rows, a.rows);
    for (const address of new Set([...b.addresses, ...a.addresses])) {
      const where = `${name}!${address}`;
      const x = b.cell(address);
      const y = a.cell(address);
      same(`${where} content`, x.content, y.content);
      const { fill: fillBefore, ...restBefore } = x.style;
      const { fill: fillAfter, ...restAfter } = y.style;
      same(`${where} style`, restBefore, restAfter);
      const mark = expected.get(where);
      if (!mark) {
        same(`${where} fill`, fillBefore, fillAfter);
        same(`${where} notes`, x.notes, y.notes);
        continue;
      }
      if (!solidFill(fillAfter, SEVERITY_FILL[mark.severity])) diffs.push(`${where}: fill ${fillAfter} is not ${mark.severity}`);
      const prefix = x.notes.length > 0 ? `${x.notes.join('')}\n\n` : '';
      const text = y.notes.join('');
      const lines = text.slice(prefix.length).split('\n');
      const body = `${NOTE_MARKER}\n${mark.notes.join('\n\n').replace(/\r\n/g, '\n')}\n`;
      if (y.notes.length !== 1 || !text.startsWith(prefix + body) || !STATE_LINE.test(lines[lines.length - 1])) {
        diffs.push(`${where}: note ${JSON.stringify(text)} is not ${JSON.stringify(prefix + body)}+state`);
      }
    }
  }
  return diffs;
}

function entries(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** Entry names whose bytes differ (or exist in only one of the two). */
function changedEntries(a: Uint8Array, b: Uint8Array): string[] {
  const x = entries(a);
  const y = entries(b);
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => !sameBytes(x.get(k), y.get(k)));
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const before = readWorkbook(c.bytes);
  const expected = expectedMarks(c.marks, before);
  let annotated: Uint8Array;
  beforeAll(() => {
    annotated = annotateWorkbook(c.bytes, c.marks);
  });

  test('annotating only reads the original', () => {
    const copy = c.bytes.slice();
    const fileHash = c.file ? sha(readFileSync(c.file)) : '';
    annotateWorkbook(c.bytes, c.marks);
    expect(sameBytes(c.bytes, copy)).toBe(true);
    if (c.file) expect(sha(readFileSync(c.file))).toBe(fileHash);
  });

  test('the copy differs from the original only in the fills and notes of the marked cells', () => {
    expect(expected.size).toBeGreaterThan(0);
    expect(differences(before, readWorkbook(annotated), expected)).toEqual([]);
  });

  test('only the parts marks need are rewritten; the others keep their bytes and their order', () => {
    const changed = changedEntries(c.bytes, annotated);
    const allowed = /^(\[Content_Types\]\.xml|xl\/styles\.xml|xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|xl\/comments\d+\.xml|xl\/drawings\/vmlDrawing\d+\.vml)$/;
    expect(changed.filter((e) => !allowed.test(e))).toEqual([]);
    const originalOrder = [...entries(c.bytes).keys()];
    const annotatedOrder = [...entries(annotated).keys()];
    expect(annotatedOrder.slice(0, originalOrder.length)).toEqual(originalOrder);
  });

  test('the copy is a valid package (what Excel checks before offering a repair)', () => {
    expect(packageProblems(c.bytes)).toEqual([]);
    expect(packageProblems(annotated)).toEqual([]);
  });

  test('clearing gives back every zip entry byte for byte', () => {
    const { bytes, removed } = clearWorkbook(annotated);
    expect(removed).toBe(expected.size);
    expect([...entries(bytes).keys()]).toEqual([...entries(c.bytes).keys()]);
    expect(changedEntries(c.bytes, bytes)).toEqual([]);
    expect(differences(before, readWorkbook(bytes), new Map())).toEqual([]);
  });

  test('annotating an annotated copy replaces the marks instead of stacking them', () => {
    const fewer = c.marks.slice(1, 4);
    const again = annotateWorkbook(annotated, fewer);
    expect(changedEntries(annotateWorkbook(c.bytes, fewer), again)).toEqual([]);
    expect(changedEntries(annotated, annotateWorkbook(annotated, c.marks))).toEqual([]);
  });

  test('clearing a workbook without marks changes nothing', () => {
    const { bytes, removed } = clearWorkbook(c.bytes);
    expect(removed).toBe(0);
    expect(sameBytes(bytes, c.bytes)).toBe(true);
  });
});

describe('the made workbook in detail', () => {
  const original = makeWorkbook();
  const annotated = annotateWorkbook(original, MADE_MARKS);
  const view = readWorkbook(annotated);
  const files = unzipText(annotated);
  const cell = (sheet: string, address: string) => view.sheets.get(sheet)?.cell(address);

  test('a custom-styled cell keeps its font, border, alignment and protection under the mark fill', () => {
    const style = cell(SHEET_DATA, 'A1')?.style;
    expect(style?.font).toContain('<b/><i/><sz val="12"/><color rgb="FFFF0000"/><name val="宋体"/>');
    expect(style?.border).toContain('<left style="thick">');
    expect(style?.alignment).toBe('<alignment horizontal="center" vertical="top" wrapText="1"/>');
    expect(style?.protection).toBe('<protection locked="0"/>');
    expect(solidFill(style?.fill ?? '', SEVERITY_FILL.error)).toBe(true);
  });

  test('two marks on a cell give one note with the most severe fill', () => {
    expect(cell(SHEET_DATA, 'A1')?.notes).toEqual([expect.stringContaining('自定义格式的单元格\n\n同一单元格第二条')]);
  });

  test('a mark inside a merged area goes to its top-left cell', () => {
    expect(cell(SHEET_DATA, 'A6')?.notes[0]).toContain('合并区域内部');
    expect(cell(SHEET_DATA, 'B7')?.notes).toEqual([]);
  });

  test('empty cells are created in order, from the style they showed (column, row, none)', () => {
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toMatch(/<row r="2"><c r="A2"[^>]*>.*?<\/c><c r="B2".*?<\/c><c r="C2".*?<\/c><c r="E2" s="\d+"\/><\/row>/);
    expect(sheet).toMatch(/<row r="3" s="5" customFormat="1"><c r="A3" s="5"><v>3<\/v><\/c><c r="B3" s="\d+"\/><\/row>/);
    // An empty <row/> is opened as `<row … >` (see appendChildEdit), so that clearing can close it again exactly.
    expect(sheet).toMatch(/<row r="4" ht="20" customHeight="1" ><c r="B4" s="\d+"\/><\/row><row r="5"><c r="C5" s="\d+"\/><\/row><row r="6">/);
    expect(cell(SHEET_DATA, 'E2')?.style.border).toContain('thick');
    expect(cell(SHEET_DATA, 'B3')?.style.font).toContain('<b/>');
    expect(cell(SHEET_DATA, 'B3')?.style.numFmt).toBe('builtin 4');
    expect(files.get('xl/worksheets/sheet3.xml')).toContain('<sheetData ><row r="3"><c r="B3" s=');
  });

  test("users' notes keep their text, runs and author; ours is appended after a blank line", () => {
    expect(cell(SHEET_NOTES, 'B2')?.notes[0]).toMatch(new RegExp(`^${USER_NOTES.B2}\\n\\n${NOTE_MARKER}\\n已有富文本批注\\n`));
    expect(cell(SHEET_NOTES, 'C5')?.notes[0]).toMatch(new RegExp(`^${USER_NOTES.C5}\\n\\n${NOTE_MARKER}\\n`));
    expect(cell(SHEET_NOTES, 'D9')?.notes).toEqual([USER_NOTES.D9]);
    const comments = files.get('xl/comments1.xml') ?? '';
    expect(comments).toContain('<authors><author>张三</author><author>selfeval</author></authors>');
    expect(comments).toContain('<t>张三:</t></r>');
  });

  test('notes on three sheets use distinct VML id blocks and content-type overrides', () => {
    const vml = [...files.entries()].filter(([k]) => k.endsWith('.vml'));
    expect(vml.map(([, v]) => /data="(\d+)"/.exec(v)?.[1]).sort()).toEqual(['1', '2', '3']);
    const types = files.get('[Content_Types].xml') ?? '';
    for (const [part] of vml) expect(types).toContain(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>`);
  });

  test('legacyDrawing goes before extLst, declaring the r namespace where the root does not', () => {
    expect(files.get('xl/worksheets/sheet1.xml')).toMatch(/<\/headerFooter><legacyDrawing r:id="rId\d+"\/><extLst>/);
    expect(files.get('xl/worksheets/sheet3.xml')).toMatch(
      /<legacyDrawing xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships" r:id="rId\d+"\/><\/worksheet>$/,
    );
  });

  test('note text is escaped: markup characters, quotes, line breaks, control characters, emoji', () => {
    const text = cell(SHEET_DATA, 'A1')?.notes[0] ?? '';
    expect(text).toContain(TRICKY.replace(/\r\n/g, '\n'));
  });
});

describe('bad input', () => {
  const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
  const zip = (parts: Record<string, string>): Uint8Array =>
    zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['random bytes', random, /not a valid \.xlsx \(zip\) archive/],
    ['an empty buffer', new Uint8Array(0), /file is empty/],
    ['a zip that is no OOXML package', zip({ 'readme.txt': 'hello' }), /not an Office Open XML package/],
    [
      'a zip without xl/workbook.xml',
      zip({ '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', 'docProps/app.xml': '<x/>' }),
      /not an Excel workbook \(no xl\/workbook\.xml\)/,
    ],
    ['an encrypted (OLE) file', ole, /password-protected \(encrypted\)/],
  ];

  test.each(cases)('%s → WorkbookFormatError', (_name, bytes, message) => {
    expect(() => annotateWorkbook(bytes, [])).toThrow(WorkbookFormatError);
    expect(() => annotateWorkbook(bytes, [])).toThrow(message);
    expect(() => clearWorkbook(bytes)).toThrow(message);
  });

  test('a mark on a sheet that does not exist → an Error naming the sheet', () => {
    const bytes = makeWorkbook();
    const mark: Mark = { sheet: '不存在的表', cell: 'A1', severity: 'error', note: 'x' };
    expect(() => annotateWorkbook(bytes, [mark])).toThrow(/"不存在的表"/);
    expect(() => annotateWorkbook(bytes, [mark])).not.toThrow(WorkbookFormatError);
  });

  test('a mark on an invalid cell address → an Error naming it', () => {
    const mark: Mark = { sheet: SHEET_DATA, cell: 'A0', severity: 'error', note: 'x' };
    expect(() => annotateWorkbook(makeWorkbook(), [mark])).toThrow(/"A0" is not a valid cell address/);
  });
});

describe('LibreOffice', () => {
  let dir: string;
  const names = CASES.map((_, i) => ({ original: `orig-${i}.xlsx`, annotated: `ann-${i}.xlsx` }));

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'annotate-lo-'));
    CASES.forEach((c, i) => {
      writeFileSync(path.join(dir, names[i].original), c.bytes);
      writeFileSync(path.join(dir, names[i].annotated), annotateWorkbook(c.bytes, c.marks));
    });
    const all = names.flatMap((n) => [n.original, n.annotated]).map((f) => path.join(dir, f));
    convert(all, path.join(dir, 'csv'), CSV_ALL_SHEETS);
    convert(names.map((n) => path.join(dir, n.annotated)), path.join(dir, 'xlsx'), 'xlsx');
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    test('the annotated copy opens with the same values on every sheet', () => {
      const before = csvSheets(path.join(dir, 'csv'), names[i].original);
      const after = csvSheets(path.join(dir, 'csv'), names[i].annotated);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [sheet, csv] of before) expect(after.get(sheet)).toBe(csv);
    });

    test("LibreOffice reads every note and fill; clearing its re-saved file removes ours, keeps users'", () => {
      const resaved = new Uint8Array(readFileSync(path.join(dir, 'xlsx', names[i].annotated)));
      const view = readWorkbook(resaved);
      const original = readWorkbook(c.bytes);
      const expected = expectedMarks(c.marks, original);
      for (const [where, mark] of expected) {
        const [sheet, address] = where.split('!');
        const seen = view.sheets.get(sheet)?.cell(address);
        expect(seen?.notes.join('')).toContain(NOTE_MARKER);
        expect(solidFill(seen?.style.fill ?? '', SEVERITY_FILL[mark.severity])).toBe(true);
      }
      const { bytes, removed } = clearWorkbook(resaved);
      expect(removed).toBe(expected.size);
      const cleared = readWorkbook(bytes);
      // LibreOffice renumbers cell formats: clearing must not put another cell's format on a cell.
      for (const [name, sheet] of view.sheets) {
        for (const address of sheet.addresses) {
          const { fill: _marked, ...kept } = sheet.cell(address).style;
          const { fill: _cleared, ...after } = cleared.sheets.get(name)?.cell(address).style ?? sheet.cell(address).style;
          expect({ cell: `${name}!${address}`, ...after }).toEqual({ cell: `${name}!${address}`, ...kept });
        }
      }
      for (const [name, sheet] of cleared.sheets) {
        const notes = [...sheet.addresses].flatMap((a) => sheet.cell(a).notes.map((n) => `${a}: ${n}`));
        const before = original.sheets.get(name);
        const originalNotes = [...(before?.addresses ?? [])].flatMap((a) => (before?.cell(a).notes ?? []).map((n) => `${a}: ${n}`));
        expect(notes.sort()).toEqual(originalNotes.sort());
      }
    });
  });
});
