import { checkWorkbook } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';
import { allFixtures } from '../support/fixtures';

describe.each(allFixtures().map((f) => [f.name, f] as const))('%s', (_name, fx) => {
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

  test('stacked tables of one office: each has the year of its own title rows, as the first does', () => {
    if (!/^\d{3}-stacked-official/.test(fx.name)) return;
    const [first, ...rest] = report.tables.map((t) => t.year);
    for (const year of rest) expect(year).toBe(first);
  });

  test('no sheet is left unexplained', () => {
    expect(report.notices).toEqual([]);
  });
});

test('the automatic choice keeps the convention each office follows', () => {
  const byName = Object.fromEntries(allFixtures().map((f) => [f.name, checkWorkbook(readWorkbook(f.bytes)).profile]));
  expect(byName['000-stacked-official.xlsx']).toMatchObject({ id: 'rate-up', chosen: 'auto', explains: '3/3 budget rows, 10/10 computed values' });
  expect(byName['004-stacked-official.xlsx'].id).toBe('truncate-rate');
  expect(byName['004-stacked-flat.xlsx'].id).toBe('truncate-rate');
  for (const layout of ['official', 'flat']) {
    expect(byName[`001-stacked-${layout}.xlsx`].id).toBe('truncate'); // 普陀区
    expect(byName[`003-stacked-${layout}.xlsx`].id).toBe('half-up-unrounded'); // 青浦区
  }
});

test('a banded rule is never chosen automatically, only suggested (宝山区: 99.55% → 10 is an error under proportional scoring)', () => {
  const fx = allFixtures().find((f) => f.name === '002-stacked-official.xlsx')!;
  const auto = checkWorkbook(readWorkbook(fx.bytes));
  expect(auto.profile.id).not.toBe('banded');
  expect(auto.profile.suggestion).toMatchObject({ id: 'banded', explains: expect.stringMatching(/^2\/4 budget rows/) });
  const rows = fx.key.tables.map((t) => t.cells['funds.score']);
  const budgetErrors = auto.findings.filter((f) => f.severity === 'error' && rows.includes(f.cell)).map((f) => f.cell);
  expect(budgetErrors).toEqual(rows); // all four budget scores: 10, 10, 9, 7 where 9.95, 9.31, 8.87, 7.81 are due
  const banded = checkWorkbook(readWorkbook(fx.bytes), { profile: 'banded' });
  expect(banded.profile).toMatchObject({ id: 'banded', chosen: 'user' });
  expect(banded.profile.suggestion).toBeUndefined();
  // Under bands the two full scores are right; 88.68% → 9 and 78.12% → 7 are still wrong (8 and 6).
  expect(banded.findings.filter((f) => f.code === 'BUDGET_SCORE_MISMATCH').map((f) => f.expected)).toEqual(['8', '6']);
});
