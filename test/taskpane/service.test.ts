/** The pane's service over the real adapter and the Excel stand-in, loaded with a shared fixture. */
import path from 'path';
import { ExcelAdapterError } from '../../src/office/adapter-error';
import { PaneService, findingKey, toPaneError } from '../../src/taskpane/service';
import { loadFixture } from '../office/load-fixture';
import { setup } from '../office/setup';
import { until } from './until';
import { FIXTURES_DIR } from '../support/fixtures';

const SHEET = '汇总';
const workbook = loadFixture(path.join(FIXTURES_DIR, 'mut-shared-official.xlsx'));

function paneOver(options: Parameters<typeof setup>[1] = {}) {
  const { standIn, adapter } = setup(workbook, options);
  const service = new PaneService(adapter, 'zh', { recheckDelayMs: 20 });
  return { standIn, service, state: () => service.getState() };
}

const markedCells = (standIn: ReturnType<typeof paneOver>['standIn']) =>
  standIn.state
    .conditionalFormats(SHEET)
    .map((cf) => cf.address)
    .sort();

describe('PaneService', () => {
  test('check reports the findings, marks their cells and says what it did', async () => {
    const { standIn, service, state } = paneOver();
    const progress: string[] = [];
    service.subscribe(() => state().progress && progress.push(`${state().progress?.done}/${state().progress?.total}`));
    await service.check('active', 'auto');

    const { report, findings, outcome, error, busy } = state();
    expect(error).toBeNull();
    expect(busy).toBe(false);
    expect(report?.tables.length).toBe(21);
    expect(findings).toEqual(report?.findings);
    expect(findings.map((f) => f.cell)).toEqual(expect.arrayContaining(['H21', 'I51', 'H73', 'G116', 'G142']));
    expect(outcome).toEqual({ kind: 'checked', tables: 21, findings: findings.length });
    expect(markedCells(standIn)).toEqual([...new Set(findings.map((f) => f.cell))].sort());
    expect(progress).toContain('1/1');
    await service.dispose();
  });

  test('a profile picked by hand is used as is', async () => {
    const { service, state } = paneOver();
    await service.check('all', 'truncate');
    expect(state().report?.profile).toMatchObject({ id: 'truncate', chosen: 'user' });
    await service.dispose();
  });

  test('ignored findings are hidden and unmarked until restored, also across re-checks', async () => {
    const { standIn, service, state } = paneOver();
    await service.check('active', 'auto');
    const target = state().findings.find((f) => f.cell === 'H21');
    if (!target) throw new Error('H21 not reported');
    const othersOnCell = state().findings.filter((f) => f.cell === 'H21' && findingKey(f) !== findingKey(target)).length;

    await service.ignore(target);
    expect(state().findings.map(findingKey)).not.toContain(findingKey(target));
    expect(state().ignoredCount).toBe(1);
    if (othersOnCell === 0) expect(markedCells(standIn)).not.toContain('H21');

    await service.check('active', 'auto');
    expect(state().findings.map(findingKey)).not.toContain(findingKey(target));

    await service.restoreIgnored();
    expect(state().findings.map(findingKey)).toContain(findingKey(target));
    expect(state().ignoredCount).toBe(0);
    expect(markedCells(standIn)).toContain('H21');
    await service.dispose();
  });

  test('fill writes the expected values and undo restores the cells exactly', async () => {
    const { standIn, service, state } = paneOver();
    await service.check('active', 'auto');
    const before = standIn.state.snapshot();
    const errors = state().findings.filter((f) => f.severity === 'error' && f.expected !== null);
    const total = errors.find((f) => f.cell === 'H21');
    if (!total) throw new Error('H21 not reported as an error');

    await service.fill(errors);
    expect(state().outcome).toEqual({ kind: 'filled', cells: new Set(errors.map((f) => f.cell)).size, hostUndo: false });
    expect(standIn.state.cell(SHEET, 'H21').value).toBe(Number(total.expected));
    expect(state().findings.find((f) => f.cell === 'H21' && f.severity === 'error')).toBeUndefined();
    expect(state().canUndo).toBe(true);

    await service.undoFill();
    expect(state().canUndo).toBe(false);
    const cells = (snapshot: unknown) => (snapshot as { sheets: { cells: Record<string, { value: unknown; formula: unknown; format: unknown }> }[] }).sheets.map((s) =>
      Object.fromEntries(Object.entries(s.cells).map(([a, c]) => [a, [c.value, c.formula, c.format]])),
    );
    expect(cells(standIn.state.snapshot())).toEqual(cells(before));
    expect(state().findings.find((f) => f.cell === 'H21' && f.severity === 'error')).toBeDefined();
    await service.dispose();
  });

  test('an edit on a checked sheet re-checks after a quiet period', async () => {
    const { standIn, service, state } = paneOver();
    await service.check('active', 'auto');
    const total = state().findings.find((f) => f.cell === 'H21' && f.severity === 'error');
    if (!total?.expected) throw new Error('H21 not reported as an error');
    const first = state().report;

    standIn.userEdit(SHEET, 'H21', Number(total.expected));
    await standIn.flushEvents();
    await until(service, (s) => s.report !== first && !s.busy);
    expect(state().findings.find((f) => f.cell === 'H21' && f.severity === 'error')).toBeUndefined();
    await service.dispose();
  });

  test('clear marks leaves every cell as before the check and stops re-checking', async () => {
    const { standIn, service, state } = paneOver();
    const before = standIn.state.snapshot();
    await service.check('active', 'auto');
    await service.clearMarks();
    expect(state().report).toBeNull();
    expect(state().outcome).toMatchObject({ kind: 'cleared' });
    expect((standIn.state.snapshot() as { sheets: unknown }).sheets).toEqual((before as { sheets: unknown }).sheets);

    const changed = jest.fn();
    service.subscribe(changed);
    standIn.userEdit(SHEET, 'H21', 1);
    await standIn.flushEvents();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(changed).not.toHaveBeenCalled();
  });

  test('export and sample sheets are added to the workbook', async () => {
    const { standIn, service, state } = paneOver();
    await service.check('active', 'auto');
    await service.exportResults();
    const exported = state().outcome;
    expect(exported).toMatchObject({ kind: 'exported' });
    await service.insertSample();
    const inserted = state().outcome;
    expect(inserted).toMatchObject({ kind: 'inserted' });
    const names = standIn.state.sheetNames();
    for (const outcome of [exported, inserted]) expect(names).toContain(outcome && 'sheet' in outcome ? outcome.sheet : null);
    await service.dispose();
  });

  test('a protected sheet is an error the pane shows, not a crash', async () => {
    const { service, state } = paneOver({ protectedSheets: [SHEET] });
    await service.check('active', 'auto');
    expect(state().error).toMatchObject({ kind: 'protected' });
    expect(state().busy).toBe(false);
  });

  test('errors are sorted by their Office error code', () => {
    expect(toPaneError(new ExcelAdapterError('AccessDenied', 'protected')).kind).toBe('protected');
    expect(toPaneError(new ExcelAdapterError('ApiNotFound', 'old Excel')).kind).toBe('missingApi');
    expect(toPaneError(new ExcelAdapterError('HostError', 'sync failed'))).toEqual({ kind: 'sync', detail: 'sync failed', sheet: null, hostDetail: null });
    expect(toPaneError(new Error('bug'))).toEqual({ kind: 'other', detail: 'bug', sheet: null, hostDetail: null });
    const cause = Object.assign(new Error('请求的资源不存在。'), { code: 'ItemNotFound' });
    expect(toPaneError(new ExcelAdapterError('ItemNotFound', 'Excel could not read', '汇总', cause))).toEqual({
      kind: 'sync',
      detail: 'Excel could not read',
      sheet: '汇总',
      hostDetail: '请求的资源不存在。 (ItemNotFound)',
    });
  });
});
