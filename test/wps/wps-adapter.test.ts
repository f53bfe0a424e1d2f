/** The WPS adapter over the ET stand-in: reading, marks, writes and undo, sheets, edits. */
import path from 'path';
import { checkWorkbook } from '../../src/engine';
import type { Mark } from '../../src/engine/marks';
import { MARK_RULE, NOTE_MARKER } from '../../src/office/excel-adapter';
import { ExcelAdapterError } from '../../src/office/adapter-error';
import { XL_EXPRESSION, wpsApplication, wpsDisplayLanguage } from '../../src/wps/et';
import { MARKS_NAME, createWpsAdapter } from '../../src/wps/wps-adapter';
import { createExcelAdapter } from '../../src/office/excel-adapter';
import { createStandIn, type StandInWorkbook } from '../office/excel-standin';
import { loadFixture } from '../office/load-fixture';
import { createEtStandIn, type EtStandInOptions } from './et-standin';
import { setupWps } from './setup';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');

const workbook = (): StandInWorkbook => ({
  sheets: [
    {
      name: '自评表',
      origin: 'B2',
      cells: [
        ['项目', '执行率', '得分'],
        ['A', 0.7824, 9.5],
        ['B', '85%', 19],
      ],
      formats: [
        ['General', 'General', 'General'],
        ['General', '0.00%', '0.00'],
        ['General', 'General', '0.00'],
      ],
      formulas: [
        [null, null, null],
        [null, null, null],
        [null, null, '=D3*2'],
      ],
      notes: { D3: '用户自己的批注' },
    },
    { name: 'Other', cells: [[1, 'x']] },
    { name: '空表', cells: [] },
  ],
});

const setup = (wb: StandInWorkbook = workbook(), options: EtStandInOptions = {}) => setupWps(wb, options);

const marks: Mark[] = [
  { sheet: '自评表', cell: 'C3', severity: 'error', note: '应为 78.24%' },
  { sheet: '自评表', cell: 'D3', severity: 'warning', note: '四舍五入差异' },
  { sheet: 'Other', cell: 'A1', severity: 'info', note: '未核' },
];

test('the host is recognised as WPS by its Application, and its UI language read', () => {
  const et = createEtStandIn(workbook(), { languageId: 1033 });
  expect(wpsApplication({ Application: et.Application })).toBe(et.Application);
  expect(wpsApplication({})).toBeNull();
  expect(wpsApplication({ Application: { Name: 'Excel' } })).toBeNull();
  expect(wpsDisplayLanguage(et.Application)).toBe('en-US');
  expect(wpsDisplayLanguage(createEtStandIn(workbook()).Application)).toBe('zh-CN');
});

test('readSheets reads each used range whole: values, formulas, formats where they matter', async () => {
  const { adapter, counted } = setup();
  const { result, calls } = await counted(() => adapter.readSheets('all'));
  expect(result.map((g) => [g.name, g.top, g.left])).toEqual([
    ['自评表', 1, 1],
    ['Other', 0, 0],
    ['空表', 0, 0],
  ]);
  const [sheet] = result;
  expect(sheet.cells[1]?.[1]).toEqual({ value: 0.7824, format: '0.00%' });
  expect(sheet.cells[2]?.[2]).toEqual({ value: 19, format: '0.00', formula: true });
  expect(sheet.cells[2]?.[1]).toEqual({ value: '85%', format: 'General' });
  expect(sheet.cells[0]?.[0]).toEqual({ value: '项目', format: 'General' });
  expect(result[2].cells).toEqual([]);
  // Never cell by cell: the sheet list (6), 11 a sheet, and on 自评表, whose formats differ, the
  // range as XML Spreadsheet (1).
  expect(calls).toBe(6 + 3 * 11 + 1);
});

