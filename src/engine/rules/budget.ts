import Decimal from 'decimal.js';
import { Computation, fmt, fmtAmount, roundingStep, step } from '../explain';
import type { RateReading } from '../read/number';
import { Profile, round } from './profiles';

const HUNDRED = new Decimal(100);
/** Multiplying by 0.01 is exact and cheaper than dividing by 100. */
const PERCENT = new Decimal('0.01');

export interface RateComputation extends Computation {
  /** Exact rate in percent, before capping and rounding. */
  exact: Decimal;
  /** Capped (if the profile caps), unrounded. */
  capped: Decimal;
}

/** 全年执行数 ÷ 全年预算数 in percent, unrounded: the same under every profile. Null when 全年预算数 is 0. */
export function exactRate(executed: Decimal, full: Decimal): Decimal | null {
  return full.isZero() ? null : executed.div(full).times(HUNDRED);
}

/** 执行率, capped at 100% and rounded per profile. Null when 全年预算数 is 0. */
export function executionRate(executed: Decimal, full: Decimal, profile: Profile, exact = exactRate(executed, full)): RateComputation | null {
  if (exact === null) return null;
  const capped = profile.rate.capAt100 && exact.gt(HUNDRED) ? HUNDRED : exact;
  const value = round(capped, profile.rate.rounding, profile.rate.decimals);
  const explain = () => {
    const terms = `${fmtAmount(executed)} ÷ ${fmtAmount(full)} = ${fmt(exact, 4)}%`;
    const steps = [step(`执行率 = 全年执行数 ÷ 全年预算数 = ${terms}`, `Execution rate = executed ÷ full-year budget = ${terms}`)];
    if (!capped.eq(exact)) steps.push(step('执行率超过 100%，按 100% 计', 'Rate above 100% counts as 100%'));
    const r = roundingStep(capped, value, profile.rate.rounding, profile.rate.decimals, '%');
    if (r) steps.push(r);
    return steps;
  };
  return { value, exact, capped, explain };
}

/** Budget 得分 from the rate: proportional (分值 × 执行率) or by bands, per profile. */
export function budgetScore(weight: Decimal, rate: RateComputation, profile: Profile): Computation {
  const rule = profile.budgetScore;
  if (rule.rule === 'bands') {
    const band = rule.bands.find((b) => rate.value.gte(b.minRate)) ?? rule.bands[rule.bands.length - 1];
    const value = weight.times(band.share).times(PERCENT);
    return {
      value,
      explain: () => {
        const r = rate.value.toFixed(2);
        const terms = `${fmt(weight)} × ${band.share}% = ${fmt(value)}`;
        return [
          step(`执行率 ${r}% ≥ ${band.minRate}%，得分 = 分值 × ${band.share}% = ${terms}`, `Rate ${r}% ≥ ${band.minRate}%: score = weight × ${band.share}% = ${terms}`),
        ];
      },
    };
  }
  const r = rule.from === 'rounded-rate' ? rate.value : rate.capped;
  const raw = weight.times(r).times(PERCENT);
  const value = round(raw, rule.rounding, rule.decimals);
  const explain = () => {
    const terms = `${fmt(weight)} × ${fmt(r, 6)}% = ${fmt(raw, 6)}`;
    const steps = [step(`得分 = 分值 × 执行率 = ${terms}`, `Score = weight × rate = ${terms}`)];
    const rs = roundingStep(raw, value, rule.rounding, rule.decimals);
    if (rs) steps.push(rs);
    return steps;
  };
  return { value, explain };
}

/** The budget score computed without any rounding (exact rate), to judge rounding-level differences. */
export function exactBudgetScore(weight: Decimal, rate: RateComputation, profile: Profile): Decimal | null {
  return profile.budgetScore.rule === 'proportional' ? weight.times(rate.capped).times(PERCENT) : null;
}

/** A bare number under a header without "(%)" may be a fraction (0.9966) or percent (99.66): the reading closer to the computed rate. */
export function enteredRate(reading: RateReading, rate: RateComputation): Decimal {
  if (reading.explicit || !reading.alternative) return reading.percent;
  const d1 = reading.percent.minus(rate.capped).abs();
  const d2 = reading.alternative.minus(rate.capped).abs();
  return d2.lt(d1) ? reading.alternative : reading.percent;
}
