import { checkWorkbook } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';
import { fixtures } from '../support/fixtures';

describe.each(fixtures().map((f) => [f.name, f] as const))('%s', (_name, fx) => {
  const report = checkWorkbook(readWorkbook(fx.bytes));

  test('every table is found at its anchor, with its project name', () => {
    expect(report.tables.map((t) => `${t.sheet}!${t.anchor}`)).toEqual(fx.key.tables.map((t) => `${t.sheet}!${t.anchor}`));
    report.tables.forEach((t, i) => expect(t.project).toBe(fx.key.tables[i].project));
  });

  test('every indicator row, budget cell and total cell is located', () => {
    report.tables.forEach((t, i) => {
      const k = fx.key.tables[i];
      expect(t.indicators.map((x) => x.score.cell)).toEqual(k.indicators.map((x) => x.scoreCell));
      expect(t.indicators.map((x) => x.weight.cell)).toEqual(k.indicators.map((_, j) => k.cells[`indicators.${j}.weight`]));
      expect(t.budget?.rate?.cell).toBe(k.cells['funds.rate']);
      expect(t.budget?.score?.cell).toBe(k.cells['funds.score']);
      expect(t.total.weight?.cell).toBe(k.cells.totalWeight);
      expect(t.total.score?.cell).toBe(k.cells.totalScore);
      expect(t.total.grade?.cell).toBe(k.cells.grade);
    });
  });

  test('every truth entry is an error at its cell, and there is no other error', () => {
    const truth = fx.key.tables.flatMap((t) => t.truth.map((x) => `${x.sheet}!${x.cell}`)).sort();
    const errors = [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`))].sort();
    expect(errors).toEqual(truth);
  });

  test('no sheet is left unexplained', () => {
    expect(report.notices).toEqual([]);
  });
});

test('the automatic choice keeps the convention each office follows', () => {
  const byName = Object.fromEntries(fixtures().map((f) => [f.name, checkWorkbook(readWorkbook(f.bytes)).profile]));
  expect(byName['000-stacked-official.xlsx']).toMatchObject({ id: 'rate-up', chosen: 'auto', explains: '3/3 budget rows, 10/10 computed values' });
  expect(byName['004-stacked-official.xlsx'].id).toBe('truncate-rate');
  expect(byName['004-stacked-flat.xlsx'].id).toBe('truncate-rate');
});
