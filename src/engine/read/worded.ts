/**
 * Targets and actuals written in words (scoring-rules.md §7), read where the words leave one
 * reading, never guessed:
 *
 * - 无投诉, 未发生故障, 零事故, 全年未发生 → 0 (in the target's unit);
 * - one number with its unit inside a phrase (满意度达到98%, 100%修复, 完成率为95%), with the
 *   comparator the words give (在80%以上, 不低于90% → ≥; 不超过30天, 控制在5%以内 → ≤; 低于3次 → <);
 * - a range (90%-100%, 2-4小时);
 * - an actual restating the target as done (带来了经济效益 for 带来经济效益, 未产生环境污染 for
 *   不产生环境污染, 已按计划完成… for 按计划完成…).
 *
 * Refused, so "not checked": two numbers in a phrase (7×24小时), a phrase of several clauses
 * with a number, approximations (约, 左右, 余), negations around the number (未达到90%), and the
 * words that judge without stating (基本完成, 较好).
 */
import Decimal from 'decimal.js';
import { squash } from '../text';
import type { Comparator, Measure } from './measure';

/** Units people print after a number, longest first (the target's own unit is tried before these). */
const UNITS = [
  '个工作日', '工作日', '平方米', '人次', '批次', '户次', '件次', '小时', '分钟', '个月', '课时', '公里', '万元',
  '天', '日', '月', '年', '周', '次', '个', '人', '件', '项', '家', '份', '场', '期', '批', '户', '台', '套', '元',
  '篇', '条', '起', '处', '所', '名', '册', '本', '部', '辆', '座', '吨', '亩', '秒', '张', '宗', '例', '位', '支', '栋', '间', '点', '分',
].sort((a, b) => b.length - a.length);

const PERCENT_WORDS = ['(%)', '%', '百分比', '百分点'];

/** Comparator words before a number, longest first; `exact` words state the value itself in an actual (达到98% is 98%). */
const BEFORE: ReadonlyArray<[string, Comparator, boolean]> = [
  ['大于或等于', '>=', false], ['小于或等于', '<=', false], ['大于等于', '>=', false], ['小于等于', '<=', false],
  ['不低于', '>=', false], ['不少于', '>=', false], ['不小于', '>=', false], ['不超过', '<=', false], ['不高于', '<=', false],
  ['不多于', '<=', false], ['不大于', '<=', false], ['控制在', '<=', false], ['至少', '>=', false], ['最多', '<=', false],
  ['大于', '>', false], ['高于', '>', false], ['超过', '>', false], ['多于', '>', false], ['小于', '<', false],
  ['低于', '<', false], ['少于', '<', false], ['达到', '>=', true], ['达', '>=', true], ['等于', '=', true], ['为', '=', true], ['是', '=', true],
  ['>=', '>=', false], ['≥', '>=', false], ['<=', '<=', false], ['≤', '<=', false], ['>', '>', false], ['<', '<', false], ['=', '=', true],
];

const AFTER: ReadonlyArray<[string, Comparator]> = [
  ['及以上', '>='], ['或以上', '>='], ['以上', '>='], ['及以下', '<='], ['或以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='],
];

/** Words that make a number uncertain or negate it: the phrase is not read. */
const UNCERTAIN = /约|左右|大约|接近|将近|近|余|多|几|未|没|不足|无|非|否|尚/;
/** 内 closing the phrase, alone or before a verb of getting it done: 15个工作日内(完成) is at most 15个工作日. */
const WITHIN_DONE = /^内(?:完成|办结|办理|解决|处理|答复|回复|反馈|响应|修复|到位)?$/;
/** A character right after the number's unit that changes what the number means (2年内, 3天后, 5人以外, 5人及…); 及时 (timely: 100%及时发布) is not one. */
const MODIFIES = /^(?:[内外前后左多余以之至到]|及(?!时))/;
const CLAUSES = /[,;；、]/;

/** The reading of a phrase, with the words it was read from, for the explanation. */
export interface PhraseReading {
  measure: Measure;
  /** "≥80%", "2–4小时", "0次": the reading as shown in the explanation. */
  shown: string;
}

function plain(raw: string): string {
  return squash(raw).replace(/，/g, ',').replace(/(\d),(?=\d{3}(?:\D|$))/g, '$1').replace(/[。.;；!！]+$/, '');
}

