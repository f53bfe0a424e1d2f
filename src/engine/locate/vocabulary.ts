/**
 * Header and label words of the form, with the synonyms seen in real tables. Matching is done
 * on squashed text (NFKC, no white space), so "年度\n指标值" and "执行率（%）" match too.
 */

import { listOf, wordsOf } from './forms';

export type FundsColumn = 'initial' | 'full' | 'executed' | 'weight' | 'rate' | 'score';
/** `comparator` and `unit`: the target split over 指标性质 | 指标值 | 度量单位 (the unit applies to the actual too). */
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'comparator' | 'target' | 'actual' | 'unit' | 'weight' | 'score' | 'remark';
/** The funds block's rows: the total (the budget row) and the parts it adds up. */
export type FundsRowKind = 'total' | 'appropriation' | 'carryOver' | 'specialAccount' | 'ownFunds' | 'other';
export const FUNDS_PART_ROWS: readonly Exclude<FundsRowKind, 'total'>[] = ['appropriation', 'carryOver', 'specialAccount', 'ownFunds', 'other'];

const FUNDS_COLUMNS: readonly FundsColumn[] = ['initial', 'full', 'executed', 'weight', 'rate', 'score'];
const INDICATOR_COLUMNS: readonly IndicatorColumn[] = ['level1', 'level2', 'name', 'comparator', 'target', 'actual', 'unit', 'weight', 'score', 'remark'];

/** Exact header texts of every known form (after squashing and dropping a trailing "(%)", "(元)", "(万元)"). */
export const FUNDS_HEADERS: Record<FundsColumn, readonly string[]> = wordsOf((f) => f.funds.headers, FUNDS_COLUMNS);
export const INDICATOR_HEADERS: Record<IndicatorColumn, readonly string[]> = wordsOf((f) => f.indicators.headers, INDICATOR_COLUMNS);

export const PROJECT_LABELS = ['项目名称'];
export const FUNDS_BLOCK_LABELS = listOf((f) => f.funds.blockLabels);
export const TOTAL_ROW_LABELS = listOf((f) => f.rows?.total);
/** Rows inside the indicator block that add up others: never indicators. */
export const SUBTOTAL_ROW_LABELS = listOf((f) => f.rows?.subtotal);
export const GRADE_LABELS = listOf((f) => f.rows?.grade);
/** Free-text blocks after the indicators (评价结论, 存在问题 …): never indicators, they end the block. */
export const TEXT_BLOCK_LABELS = listOf((f) => f.textBlocks);
export const FUNDS_ROW_LABELS: Record<FundsRowKind, readonly string[]> = wordsOf((f) => f.funds.rows, ['total', ...FUNDS_PART_ROWS]);
/** Labels of the office a table belongs to (主管部门, 实施单位). */
export const DEPARTMENT_LABELS = ['主管部门', '主管部门及代码', '主管单位', '部门名称'];
export const AGENCY_LABELS = ['实施单位', '项目实施单位', '预算单位', '单位名称'];
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
  const match = matchWords([squashed, core, chinese], vocab, percent);
  if (match) return match;
  // A note in brackets after the header: "得分(分*执行率)", "得分(满分10分)".
  const note = /^(.+?)\(([^()]*)\)$/.exec(core);
  return note ? matchWords([note[1]], vocab, percent || note[2].includes('%')) : null;
}

function matchWords<K extends string>(texts: readonly string[], vocab: Record<K, readonly string[]>, percent: boolean): HeaderMatch<K> | null {
  for (const key of Object.keys(vocab) as K[]) {
    const words = vocab[key];
    const rank = texts.map((t) => words.indexOf(t)).filter((r) => r >= 0);
    if (rank.length > 0) return { key, rank: Math.min(...rank), percent };
  }
  return null;
}
