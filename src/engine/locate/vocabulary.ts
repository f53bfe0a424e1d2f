/**
 * Header and label words of the form, with the synonyms seen in real tables. Matching is done
 * on squashed text (NFKC, no white space), so "年度\n指标值" and "执行率（%）" match too.
 */

export type FundsColumn = 'initial' | 'full' | 'executed' | 'weight' | 'rate' | 'score';
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'remark';

/** Exact header texts (after squashing and dropping a trailing "(%)", "(元)", "(万元)"). */
export const FUNDS_HEADERS: Record<FundsColumn, readonly string[]> = {
  // 年初 / 全年 alone: the lower row of a two-row header under 预算数.
  initial: ['年初预算数', '年初预算', '年初预算金额', '年初预算数(万元)', '年初预算数(元)', '年初'],
  full: ['全年预算数', '全年预算', '调整后预算数', '全年预算金额', '预算数', '全年'],
  executed: ['全年执行数', '全年执行', '执行数', '实际执行数', '全年实际执行数', '全年支出数'],
  weight: ['分值', '分数', '权重', '分值(分)'],
  rate: ['执行率', '预算执行率', '执行率(%)'],
  score: ['得分', '得分(分)', '评分', '实际得分', '自评得分', '自评分'],
};

export const INDICATOR_HEADERS: Record<IndicatorColumn, readonly string[]> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '三级指标名称', '指标名称', '绩效指标名称'],
  target: ['年度指标值', '指标值', '年度目标值', '目标值', '年度目标', '预期指标值', '计划值'],
  actual: ['实际完成值', '完成值', '实际值', '全年实际值', '实际完成情况', '实际完成'],
  weight: ['分值', '分数', '权重', '分值(分)'],
  score: ['得分', '得分(分)', '自评得分', '评分', '实际得分', '自评分'],
  remark: ['偏差原因分析及改进措施', '偏差原因分析', '未完成原因分析', '偏差原因及改进措施', '备注'],
};

export const PROJECT_LABELS = ['项目名称'];
export const FUNDS_BLOCK_LABEL = '项目资金';
export const TOTAL_ROW_LABELS = ['总分', '合计', '总计', '合计得分', '自评总分', '总得分', '得分合计'];
/** Rows inside the indicator block that add up others: never indicators. */
export const SUBTOTAL_ROW_LABELS = ['小计', '分项小计'];
export const GRADE_LABELS = ['评分等级', '等级', '自评等级', '评价等级', '绩效等级', '绩效评价等级', '自评结果'];
export const FUNDS_ROW_LABELS = {
  total: ['年度资金总额', '资金总额', '年度资金总额:', '合计'],
  appropriation: ['其中:当年财政拨款', '当年财政拨款', '财政拨款', '其中:财政拨款'],
  carryOver: ['上年结转资金', '上年结转', '结转资金'],
  other: ['其他资金', '其他'],
} as const;

/**
 * Remove trailing markers from a header: a unit or percent sign ("执行率(%)" → "执行率") and
 * the national template's column letters ("全年预算数(A)", "执行率(B/A)", "得分(C=B/A×10)").
 */
export function headerCore(squashed: string): { core: string; percent: boolean } {
  let core = squashed;
  let percent = false;
  for (;;) {
    const letters = /^(.+?)\([A-Z][A-Z0-9=/×*÷+\-.%]*\)$/.exec(core);
    if (letters) {
      if (letters[0].includes('%')) percent = true;
      core = letters[1];
      continue;
    }
    const unit = /^(.+?)(?:\((%|元|万元|分)\)|(%))$/.exec(core);
    if (unit) {
      if (unit[2] === '%' || unit[3] === '%') percent = true;
      core = unit[1];
      continue;
    }
    return { core, percent };
  }
}

/**
 * What a header text names: the column, how strongly (0 for the first, preferred word of its
 * list: 分值 beats 权重 when a template has both), and whether it says "(%)".
 */
export interface HeaderMatch<K extends string> {
  key: K;
  rank: number;
  percent: boolean;
}

/** Which of `vocab`'s columns a header text names, if any. */
export function matchHeader<K extends string>(squashed: string, vocab: Record<K, readonly string[]>): HeaderMatch<K> | null {
  let known = headerMatches.get(vocab);
  if (!known) headerMatches.set(vocab, (known = new Map()));
  let match = known.get(squashed);
  if (match === undefined) {
    match = matchHeaderOnce(squashed, vocab);
    if (known.size >= HEADER_CACHE_SIZE) known.clear();
    known.set(squashed, match);
  }
  return match as HeaderMatch<K> | null;
}

/** Every row above a header is tried as one, table after table: match each distinct text once per vocabulary. */
const headerMatches = new WeakMap<object, Map<string, HeaderMatch<string> | null>>();
const HEADER_CACHE_SIZE = 20000;

function matchHeaderOnce<K extends string>(squashed: string, vocab: Record<K, readonly string[]>): HeaderMatch<K> | null {
  const { core, percent } = headerCore(squashed);
  // Bilingual templates: "分值Weight", "三级指标Indicator".
  const chinese = /^(.*\p{Script=Han}.*?)[A-Za-z][A-Za-z./&-]*$/u.exec(core)?.[1] ?? core;
  for (const key of Object.keys(vocab) as K[]) {
    const words = vocab[key];
    const rank = [squashed, core, chinese].map((t) => words.indexOf(t)).filter((r) => r >= 0);
    if (rank.length > 0) return { key, rank: Math.min(...rank), percent };
  }
  return null;
}
