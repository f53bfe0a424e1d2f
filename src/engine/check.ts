import Decimal from 'decimal.js';
import { fmt, fmtAmount, fmtFixed, step } from './explain';
import { toA1 } from './grid';
import type { Place } from './locate/tables';
import { shownValue } from './read/table';
import type { Entered, IndicatorValues, TableValues } from './read/table';
import type { ExplanationStep, Finding, IndicatorReport, Lang, Notice, Severity, TableProfile, TableReport, CheckedValue } from './report';
import { budgetScore, enteredRate, exactBudgetScore, executionRate, RateComputation } from './rules/budget';
import { GRADE_EN, gradeFor, readGrade } from './rules/grade';
import { evaluateIndicator } from './rules/indicator';
import type { Profile } from './rules/profiles';

export interface ScoredTable {
  report: TableReport;
  findings: Finding[];
  /** What could not be checked in this table and why (a total whose parts cannot all be read). */
  notices: Notice[];
}

type Text = { zh: string; en: string };

/** Equal by value: a float artefact such as 8.3150000000000001 is 8.315. */
const SAME = new Decimal('1e-9');
/** One unit in the last printed decimal (2 decimals): what another rounding convention changes. */
const UNIT = new Decimal('0.01');
const UNIT_AND_SAME = UNIT.plus(SAME);
/** The budget score's rounding tolerance grows by 0.01% of its weight. */
const PER_WEIGHT_TOLERANCE = new Decimal('0.0001');
/** Amounts agree to the cent. */
const HALF_CENT = new Decimal('0.005');
const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

const AMOUNT_NAMES: Record<'initial' | 'full' | 'executed', Text> = {
  initial: { zh: '年初预算数', en: 'initial budget' },
  full: { zh: '全年预算数', en: 'full-year budget' },
  executed: { zh: '全年执行数', en: 'executed' },
};

/** Equal by value, float artefacts aside. Numbers read from cells are shared Decimals, so a score of 10 under a weight of 10 is one object. */
export function same(a: Decimal, b: Decimal): boolean {
  if (a === b || a.eq(b)) return true;
  // |a − b| ≤ 1e-9, read off the difference's base-10 exponent (decimal.js's documented `e`).
  const d = a.minus(b);
  return d.e < -9 || (d.e === -9 && d.abs().lte(SAME));
}

/** a > b beyond a float artefact. */
function exceeds(a: Decimal, b: Decimal): boolean {
  return a !== b && a.gt(b) && !same(a, b);
}

/** A qualitative score inside its completion's band, edges compared by value (full marks are the weight itself, so often the same Decimal). */
function withinBand(s: Decimal, band: { low: Decimal; high: Decimal }): boolean {
  if (s === band.high || s === band.low) return true;
  return (s.gte(band.low) || same(s, band.low)) && (s.lte(band.high) || same(s, band.high));
}

/** Which finding an entered value gets against the profile's value and the exact (unrounded) one. */
function judge(entered: Decimal, computed: Decimal, exact: Decimal, tolerance: Decimal): 'ok' | 'rounding' | 'wrong' {
  if (same(entered, computed)) return 'ok';
  if (entered.minus(exact).abs().lte(tolerance.plus(SAME)) || entered.minus(computed).abs().lte(UNIT_AND_SAME)) return 'rounding';
  return 'wrong';
}

/** Scores one table under one profile (`chosen`: how that profile was chosen for it): the report entry and its findings. */
export function scoreTable(values: TableValues, profile: Profile, lang: Lang, explainAll = false, chosen: TableProfile['chosen'] = 'auto'): ScoredTable {
  return new TableScorer(values, profile, lang, explainAll, chosen).run();
}

class TableScorer {
  private readonly findings: Finding[] = [];
  private readonly notices: Notice[] = [];
  /** Each part of 总分 as it should be (computed, or entered where the rules give none); null when unknown. */
  private readonly correctedParts: Array<Decimal | null> = [];
  private readonly sheet: string;
  private readonly anchor: string;

  constructor(
    private readonly values: TableValues,
    private readonly profile: Profile,
    private readonly lang: Lang,
    private readonly explainAll: boolean,
    private readonly chosen: TableProfile['chosen'],
  ) {
    this.sheet = values.table.sheet;
    this.anchor = values.table.anchor.address;
  }

