/** readSheets: a fixed number of syncs, grids equal to the cells, large sheets in blocks. */
import * as fs from 'fs';
import * as path from 'path';
import { GridView, fromA1, type SheetGrid } from '../../src/engine/grid';
import { READ_BUDGET, rowBlocks } from '../../src/office/excel-adapter';
import type { StandInSheet } from './excel-standin';
import { loadFixture } from './load-fixture';
import { setup } from './setup';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');

/** A small self-evaluation-like table starting at `origin`. */
function table(name: string, origin = 'A1'): StandInSheet {
  return {
    name,
    origin,
    cells: [
      ['项目名称', name, null],
      ['预算执行率', 0.9824, 9.82],
      ['合计', null, 98.5],
    ],
    formats: [
      ['General', 'General', 'General'],
      ['General', '0.00%', '0.00'],
      ['General', 'General', '0.0'],
    ],
    formulas: [
      [null, null, null],
      [null, null, null],
      [null, null, '=SUM(C1:C2)'],
    ],
  };
}

/** Every non-empty source cell is in the grid with its value, format and formula flag. */
function expectGridMatches(grid: SheetGrid, source: StandInSheet): void {
  const origin = fromA1(source.origin ?? 'A1') as { row: number; col: number };
  const view = new GridView(grid);
  let checked = 0;
  source.cells.forEach((row, i) =>
    row.forEach((value, j) => {
      const cell = view.cell(origin.row + i, origin.col + j);
      const formula = source.formulas?.[i]?.[j] ?? null;
      if ((value === null || value === '') && formula === null) {
        expect(cell).toBeUndefined();
        return;
      }
      expect(cell).toEqual({ value, format: source.formats?.[i]?.[j] ?? 'General', ...(formula ? { formula: true } : {}) });
      checked++;
    }),
  );
  expect(checked).toBeGreaterThan(0);
}

test('one sheet and fifty sheets take the same three syncs', async () => {
  const one = setup({ sheets: [table('表1', 'C4')] });
  const fifty = setup({ sheets: Array.from({ length: 50 }, (_, i) => table(`表${i + 1}`, i % 2 ? 'B2' : 'A1')) });
  const a = await one.counted(() => one.adapter.readSheets('all'));
  const b = await fifty.counted(() => fifty.adapter.readSheets('all'));
  expect(a.syncs).toBe(3);
  expect(b.syncs).toBe(3);
  expect(b.result).toHaveLength(50);
  expect(a.result[0]).toMatchObject({ name: '表1', top: 3, left: 2 });
  expectGridMatches(a.result[0], table('表1', 'C4'));
  b.result.forEach((grid, i) => expectGridMatches(grid, table(`表${i + 1}`, i % 2 ? 'B2' : 'A1')));
});

test('scope "active" reads the active sheet only; an empty sheet gives an empty grid', async () => {
  const { adapter } = setup({ sheets: [{ name: 'Empty', cells: [] }, table('T')] });
  expect(await adapter.readSheets('active')).toEqual([{ name: 'Empty', cells: [], top: 0, left: 0 }]);
  expect((await adapter.readSheets('all')).map((g) => g.name)).toEqual(['Empty', 'T']);
});

test('progress goes from 0 to all sheets', async () => {
  const { adapter } = setup({ sheets: [table('A'), table('B'), { name: 'C', cells: [] }] });
  const progress: [number, number][] = [];
  await adapter.readSheets('all', (done, total) => progress.push([done, total]));
  expect(progress[0]).toEqual([0, 3]);
  expect(progress[progress.length - 1]).toEqual([3, 3]);
});

describe('the shared fixtures are read fully', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));

  test.each(files)('%s', async (file) => {
    const workbook = loadFixture(path.join(FIXTURES, file));
    const { adapter, counted } = setup(workbook);
    const { result: grids, syncs } = await counted(() => adapter.readSheets('all'));
    expect(syncs).toBe(3);
    expect(grids.map((g) => g.name)).toEqual(workbook.sheets.map((s) => s.name));
    grids.forEach((grid, i) => expectGridMatches(grid, workbook.sheets[i]));
    // The answer key's cells hold numbers where the key says so.
    const key = JSON.parse(fs.readFileSync(path.join(FIXTURES, file.replace(/\.xlsx$/, '.key.json')), 'utf8')) as {
      tables: { sheet: string; cells: Record<string, string> }[];
    };
    for (const t of key.tables) {
      const view = new GridView(grids.find((g) => g.name === t.sheet) as SheetGrid);
      const at = fromA1(t.cells.totalScore) as { row: number; col: number };
      expect(typeof view.cell(at.row, at.col)?.value).toBe('number');
    }
  });
});

describe('large sheets', () => {
  const wide = (rows: number, cols: number, text = (r: number, c: number): string | number => r * 1000 + c): StandInSheet => ({
    name: 'Big',
    origin: 'B3',
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => text(r, c))),
  });

  test('row blocks stay within the cell budget', () => {
    expect(rowBlocks(25, 10, 100)).toEqual([
      { row0: 0, rows: 10 },
      { row0: 10, rows: 10 },
      { row0: 20, rows: 5 },
    ]);
    expect(rowBlocks(3, 500, 100)).toHaveLength(3); // one row at least
  });

  test('a range over the block budget is loaded in row blocks, all in one sync', async () => {
    const source = wide(60, 10);
    const { adapter, standIn, counted } = setup({ sheets: [source] }, {}, { readBudget: { blockCells: 100, syncCells: 1000 } });
    const { result, syncs } = await counted(() => adapter.readSheets('all'));
    expect(syncs).toBe(3);
    const loads = standIn.rangeLoads.filter((l) => l.properties.includes('values'));
    expect(loads.map((l) => l.address)).toEqual(['Big!B3:K12', 'Big!B13:K22', 'Big!B23:K32', 'Big!B33:K42', 'Big!B43:K52', 'Big!B53:K62']);
    expect(new Set(loads.map((l) => l.sync)).size).toBe(1);
    expectGridMatches(result[0], source);
  });

  test('past the per-sync budget the blocks go in further syncs, each response under 5 MB', async () => {
    const source = wide(30_000, 10, (r, c) => `第${r}行第${c}列的说明文字`);
    const { adapter, standIn, counted } = setup({ sheets: [source] });
    const { result, syncs } = await counted(() => adapter.readSheets('all'));
    const cells = 30_000 * 10;
    expect(syncs).toBe(2 + Math.ceil(cells / READ_BUDGET.syncCells));
    expect(Math.max(...standIn.responseBytes)).toBeLessThan(5 * 1024 * 1024);
    expect(result[0].cells).toHaveLength(30_000);
    expect(new GridView(result[0]).cell(2 + 29_999, 1 + 9)?.value).toBe('第29999行第9列的说明文字');
  });

  test('without the budget the same sheet would exceed Excel on the web’s 5 MB', async () => {
    const { adapter } = setup({ sheets: [wide(30_000, 10, (r, c) => `第${r}行第${c}列的说明文字`)] }, {}, { readBudget: { blockCells: 1e9, syncCells: 1e9 } });
    await expect(adapter.readSheets('all')).rejects.toThrow(/ResponsePayloadSizeLimitExceeded/);
  });
});
