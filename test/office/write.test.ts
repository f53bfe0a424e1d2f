/** Writing: values and undo, exported findings, inserted sheets, selection, change events. */
import { literal, quoteSheetName, uniqueSheetName } from '../../src/office/excel-adapter';
import type { StandInOptions, StandInWorkbook } from './excel-standin';
import { setup } from './setup';

const workbook = (): StandInWorkbook => ({
  sheets: [
    {
      name: '自评表',
      origin: 'B2',
      cells: [
        ['预算执行率', 0.9824, '001'],
        ['得分', 9.82, '=100.00(%)'],
        ['合计', 98.2, 'TRUE'],
      ],
      formats: [
        ['General', '0.00%', 'General'],
        ['General', '0.00', 'General'],
        ['General', '0.0', '@'],
      ],
      formulas: [
        [null, null, null],
        [null, '=ROUND(C2*10,2)', null],
        [null, '=SUM(C3:C3)+88.38', null],
      ],
    },
    { name: "It's 2024", cells: [[1]] },
  ],
});

const cells = ['C2', 'C3', 'C4', 'D2', 'D3', 'D4'];

describe('writeValues and restoreValues', () => {
  test('a round trip restores formulas, values and number formats exactly', async () => {
    const { standIn, adapter, counted } = setup(workbook());
    const before = standIn.state.snapshot();
    const edits = cells.map((cell, i) => ({ sheet: '自评表', cell, value: i % 2 ? 42 : '85%' }));
    const write = await counted(() => adapter.writeValues(edits));
    expect(write.syncs).toBe(2);
    expect(write.result.find((p) => p.cell === 'C3')).toEqual({ sheet: '自评表', cell: 'C3', formulaOrValue: '=ROUND(C2*10,2)', numberFormat: '0.00' });
    expect(standIn.state.cell('自评表', 'C3')).toMatchObject({ value: 42, formula: null });
    expect(standIn.state.cell('自评表', 'C2')).toMatchObject({ value: 0.85, format: '0.00%' });

    const restore = await counted(() => adapter.restoreValues(write.result));
    expect(restore.syncs).toBe(2);
    expect(standIn.state.snapshot()).toEqual(before);
  });

  test('a cell written twice gets its original content back', async () => {
    const { standIn, adapter } = setup(workbook());
    const before = standIn.state.snapshot();
    const previous = await adapter.writeValues([
      { sheet: '自评表', cell: 'C3', value: 1 },
      { sheet: '自评表', cell: 'C3', value: 2 },
    ]);
    await adapter.restoreValues(previous);
    expect(standIn.state.snapshot()).toEqual(before);
  });

  test('a protected sheet is refused before anything is written', async () => {
    const { standIn, adapter } = setup(workbook(), { protectedSheets: ["It's 2024"] });
    const before = standIn.state.snapshot();
    const failure = adapter.writeValues([
      { sheet: '自评表', cell: 'C3', value: 1 },
      { sheet: "It's 2024", cell: 'A1', value: 2 },
    ]);
    await expect(failure).rejects.toMatchObject({ code: 'AccessDenied', sheet: "It's 2024" });
    await expect(failure).rejects.toThrow(/protected/);
    await expect(adapter.restoreValues([{ sheet: "It's 2024", cell: 'A1', formulaOrValue: 3, numberFormat: 'General' }])).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    expect(standIn.state.snapshot()).toEqual(before);
  });

  test('a missing sheet is named', async () => {
    const { adapter } = setup(workbook());
    await expect(adapter.writeValues([{ sheet: '已删除', cell: 'A1', value: 1 }])).rejects.toMatchObject({
      code: 'ItemNotFound',
      sheet: '已删除',
      message: expect.stringContaining('"已删除"'),
    });
  });
});

test('exportFindings adds a uniquely named sheet of text with a link per finding', async () => {
  const { standIn, adapter, counted } = setup(workbook());
  const rows = [
    { sheet: '自评表', cell: 'C3', severity: '错误', code: 'BUDGET_SCORE', entered: '9.82', expected: '9.80', message: '预算执行得分应为 9.80' },
    { sheet: "It's 2024", cell: 'A1', severity: '提示', code: 'RATE', entered: '78.24%', expected: '=1', message: '-' },
  ];
  const first = await counted(() => adapter.exportFindings(rows));
  expect(first).toEqual({ result: '核分结果', syncs: 2 });
  expect(await adapter.exportFindings(rows)).toBe('核分结果 (2)');
  expect(standIn.state.activeSheet()).toBe('核分结果 (2)');

  const at = (cell: string) => standIn.state.cell('核分结果', cell);
  expect(['A1', 'B1', 'G1'].map((c) => at(c).value)).toEqual(['工作表', '单元格', '说明']);
  expect(at('A1').bold).toBe(true);
  expect(at('B2')).toMatchObject({ value: 'C3', hyperlink: { documentReference: "'自评表'!C3", textToDisplay: 'C3' } });
  expect(at('B3').hyperlink).toMatchObject({ documentReference: "'It''s 2024'!A1" });
  // Text stays text: no percent, number or formula parsing.
  expect([at('E2').value, at('E3').value, at('F3').value, at('F3').formula]).toEqual(['9.82', '78.24%', "'=1", null]);
});