test('a WPS that does not give XML Spreadsheet costs the formats of each column, then of each number cell in a mixed one', async () => {
  const { adapter, counted } = setup(workbook(), { xmlSpreadsheet: false });
  const { result, calls } = await counted(() => adapter.readSheets('all'));
  expect(result[0].cells[1]?.[1]).toEqual({ value: 0.7824, format: '0.00%' });
  expect(result[0].cells[2]?.[2]).toEqual({ value: 19, format: '0.00', formula: true });
  // The failed Value(11) (1), 2 for each of 自评表's 3 columns, 2 for each number cell of its 2 mixed columns (C3, D3, D4).
  expect(calls).toBe(6 + 3 * 11 + 1 + 3 * 2 + 3 * 2);
  expect(await setup(workbook()).adapter.readSheets('all')).toEqual(result);
});

test('the calls for a sheet do not grow with its tables: 21 tables cost what one does', async () => {
  const fixture = loadFixture(path.join(FIXTURES, 'mut-shared-official.xlsx'));
  const [sheet] = fixture.sheets;
  const firstTable = checkWorkbook(await setup(fixture).adapter.readSheets('all')).tables[1].anchor; // where the second table starts
  const rows = Number(/\d+$/.exec(firstTable)?.[0]) - 1;
  const one: StandInWorkbook = { sheets: [{ ...sheet, cells: sheet.cells.slice(0, rows), formats: sheet.formats?.slice(0, rows), formulas: sheet.formulas?.slice(0, rows) }] };
  const read = async (wb: StandInWorkbook) => {
    const { adapter, counted } = setup(wb);
    const { result, calls } = await counted(() => adapter.readSheets('active'));
    return { tables: checkWorkbook(result).tables.length, calls };
  };
  const [small, large] = [await read(one), await read(fixture)];
  expect([small.tables, large.tables]).toEqual([1, 21]);
  expect(large.calls).toBe(small.calls);
});

test('the grids read through WPS give the same report as through Office.js', async () => {
  const fixture = loadFixture(path.join(FIXTURES, 'mut-shared-official.xlsx'));
  const viaWps = await setup(fixture).adapter.readSheets('all');
  const office = createStandIn(fixture);
  const viaOffice = await createExcelAdapter(office.run, { isSetSupported: () => true, displayLanguage: 'zh-CN' }).readSheets('all');
  const report = (grids: typeof viaWps) => checkWorkbook(grids, { lang: 'zh' }).findings.map((f) => [f.sheet, f.cell, f.code, f.expected]);
  expect(report(viaWps)).toEqual(report(viaOffice));
  expect(report(viaWps).length).toBeGreaterThan(10);
});

test('applyMarks adds one format condition and a comment per cell, never over the user’s comment; clearMarks restores all', async () => {
  const { et, adapter, counted } = setup();
  et.addUserCondition('自评表', 'C2:D4', '=C2>100', 255);
  const before = et.snapshot();
  await adapter.applyMarks(marks);
  const ours = et.conditions('自评表').filter((c) => c.formula === MARK_RULE);
  expect(ours.map((c) => [c.cells, c.type, c.color])).toEqual([
    [['C3'], XL_EXPRESSION, 0xcec7ff], // #FFC7CE as BGR
    [['D3'], XL_EXPRESSION, 0x9cebff],
  ]);
  expect(et.comments('自评表')).toEqual({ C3: `${NOTE_MARKER}\n应为 78.24%`, D3: '用户自己的批注' });
  expect(et.snapshot().names).toEqual([`${MARKS_NAME}1`]);

  // A reload: a new adapter over the same workbook finds the record in the hidden names.
  const again = createWpsAdapter(et.Application);
  const clear = await counted(() => again.clearMarks());
  expect(clear.result).toBe(3);
  expect(et.snapshot()).toEqual(before);
});

test('marking again replaces the marks; a long record spans several names', async () => {
  const { et, adapter } = setup();
  await adapter.applyMarks(marks);
  await adapter.applyMarks(marks.slice(0, 1));
  expect(et.conditions('自评表').map((c) => c.cells)).toEqual([['C3']]);
  expect(et.conditions('Other')).toEqual([]);
  expect(et.comments('Other')).toEqual({});

  const many: Mark[] = Array.from({ length: 120 }, (_, i) => ({ sheet: 'Other', cell: `C${i + 1}`, severity: 'error', note: `第 ${i + 1} 行` }));
  await adapter.applyMarks(many);
  expect(et.snapshot().names.length).toBeGreaterThan(3);
  // One condition for the cells marked alike, in pieces whose union address fits 255 characters.
  const conditions = et.conditions('Other');
  expect(conditions.length).toBe(2);
  expect(conditions.flatMap((c) => c.cells).sort()).toEqual(many.map((m) => m.cell).sort());
  expect(await adapter.clearMarks()).toBe(120);
  expect(et.conditions('Other')).toEqual([]);
  expect(et.snapshot().names).toEqual([]);
  expect(et.conditions('自评表')).toEqual([]);
});

