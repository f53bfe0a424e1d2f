import Decimal from 'decimal.js';

/** How a computed value is cut to the printed decimals. */
export type Rounding = 'half-up' | 'truncate' | 'up' | 'none';

/** A band of the banded budget rule: from `minRate` percent up, the score is `share` percent of 分值. */
export interface BudgetBand {
  minRate: number;
  share: number;
}

export type BudgetScoreRule =
  | { rule: 'proportional'; from: 'rounded-rate' | 'exact-rate'; rounding: Rounding; decimals: number }
  | { rule: 'bands'; bands: readonly BudgetBand[] };

/** How a lower-is-better indicator that missed its target is scored. */
export type LowerIsBetterRule = 'inverse' | 'linear';

/**
 * A rule profile: the conventions an office scores with. Profiles are data; the scoring
 * functions in rules/ take one as a parameter. Add a regional variant by adding an entry.
 */
export interface Profile {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  rate: { rounding: Rounding; decimals: number; capAt100: boolean };
  budgetScore: BudgetScoreRule;
  indicatorScore: { rounding: Rounding; decimals: number };
  lowerIsBetter: LowerIsBetterRule;
  /** actual ≥ ratio × target: a deduction for a target set too low is allowed (a warning). */
  overAchievementRatio: Decimal;
  /**
   * Whether the automatic choice may pick it. A banded rule gives full marks to every rate
   * above its first band, so it "explains" any full score typed over a proportional one
   * (10 entered where 9.95 is due): it is never inferred, only picked by hand, and the
   * report suggests it when it would explain more budget rows.
   */
  automatic: boolean;
}

const NATIONAL: Profile = {
  id: 'national',
  name: { zh: '全国默认', en: 'National default' },
  description: {
    zh: '执行率、得分均四舍五入保留两位小数，执行率以 100% 为上限；未达标指标按比例得分；反向指标按 目标÷实际 得分。',
    en: 'Rate and score rounded half-up to 2 decimals, rate capped at 100%; unmet indicators scored proportionally; lower-is-better: target ÷ actual.',
  },
  rate: { rounding: 'half-up', decimals: 2, capAt100: true },
  budgetScore: { rule: 'proportional', from: 'rounded-rate', rounding: 'half-up', decimals: 2 },
  indicatorScore: { rounding: 'half-up', decimals: 2 },
  lowerIsBetter: 'inverse',
  overAchievementRatio: new Decimal('1.2'),
  automatic: true,
};

function variant(id: string, name: Profile['name'], description: Profile['description'], change: Partial<Profile>): Profile {
  return { ...NATIONAL, ...change, id, name, description };
}

/** Built-in profiles, in tie-break order for the automatic choice (national first). */
export const PROFILES: readonly Profile[] = [
  NATIONAL,
  variant(
    'truncate',
    { zh: '截尾（普陀区）', en: 'Truncation (Putuo)' },
    { zh: '执行率、得分均截尾保留两位小数（99.666% → 99.66%，9.975 → 9.97）。', en: 'Rate and score truncated to 2 decimals (99.666% → 99.66%, 9.975 → 9.97).' },
    {
      rate: { rounding: 'truncate', decimals: 2, capAt100: true },
      budgetScore: { rule: 'proportional', from: 'rounded-rate', rounding: 'truncate', decimals: 2 },
      indicatorScore: { rounding: 'truncate', decimals: 2 },
    },
  ),
  variant(
    'truncate-rate',
    { zh: '执行率截尾、得分四舍五入（闵行区）', en: 'Truncated rate, half-up score (Minhang)' },
    { zh: '执行率截尾保留两位小数，得分按截尾后的执行率四舍五入（96.199% → 96.19%，9.619 → 9.62）。', en: 'Rate truncated to 2 decimals, score rounded half-up from the truncated rate (96.199% → 96.19%, 9.619 → 9.62).' },
    { rate: { rounding: 'truncate', decimals: 2, capAt100: true } },
  ),
  variant(
    'half-up-unrounded',
    { zh: '执行率四舍五入、得分不取舍（青浦区）', en: 'Half-up rate, unrounded score (Qingpu)' },
    { zh: '执行率四舍五入保留两位小数，得分 = 分值 × 执行率，不再取舍（83.146% → 83.15%，得分 8.315）。', en: 'Rate rounded half-up to 2 decimals, score = weight × rate left unrounded (83.146% → 83.15%, score 8.315).' },
    { budgetScore: { rule: 'proportional', from: 'rounded-rate', rounding: 'none', decimals: 2 } },
  ),
  variant(
    'rate-up',
    { zh: '执行率进位（市政府办公厅）', en: 'Rate rounded up (municipal office)' },
    { zh: '执行率向上进位保留两位小数（78.234% → 78.24%），得分按进位后的执行率四舍五入。', en: 'Rate rounded up to 2 decimals (78.234% → 78.24%), score rounded half-up from that rate.' },
    { rate: { rounding: 'up', decimals: 2, capAt100: true } },
  ),
  variant(
    'national-linear',
    { zh: '全国默认，反向指标线性扣分', en: 'National, linear lower-is-better' },
    { zh: '同全国默认；反向指标未达标时 分值 × (1 − (实际 − 目标) ÷ 目标)，超过目标两倍得 0 分。', en: 'As national; an unmet lower-is-better indicator scores weight × (1 − (actual − target) ÷ target), 0 beyond twice the target.' },
    { lowerIsBetter: 'linear' },
  ),
  variant(
    'banded',
    { zh: '执行率分档计分', en: 'Banded budget score' },
    { zh: '执行率 ≥ 90% 得满分，80%–90% 得 80%，60%–80% 得 60%，低于 60% 不得分；其余同全国默认。', en: 'Rate ≥ 90%: full marks; 80–90%: 80%; 60–80%: 60%; below 60%: 0. Otherwise as national.' },
    {
      budgetScore: {
        rule: 'bands',
        bands: [
          { minRate: 90, share: 100 },
          { minRate: 80, share: 80 },
          { minRate: 60, share: 60 },
          { minRate: 0, share: 0 },
        ],
      },
      automatic: false,
    },
  ),
];

export function findProfile(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

const MODE: Record<Exclude<Rounding, 'none'>, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  truncate: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

export function round(d: Decimal, rounding: Rounding, decimals: number): Decimal {
  return rounding === 'none' ? d : d.toDecimalPlaces(decimals, MODE[rounding]);
}
