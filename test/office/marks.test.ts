/** applyMarks / clearMarks: the user's formatting and notes are never touched. */
import type { Mark } from '../../src/engine/marks';
import { MARK_RULE, MARKS_SETTING, NOTE_MARKER, createExcelAdapter } from '../../src/office/excel-adapter';
import type { ConditionalFormatSnapshot, StandInOptions, StandInWorkbook } from './excel-standin';
import { setup } from './setup';

/** A workbook where the user has fills, a conditional format and a note of their own. */
const workbook = (): StandInWorkbook => ({
  sheets: [
    {
      name: '自评表',
      cells: [
        ['项目', '得分', '权重'],
        ['A', 9.5, 10],
        ['B', 8, 10],
        ['合计', 17.5, 20],
      ],
      fills: { B2: '#FFFF00', C4: '#00B0F0' },
      notes: { B3: '用户自己的批注' },
      conditionalFormats: [{ range: 'B2:B4', type: 'CellValue', formula: '=0', fill: '#FF0000' }],
    },
    { name: 'Other sheet', cells: [[1, 2]] },
  ],
});

const marks: Mark[] = [
  { sheet: '自评表', cell: 'B2', severity: 'error', note: '应为 9.82' },
  { sheet: '自评表', cell: 'B3', severity: 'warning', note: '四舍五入差异' },
  { sheet: 'Other sheet', cell: 'B1', severity: 'info', note: '未核' },
];

const ours = (cfs: ConditionalFormatSnapshot[]) => cfs.filter((cf) => cf.formula === MARK_RULE);

test('applyMarks puts one fill rule and one note per cell; clearMarks restores everything', async () => {
  const { standIn, adapter, counted } = setup(workbook());
  const before = standIn.state.snapshot();

  const apply = await counted(() => adapter.applyMarks(marks));
  expect(apply.syncs).toBe(3);
  const cfs = ours(standIn.state.conditionalFormats('自评表'));
  expect(cfs.map((cf) => [cf.address, cf.fill])).toEqual(
    expect.arrayContaining([
      ['B2', '#FFC7CE'],
      ['B3', '#FFEB9C'],
    ]),
  );
  expect(ours(standIn.state.conditionalFormats('Other sheet'))).toEqual([expect.objectContaining({ address: 'B1', fill: '#DDEBF7' })]);
  expect(standIn.state.notes('自评表')).toEqual({ B2: `${NOTE_MARKER}\n应为 9.82`, B3: '用户自己的批注' });
  expect(standIn.state.cell('自评表', 'B2')).toMatchObject({ fill: '#FFFF00', value: 9.5 }); // the user's own fill stays
  expect(JSON.parse(String(standIn.state.settings()[MARKS_SETTING])).cells).toHaveLength(3);

  const clear = await counted(() => adapter.clearMarks());
  expect(clear).toEqual({ result: 3, syncs: 3 });
  expect(standIn.state.snapshot()).toEqual(before);
});

test('applying marks twice does not stack, and cells no longer marked are cleared', async () => {
  const { standIn, adapter } = setup(workbook());
  await adapter.applyMarks(marks);
  await adapter.applyMarks(marks);
  expect(ours(standIn.state.conditionalFormats('自评表'))).toHaveLength(2);
  await adapter.applyMarks([{ sheet: '自评表', cell: 'C4', severity: 'error', note: '权重合计应为 100' }]);
  expect(ours(standIn.state.conditionalFormats('自评表')).map((cf) => cf.address)).toEqual(['C4']);
  expect(ours(standIn.state.conditionalFormats('Other sheet'))).toEqual([]);
  expect(standIn.state.notes('自评表')).toEqual({ B3: '用户自己的批注', C4: `${NOTE_MARKER}\n权重合计应为 100` });
  expect(standIn.state.conditionalFormats('自评表')).toContainEqual(expect.objectContaining({ type: 'CellValue', address: 'B2:B4' }));
});

test('a note of our own is updated in place, a user’s note is never overwritten', async () => {
  const { standIn, adapter } = setup(workbook());
  await adapter.applyMarks(marks);
  await adapter.applyMarks([{ ...marks[0], note: '新的说明' }, { ...marks[1], note: '不会写入' }]);
  expect(standIn.state.notes('自评表')).toEqual({ B2: `${NOTE_MARKER}\n新的说明`, B3: '用户自己的批注' });
});

