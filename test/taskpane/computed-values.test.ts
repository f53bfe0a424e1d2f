/** 计算过程: every computed value of a table, with the engine's steps and the real numbers. */
import { checkWorkbook } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';
import { computedValues } from '../../src/taskpane/computed-values';
import { STRINGS } from '../../src/taskpane/i18n';
import { fixtures } from '../support/fixtures';

const fixture = fixtures().find((f) => f.name === '000-stacked-official.xlsx')!;
const report = checkWorkbook(readWorkbook(fixture.bytes), { explain: true });
const [table] = report.tables;
const key = fixture.key.tables[0];

test('lists the rate, the budget score, every indicator score and the totals, at their cells, in form order', () => {
  const values = computedValues(table, STRINGS.zh);
  const cells = values.map((v) => v.cell);
  expect(cells.slice(0, 2)).toEqual([key.cells['funds.rate'], key.cells['funds.score']]);
  // Every indicator the engine could compute a score for, in row order, under its name.
  const scored = table.indicators.filter((i) => i.score.computed !== null);
  expect(scored.length).toBeGreaterThan(5);
  expect(values.slice(2, 2 + scored.length).map((v) => [v.cell, v.label])).toEqual(scored.map((i) => [i.score.cell, `「${i.name}」得分`]));
  expect(cells).toContain(key.cells.totalWeight);
  expect(cells).toContain(key.cells.totalScore);
});

test('the steps carry the real numbers: 1,864,161.63 ÷ 2,382,800.00 and 10 × 78.23%', () => {
  const [rate, score] = computedValues(table, STRINGS.zh);
  expect(rate.computed).toBe(table.budget!.rate!.computed);
  expect(rate.steps[0].zh).toContain('1,864,161.63 ÷ 2,382,800.00');
  expect(score.steps.map((s) => s.zh).join('\n')).toMatch(/10 × 78\.2\d+% = 7\.82/);
  expect(rate.steps[0].en).toContain('Execution rate');
});

test('labels follow the pane language; values without a computation are left out', () => {
  const en = computedValues(table, STRINGS.en);
  expect(en[0].label).toBe('Execution rate (%)');
  const unreadable = table.indicators.filter((i) => i.score.computed === null).map((i) => i.score.cell);
  expect(unreadable.length).toBeGreaterThan(0); // 政务微博排名: 排名前三 / 前三
  for (const cell of unreadable) expect(en.map((v) => v.cell)).not.toContain(cell);
});