  run(): ScoredTable {
    const t = this.values.table;
    const budget = this.checkBudget();
    const indicators = this.values.indicators.map((ind) => this.checkIndicator(ind));
    const total = this.checkTotals();
    if (isBlankForm(this.values)) {
      // A template not filled in yet (分值 may be printed, no score is): nothing is wrong with it.
      this.findings.length = 0;
      this.notices.length = 0;
      this.notices.push({
        sheet: this.sheet,
        cell: this.anchor,
        message: { zh: '此表尚未填写得分（空白表格），未核', en: 'no score is entered yet (a blank form): not checked' }[this.lang],
      });
    }
    return {
      report: {
        sheet: t.sheet,
        anchor: t.anchor.address,
        profile: { id: this.profile.id, chosen: this.chosen },
        form: t.form,
        project: t.project,
        department: t.department,
        agency: t.agency,
        year: t.year,
        moneyUnit: t.moneyUnit,
        budget,
        indicators,
        total,
      },
      findings: this.findings,
      notices: this.notices,
    };
  }

  /** With `explain`, every computed value carries its steps (for the task pane); the CLI's JSON stays lean without. */
  private attach(value: CheckedValue, steps: () => ExplanationStep[]): void {
    if (this.explainAll) value.steps = steps();
  }

  private add(place: Place, code: string, severity: Severity, entered: string | null, expected: string | null, message: () => Text, steps: () => ExplanationStep[]): void {
    this.findings.push({
      sheet: this.sheet, cell: place.address, code, severity, entered, expected, message: message()[this.lang], steps: steps(), table: this.anchor,
    });
  }

  private unreadable(e: Entered, what: Text): void {
    const raw = String(e.cell?.value ?? '');
    this.add(e, 'VALUE_UNREADABLE', 'info', raw, null,
      () => ({ zh: `${what.zh}「${raw}」不是数字，未核`, en: `${what.en} "${raw}" is not a number: not checked` }), () => []);
  }

  // ---- 预算执行 -------------------------------------------------------------------------

  private checkBudget(): TableReport['budget'] {
    const b = this.values.budget;
    if (!b) return null;
    const report: NonNullable<TableReport['budget']> = {
      initial: b.initial?.toString() ?? null,
      full: b.full?.toString() ?? null,
      executed: b.executed?.toString() ?? null,
      weight: b.weight?.value?.toString() ?? null,
      rate: null,
      score: null,
    };
    this.checkFundsParts();
    const rc = b.full && b.executed ? executionRate(b.executed, b.full, this.profile, b.exactRate) : null;
    const { full, executed } = b;
    if (full && executed && executed.gt(full)) {
      this.add(b.rate?.place ?? this.values.table.anchor, 'EXECUTED_OVER_BUDGET', 'warning', null, null,
        () => ({ zh: `全年执行数 ${fmtAmount(executed)} 超过全年预算数 ${fmtAmount(full)}`, en: `Executed ${fmtAmount(executed)} exceeds the full-year budget ${fmtAmount(full)}` }), () => []);
    }
    if (b.rate) {
      const computed = rc ? rc.value.toFixed(this.profile.rate.decimals) : null;
      report.rate = { cell: b.rate.place.address, entered: null, computed };
      if (rc) this.attach(report.rate, () => rc.explain());
      if (!rc) {
        this.add(b.rate.place, 'RATE_NOT_COMPUTABLE', 'info', null, null,
          () => ({ zh: '全年预算数为 0 或缺失，无法计算执行率', en: 'Full-year budget is 0 or missing: no execution rate' }), () => []);
      } else if (b.rate.empty) {
        this.add(b.rate.place, 'MISSING_VALUE', 'error', null, computed,
          () => ({ zh: `执行率未填写，应为 ${computed}%`, en: `Execution rate is empty; it should be ${computed}%` }), () => rc.explain());
      } else if (!b.rate.reading) {
        this.unreadable({ ...b.rate.place, value: null, shown: null, unreadable: true, empty: false }, { zh: '执行率', en: 'Execution rate' });
      } else {
        const entered = enteredRate(b.rate.reading, rc);
        report.rate.entered = shownValue(entered, b.rate.place.cell);
        this.checkRate(b.rate.place, entered, report.rate.entered, rc, computed!);
      }
    }
    const score = b.score;
    if (score) {
      const weight = b.weight?.value ?? null;
      const sc = rc && weight ? budgetScore(weight, rc, this.profile) : null;
      const rule = this.profile.budgetScore;
      const computed = sc ? (rule.rule === 'bands' ? fmt(sc.value) : fmtFixed(sc.value, rule.rounding, rule.decimals)) : null;
      report.score = { cell: score.address, entered: score.shown, computed };
      if (rc && sc) this.attach(report.score, () => [...rc.explain(), ...sc.explain()]);
      this.correctedParts.push(sc ? sc.value : score.value);
      if (rc && !weight) {
        this.add(b.weight ?? score, 'BUDGET_WEIGHT_MISSING', 'info', null, null,
          () => ({ zh: '预算执行的分值缺失，得分未核', en: 'The budget weight is missing: score not checked' }), () => []);
      }
      if (score.unreadable) this.unreadable(score, { zh: '预算执行得分', en: 'Budget score' });
      if (sc && weight && rc && score.empty) {
        this.add(score, 'MISSING_VALUE', 'error', null, computed,
          () => ({ zh: `预算执行得分未填写，应为 ${computed}`, en: `Budget score is empty; it should be ${computed}` }), () => ([...rc.explain(), ...sc.explain()]));
      } else if (sc && weight && rc && score.value) {
        const entered = score.value;
        const exact = exactBudgetScore(weight, rc, this.profile) ?? sc.value;
        const tolerance = UNIT.plus(weight.times(PER_WEIGHT_TOLERANCE));
        const verdict = judge(entered, sc.value, exact, tolerance);
        const steps = () => [...rc.explain(), ...sc.explain()];
        if (verdict === 'rounding') {
          this.add(score, 'BUDGET_SCORE_ROUNDING', 'warning', score.shown, computed,
            () => ({ zh: `预算执行得分按「${this.profile.name.zh}」应为 ${computed}，填写 ${score.shown}，属取舍差异`, en: `Budget score under "${this.profile.name.en}" is ${computed}; ${score.shown} entered is a rounding difference` }), steps);
        } else if (verdict === 'wrong') {
          const product = `${fmt(weight)} × ${rc.value.toFixed(2)}%`;
          this.add(score, 'BUDGET_SCORE_MISMATCH', 'error', score.shown, computed,
            () => ({ zh: `预算执行得分应为 ${computed}（${product}），填写 ${score.shown}`, en: `Budget score should be ${computed} (${product}); ${score.shown} entered` }), steps);
        }
      }
    }
    return report;
  }