test('marks survive a reload: a new session clears them from the workbook’s own record', async () => {
  const { standIn, adapter } = setup(workbook());
  const before = standIn.state.snapshot();
  await adapter.applyMarks(marks);
  const nextSession = createExcelAdapter(standIn.run, { isSetSupported: standIn.Office.context.requirements.isSetSupported });
  expect(await nextSession.clearMarks()).toBe(3);
  expect(standIn.state.snapshot()).toEqual(before);
});

test('without marks, clearMarks changes nothing and returns 0', async () => {
  const { standIn, adapter, counted } = setup(workbook());
  const before = standIn.state.snapshot();
  expect(await counted(() => adapter.clearMarks())).toEqual({ result: 0, syncs: 1 });
  expect(standIn.state.snapshot()).toEqual(before);
});

describe('an ExcelApi 1.7 host', () => {
  const old: StandInOptions = { apiVersion: '1.7' };

  test('has no notes but still highlights, and clears', async () => {
    const { standIn, adapter } = setup(workbook(), old);
    expect(adapter.capabilities()).toEqual({ notes: false, conditionalFormats: true, changeEvents: true, eventSources: false, undoGroups: false });
    const before = standIn.state.snapshot();
    await adapter.applyMarks(marks);
    expect(standIn.state.notes('自评表')).toEqual({ B3: '用户自己的批注' });
    expect(ours(standIn.state.conditionalFormats('自评表'))).toHaveLength(2);
    expect(await adapter.clearMarks()).toBe(3);
    expect(standIn.state.snapshot()).toEqual(before);
  });
});

test('a host without conditional formats gets an error naming the requirement set', async () => {
  const { adapter } = setup(workbook(), {}, { isSetSupported: () => false });
  expect(adapter.capabilities()).toEqual({ notes: false, conditionalFormats: false, changeEvents: false, eventSources: false, undoGroups: false });
  await expect(adapter.applyMarks(marks)).rejects.toMatchObject({ code: 'ApiNotFound', message: expect.stringContaining('ExcelApi 1.6') });
});

test('a protected sheet: a clear error naming it, and nothing written anywhere', async () => {
  const { standIn, adapter } = setup(workbook(), { protectedSheets: ['Other sheet'] });
  const before = standIn.state.snapshot();
  const failure = adapter.applyMarks(marks);
  await expect(failure).rejects.toMatchObject({ code: 'AccessDenied', sheet: 'Other sheet' });
  await expect(failure).rejects.toThrow(/"Other sheet" is protected/);
  expect(standIn.state.snapshot()).toEqual(before);
});

test('a mark on a missing sheet is refused before anything is written', async () => {
  const { standIn, adapter } = setup(workbook());
  const before = standIn.state.snapshot();
  await expect(adapter.applyMarks([...marks, { sheet: 'Gone', cell: 'A1', severity: 'error', note: '' }])).rejects.toMatchObject({
    code: 'ItemNotFound',
    sheet: 'Gone',
  });
  expect(standIn.state.snapshot()).toEqual(before);
});

test('a write that fails midway is rolled back', async () => {
  const { standIn, adapter } = setup(workbook());
  const before = standIn.state.snapshot();
  standIn.failNext('NoteCollection.add');
  await expect(adapter.applyMarks(marks)).rejects.toMatchObject({ code: 'HostError', message: expect.stringContaining('mark cells') });
  expect(standIn.state.snapshot()).toEqual(before);
});

test('two marks on one cell give one mark (the first)', async () => {
  const { standIn, adapter } = setup(workbook());
  await adapter.applyMarks([marks[0], { ...marks[0], cell: 'b2', severity: 'info', note: 'x' }]);
  expect(ours(standIn.state.conditionalFormats('自评表'))).toEqual([expect.objectContaining({ address: 'B2', fill: '#FFC7CE' })]);
  expect(standIn.state.notes('自评表').B2).toBe(`${NOTE_MARKER}\n应为 9.82`);
});
