import Decimal from 'decimal.js';
import type { ExplanationStep } from './report';
import type { Rounding } from './rules/profiles';

/**
 * A computed value and the steps that lead to it, in Chinese and English, with the real
 * numbers. Steps are built on demand: the automatic profile choice scores every table under
 * every profile but explains only the findings of the profile it keeps.
 */
export interface Computation {
  value: Decimal;
  explain(): ExplanationStep[];
}

/** 1864161.63 → "1,864,161.63" (amounts always with 2 decimals). */
export function fmtAmount(d: Decimal): string {
  let s = amounts.get(d);
  if (s === undefined) {
    const [int, frac] = d.toFixed(2).split('.');
    amounts.set(d, (s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + frac));
  }
  return s;
}

/** A table's amounts are spelt in its rate's explanation, in its message and in every budget finding's steps: once per Decimal. */
const amounts = new WeakMap<Decimal, string>();

/** A number as people print it: at most `max` decimals, no trailing zeros ("13.75", "8.315", "10"). */
export function fmt(d: Decimal, max = 4): string {
  return (d.decimalPlaces() <= max ? d : d.toDecimalPlaces(max, Decimal.ROUND_HALF_UP)).toString();
}

/** Report strings: fixed decimals when the profile rounds, else the value as computed (≤ 6 decimals). */
export function fmtFixed(d: Decimal, rounding: Rounding, decimals: number): string {
  return rounding === 'none' ? fmt(d, 6) : d.toFixed(decimals);
}

const ROUNDING_WORDS: Record<Rounding, { zh: string; en: string }> = {
  'half-up': { zh: '四舍五入', en: 'rounded half-up' },
  truncate: { zh: '截尾', en: 'truncated' },
  up: { zh: '向上进位', en: 'rounded up' },
  none: { zh: '不取舍', en: 'left unrounded' },
};

/** "→ 78.23（四舍五入保留 2 位小数）" when the rounding changed something. */
export function roundingStep(before: Decimal, after: Decimal, rounding: Rounding, decimals: number, unit = ''): ExplanationStep | null {
  if (rounding === 'none' || before.eq(after)) return null;
  const w = ROUNDING_WORDS[rounding];
  const from = fmt(before, 6) + unit;
  const to = after.toFixed(decimals) + unit;
  return { zh: `${from} ${w.zh}保留 ${decimals} 位小数 = ${to}`, en: `${from} ${w.en} to ${decimals} decimals = ${to}` };
}

export function step(zh: string, en: string): ExplanationStep {
  return { zh, en };
}