  private checkRate(place: Place, entered: Decimal, e: string, rc: RateComputation, computed: string): void {
    const verdict = judge(entered, rc.value, rc.capped, UNIT);
    if (verdict === 'rounding') {
      this.add(place, 'RATE_ROUNDING', 'warning', e, computed,
        () => ({ zh: `执行率按「${this.profile.name.zh}」应为 ${computed}%，填写 ${e}%，属取舍差异`, en: `Execution rate under "${this.profile.name.en}" is ${computed}%; ${e}% entered is a rounding difference` }), () => rc.explain());
    } else if (verdict === 'wrong') {
      const uncapped = !rc.capped.eq(rc.exact) && entered.minus(rc.exact).abs().lte(UNIT);
      this.add(place, uncapped ? 'RATE_NOT_CAPPED' : 'RATE_MISMATCH', uncapped ? 'warning' : 'error', e, computed,
        () => {
          if (uncapped) return { zh: `执行率超过 100%，应按 100% 计，填写 ${e}%`, en: `Execution rate above 100% counts as 100%; ${e}% entered` };
          const fraction = this.budgetFraction();
          return { zh: `执行率应为 ${computed}%（${fraction}），填写 ${e}%`, en: `Execution rate should be ${computed}% (${fraction}); ${e}% entered` };
        },
        () => rc.explain());
    }
  }

  private budgetFraction(): string {
    const b = this.values.budget!;
    return `${fmtAmount(b.executed!)} ÷ ${fmtAmount(b.full!)}`;
  }

  /** 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, column by column, when the sub-rows are filled. */
  private checkFundsParts(): void {
    for (const { column, total, parts } of this.values.budget!.parts) {
      if (!total.value || parts.some((p) => p === null)) continue;
      const partsSum = sum(parts as Decimal[]);
      if (partsSum === total.value || partsSum.minus(total.value).abs().lte(HALF_CENT)) continue;
      const n = AMOUNT_NAMES[column];
      const entered = fmtAmount(total.value);
      const expected = fmtAmount(partsSum);
      this.add(total, 'FUNDS_SUM_MISMATCH', 'warning', total.shown, expected,
        () => ({ zh: `年度资金总额的${n.zh} ${entered} 不等于各项之和 ${expected}`, en: `Total ${n.en} ${entered} differs from the sum of its parts ${expected}` }),
        () => {
          const terms = `${parts.map((p) => fmtAmount(p!)).join(' + ')} = ${expected}`;
          return [step(`${n.zh}：${terms}`, `${n.en}: ${terms}`)];
        });
    }
  }

