/**
 * Excel's own undo across hosts (the stand-in models it, see excel-standin.ts): with ExcelApi
 * 1.20 every writing action of the pane is exactly one undo step and Ctrl+Z undoes exactly it;
 * before, the add-in's writes leave Excel no undo (before 1.19 they clear it) and 撤销填入 is the way back.
 */
import path from 'path';
import { PaneService } from '../../src/taskpane/service';
import { STAND_IN_API_VERSIONS } from '../office/excel-standin';
import { loadFixture } from '../office/load-fixture';
import { setup } from '../office/setup';
import { FIXTURES_DIR } from '../support/fixtures';
import { until } from './until';

const SHEET = '汇总';
const workbook = loadFixture(path.join(FIXTURES_DIR, 'mut-shared-official.xlsx'));

function paneOn(apiVersion: (typeof STAND_IN_API_VERSIONS)[number]) {
  const { standIn, adapter } = setup(workbook, { apiVersion });
  const service = new PaneService(adapter, 'zh', { recheckDelayMs: 20 });
  return { standIn, service, state: () => service.getState() };
}

const values = (snapshot: unknown) =>
  (snapshot as { sheets: { name: string; cells: Record<string, { value: unknown; formula: unknown }> }[] }).sheets.map((s) => [
    s.name,
    Object.fromEntries(Object.entries(s.cells).map(([a, c]) => [a, [c.value, c.formula]])),
  ]);

describe('ExcelApi 1.20: one undo step per action', () => {
  test('check, fill, ignore, restore, export, sample and clear are one step each; Ctrl+Z undoes exactly the last', async () => {
    const { standIn, service, state } = paneOn('1.20');
    expect(state().hostUndo).toBe(true);
    standIn.userEdit(SHEET, 'A1', '（用户的编辑）');
    await standIn.flushEvents();
    expect(standIn.undoSteps()).toEqual(['user']);

    const steps: [string, () => Promise<void>][] = [
      ['check', () => service.check('active', 'auto')],
      ['ignore', () => service.ignore(state().findings[0])],
      ['restore', () => service.restoreIgnored()],
      ['fill', () => service.fill(state().findings.filter((f) => f.severity === 'error' && f.expected !== null))],
      ['export', () => service.exportResults()],
      ['sample', () => service.insertSample()],
      ['clear', () => service.clearMarks()],
    ];
    const before: unknown[] = [];
    for (const [name, action] of steps) {
      before.push(standIn.state.snapshot());
      const depth = standIn.undoSteps().length;
      await action();
      expect([name, state().error]).toEqual([name, null]);
      expect([name, standIn.undoSteps().length]).toEqual([name, depth + 1]);
    }
    // The fill filled and re-marked in its one step, and offered no 撤销填入 of its own.
    expect(state().canUndo).toBe(false);
    // Ctrl+Z steps back through the actions, each to the workbook exactly as before it.
    for (let i = steps.length - 1; i >= 0; i--) {
      expect(standIn.undo()).toBe(true);
      expect([steps[i][0], standIn.state.snapshot()]).toEqual([steps[i][0], before[i]]);
    }
    // No call cleared the user's own undo (document.settings.saveAsync would, office-js #3141).
    expect(standIn.undoSteps()).toEqual(['user']);
    await service.dispose();
  });

  test('the automatic re-check after an edit is one step too', async () => {
    const { standIn, service, state } = paneOn('1.20');
    await service.check('active', 'auto');
    const total = state().findings.find((f) => f.cell === 'H21' && f.severity === 'error');
    if (!total?.expected) throw new Error('H21 not reported as an error');
    const first = state().report;
    standIn.userEdit(SHEET, 'H21', Number(total.expected));
    await standIn.flushEvents();
    await until(service, (s) => s.report !== first && !s.busy);
    expect(standIn.undoSteps()).toEqual(['addin', 'user', 'addin']);
    await service.dispose();
  });
});

describe.each(['1.7', '1.14', '1.18'] as const)('ExcelApi %s: own undo', (apiVersion) => {
  test('the add-in\'s writes leave Excel nothing to undo; 撤销填入 restores the values', async () => {
    const { standIn, service, state } = paneOn(apiVersion);
    expect(state().hostUndo).toBe(false);
    standIn.userEdit(SHEET, 'A1', '（用户的编辑）');
    await service.check('active', 'auto');
    expect(standIn.undoSteps()).toEqual([]);
    const before = standIn.state.snapshot();
    await service.fill(state().findings.filter((f) => f.severity === 'error' && f.expected !== null));
    expect(state().outcome).toMatchObject({ kind: 'filled', hostUndo: false });
    expect(state().canUndo).toBe(true);
    expect(standIn.undo()).toBe(false);
    await service.undoFill();
    expect(values(standIn.state.snapshot())).toEqual(values(before));
    await service.dispose();
  });
});
