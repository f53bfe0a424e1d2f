import Decimal from 'decimal.js';
import { squash } from '../text';
import { DONE_PREFIX, JUDGEMENT_WORDS } from './worded';

/** How an indicator's target compares: higher-is-better or lower-is-better, strict or not. */
export type Comparator = '>=' | '>' | '=' | '<=' | '<' | 'between';

/** A number with its unit, read from a target or an actual ("≥90.00(%)", "500万人次", "11.00(期)"). */
export interface Measure {
  comparator: Comparator | null;
  /** The number in base units (万 multiplied out). */
  value: Decimal;
  /** Canonical unit: "%" for 百分比 and (%); "" when none was written. */
  unit: string;
  /** A range's upper end (comparator `between`: met from `value` to `high`). */
  high?: Decimal;
}

// Longest first: "不低于" before "低于", ">=" before ">".
const PREFIX_COMPARATORS: ReadonlyArray<[string, Comparator]> = [
  ['大于等于', '>='], ['大于或等于', '>='], ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['至少', '>='],
  ['小于等于', '<='], ['小于或等于', '<='], ['不超过', '<='], ['不高于', '<='], ['不多于', '<='], ['不大于', '<='], ['最多', '<='],
  ['>=', '>='], ['=>', '>='], ['≥', '>='], ['≧', '>='], ['<=', '<='], ['=<', '<='], ['≤', '<='], ['≦', '<='],
  ['大于', '>'], ['高于', '>'], ['超过', '>'], ['多于', '>'], ['>', '>'],
  ['小于', '<'], ['低于', '<'], ['少于', '<'], ['<', '<'],
  ['等于', '='], ['达到', '>='], ['==', '='], ['=', '='],
];

const SUFFIX_COMPARATORS: ReadonlyArray<[string, Comparator]> = [
  ['及以上', '>='], ['以上', '>='], ['或以上', '>='],
  ['及以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='], ['内', '<='],
];

/**
 * Units seen in the tables. Anything else made of letters is accepted as a unit too, but must
 * then match between target and actual. 万 is a multiplier, not a unit.
 */
const PERCENT_UNITS = new Set(['%', '百分比', '百分点', '(%)']);

const NUMBER = /^(\d+(?:\.\d+)?)/;

function direction(c: Comparator): 'up' | 'down' | 'equal' {
  return c === '>=' || c === '>' ? 'up' : c === '<=' || c === '<' ? 'down' : 'equal';
}

/**
 * Read a target or an actual. Null when the text is not a single comparison with one
 * number ("2-4小时", "全年，7×24小时", "排名前三", "按计划完成"): such text is qualitative
 * or unreadable, never guessed.
 */
export function parseMeasure(raw: string, role: 'target' | 'actual' = 'target'): Measure | null {
  let s = squash(raw).replace(/，/g, ',').replace(/(\d),(?=\d{3}(?:\D|$))/g, '$1');
  // A note after a complete measure: "100%（已完成）", "95.00(%)（达标）".
  s = s.replace(/^(.*[%)])\([^\d()]+\)$/, '$1');
  if (!s) return null;
  let comparator: Comparator | null = null;
  for (const [word, c] of PREFIX_COMPARATORS) {
    if (s.startsWith(word)) {
      // An actual that "reaches 98%" is 98%.
      comparator = role === 'actual' && (word === '达到' || word === '等于') ? null : c;
      s = s.slice(word.length);
      break;
    }
  }
  const m = NUMBER.exec(s);
  if (!m) return null;
  let value = new Decimal(m[1]);
  let rest = s.slice(m[1].length);
  for (const [word, c] of SUFFIX_COMPARATORS) {
    if (!rest.endsWith(word)) continue;
    // "≥90%以上" says it twice; "≥90%以下" contradicts itself.
    if (comparator !== null && comparator !== '=' && direction(comparator) !== direction(c)) return null;
    if (comparator === null || comparator === '=') comparator = c;
    rest = rest.slice(0, -word.length);
    break;
  }
  rest = rest.replace(/^\((.*)\)$/, '$1');
  if (rest.startsWith('万') && rest.length > 1) {
    value = value.times(10000);
    rest = rest.slice(1);
  } else if (rest === '万') {
    value = value.times(10000);
    rest = '';
  }
  if (PERCENT_UNITS.has(rest)) rest = '%';
  else if (rest.includes('%')) return null; // "100%修复": a percent with words after it is a sentence
  // A unit is letters only: no more digits, ranges, times or separators ("2-4小时", "7×24").
  if (!/^[\p{L}%]*$/u.test(rest)) return null;
  if (rest.length > 6) return null;
  return { comparator, value, unit: rest };
}

/** Completion stated in words, mapped to the national qualitative bands (share of 分值). */
export type Completion = 'achieved' | 'partial' | 'failed';

const FAILED_WORDS = ['未达成', '未完成', '未达到', '未实现', '没有完成', '没有达到', '未能', '尚未', '无法', '未按计划', '不达标', '效果较差', '不合格', '否'];
const PARTIAL_WORDS = ['部分达成', '部分完成', '部分实现', '部分达到', '部分落实'];
const ACHIEVED_WORDS = [
  '达成指标', '达成年度指标', '达成', '已完成', '完成', '达到预期', '达到目标', '达到要求', '达到标准', '达到', '实现', '是', '合格',
  '通过', '及时', '健全', '完善', '有效', '提升', '提高', '满意', '稳定', '合规', '无', '100%完成', '按计划完成', '按期完成',
  '如期完成', '按时完成', '全部完成', '达标', '符合要求', '符合标准', '落实', '正常运行', '运行正常',
];

/**
 * Completion implied by an actual written in words. The actual repeating the target word
 * ("完善" / "完善") is achieved. Null when the words say nothing the rules can use, or judge
 * without stating (基本完成, 较好).
 */
export function readCompletion(actual: string, target: string | null): Completion | null {
  const a = squash(actual);
  if (!a) return null;
  if (FAILED_WORDS.some((w) => a.includes(w))) return 'failed';
  if (PARTIAL_WORDS.some((w) => a.includes(w))) return 'partial';
  if (target !== null && a === squash(target)) return 'achieved';
  if (JUDGEMENT_WORDS.some((w) => a.includes(w))) return null;
  const done = a.replace(DONE_PREFIX, '');
  if (ACHIEVED_WORDS.some((w) => done === w || (w.length >= 2 && done.startsWith(w)))) return 'achieved';
  return null;
}

/** Share of 分值 each completion allows, in percent: [low, high]. */
export const COMPLETION_BAND: Record<Completion, [number, number]> = {
  achieved: [80, 100],
  partial: [60, 80],
  failed: [0, 60],
};