/** The unit at the start of `after` (the target's unit first), and what follows it. */
function unitAt(after: string, hint: string | null): { unit: string; rest: string; times: Decimal | null } {
  let times: Decimal | null = null;
  let s = after;
  if (s.startsWith('万') && !s.startsWith('万元')) {
    times = new Decimal(10000);
    s = s.slice(1);
  }
  for (const p of PERCENT_WORDS) if (s.startsWith(p)) return { unit: '%', rest: s.slice(p.length), times };
  const bracket = /^\(([^()\d]{1,6})\)/.exec(s);
  if (bracket) return { unit: bracket[1], rest: s.slice(bracket[0].length), times };
  if (hint && hint !== '%' && s.startsWith(hint)) return { unit: hint, rest: s.slice(hint.length), times };
  const unit = UNITS.find((u) => s.startsWith(u)) ?? '';
  return { unit, rest: s.slice(unit.length), times };
}

function shownMeasure(m: Measure): string {
  const c = m.comparator === '>=' ? '≥' : m.comparator === '<=' ? '≤' : m.comparator === '>' || m.comparator === '<' ? m.comparator : '';
  if (m.comparator === 'between') return `${m.value.toString()}–${m.high!.toString()}${m.unit}`;
  return `${c}${m.value.toString()}${m.unit}`;
}

function direction(c: Comparator | null): 'up' | 'down' | null {
  return c === '>=' || c === '>' ? 'up' : c === '<=' || c === '<' ? 'down' : null;
}

/**
 * One number with its unit inside a phrase, or a range. `role`: an actual's 达到98% is 98%, a
 * target's is ≥98%. `unitHint`: the target's unit, tried first after an actual's number.
 */
export function readPhrase(raw: string, role: 'target' | 'actual', unitHint: string | null = null): PhraseReading | null {
  let s = plain(raw);
  if (!s) return null;
  if (CLAUSES.test(s)) {
    // Several clauses: read the one that holds the number, when the others only say it was done
    // ("全部完成，完成率100%") — never when they hold a number, a negation or a judgement.
    const clauses = s.split(CLAUSES).filter((c) => c !== '');
    const numbered = clauses.filter((c) => /\d/.test(c));
    if (numbered.length !== 1) return null;
    if (clauses.some((c) => c !== numbered[0] && (UNCERTAIN.test(c) || JUDGEMENT_WORDS.some((w) => c.includes(w))))) return null;
    s = numbered[0];
  }
  const numbers = s.match(/\d+(?:\.\d+)?/g) ?? [];
  if (numbers.length === 2) return readRange(s, unitHint);
  if (numbers.length !== 1) return null;
  const at = s.search(/\d/);
  const number = numbers[0];
  let before = s.slice(0, at);
  const { unit, rest, times } = unitAt(s.slice(at + number.length), unitHint);
  let after = rest;
  let suffix: Comparator | null = null;
  const a = AFTER.find(([w]) => after.startsWith(w));
  if (a) {
    suffix = a[1];
    after = after.slice(a[0].length);
  } else if (WITHIN_DONE.test(after)) {
    suffix = '<=';
    after = '';
  }
  if (MODIFIES.test(after)) return null;
  let prefix: Comparator | null = null;
  let exact = false;
  before = before.replace(/[:：]$/, '');
  const b = BEFORE.find(([w]) => before.endsWith(w));
  if (b) {
    [, prefix, exact] = b;
    before = before.slice(0, -b[0].length);
  }
  // 在80%以上, 控制在5%以内: 在 only frames the number.
  before = before.replace(/在$/, '');
  if (UNCERTAIN.test(before) || UNCERTAIN.test(after)) return null;
  if (prefix !== null && suffix !== null && direction(prefix) !== direction(suffix) && !exact) return null;
  let comparator: Comparator | null = suffix ?? prefix;
  if (suffix === null && exact && role === 'actual') comparator = null;
  if (comparator === '=' && role === 'actual') comparator = null;
  let value = new Decimal(number);
  if (times) value = value.times(times);
  const measure: Measure = { comparator, value, unit };
  return { measure, shown: shownMeasure(measure) };
}

/** "90%-100%", "2-4小时", "2至4个工作日": met inside it. */
function readRange(s: string, unitHint: string | null): PhraseReading | null {
  const m = /^(\D*?)(\d+(?:\.\d+)?)(%?)(?:-|~|—|–|至|到)(\d+(?:\.\d+)?)(.*)$/.exec(s);
  if (!m) return null;
  const [, before, lo, loPercent, hi, after] = m;
  const { unit, rest, times } = unitAt(after, unitHint);
  if (loPercent && unit !== '%') return null;
  if (rest && (MODIFIES.test(rest) || UNCERTAIN.test(rest))) return null;
  if (UNCERTAIN.test(before) || /[^\p{Script=Han}:]/u.test(before)) return null;
  const f = times ?? new Decimal(1);
  const low = new Decimal(lo).times(f);
  const high = new Decimal(hi).times(f);
  if (low.gt(high)) return null;
  const measure: Measure = { comparator: 'between', value: low, high, unit };
  return { measure, shown: shownMeasure(measure) };
}

