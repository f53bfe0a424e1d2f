import Decimal from 'decimal.js';
import { Computation, fmt, roundingStep, step } from '../explain';
import { COMPLETION_BAND, Completion, Measure, parseMeasure, readCompletion } from '../read/measure';
import type { ExplanationStep } from '../report';
import { Profile, round } from './profiles';

export type Direction = 'higher' | 'lower';

export type IndicatorEvaluation =
  | {
      kind: 'quantitative';
      direction: Direction;
      met: boolean;
      /** actual ≥ ratio × target on a higher-is-better indicator: a deduction is allowed. */
      overAchieved: boolean;
      /** The score the profile gives (full 分值 when met). */
      expected: Computation;
      /** The same before rounding, to judge rounding-level differences. */
      exact: Decimal;
    }
  | { kind: 'qualitative'; completion: Completion; low: Decimal; high: Decimal; explain(): ExplanationStep[] }
  | { kind: 'unreadable'; reason: ExplanationStep };

const QUALITATIVE_WORDS: Record<Completion, { zh: string; en: string }> = {
  achieved: { zh: '达成年度指标', en: 'target achieved' },
  partial: { zh: '部分达成并具有一定效果', en: 'partly achieved' },
  failed: { zh: '未达成且效果较差', en: 'not achieved' },
};

const ONE = new Decimal(1);
const ZERO = new Decimal(0);
/** Multiplying by 0.01 is exact and cheaper than dividing by 100. */
const PERCENT = new Decimal('0.01');

function direction(target: Measure): Direction {
  switch (target.comparator) {
    case '<=':
    case '<':
      return 'lower';
    case '>=':
    case '>':
      return 'higher';
    default:
      return target.value.isZero() ? 'lower' : 'higher';
  }
}

/** Units must agree; a count written without its unit on one side is taken as the other's, a % never is. */
function unitsAgree(target: Measure, actual: Measure): boolean {
  if (target.unit === actual.unit) return true;
  if (target.unit === '%' || actual.unit === '%') return false;
  return target.unit === '' || actual.unit === '';
}

/**
 * An actual that is itself a bound (">90%", "<0.1") settles "met" only when it lies on the
 * right side of the target; otherwise its exact value is unknown.
 */
function actualBoundMet(dir: Direction, target: Measure, actual: Measure): boolean | null {
  const c = actual.comparator;
  if (c === null || c === '=') return null;
  if (dir === 'higher' && (c === '>' || c === '>=') && actual.value.gte(target.value)) return true;
  if (dir === 'lower' && (c === '<' || c === '<=') && actual.value.lte(target.value)) return true;
  return false;
}

/**
 * What an indicator's target and actual say, whatever the profile: read once per table and
 * scored under any number of profiles.
 */
export type IndicatorReading =
  | { kind: 'quantitative'; target: Measure; actual: Measure; targetText: string; actualText: string; direction: Direction; met: boolean; overAchievable: boolean }
  | { kind: 'qualitative'; completion: Completion; actualText: string }
  | { kind: 'unreadable'; reason: ExplanationStep };

function unreadable(zh: string, en: string): IndicatorReading {
  return { kind: 'unreadable', reason: step(zh, en) };
}

/** Readings are immutable and targets repeat from table to table: read each distinct pair once (by target, then actual). */
const readings = new Map<string | null, Map<string | null, IndicatorReading>>();
let readingsCached = 0;
const READINGS_CACHE_SIZE = 20000;

export function readIndicator(targetText: string | null, actualText: string | null): IndicatorReading {
  let r = readings.get(targetText)?.get(actualText);
  if (r === undefined) {
    r = readIndicatorOnce(targetText, actualText);
    if (readingsCached >= READINGS_CACHE_SIZE) {
      readings.clear();
      readingsCached = 0;
    }
    let byActual = readings.get(targetText);
    if (!byActual) readings.set(targetText, (byActual = new Map()));
    byActual.set(actualText, r);
    readingsCached++;
  }
  return r;
}

function readIndicatorOnce(targetText: string | null, actualText: string | null): IndicatorReading {
  if (targetText === null || actualText === null) return unreadable('年度指标值或实际完成值为空，未核', 'Target or actual is empty: not checked');
  const target = parseMeasure(targetText);
  const actual = parseMeasure(actualText);
  if (target && actual) {
    if (!unitsAgree(target, actual)) {
      return unreadable(`年度指标值「${targetText}」与实际完成值「${actualText}」单位不一致，未核`, `Units of target "${targetText}" and actual "${actualText}" differ: not checked`);
    }
    const dir = direction(target);
    const bound = actualBoundMet(dir, target, actual);
    if (bound === false) {
      return unreadable(`实际完成值「${actualText}」只给出范围，无法确定是否达标，未核`, `Actual "${actualText}" is only a bound: cannot tell whether the target was met`);
    }
    const met = bound === true || (dir === 'higher' ? actual.value.gte(target.value) : actual.value.lte(target.value));
    return { kind: 'quantitative', target, actual, targetText, actualText, direction: dir, met, overAchievable: dir === 'higher' && target.value.gt(ZERO) && bound === null };
  }
  if (target && /\d/.test(actualText)) {
    return unreadable(`实际完成值「${actualText}」无法读成数值，未核`, `Actual "${actualText}" is not a readable number: not checked`);
  }
  if (!target && /\d/.test(targetText)) {
    return unreadable(`年度指标值「${targetText}」无法读成一个比较值，未核`, `Target "${targetText}" is not a single readable comparison: not checked`);
  }
  const completion = readCompletion(actualText, targetText);
  if (completion === null) {
    return unreadable(`实际完成值「${actualText}」看不出完成程度，未核`, `Actual "${actualText}" does not say how far the target was reached: not checked`);
  }
  return { kind: 'qualitative', completion, actualText };
}