  // ---- 三级指标 -------------------------------------------------------------------------

  private checkIndicator(ind: IndicatorValues): IndicatorReport {
    const label = ind.name ?? toA1(ind.located.row, this.values.table.indicatorColumns!.name);
    const report: IndicatorReport = {
      row: ind.located.row + 1,
      level1: ind.located.level1,
      level2: ind.located.level2,
      name: ind.name,
      target: ind.target,
      actual: ind.actual,
      kind: 'unreadable',
      weight: { cell: ind.weight.address, entered: ind.weight.shown },
      score: { cell: ind.score.address, entered: ind.score.shown, computed: null },
    };
    const w = ind.weight.value;
    if (ind.weight.unreadable) this.unreadable(ind.weight, { zh: `「${label}」的分值`, en: `Weight of "${label}"` });
    if (ind.score.unreadable) this.unreadable(ind.score, { zh: `「${label}」的得分`, en: `Score of "${label}"` });
    if (!w) {
      this.correctedParts.push(ind.score.empty ? ZERO : ind.score.value);
      if (ind.weight.empty) {
        this.add(ind.weight, 'INDICATOR_NOT_CHECKED', 'info', null, null,
          () => ({ zh: `「${label}」没有分值，未核`, en: `"${label}" has no weight: not checked` }), () => []);
      }
      return report;
    }
    const ev = evaluateIndicator(ind.reading, w, this.profile);
    report.kind = ev.kind;
    const s = ind.score.value;
    const shown = ind.score.shown;
    if (ev.kind === 'unreadable') {
      this.add(ind.score, 'INDICATOR_NOT_CHECKED', 'info', shown, null, () => ({ zh: `「${label}」：${ev.reason.zh}`, en: `"${label}": ${ev.reason.en}` }), () => ([ev.reason]));
    }
    const inBand = ev.kind === 'qualitative' && s !== null && withinBand(s, ev);
    const expected = ev.kind === 'quantitative' ? fmtFixed(ev.expected.value, this.profile.indicatorScore.rounding, this.profile.indicatorScore.decimals) : inBand ? shown : null;
    report.score.computed = expected;
    this.attach(report.score, ev.kind === 'quantitative' ? ev.expected.explain : ev.kind === 'qualitative' ? ev.explain : () => [ev.reason]);
    this.correctedParts.push(ev.kind === 'quantitative' ? ev.expected.value : s);
    if (ind.score.empty) {
      this.add(ind.score, 'MISSING_VALUE', 'error', null, expected,
        () => ({ zh: `「${label}」的得分未填写`, en: `Score of "${label}" is empty` }), () => (ev.kind === 'quantitative' ? ev.expected.explain() : []));
      return report;
    }
    if (!s) return report;
    if (s.isNegative()) {
      this.add(ind.score, 'SCORE_NEGATIVE', 'error', shown, expected, () => ({ zh: `「${label}」得分为负数`, en: `Score of "${label}" is negative` }), () => []);
      return report;
    }
    if (exceeds(s, w)) {
      const weight = fmt(w);
      this.add(ind.score, 'SCORE_ABOVE_WEIGHT', 'error', shown, expected ?? weight,
        () => ({ zh: `「${label}」得分 ${shown} 超过分值 ${weight}`, en: `Score ${shown} of "${label}" exceeds its weight ${weight}` }),
        () => ([step('得分不能超过分值：0 ≤ 得分 ≤ 分值', 'A score never exceeds its weight: 0 ≤ score ≤ weight')]));
      return report;
    }
    if (ev.kind === 'quantitative') this.checkQuantitative(ind, label, s, w, ev, expected!);
    if (ev.kind === 'qualitative') this.checkQualitative(ind, label, s, w, ev);
    return report;
  }

