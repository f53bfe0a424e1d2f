/**
 * The .xlsx reader of our own (src/xlsx/ooxml-cells.ts) gives the engine the grids SheetJS gave
 * it (the reader before, still the reader of .xls): every corpus, fixture, province and seed
 * workbook read both ways, sheet names, values, number formats, merged areas and notices
 * compared. SheetJS reads the parts that passed the bounded unzip, without the `<sheet>`
 * entries whose relationship leads nowhere (as the reader before did); where SheetJS reads a
 * file wrongly, the test says how and checks our reading of it against the file's XML.
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';
import { strFromU8, strToU8, zipSync } from 'fflate';
import type { SheetGrid } from '../../src/engine/grid';
import { readWithSheetJs, readWorkbookContent, type WorkbookContent } from '../../src/xlsx/read';
import { BoundedZip } from '../../src/xlsx/zip';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['../shared/corpus', '../shared/fixtures', 'test/province-fixtures', 'test/seed-fixtures', 'assets'].map((d) => path.resolve(ROOT, d));
const FILES = DIRS.flatMap((dir) => readdirSync(dir).filter((f) => /\.xls[xm]$/i.test(f)).sort().map((f) => path.join(dir, f)));

const PARTLESS = '工作簿列出此表但没有它的内容（宏或 VBA 模块），已跳过';

/** SheetJS's reading of the parts that passed the bounded unzip, `<sheet>` entries without a part taken out first (and noticed last). */
function sheetJsReading(bytes: Uint8Array, format: WorkbookContent['format']): WorkbookContent {
  const files = new BoundedZip(bytes).all();
  const dropped: string[] = [];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (files['xl/workbook.xml'] && rels) {
    const ids = new Set([...strFromU8(rels).matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
    files['xl/workbook.xml'] = strToU8(
      strFromU8(files['xl/workbook.xml']).replace(/<(?:\w+:)?sheet\s[^>]*?\/>/g, (tag) => {
        const id = /\s[\w.-]+:id="([^"]*)"/.exec(tag)?.[1];
        if (id === undefined || ids.has(id)) return tag;
        dropped.push(/\sname="([^"]*)"/.exec(tag)?.[1] ?? '');
        return '';
      }),
    );
  }
  const content = readWithSheetJs(zipSync(files, { level: 0 }), format, 'zh');
  content.notices.push(...dropped.map((sheet) => ({ sheet, cell: null, message: PARTLESS })));
  return content;
}

const sheet = (c: WorkbookContent, name: string): SheetGrid => c.sheets.find((s) => s.name === name) as SheetGrid;
const cell = (c: WorkbookContent, name: string, row: number, col: number) => sheet(c, name).cells[row]?.[col];

/**
 * Files SheetJS reads wrongly: each says what it gets wrong, checks our reading against the
 * file itself, and gives the two readings with that difference taken out, to compare the rest.
 */
const SHEETJS_WRONG: Record<string, (ours: WorkbookContent, theirs: WorkbookContent) => [WorkbookContent, WorkbookContent]> = {
  // An empty shared string written `<si/>` is skipped by SheetJS, so every later string moves up one.
  'phpss__issue.4063.xlsx': (ours, theirs) => {
    const xml = strFromU8(new BoundedZip(new Uint8Array(readFileSync(path.join(DIRS[0], 'phpss__issue.4063.xlsx')))).part('xl/sharedStrings.xml') as Uint8Array);
    expect(xml).toContain('<si><t>226</t></si><si/><si><t>\u00a0</t></si><si><t>38871</t></si>'); // strings 33 to 36
    expect([cell(ours, 'Inglese', 16, 0), cell(ours, 'Inglese', 16, 1), cell(ours, 'Inglese', 16, 2), cell(ours, 'Inglese', 17, 0)]).toEqual([
      { value: '226' },
      { value: '' },
      { value: '\u00a0' },
      { value: '38871' },
    ]);
    expect(cell(theirs, 'Inglese', 16, 2)).toEqual({ value: '38871' });
    return [ours, { ...theirs, sheets: theirs.sheets.map((s) => (s.name === 'Inglese' ? sheet(ours, 'Inglese') : s)) }];
  },
  // `_X0000_` (capital X) is no escape: xlsxwriter writes it as it is and Excel shows it so; SheetJS decodes it.
  'xlsxwriter__shared_strings02.xlsx': (ours, theirs) => {
    expect(cell(ours, 'Sheet1', 9, 0)).toEqual({ value: '_X0000_' });
    expect(cell(theirs, 'Sheet1', 9, 0)).toEqual({ value: '\u0000' });
    expect(cell(ours, 'Sheet1', 6, 0)).toEqual({ value: '_x0000_' }); // `_x005F_x0000_`: the escaped escape
    return [ours, { ...theirs, sheets: theirs.sheets.map((s) => (s.name === 'Sheet1' ? sheet(ours, 'Sheet1') : s)) }];
  },
  // The styles part is missing from [Content_Types].xml: SheetJS then reads no number format at
  // all; we find it by the workbook's relationship, as the annotator does.
  'closedxml__tdf100709.xlsx': (ours, theirs) => {
    expect(cell(ours, 'A', 33, 1)).toEqual({ value: 31, format: '"$"#,##0.00' });
    expect(theirs.sheets.every((s) => s.cells.every((row) => (row ?? []).every((c) => !c?.format)))).toBe(true);
    const unformatted = ours.sheets.map((s) => ({ ...s, cells: s.cells.map((row) => row?.map((c) => (c ? { value: c.value } : c))) }));
    return [{ ...ours, sheets: unformatted }, theirs];
  },
};

test.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s: the same grids as SheetJS read', (_name, file) => {
  const bytes = new Uint8Array(readFileSync(file));
  let ours: WorkbookContent | Error;
  try {
    ours = readWorkbookContent(bytes);
  } catch (e) {
    ours = e as Error;
  }
  let theirs: WorkbookContent | Error;
  try {
    theirs = sheetJsReading(bytes, ours instanceof Error ? 'ooxml' : ours.format);
  } catch (e) {
    theirs = e as Error;
  }
  if (theirs instanceof Error || ours instanceof Error) {
    // Unreadable both ways (no worksheets, a refused part …), each with its reason.
    expect({ ours: ours instanceof Error, theirs: theirs instanceof Error }).toEqual({ ours: true, theirs: true });
    return;
  }
  const wrong = SHEETJS_WRONG[path.basename(file)];
  const [a, b] = wrong ? wrong(ours, theirs) : [ours, theirs];
  expect(a).toStrictEqual(b);
});

test('every file SheetJS reads wrongly is in the comparison', () => {
  expect(Object.keys(SHEETJS_WRONG).filter((f) => !FILES.some((file) => path.basename(file) === f))).toEqual([]);
});