/**
 * Evaluations are immutable and depend only on the reading, the weight and the profile; readings
 * are shared by rows with the same target and actual, and weights read from the same number are
 * the same Decimal: evaluate each combination once (the automatic choice asks for it under every
 * profile, then the scorer once more).
 */
const evaluations = new WeakMap<IndicatorReading, Map<Profile, WeakMap<Decimal, IndicatorEvaluation>>>();

/** Score an indicator under a profile (scoring-rules.md §3). */
export function evaluateIndicator(reading: IndicatorReading, weight: Decimal, profile: Profile): IndicatorEvaluation {
  if (reading.kind === 'unreadable') return reading;
  let byProfile = evaluations.get(reading);
  if (!byProfile) evaluations.set(reading, (byProfile = new Map()));
  let byWeight = byProfile.get(profile);
  if (!byWeight) byProfile.set(profile, (byWeight = new WeakMap()));
  let ev = byWeight.get(weight);
  if (!ev) byWeight.set(weight, (ev = evaluateOnce(reading, weight, profile)));
  return ev;
}

function evaluateOnce(reading: Exclude<IndicatorReading, { kind: 'unreadable' }>, weight: Decimal, profile: Profile): IndicatorEvaluation {
  if (reading.kind === 'quantitative') return quantitative(reading, weight, profile);
  const { completion, actualText } = reading;
  const [lo, hi] = COMPLETION_BAND[completion];
  const low = weight.times(lo).times(PERCENT);
  const high = hi === 100 ? weight : weight.times(hi).times(PERCENT);
  const w = QUALITATIVE_WORDS[completion];
  return {
    kind: 'qualitative',
    completion,
    low,
    high,
    explain: () => {
      const band = `${fmt(low)}–${fmt(high)}`;
      return [
        step(`定性指标：实际完成「${actualText}」属「${w.zh}」档，得分应在分值的 ${lo}%–${hi}% 之间，即 ${band}`,
          `Qualitative indicator: actual "${actualText}" means ${w.en}; the score must lie within ${lo}–${hi}% of the weight, i.e. ${band}`),
      ];
    },
  };
}

function quantitative(reading: Extract<IndicatorReading, { kind: 'quantitative' }>, weight: Decimal, profile: Profile): IndicatorEvaluation {
  const { target, actual, direction: dir, met } = reading;
  const t = target.value;
  const a = actual.value;
  const head = () => {
    const tt = fmt(t) + target.unit;
    const at = fmt(a) + (actual.unit || target.unit);
    return dir === 'higher'
      ? step(`越高越好：目标 ${tt}，实际 ${at}`, `Higher is better: target ${tt}, actual ${at}`)
      : step(`越低越好：目标 ${tt}，实际 ${at}`, `Lower is better: target ${tt}, actual ${at}`);
  };
  if (met) {
    const ratio = profile.overAchievementRatio;
    const overAchieved = reading.overAchievable && a.gte(t.times(ratio));
    const explain = () => {
      const full = fmt(weight);
      const steps = [head(), step(`已达标，得满分 ${full}`, `Target met: full marks ${full}`)];
      if (overAchieved) {
        steps.push(step(`实际 ≥ ${ratio} × 目标，目标可能定得过低，扣分可由评价人酌定`,
          `Actual ≥ ${ratio} × target: the target may have been set too low, a deduction is at the evaluator's discretion`));
      }
      return steps;
    };
    return { kind: 'quantitative', direction: dir, met, overAchieved, expected: { value: weight, explain }, exact: weight };
  }
  let exact: Decimal;
  let formula: () => ExplanationStep;
  if (dir === 'higher') {
    exact = t.isZero() ? weight : weight.times(a).div(t);
    formula = () => {
      const terms = `${fmt(weight)} × ${fmt(a)} ÷ ${fmt(t)} = ${fmt(exact, 6)}`;
      return step(`未达标，按比例：得分 = 分值 × 实际 ÷ 目标 = ${terms}`, `Not met, proportional: score = weight × actual ÷ target = ${terms}`);
    };
  } else if (t.isZero()) {
    exact = ZERO;
    formula = () => step('目标为 0 而实际超出，得 0 分', 'Target 0 exceeded: score 0');
  } else if (profile.lowerIsBetter === 'inverse') {
    exact = weight.times(t).div(a);
    formula = () => {
      const terms = `${fmt(weight)} × ${fmt(t)} ÷ ${fmt(a)} = ${fmt(exact, 6)}`;
      return step(`未达标（反向指标）：得分 = 分值 × 目标 ÷ 实际 = ${terms}`, `Not met (lower is better): score = weight × target ÷ actual = ${terms}`);
    };
  } else {
    exact = weight.times(Decimal.max(ZERO, ONE.minus(a.minus(t).div(t))));
    formula = () => {
      const tt = fmt(t);
      const terms = `${fmt(weight)} × (1 − (${fmt(a)} − ${tt}) ÷ ${tt}) = ${fmt(exact, 6)}`;
      return step(`未达标（反向指标，线性扣分）：得分 = 分值 × (1 − (实际 − 目标) ÷ 目标) = ${terms}`,
        `Not met (lower is better, linear): score = weight × (1 − (actual − target) ÷ target) = ${terms}`);
    };
  }
  const { rounding, decimals } = profile.indicatorScore;
  const value = round(exact, rounding, decimals);
  const explain = () => {
    const steps = [head(), formula()];
    const rs = roundingStep(exact, value, rounding, decimals);
    if (rs) steps.push(rs);
    return steps;
  };
  return { kind: 'quantitative', direction: dir, met, overAchieved: false, expected: { value, explain }, exact };
}
