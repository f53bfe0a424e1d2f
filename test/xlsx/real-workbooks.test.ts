/**
 * What the corpus showed missing, file by file: threaded comments, VML shared with buttons,
 * macros, a workbook without styles, chart/dialog/macro sheets, Strict Open XML.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { SEVERITY_FILL } from '../../src/engine/marks';
import { annotate, clearWorkbook, WorkbookFormatError } from '../../src/xlsx/annotate';
import { readWorkbookContent } from '../../src/xlsx/read';
import { readWorkbook as snapshot } from './workbook-snapshot';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(CORPUS, name)));
const parts = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
const text = (bytes: Uint8Array, part: string): string => strFromU8(parts(bytes)[part]);

test('a cell with a threaded comment keeps it, gets the fill but no note of ours, and is reported', () => {
  const original = load('poi__64759.xlsx');
  const { bytes, threaded } = annotate(original, [{ sheet: 'File', cell: 'C2', severity: 'error', note: '核分' }]);
  expect(threaded).toEqual([{ sheet: 'File', cell: 'C2' }]);
  const before = parts(original);
  const after = parts(bytes);
  for (const name of Object.keys(before).filter((n) => /threadedComment|comments|\.vml$/i.test(n))) {
    expect({ name, same: Buffer.from(after[name]).equals(Buffer.from(before[name])) }).toEqual({ name, same: true });
  }
  const cell = snapshot(bytes).sheets.get('File')?.cell('C2');
  expect(cell?.style.fill).toContain(`FF${SEVERITY_FILL.error}`);
  expect(cell?.notes.join('')).not.toContain('【selfeval】');
  expect(clearWorkbook(bytes).removed).toBe(1);
});

test('VML shapes that are not notes (a button) are left as they are; the note box gets an id no drawing uses', () => {
  const original = load('xlsxwriter__button08.xlsx');
  const { bytes } = annotate(original, [{ sheet: 'Sheet1', cell: 'B2', severity: 'warning', note: '核分' }]);
  const before = text(original, 'xl/drawings/vmlDrawing1.vml');
  const after = text(bytes, 'xl/drawings/vmlDrawing1.vml');
  const button = /<v:shape [\s\S]*?ObjectType="Button"[\s\S]*?<\/v:shape>/.exec(before)?.[0];
  expect(button).toBeDefined();
  expect(after).toContain(button);
  const ids = (vml: string) => [...vml.matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
  const others = ids(text(original, 'xl/drawings/vmlDrawing2.vml'));
  const added = ids(after).filter((id) => !ids(before).includes(id));
  expect(added).toHaveLength(1);
  expect(others).not.toContain(added[0]);
});

test('.xlsm keeps its macros and its content type', () => {
  const original = load('poi__ExcelWithAttachments.xlsm');
  const { bytes } = annotate(original, [{ sheet: readWorkbookContent(original).sheets[0].name, cell: 'A1', severity: 'error', note: '核分' }]);
  expect(Buffer.from(parts(bytes)['xl/vbaProject.bin']).equals(Buffer.from(parts(original)['xl/vbaProject.bin']))).toBe(true);
  expect(text(bytes, '[Content_Types].xml')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
});

test('a workbook without a styles part gets one, with its relationship and content type; clearing takes them out', () => {
  const original = load('poi__56278.xlsx');
  expect(parts(original)['xl/styles.xml']).toBeUndefined();
  const sheet = readWorkbookContent(original).sheets[0].name;
  const { bytes } = annotate(original, [{ sheet, cell: 'B2', severity: 'info', note: '核分' }]);
  expect(text(bytes, 'xl/_rels/workbook.xml.rels')).toContain('Target="styles.xml"');
  expect(text(bytes, '[Content_Types].xml')).toContain('PartName="/xl/styles.xml"');
  expect(snapshot(bytes).sheets.get(sheet)?.cell('B2').style.fill).toContain(`FF${SEVERITY_FILL.info}`);
  expect(Object.keys(parts(clearWorkbook(bytes).bytes)).sort()).toEqual(Object.keys(parts(original)).sort());
});

test('chart, dialog and macro sheets are skipped with a notice each', () => {
  const content = readWorkbookContent(load('sheetjs__BlankSheetTypes.xlsm'), 'en');
  expect(content.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  expect(content.notices.map((n) => n.message).sort()).toEqual(['chart sheet: skipped', 'dialog sheet: skipped', 'macro sheet: skipped']);
});

test('sheets listed without a part (r:id="") are skipped with a notice and do not shift the names of the others', () => {
  const original = load('closedxml__tdf111974.xlsm');
  const content = readWorkbookContent(original, 'en');
  expect(content.notices.filter((n) => /without a sheet part/.test(n.message)).map((n) => n.sheet)).toEqual(['Roll weeks macro', 'Module1']);
  // Each grid is the part its name's relationship points at: "OP LTR" is sheet7.xml.
  const sheet7Rows = (text(original, 'xl/worksheets/sheet7.xml').match(/<row /g) ?? []).length;
  expect(content.sheets.find((s) => s.name === 'OP LTR')?.cells.filter(Boolean).length).toBeLessThanOrEqual(sheet7Rows);
  expect(() => annotate(original, content.sheets.map((s) => ({ sheet: s.name, cell: 'A1', severity: 'info' as const, note: '核分' })))).not.toThrow();
});

test('Strict Open XML is read and checked; annotating it is refused on one line saying what to do', () => {
  const original = load('poi__sample.strict.xlsx');
  const content = readWorkbookContent(original);
  expect(content.format).toBe('strict');
  expect(content.sheets.some((s) => s.cells.some((r) => r?.some((c) => c?.value !== undefined && c?.value !== null)))).toBe(true);
  expect(() => annotate(original, [])).toThrow(WorkbookFormatError);
  expect(() => annotate(original, [])).toThrow(/save it in Excel as "Excel Workbook \(\*\.xlsx\)"/);
});