test('a protected sheet or a missing sheet: a clear error and nothing changed', async () => {
  const { et, adapter } = setup(workbook(), { protectedSheets: ['Other'] });
  const before = et.snapshot();
  await expect(adapter.applyMarks(marks)).rejects.toMatchObject({ code: 'AccessDenied', sheet: 'Other' });
  await expect(adapter.writeValues([{ sheet: 'Other', cell: 'A1', value: 2 }])).rejects.toMatchObject({ code: 'AccessDenied' });
  await expect(adapter.applyMarks([{ sheet: '不存在', cell: 'A1', severity: 'error', note: '' }])).rejects.toMatchObject({ code: 'ItemNotFound' });
  await expect(adapter.selectCell('不存在', 'A1')).rejects.toBeInstanceOf(ExcelAdapterError);
  expect(et.snapshot()).toEqual(before);
});

test('writeValues then restoreValues gives back formulas, text and number formats exactly', async () => {
  const { et, adapter } = setup();
  const before = et.snapshot();
  const previous = await adapter.writeValues([
    { sheet: '自评表', cell: 'D4', value: 18.33 },
    { sheet: '自评表', cell: 'C4', value: 0.85 },
    { sheet: '自评表', cell: 'B2', value: '项目名称' },
  ]);
  expect(et.cell('自评表', 'D4')).toMatchObject({ value: 18.33, formula: null });
  expect(previous[0]).toEqual({ sheet: '自评表', cell: 'D4', formulaOrValue: '=D3*2', numberFormat: '0.00' });
  expect(previous[1].formulaOrValue).toBe("'85%"); // text that would be parsed as a number
  await adapter.restoreValues(previous);
  expect(et.snapshot()).toEqual(before);
});

test('selectCell activates the sheet first; export and sample sheets get free names', async () => {
  const { et, adapter } = setup();
  await adapter.selectCell('Other', 'A1');
  expect(et.selection).toEqual({ sheet: 'Other', address: 'A1' });
  const name = await adapter.exportFindings([{ sheet: '自评表', cell: 'C3', severity: '错误', code: 'RATE_MISMATCH', entered: '12', expected: '78.24', message: '执行率不符' }]);
  expect(name).toBe('核分结果');
  expect(et.cell('核分结果', 'B2')).toMatchObject({ value: 'C3', hyperlink: "'自评表'!C3" });
  expect(et.cell('核分结果', 'E2').value).toBe('12');
  expect(et.cell('核分结果', 'A1')).toMatchObject({ value: '工作表', bold: true });
  expect(await adapter.exportFindings([])).toBe('核分结果 (2)');
  const sample = await adapter.insertSheet('示例', { name: 'x', cells: [[{ value: '执行率' }, { value: 0.5, format: '0.00%' }, { value: '12' }]] });
  expect(et.cell(sample, 'B1')).toMatchObject({ value: 0.5, format: '0.00%' });
  expect(et.cell(sample, 'C1').value).toBe('12');
  expect(et.sheetNames()).toEqual(['自评表', 'Other', '空表', '核分结果', '核分结果 (2)', '示例']);
});

test('onEdited reports the user’s edits, not the adapter’s own writes; unsubscribing removes the listener', async () => {
  const { et, adapter } = setup();
  const edits: string[] = [];
  const stop = await adapter.onEdited((sheet, address) => edits.push(`${sheet}!${address}`));
  await adapter.writeValues([{ sheet: '自评表', cell: 'D3', value: 9 }]);
  et.userEdit('自评表', 'C3', 0.8);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(edits).toEqual(['自评表!C3']);
  await stop();
  expect(et.listenerCount()).toBe(0);
});
