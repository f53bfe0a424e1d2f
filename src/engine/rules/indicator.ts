import Decimal from 'decimal.js';
import { Computation, fmt, roundingStep, step } from '../explain';
import { COMPLETION_BAND, Completion, Measure, parseMeasure, readCompletion } from '../read/measure';
import { readPhrase, readsAsZero, restatesTarget, zeroTarget } from '../read/worded';
import type { ExplanationStep } from '../report';
import { Profile, round } from './profiles';

export type Direction = 'higher' | 'lower';

export type IndicatorEvaluation =
  | {
      kind: 'quantitative';
      direction: Direction;
      met: boolean;
      /** actual ≥ ratio × target (lower-is-better: ≤ target ÷ ratio): a deduction is allowed. */
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

/**
 * Units must agree; a count written without its unit on one side is taken as the other's. A %
 * is taken so only by an indicator whose name says it is a rate (…率, 满意度, 比例, 占比).
 */
function unitsAgree(target: Measure, actual: Measure, rateName: boolean): boolean {
  if (target.unit === actual.unit) return true;
  if (target.unit === '%' || actual.unit === '%') return rateName && (target.unit === '' || actual.unit === '');
  return target.unit === '' || actual.unit === '';
}

/** Indicators measured in percent by their name. */
export function isRateName(name: string | null): boolean {
  return name !== null && /率|满意度|比例|占比|百分比/.test(name);
}

/**
 * An actual that is itself a bound (">90%", "<0.1") settles "met" only when it lies on the
 * right side of the target; otherwise its exact value is unknown.
 */
function actualBoundMet(dir: Direction, target: Measure, actual: Measure): boolean | null {
  const c = actual.comparator;
  if (c === null || c === '=' || c === 'between') return null;
  if (dir === 'higher' && (c === '>' || c === '>=') && actual.value.gte(target.value)) return true;
  if (dir === 'lower' && (c === '<' || c === '<=') && actual.value.lte(target.value)) return true;
  return false;
}

/**
 * What an indicator's target and actual say, whatever the profile: read once per table and
 * scored under any number of profiles.
 */
export type IndicatorReading =
  | {
      kind: 'quantitative'; target: Measure; actual: Measure; targetText: string; actualText: string; direction: Direction; met: boolean;
      overAchievable: boolean;
      /** How words were read as numbers (「无投诉」读作 0次), shown before the computation. */
      readings: ExplanationStep[];
    }
  | { kind: 'qualitative'; completion: Completion; actualText: string; readings: ExplanationStep[] }
  | { kind: 'unreadable'; reason: ExplanationStep };

function unreadable(zh: string, en: string): IndicatorReading {
  return { kind: 'unreadable', reason: step(zh, en) };
}

/** Readings are immutable and targets repeat from table to table: read each distinct pair once (by target, then actual). */
const readings = [new Map<string | null, Map<string | null, IndicatorReading>>(), new Map<string | null, Map<string | null, IndicatorReading>>()];
let readingsCached = 0;
const READINGS_CACHE_SIZE = 20000;

/** What a target and an actual say; `rateName`: the indicator's name says it is a rate (so a bare number is a percent). */
export function readIndicator(targetText: string | null, actualText: string | null, rateName = false): IndicatorReading {
  const cache = readings[rateName ? 1 : 0];
  let r = cache.get(targetText)?.get(actualText);
  if (r === undefined) {
    r = readIndicatorOnce(targetText, actualText, rateName);
    if (readingsCached >= READINGS_CACHE_SIZE) {
      for (const c of readings) c.clear();
      readingsCached = 0;
    }
    let byActual = cache.get(targetText);
    if (!byActual) cache.set(targetText, (byActual = new Map()));
    byActual.set(actualText, r);
    readingsCached++;
  }
  return r;
}

function readingStep(text: string, shown: string): ExplanationStep {
  return step(`「${text}」读作 ${shown}`, `"${text}" read as ${shown}`);
}

function readIndicatorOnce(targetText: string | null, actualText: string | null, rateName: boolean): IndicatorReading {
  if (targetText === null || actualText === null) return unreadable('年度指标值或实际完成值为空，未核', 'Target or actual is empty: not checked');
  const notes: ExplanationStep[] = [];
  let target = parseMeasure(targetText);
  if (!target) {
    const phrase = readPhrase(targetText, 'target');
    if (phrase) {
      target = phrase.measure;
      notes.push(readingStep(targetText, phrase.shown));
    }
  }
  if (!target && zeroTarget(targetText) && (readsAsZero(actualText) || /\d/.test(actualText))) {
    target = { comparator: '=', value: new Decimal(0), unit: '' };
    notes.push(readingStep(targetText, '0'));
  }
  let actual = parseMeasure(actualText, 'actual');
  // "3个月完成" for a target in 个月: the words after the target's unit are no part of it.
  if (actual && target && target.unit && actual.unit !== target.unit && actual.unit.startsWith(target.unit)) actual = null;
  if (!actual && target && readsAsZero(actualText)) {
    if (target.comparator === 'between' || direction(target) !== 'lower') {
      return unreadable(`实际完成值「${actualText}」表示未发生，但年度指标值「${targetText}」不是越低越好，未核`,
        `Actual "${actualText}" says none happened, but target "${targetText}" is not lower-is-better: not checked`);
    }
    actual = { comparator: null, value: new Decimal(0), unit: target.unit };
    notes.push(readingStep(actualText, `0${target.unit}`));
  }
  if (!actual) {
    const phrase = readPhrase(actualText, 'actual', target?.unit ?? null);
    if (phrase) {
      actual = phrase.measure;
      notes.push(readingStep(actualText, phrase.shown));
    }
  }
  if (target && actual) return quantitativeReading(target, actual, targetText, actualText, rateName, notes);
  if (restatesTarget(actualText, targetText)) {
    return {
      kind: 'qualitative', completion: 'achieved', actualText,
      readings: [step(`实际完成值「${actualText}」即年度指标值「${targetText}」已完成`, `Actual "${actualText}" states target "${targetText}" as done`)],
    };
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
  return { kind: 'qualitative', completion, actualText, readings: notes };
}

function quantitativeReading(target: Measure, actual: Measure, targetText: string, actualText: string, rateName: boolean, readings: ExplanationStep[]): IndicatorReading {
  if (!unitsAgree(target, actual, rateName)) {
    return unreadable(`年度指标值「${targetText}」与实际完成值「${actualText}」单位不一致，未核`, `Units of target "${targetText}" and actual "${actualText}" differ: not checked`);
  }
  const unit = target.unit || actual.unit;
  if (target.comparator === 'between' || actual.comparator === 'between') {
    const met = rangeMet(target, actual);
    if (!met) {
      return unreadable(`年度指标值「${targetText}」与实际完成值「${actualText}」为范围，实际不在目标范围内，无计分规则，未核`,
        `Target "${targetText}" or actual "${actualText}" is a range and the actual is not inside the target: no rule scores it, not checked`);
    }
    return { kind: 'quantitative', target: { ...target, unit }, actual: { ...actual, unit }, targetText, actualText, direction: 'higher', met, overAchievable: false, readings };
  }
  const dir = direction(target);
  const bound = actualBoundMet(dir, target, actual);
  if (bound === false) {
    return unreadable(`实际完成值「${actualText}」只给出范围，无法确定是否达标，未核`, `Actual "${actualText}" is only a bound: cannot tell whether the target was met`);
  }
  const met = bound === true || (dir === 'higher' ? actual.value.gte(target.value) : actual.value.lte(target.value));
  return {
    kind: 'quantitative', target, actual, targetText, actualText, direction: dir, met,
    overAchievable: target.value.gt(ZERO) && bound === null, readings,
  };
}

/** A range target is met by an actual inside it; a range actual meets a target when all of it does. */
function rangeMet(target: Measure, actual: Measure): boolean {
  const aLow = actual.value;
  const aHigh = actual.comparator === 'between' ? actual.high! : actual.value;
  if (target.comparator === 'between') return actual.comparator !== '>' && actual.comparator !== '<' && actual.comparator !== '>=' && actual.comparator !== '<=' && aLow.gte(target.value) && aHigh.lte(target.high!);
  const dir = direction(target);
  if (dir === 'higher') return target.comparator === '>' ? aLow.gt(target.value) : aLow.gte(target.value);
  return target.comparator === '<' ? aHigh.lt(target.value) : aHigh.lte(target.value);
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
  const { completion, actualText, readings } = reading;
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
        ...readings,
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
    const shown = (m: Measure) => (m.comparator === 'between' ? `${fmt(m.value)}–${fmt(m.high!)}` : fmt(m.value)) + (m.unit || target.unit);
    const tt = shown(target);
    const at = shown(actual);
    const compared = target.comparator === 'between' || actual.comparator === 'between'
      ? step(`范围：目标 ${tt}，实际 ${at}`, `Range: target ${tt}, actual ${at}`)
      : dir === 'higher'
        ? step(`越高越好：目标 ${tt}，实际 ${at}`, `Higher is better: target ${tt}, actual ${at}`)
        : step(`越低越好：目标 ${tt}，实际 ${at}`, `Lower is better: target ${tt}, actual ${at}`);
    return [...reading.readings, compared];
  };
  if (met) {
    const ratio = profile.overAchievementRatio;
    const overAchieved = reading.overAchievable && (dir === 'higher' ? a.gte(t.times(ratio)) : a.lte(t.div(ratio)));
    const explain = () => {
      const full = fmt(weight);
      const steps = [...head(), step(`已达标，得满分 ${full}`, `Target met: full marks ${full}`)];
      if (overAchieved) {
        steps.push(dir === 'higher'
          ? step(`实际 ≥ ${ratio} × 目标，目标可能定得过低，扣分可由评价人酌定`,
            `Actual ≥ ${ratio} × target: the target may have been set too loosely, a deduction is at the evaluator's discretion`)
          : step(`实际 ≤ 目标 ÷ ${ratio}，目标可能定得过宽，扣分可由评价人酌定`,
            `Actual ≤ target ÷ ${ratio}: the target may have been set too loosely, a deduction is at the evaluator's discretion`));
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
    const steps = [...head(), formula()];
    const rs = roundingStep(exact, value, rounding, decimals);
    if (rs) steps.push(rs);
    return steps;
  };
  return { kind: 'quantitative', direction: dir, met, overAchieved: false, expected: { value, explain }, exact };
}