test('exportFindings never writes a formula: text from the workbook starting with = + - @ tab CR gets a quote (OWASP)', async () => {
  const { standIn, adapter } = setup(workbook());
  const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
  const rows = hostile.map((text) => ({ sheet: text, cell: 'A1', severity: '错误', code: 'X', entered: text, expected: '-5', message: text }));
  await adapter.exportFindings(rows);
  const at = (cell: string) => standIn.state.cell('核分结果', cell);
  hostile.forEach((text, i) => {
    for (const col of ['A', 'E', 'G']) expect(at(`${col}${i + 2}`)).toMatchObject({ value: `'${text}`, formula: null });
    expect(at(`F${i + 2}`).value).toBe('-5'); // a plain number stays as it is
  });
});

test('exportFindings headers follow the host language', async () => {
  const { standIn, adapter } = setup(workbook(), { displayLanguage: 'en-US' });
  expect(await adapter.exportFindings([])).toBe('Findings');
  expect(standIn.state.cell('Findings', 'A1').value).toBe('Sheet');
});

test('insertSheet writes the grid’s values and number formats at its position', async () => {
  const { standIn, adapter, counted } = setup(workbook());
  const grid = {
    name: 'x',
    top: 1,
    left: 2,
    cells: [
      [{ value: '项目名称' }, { value: '001' }, { value: 0.5, format: '0.00%' }],
      [null, { value: true }],
    ],
  };
  const { result, syncs } = await counted(() => adapter.insertSheet('自评表', grid));
  expect(syncs).toBe(2);
  expect(result).toBe('自评表 (2)');
  expect(standIn.state.cell(result, 'C2')).toMatchObject({ value: '项目名称', format: 'General' });
  expect(standIn.state.cell(result, 'D2').value).toBe('001');
  expect(standIn.state.cell(result, 'E2')).toMatchObject({ value: 0.5, format: '0.00%' });
  expect(standIn.state.cell(result, 'D3').value).toBe(true);
  expect(standIn.state.cell(result, 'C3').value).toBeNull();
  expect(standIn.state.activeSheet()).toBe(result);
});

test('selectCell activates the sheet and selects the cell in one sync', async () => {
  const { standIn, adapter, counted } = setup(workbook());
  expect((await counted(() => adapter.selectCell("It's 2024", 'A1'))).syncs).toBe(1);
  expect(standIn.state.selection()).toEqual({ sheet: "It's 2024", address: 'A1' });
  expect(standIn.state.activeSheet()).toBe("It's 2024");
  await expect(adapter.selectCell('Gone', 'A1')).rejects.toMatchObject({ code: 'ItemNotFound', sheet: 'Gone' });
});

test('sheetNames lists the sheets and the active one in one sync', async () => {
  const { adapter, counted } = setup(workbook());
  expect(await counted(() => adapter.sheetNames())).toEqual({ result: { names: ['自评表', "It's 2024"], active: '自评表' }, syncs: 1 });
});

describe.each<[string, StandInOptions]>([
  ['ExcelApi 1.7 (echoes recognised by address)', { apiVersion: '1.7' }],
  ['ExcelApi 1.18 (echoes carry triggerSource)', { apiVersion: '1.18' }],
])('onEdited on %s', (_, options) => {
  test('fires for the user’s edits, not for the adapter’s own writes', async () => {
    const { standIn, adapter, counted } = setup(workbook(), options);
    const edits: [string, string][] = [];
    const { result: unsubscribe, syncs } = await counted(() => adapter.onEdited((sheet, address) => edits.push([sheet, address])));
    expect(syncs).toBe(2);

    const previous = await adapter.writeValues([{ sheet: '自评表', cell: 'C3', value: 1 }]);
    await adapter.restoreValues(previous);
    await standIn.flushEvents();
    expect(edits).toEqual([]);

    standIn.userEdit('自评表', 'C3', 5);
    standIn.userEdit("It's 2024", 'B2', 'x');
    await standIn.flushEvents();
    expect(edits).toEqual([
      ['自评表', 'C3'],
      ["It's 2024", 'B2'],
    ]);

    await unsubscribe();
    standIn.userEdit('自评表', 'C3', 6);
    await standIn.flushEvents();
    expect(edits).toHaveLength(2);
  });
});

test('onEdited needs ExcelApi 1.7', async () => {
  const { adapter } = setup(workbook(), {}, { isSetSupported: () => false });
  await expect(adapter.onEdited(() => undefined)).rejects.toMatchObject({ code: 'ApiNotFound', message: expect.stringContaining('ExcelApi 1.7') });
});

test('literal keeps text text when typed', () => {
  expect(['项目', '001', '85%', '2024-1-5', 'TRUE', '=x', '-', 'abc'].map(literal)).toEqual([
    '项目',
    "'001",
    "'85%",
    "'2024-1-5",
    "'TRUE",
    "'=x",
    "'-",
    'abc',
  ]);
});

test('sheet names: quoted in references, unique and valid when added', () => {
  expect(quoteSheetName("It's")).toBe("'It''s'");
  expect(uniqueSheetName(['核分结果', '核分结果 (2)'], '核分结果')).toBe('核分结果 (3)');
  expect(uniqueSheetName(['SHEET'], 'sheet')).toBe('sheet (2)');
  expect(uniqueSheetName([], 'a/b:c*?')).toBe('a_b_c__');
  const long = 'x'.repeat(40);
  expect(uniqueSheetName([long.slice(0, 31)], long)).toBe(`${'x'.repeat(27)} (2)`);
});