  private checkQuantitative(
    ind: IndicatorValues, label: string, s: Decimal, w: Decimal,
    ev: Extract<ReturnType<typeof evaluateIndicator>, { kind: 'quantitative' }>, expected: string,
  ): void {
    const shown = ind.score.shown;
    if (ev.met) {
      if (same(s, w)) return;
      const full = fmt(w);
      if (ev.overAchieved) {
        const deduction = fmt(w.minus(s));
        this.add(ind.score, 'INDICATOR_OVER_ACHIEVEMENT', 'warning', shown, full,
          () => ({ zh: `「${label}」实际远好于目标，扣分 ${deduction} 分属超额完成酌情扣分，请复核`, en: `"${label}" is far better than its target: the ${deduction}-point deduction is an over-achievement judgement, please review` }), () => (ev.expected.explain()));
      } else if (w.minus(s).lte(UNIT_AND_SAME)) {
        this.add(ind.score, 'INDICATOR_SCORE_ROUNDING', 'warning', shown, full,
          () => ({ zh: `「${label}」已达标应得满分 ${full}，填写 ${shown}，属取舍差异`, en: `"${label}" met its target: full marks ${full}; ${shown} entered is a rounding difference` }), () => (ev.expected.explain()));
      } else {
        this.add(ind.score, 'INDICATOR_MET_DEDUCTED', 'error', shown, full,
          () => ({ zh: `「${label}」已达标（${ind.target} / ${ind.actual}），应得满分 ${full}，填写 ${shown}`, en: `"${label}" met its target (${ind.target} / ${ind.actual}): full marks ${full}; ${shown} entered` }), () => (ev.expected.explain()));
      }
      return;
    }
    const verdict = judge(s, ev.expected.value, ev.exact, UNIT);
    if (verdict === 'rounding') {
      this.add(ind.score, 'INDICATOR_SCORE_ROUNDING', 'warning', shown, expected,
        () => ({ zh: `「${label}」按比例应为 ${expected}，填写 ${shown}，属取舍差异`, en: `"${label}" scores ${expected} proportionally; ${shown} entered is a rounding difference` }), () => (ev.expected.explain()));
    } else if (verdict === 'wrong') {
      this.add(ind.score, 'INDICATOR_SCORE_MISMATCH', 'error', shown, expected,
        () => ({ zh: `「${label}」未达标（${ind.target} / ${ind.actual}），按比例应得 ${expected}，填写 ${shown}`, en: `"${label}" missed its target (${ind.target} / ${ind.actual}): ${expected} proportionally; ${shown} entered` }), () => (ev.expected.explain()));
    }
  }

  private checkQualitative(ind: IndicatorValues, label: string, s: Decimal, w: Decimal, ev: Extract<ReturnType<typeof evaluateIndicator>, { kind: 'qualitative' }>): void {
    const shown = ind.score.shown;
    if (withinBand(s, ev)) {
      if (ev.completion === 'achieved' && !same(s, w)) {
        const deduction = fmt(w.minus(s));
        this.add(ind.score, 'QUALITATIVE_DEDUCTION', 'warning', shown, fmt(w),
          () => ({ zh: `「${label}」定性指标已达成却扣 ${deduction} 分，在允许档内，请复核`, en: `"${label}" (qualitative) was achieved yet lost ${deduction} points, within the allowed band: please review` }), () => (ev.explain()));
      }
      return;
    }
    const expected = ev.completion === 'achieved' ? w : s.lt(ev.low) ? ev.low : ev.high;
    const band = `${fmt(ev.low)}–${fmt(ev.high)}`;
    this.add(ind.score, 'QUALITATIVE_OUT_OF_BAND', 'error', shown, fmt(expected),
      () => ({ zh: `「${label}」定性得分 ${shown} 不在完成情况「${ind.actual}」对应的 ${band} 分档内`, en: `Qualitative score ${shown} of "${label}" is outside the ${band} band its completion "${ind.actual}" implies` }), () => (ev.explain()));
  }

  // ---- 总分与等级 -----------------------------------------------------------------------

