import { same } from './check';
import type { TableValues } from './read/table';
import { budgetScore, enteredRate, executionRate } from './rules/budget';
import { evaluateIndicator } from './rules/indicator';
import { PROFILES, Profile } from './rules/profiles';

/** How many entered values a profile reproduces exactly. */
export interface Tally {
  budgetRows: number;
  budgetRowsExplained: number;
  values: number;
  valuesExplained: number;
}

export function emptyTally(): Tally {
  return { budgetRows: 0, budgetRowsExplained: 0, values: 0, valuesExplained: 0 };
}

/**
 * Count, on one table, the entered values that depend on the profile — 执行率, budget 得分
 * and the scores of unmet quantitative indicators — and those the profile gives exactly.
 */
export function explainedBy(values: TableValues, profile: Profile, tally: Tally): void {
  const b = values.budget;
  const reading = b?.rate?.reading;
  const rate = b?.full && b.executed ? executionRate(b.executed, b.full, profile, b.exactRate) : null;
  let rateOk: boolean | null = null;
  if (rate && reading) {
    rateOk = same(enteredRate(reading, rate), rate.value);
    tally.values++;
    if (rateOk) tally.valuesExplained++;
  }
  const weight = b?.weight?.value;
  const score = b?.score?.value;
  if (rate && weight && score) {
    const ok = same(score, budgetScore(weight, rate, profile).value);
    tally.values++;
    if (ok) tally.valuesExplained++;
    if (rateOk !== null) {
      tally.budgetRows++;
      if (rateOk && ok) tally.budgetRowsExplained++;
    }
  }
  for (const ind of values.indicators) {
    const w = ind.weight.value;
    const s = ind.score.value;
    if (!w || !s || ind.reading.kind !== 'quantitative' || ind.reading.met) continue;
    const ev = evaluateIndicator(ind.reading, w, profile);
    if (ev.kind !== 'quantitative') continue;
    tally.values++;
    if (same(s, ev.expected.value)) tally.valuesExplained++;
  }
}

export function tallyOf(tables: readonly TableValues[], profile: Profile): Tally {
  const tally = emptyTally();
  for (const t of tables) explainedBy(t, profile, tally);
  return tally;
}

/** The built-in profile that explains the most entered values: budget rows first, then all values; ties keep the earlier (national first). */
export function chooseProfile(tables: readonly TableValues[]): Profile {
  let best: { profile: Profile; tally: Tally } | null = null;
  for (const profile of PROFILES) {
    const tally = tallyOf(tables, profile);
    if (
      !best ||
      tally.budgetRowsExplained > best.tally.budgetRowsExplained ||
      (tally.budgetRowsExplained === best.tally.budgetRowsExplained && tally.valuesExplained > best.tally.valuesExplained)
    ) {
      best = { profile, tally };
    }
  }
  return best!.profile;
}