/** 无投诉, 未发生故障, 零事故, 全年未发生, 没有发生安全事故: "none happened". */
const ZERO = /^(?:全年|年内|本年度?|年度内|项目期内|期间|当年)?(?:未发生|未出现|没有发生|没有出现|无|零|没有)(\p{Script=Han}*)$/u;
/** The same said after a subject (全年公文零差错, 活动中没有出现事故): then it must end with an event that can happen. */
const ZERO_AFTER_SUBJECT = /^\p{Script=Han}+?(?:未发生|未出现|没有发生|没有出现|没有|无|零)(?:任何|一起|一次|一例)?(\p{Script=Han}*)$/u;
const EVENTS = /(事故|故障|投诉|差错|错误|失误|违规|违纪|违法|返贫|污染|损失|事件|案件|延误|超支|泄密|泄露|隐患|纠纷|上访|信访|舆情|退件|中断|宕机)(?:发生|现象|情况)?$/;

/** A target of none: 无, 零, 0 alone, or the words of "none happens" (不发生安全事故 reads as a zero target too). */
export function zeroTarget(raw: string): boolean {
  const s = plain(raw);
  return s === '无' || s === '零' || readsAsZero(s) || /^(?:不发生|不出现)\p{Script=Han}*$/u.test(s);
}

/** Whether the words say that nothing of the kind happened (read as 0 of the target's unit). */
export function readsAsZero(raw: string): boolean {
  const s = plain(raw);
  const m = ZERO.exec(s);
  if (!m) {
    const after = ZERO_AFTER_SUBJECT.exec(s);
    return after !== null && EVENTS.test(after[1]) && !/零星|零散|无法/.test(s);
  }
  const noun = m[1];
  // 无法, 无效 are no "none"; 无, 零 and 没有 need a noun (无投诉), 未发生 may stand alone.
  if (/^(法|效|明显|变化)/.test(noun)) return false;
  return noun !== '' || /(未发生|未出现|没有发生|没有出现)$/.test(s);
}

/** Words whose meaning is a judgement, not a statement: never read (基本完成, 较好). */
export const JUDGEMENT_WORDS = ['基本', '较', '一般', '尚可', '大致', '大体', '初步', '有待', '逐步'];

/** Said before words of completion without changing them: 已按计划完成, 均已达标, 项目已完成. */
export const DONE_PREFIX = /^(?:项目|本项目)?(?:已经|均已|已|均|全部|全面|顺利|如期|按时)+/;

function doneForm(raw: string): string {
  return squash(raw)
    .replace(/[,，。.;；、!！"“”'‘’()（）]/g, '')
    .replace(DONE_PREFIX, '')
    .replace(/了|得到|得以/g, '')
    .replace(/没有|未|没/g, '不');
}

/** Every character of `part`, in order, within `whole`. */
function inOrder(part: string, whole: string): boolean {
  let i = 0;
  for (const ch of whole) if (ch === part[i]) i++;
  return i === part.length;
}

/** Every character of `part` somewhere in `whole` (as often as `part` has it). */
function allWithin(part: string, whole: string): boolean {
  const left = [...whole];
  for (const ch of part) {
    const i = left.indexOf(ch);
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

/**
 * The actual states the target as done: the same words (已, 了 and 未/不 aside), or each of the
 * target's clauses said again in the actual ("带来了经济效益，工作效率得到了提高" for
 * "带来经济效益，提高工作效率"). Never with numbers (they are read as numbers), a judgement
 * word, or a negation the target does not have.
 */
export function restatesTarget(actual: string, target: string): boolean {
  if (/\d/.test(actual) || /\d/.test(target)) return false;
  const a = doneForm(actual);
  const t = doneForm(target);
  if (t.length === 0 || a.length === 0) return false;
  if (JUDGEMENT_WORDS.some((w) => a.includes(w) && !t.includes(w))) return false;
  if ((a.match(/不|无|非|否/g) ?? []).length !== (t.match(/不|无|非|否/g) ?? []).length) return false;
  if (a === t) return true;
  // A word of a target said of the thing done: 有效 in 人员管理有效, 加强 in 安全意识已加强, 高 ending 专业水平高.
  if (t.length <= 3) return t.length === 1 ? a.endsWith(t) : a.includes(t);
  if (a.length > t.length * 3 + 10) return false;
  const clauses = squash(target).split(/[,，;；、]/).map(doneForm).filter((c) => c.length > 0);
  const actualClauses = squash(actual).split(/[,，;；、]/).map(doneForm);
  return clauses.every((c) => inOrder(c, a) || actualClauses.some((x) => allWithin(c, x)));
}