  private checkTotals(): TableReport['total'] {
    const v = this.values;
    const b = v.budget;
    const total: TableReport['total'] = { weight: null, score: null, grade: null };
    // 分值: budget + indicators = printed total = 100.
    const weights = v.totalWeight ? this.addends(b?.weight, (i) => i.weight, v.totalWeight, { zh: '分值合计', en: 'the sum of the weights' }) : null;
    const weightSum = weights ? sum(weights.map((e) => e.value!)) : null;
    if (v.totalWeight) {
      const computed = weightSum ? fmt(weightSum) : null;
      total.weight = { cell: v.totalWeight.address, entered: v.totalWeight.shown, computed };
      if (weights && weightSum) this.checkWeightSum(v.totalWeight, weights, weightSum, computed!, total.weight);
    }
    // 总分 = budget 得分 + Σ indicator 得分, as entered.
    const parts = v.totalScore ? this.addends(b?.score, (i) => i.score, v.totalScore, { zh: '总分', en: 'the total score' }) : null;
    const scoreSum = parts ? sum(parts.map((e) => e.value!)) : null;
    if (v.totalScore) {
      const computed = scoreSum ? fmt(scoreSum, 6) : null;
      total.score = { cell: v.totalScore.address, entered: v.totalScore.shown, computed };
      if (parts && scoreSum) this.checkTotalScore(v.totalScore, parts, scoreSum, computed!, total.score);
    }
    const corrected = this.correctedParts;
    const complete = corrected.length === v.indicators.length + 1 && corrected.every((d) => d !== null);
    total.rulesTotal = complete ? fmt(sum(corrected as Decimal[]), 6) : null;
    if (v.grade) {
      const basis = v.totalScore?.value ?? scoreSum;
      const computed = basis ? gradeFor(basis) : null;
      total.grade = { cell: v.grade.place.address, entered: v.grade.text, computed };
      if (computed && basis) this.checkGrade(v.grade.place, v.grade.text, computed, basis, total.grade);
    }
    return total;
  }

  /**
   * The entries a total adds up, as entered: the budget's and every indicator's that is filled
   * in (an empty one adds nothing; a row with neither 分值 nor 得分 is no part of it). Null,
   * with a notice saying why, when the budget row is missing or an entry is not a number.
   */
  private addends(budget: Entered | null | undefined, pick: (i: IndicatorValues) => Entered, printed: Entered, what: Text): Entered[] | null {
    const notice = (zh: string, en: string) => {
      this.notices.push({ sheet: this.sheet, cell: printed.address, message: { zh, en }[this.lang] });
      return null;
    };
    if (!budget) {
      return notice(`${what.zh}未核：没有读到预算执行的分值和得分`, `${what.en} not checked: the budget row's weight and score were not found`);
    }
    const entries: Entered[] = [];
    for (const e of [budget, ...this.values.indicators.filter((i) => !(i.weight.empty && i.score.empty)).map(pick)]) {
      if (e.unreadable) {
        const raw = String(e.cell?.value ?? '');
        return notice(`${what.zh}未核：${e.address}「${raw}」不是数字`, `${what.en} not checked: ${e.address} "${raw}" is not a number`);
      }
      if (e.value) entries.push(e);
    }
    return entries;
  }

  /** `sumText`: the sum as reported. */
  private checkWeightSum(printed: Entered, weights: Entered[], weightSum: Decimal, sumText: string, report: CheckedValue): void {
    const steps = () => {
      const terms = `${weights.map((e) => fmt(e.value!)).join(' + ')} = ${sumText}`;
      return [step(`分值合计 = ${terms}`, `Sum of weights = ${terms}`)];
    };
    this.attach(report, steps);
    if (!printed.value) {
      // A blank 总分 分值: the weights must still add up to 100, and the blank cell is where to say so.
      if (printed.empty && !same(weightSum, HUNDRED)) {
        this.add(printed, 'WEIGHT_SUM_NOT_100', 'error', null, '100',
          () => ({ zh: `各项分值之和为 ${sumText}，应为 100（总分的分值未填写）`, en: `The weights add up to ${sumText}, not 100 (the total weight is blank)` }), steps);
      }
      return;
    }
    if (!same(printed.value, weightSum)) {
      const rounding = printed.value.minus(weightSum).abs().lte(UNIT_AND_SAME);
      this.add(printed, rounding ? 'WEIGHT_SUM_ROUNDING' : 'WEIGHT_SUM_MISMATCH', rounding ? 'warning' : 'error', printed.shown, sumText,
        () => ({ zh: `总分的分值 ${printed.shown} 不等于各项分值之和 ${sumText}`, en: `Total weight ${printed.shown} differs from the sum of the weights ${sumText}` }), steps);
    } else if (!same(weightSum, HUNDRED)) {
      this.add(printed, 'WEIGHT_SUM_NOT_100', 'error', printed.shown, '100',
        () => ({ zh: `各项分值之和为 ${sumText}，应为 100`, en: `The weights add up to ${sumText}, not 100` }), steps);
    }
  }

