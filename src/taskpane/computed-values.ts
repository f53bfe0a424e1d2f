/**
 * Every value the engine computed for one table, in form order, as the trainer's "计算过程"
 * lists them: 执行率, the budget 得分, each indicator's 得分, the 分值 total, 总分 and 评分等级.
 * Only what the report holds is listed; the steps come from the engine (checkWorkbook with
 * `explain`), so nothing is computed here.
 */
import type { CheckedValue, ExplanationStep, TableReport } from '../engine/report';
import type { Strings } from './i18n';

export interface ComputedValue {
  /** What the value is: "执行率", "「微博日均访问量」得分". */
  label: string;
  cell: string;
  entered: string | null;
  computed: string | null;
  steps: readonly ExplanationStep[];
}

export function computedValues(table: TableReport, t: Strings): ComputedValue[] {
  const out: ComputedValue[] = [];
  const add = (label: string, v: CheckedValue | null | undefined) => {
    if (v && v.computed !== null) out.push({ label, cell: v.cell, entered: v.entered, computed: v.computed, steps: v.steps ?? [] });
  };
  add(t.value.rate, table.budget?.rate);
  add(t.value.budgetScore, table.budget?.score);
  for (const ind of table.indicators) add(t.value.indicatorScore(ind.name ?? ind.score.cell), ind.score);
  add(t.value.totalWeight, table.total.weight);
  add(t.value.totalScore, table.total.score);
  add(t.value.grade, table.total.grade);
  return out;
}
