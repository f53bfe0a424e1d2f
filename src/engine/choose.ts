import { same } from './check';
import type { TableValues } from './read/table';
import { budgetScore, enteredRate, executionRate, RateComputation } from './rules/budget';
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
 * For each profile and each value counted, the first profile that computes the value alike.
 * Profiles share most rules (four of the built-in seven compute 执行率 alike), so a table's
 * values are computed once per distinct rule and counted for every profile that has it.
 */
interface Alike {
  /** 执行率: its rounding and cap. */
  rate: number[];
  /** Budget 得分: the rate and the score rule. */
  budgetScore: number[];
  /** 得分 of an unmet quantitative indicator: its rounding and the lower-is-better rule. */
  indicator: number[];
}

/** Profiles whose `rule` (everything the value depends on) is the same compute alike. */
function firstAlike(profiles: readonly Profile[], rule: (p: Profile) => unknown): number[] {
  const keys = profiles.map((p) => JSON.stringify(rule(p)));
  return keys.map((k) => keys.indexOf(k));
}

interface RateOutcome {
  rate: RateComputation | null;
  /** The entered 执行率 is the profile's; null when not counted. */
  ok: boolean | null;
}

/** Unmet quantitative indicators counted, and those whose score the profile gives. */
interface IndicatorOutcome {
  values: number;
  explained: number;
}

/**
 * Count, on one table, the entered values that depend on the profile — 执行率, budget 得分
 * and the scores of unmet quantitative indicators — and those each profile gives exactly.
 */
function countTable(values: TableValues, profiles: readonly Profile[], alike: Alike, tallies: Tally[]): void {
  const rates: RateOutcome[] = [];
  const budgetScores: Array<boolean | null> = [];
  const indicators: IndicatorOutcome[] = [];
  for (let i = 0; i < profiles.length; i++) {
    const profile = profiles[i];
    const tally = tallies[i];
    const r = alike.rate[i];
    const { rate, ok: rateOk } = (rates[i] = r === i ? rateOutcome(values, profile) : rates[r]);
    if (rateOk !== null) {
      tally.values++;
      if (rateOk) tally.valuesExplained++;
    }
    const b = alike.budgetScore[i];
    const scoreOk = (budgetScores[i] = b === i ? budgetScoreOk(values, profile, rate) : budgetScores[b]);
    if (scoreOk !== null) {
      tally.values++;
      if (scoreOk) tally.valuesExplained++;
      if (rateOk !== null) {
        tally.budgetRows++;
        if (rateOk && scoreOk) tally.budgetRowsExplained++;
      }
    }
    const n = alike.indicator[i];
    const counted = (indicators[i] = n === i ? indicatorOutcome(values, profile) : indicators[n]);
    tally.values += counted.values;
    tally.valuesExplained += counted.explained;
  }
}

function rateOutcome(values: TableValues, profile: Profile): RateOutcome {
  const b = values.budget;
  const reading = b?.rate?.reading;
  const rate = b?.full && b.executed ? executionRate(b.executed, b.full, profile, b.exactRate) : null;
  return { rate, ok: rate && reading ? same(enteredRate(reading, rate), rate.value) : null };
}

function budgetScoreOk(values: TableValues, profile: Profile, rate: RateComputation | null): boolean | null {
  const weight = values.budget?.weight?.value;
  const score = values.budget?.score?.value;
  return rate && weight && score ? same(score, budgetScore(weight, rate, profile).value) : null;
}

function indicatorOutcome(values: TableValues, profile: Profile): IndicatorOutcome {
  const counted = { values: 0, explained: 0 };
  for (const ind of values.indicators) {
    const w = ind.weight.value;
    const s = ind.score.value;
    if (!w || !s || ind.reading.kind !== 'quantitative' || ind.reading.met) continue;
    const ev = evaluateIndicator(ind.reading, w, profile);
    if (ev.kind !== 'quantitative') continue;
    counted.values++;
    if (same(s, ev.expected.value)) counted.explained++;
  }
  return counted;
}