  /** `sumText`: the sum as reported. */
  private checkTotalScore(printed: Entered, parts: Entered[], scoreSum: Decimal, sumText: string, report: CheckedValue): void {
    const steps = () => {
      const terms = `${parts.map((e) => fmt(e.value!, 6)).join(' + ')} = ${sumText}`;
      return [step(`总分 = 预算执行得分 + 各指标得分 = ${terms}`, `Total = budget score + indicator scores = ${terms}`)];
    };
    this.attach(report, steps);
    if (!printed.value) {
      if (printed.empty) {
        this.add(printed, 'MISSING_VALUE', 'error', null, sumText, () => ({ zh: '总分未填写', en: 'Total score is empty' }), steps);
      } else this.unreadable(printed, { zh: '总分', en: 'Total score' });
      return;
    }
    const rounding = printed.value.minus(scoreSum).abs().lte(UNIT_AND_SAME);
    if (exceeds(printed.value, HUNDRED) && (rounding || same(printed.value, scoreSum))) {
      // Weights that add up to more than 100 are the cause, and already an error: this is its consequence.
      const weightsWrong = this.findings.some((f) => f.severity === 'error' && f.code.startsWith('WEIGHT_SUM'));
      this.add(printed, 'TOTAL_SCORE_ABOVE_100', weightsWrong ? 'warning' : 'error', printed.shown, null,
        () => ({ zh: `总分 ${printed.shown} 超过满分 100`, en: `Total ${printed.shown} is above the maximum of 100` }),
        () => [...steps(), step('总分不能超过 100', 'A total never exceeds 100')]);
      return;
    }
    if (same(printed.value, scoreSum)) return;
    this.add(printed, rounding ? 'TOTAL_SCORE_ROUNDING' : 'TOTAL_SCORE_MISMATCH', rounding ? 'warning' : 'error', printed.shown, sumText,
      () => (rounding
        ? { zh: `总分 ${printed.shown} 与各项得分之和 ${sumText} 相差在取舍范围内`, en: `Total ${printed.shown} differs from the sum of the scores ${sumText} by rounding only` }
        : { zh: `总分应为各项得分之和 ${sumText}，填写 ${printed.shown}`, en: `Total should be the sum of the scores ${sumText}; ${printed.shown} entered` }),
      steps);
  }

  private checkGrade(place: Place, text: string | null, computed: string, basis: Decimal, report: CheckedValue): void {
    const steps = () => {
      const total = fmt(basis, 6);
      return [step(`评分等级：优 ≥ 90，良 80–90，中 60–80，差 < 60；总分 ${total} → ${computed}`,
        `Grade: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60; total ${total} → ${computed} (${GRADE_EN[computed as keyof typeof GRADE_EN]})`)];
    };
    this.attach(report, steps);
    if (text === null) {
      this.add(place, 'GRADE_MISSING', 'warning', null, computed, () => ({ zh: `评分等级未填写，应为「${computed}」`, en: `Grade is empty; it should be ${computed}` }), steps);
      return;
    }
    const entered = readGrade(text);
    if (entered === null) {
      this.add(place, 'VALUE_UNREADABLE', 'info', text, computed, () => ({ zh: `评分等级「${text}」无法识别，未核`, en: `Grade "${text}" is not a known grade: not checked` }), steps);
    } else if (entered !== computed) {
      this.add(place, 'GRADE_MISMATCH', 'error', text, computed,
        () => {
          const total = fmt(basis, 6);
          return { zh: `总分 ${total} 对应等级「${computed}」，填写「${text}」`, en: `Total ${total} means grade ${computed}; "${text}" entered` };
        }, steps);
    }
  }
}

/** No score anywhere — budget row, indicators, 总分 — and no 执行数: a form waiting to be filled in. */
function isBlankForm(v: TableValues): boolean {
  const b = v.budget;
  const untouched = (e: Entered | null | undefined) => !e || e.empty;
  return !b?.executed && untouched(b?.score) && v.indicators.every((i) => untouched(i.score)) && untouched(v.totalScore);
}

/** Σ values. Zeros (the 0.00 of 上年结转资金 and 其他资金) are skipped: a sum of one value is that value. */
function sum(values: Decimal[]): Decimal {
  let total: Decimal | null = null;
  for (const d of values) {
    if (d.isZero()) continue;
    total = total === null ? d : total.plus(d);
  }
  return total ?? ZERO;
}