/** Per list of profiles (the built-in list is one and the same array for every workbook), which compute alike. */
const alikeOfProfiles = new WeakMap<readonly Profile[], Alike>();

function alikeOf(profiles: readonly Profile[]): Alike {
  let alike = alikeOfProfiles.get(profiles);
  if (!alike) {
    alike = {
      rate: firstAlike(profiles, (p) => p.rate),
      budgetScore: firstAlike(profiles, (p) => [p.rate, p.budgetScore]),
      indicator: firstAlike(profiles, (p) => [p.indicatorScore, p.lowerIsBetter]),
    };
    alikeOfProfiles.set(profiles, alike);
  }
  return alike;
}

/** The tally of each profile over all tables. */
export function talliesOf(tables: readonly TableValues[], profiles: readonly Profile[]): Tally[] {
  const alike = alikeOf(profiles);
  const tallies = profiles.map(() => emptyTally());
  for (const t of tables) countTable(t, profiles, alike, tallies);
  return tallies;
}

/** Each table's tally of each built-in profile: counted once, added up per workbook and per office. */
export function tableTallies(tables: readonly TableValues[]): Tally[][] {
  const alike = alikeOf(PROFILES);
  return tables.map((t) => {
    const tallies = PROFILES.map(() => emptyTally());
    countTable(t, PROFILES, alike, tallies);
    return tallies;
  });
}

function addTallies(perTable: readonly Tally[][]): Tally[] {
  const total = PROFILES.map(() => emptyTally());
  for (const tallies of perTable) {
    tallies.forEach((t, i) => {
      const s = total[i];
      s.budgetRows += t.budgetRows;
      s.budgetRowsExplained += t.budgetRowsExplained;
      s.values += t.values;
      s.valuesExplained += t.valuesExplained;
    });
  }
  return total;
}

export function tallyOf(tables: readonly TableValues[], profile: Profile): Tally {
  return talliesOf(tables, [profile])[0];
}

function explainsMore(a: Tally, b: Tally): boolean {
  return a.budgetRowsExplained > b.budgetRowsExplained || (a.budgetRowsExplained === b.budgetRowsExplained && a.valuesExplained > b.valuesExplained);
}

/** The profile the automatic choice may pick that explains the most (ties keep the earlier, national first). */
function bestAutomatic(tallies: readonly Tally[]): number {
  let best = -1;
  for (let i = 0; i < PROFILES.length; i++) {
    if (PROFILES[i].automatic && (best < 0 || explainsMore(tallies[i], tallies[best]))) best = i;
  }
  return best;
}

export interface Choice {
  profile: Profile;
  tally: Tally;
  /** A profile the automatic choice may not pick that would explain more budget rows: said, never applied. */
  suggested: { profile: Profile; tally: Tally } | null;
}

/**
 * The automatic profile: of those that may be chosen automatically, the one that explains the
 * most entered values — budget rows first, then all values; ties keep the earlier (national first).
 */
export function chooseProfile(perTable: readonly Tally[][]): Choice {
  const tallies = addTallies(perTable);
  const best = bestAutomatic(tallies);
  let suggested = -1;
  for (let i = 0; i < PROFILES.length; i++) {
    if (PROFILES[i].automatic || tallies[i].budgetRowsExplained <= tallies[best].budgetRowsExplained) continue;
    if (suggested < 0 || explainsMore(tallies[i], tallies[suggested])) suggested = i;
  }
  return {
    profile: PROFILES[best],
    tally: tallies[best],
    suggested: suggested < 0 ? null : { profile: PROFILES[suggested], tally: tallies[suggested] },
  };
}

/**
 * An office's own profile (scoring-rules.md §5): the automatic one that explains the most of its
 * own tables' values, where it explains more of them than the workbook's choice does; null where
 * its tables give no such evidence (the workbook's choice stands).
 */
export function officeProfile(perTable: readonly Tally[][], workbook: Profile): Profile | null {
  const tallies = addTallies(perTable);
  const best = bestAutomatic(tallies);
  return PROFILES[best] !== workbook && explainsMore(tallies[best], tallies[PROFILES.indexOf(workbook)]) ? PROFILES[best] : null;
}
