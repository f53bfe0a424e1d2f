/** Targets and actuals written in words (scoring-rules.md §7): each phrasing read, or refused, with the reading shown. */
import Decimal from 'decimal.js';
import { readPhrase, readsAsZero, restatesTarget } from '../../src/engine/read/worded';
import { evaluateIndicator, readIndicator } from '../../src/engine/rules/indicator';
import { PROFILES } from '../../src/engine/rules/profiles';

const national = PROFILES[0];
const D = (x: number | string) => new Decimal(x);

function phrase(text: string, role: 'target' | 'actual' = 'target', hint: string | null = null): string | null {
  const r = readPhrase(text, role, hint);
  if (!r) return null;
  const m = r.measure;
  return `${m.comparator === 'between' ? '' : m.comparator ?? ''}${m.value.toString()}${m.high ? `..${m.high.toString()}` : ''}${m.unit}`;
}

describe('one number inside a phrase', () => {
  test.each([
    ['满意度达到98%', 'actual', '98%'],
    ['100%修复', 'actual', '100%'],
    ['100%及时发布', 'actual', '100%'], // 及时 (timely) does not change the number
    ['均在15个工作日内完成', 'actual', '<=15个工作日'], // within: a bound
    ['30天内', 'target', '<=30天'],
    ['完成率为95%', 'actual', '95%'],
    ['在80%以上', 'target', '>=80%'],
    ['80%及以上', 'target', '>=80%'],
    ['不低于90%', 'target', '>=90%'],
    ['达到100%', 'target', '>=100%'],
    ['达到100%', 'actual', '100%'],
    ['不超过30天', 'target', '<=30天'],
    ['控制在5%以内', 'target', '<=5%'],
    ['低于3次', 'target', '<3次'],
    ['满意度调查在80%以上', 'actual', '>=80%'],
    ['按计划100%开展', 'target', '100%'],
    ['项目已按计划100%开展', 'actual', '100%'],
    ['培训3万人次', 'actual', '30000人次'],
    ['全部完成，完成率100%', 'actual', '100%'],
    ['升级改造全部完成，完成率100%', 'actual', '100%'],
    ['区政府公报每期配送到月 60家单位，区政府季度会议材料每次会前配送到会场', 'target', '60家'],
    ['完成1个平台建设', 'target', '1个'],
  ] as const)('%s (%s) → %s', (text, role, read) => {
    expect(phrase(text, role)).toBe(read);
  });

  test("an actual's number takes the target's unit when it is printed after it", () => {
    expect(phrase('共配送60家单位', 'actual', '家单位')).toBe('60家单位');
    expect(phrase('共配送60家单位', 'actual')).toBe('60家');
  });

  test.each([
    '全年，7×24小时', // two numbers
    '满足 2年内用户增长需求', // 内 right after the unit changes what 2年 means
    '5人及家属', // 及 does
    '约95%', // approximation
    '1000余人',
    '满意度未达到90%', // a negation around the number
    '2023年完成率95%',
    '基本完成，完成率95%', // another clause judges
    '完成率95%，满意度98%', // two clauses with numbers
    '排名前三',
  ])('%s is not read', (text) => {
    expect(readPhrase(text, 'target')).toBeNull();
    expect(readPhrase(text, 'actual')).toBeNull();
  });
});

describe('ranges', () => {
  test.each([
    ['90%-100%', '90..100%'],
    ['2-4小时', '2..4小时'],
    ['2～4个工作日', '2..4个工作日'],
    ['3至5天', '3..5天'],
  ])('%s → %s', (text, read) => {
    expect(phrase(text)).toBe(read);
  });

  test('reversed or unit-mismatched ranges are not read', () => {
    expect(readPhrase('100%-90%', 'target')).toBeNull();
    expect(readPhrase('90%-4小时', 'target')).toBeNull();
  });
});

describe('"none happened"', () => {
  test.each(['无投诉', '未发生故障', '零事故', '全年未发生', '没有发生安全事故', '全年公文零差错', '活动中没有出现事故', '全年接待未出现任何事故'])('%s reads as 0', (text) => {
    expect(readsAsZero(text)).toBe(true);
  });
  test.each(['无', '零', '无法完成', '无明显变化', '未完成', '投诉为零次', '实现无纸化办公', '仅有零星投诉', '系统无法出现故障'])('%s does not', (text) => {
    expect(readsAsZero(text)).toBe(false);
  });
});

describe('the target restated as done', () => {
  test.each([
    ['带来了经济效益', '带来经济效益'],
    ['未产生环境污染', '不产生环境污染'],
    ['控制成本未超预算', '控制成本不超预算'],
    ['节约了资源', '节约资源'],
    ['项目已通过竣工验收，并顺利投入使用', '项目顺利投入使用'],
    ['带来了经济效益，工作效率得到了提高', '带来经济效益，提高工作效率'],
    ['提高了工作效率', '提高工作效率'],
    ['人员管理有效', '有效'],
    ['程序公正', '公正'],
    ['安全意识已加强', '加强'],
    ['专业水平高', '高'],
    ['丰富了党员业余文化生活', '丰富'],
  ])('「%s」 restates 「%s」', (actual, target) => {
    expect(restatesTarget(actual, target)).toBe(true);
  });

  test.each([
    ['基本带来经济效益', '带来经济效益'], // a judgement
    ['产生环境污染', '不产生环境污染'], // the negation dropped
    ['前三', '排名前三'], // less than the target
    ['资金按计划到位', '资金按计划到位90%-100%'], // numbers
    ['完成1个平台', '完成1个平台'],
    ['促进作用基本显现', '促进'],
    ['管理机制基本健全', '健全'],
    ['有待提升', '提升'],
    ['水平较高', '高'],
    ['高效', '高'], // a one-character target must end the actual
  ])('「%s」 does not restate 「%s」', (actual, target) => {
    expect(restatesTarget(actual, target)).toBe(false);
  });
});

describe('what the indicator then scores', () => {
  const score = (target: string, actual: string, weight: number, name: string | null = null) => {
    const ev = evaluateIndicator(readIndicator(target, actual, name !== null && /率|满意度/.test(name)), D(weight), national);
    if (ev.kind === 'quantitative') return { kind: ev.kind, met: ev.met, value: ev.expected.value.toString(), steps: ev.expected.explain().map((s) => s.zh) };
    if (ev.kind === 'qualitative') return { kind: ev.kind, band: `${ev.low}-${ev.high}`, steps: ev.explain().map((s) => s.zh) };
    return { kind: ev.kind, steps: [ev.reason.zh] };
  };

  test('无投诉 against ≤5 is 0, met, with the reading in the explanation', () => {
    const r = score('<=5次', '无投诉', 10);
    expect(r).toMatchObject({ kind: 'quantitative', met: true, value: '10' });
    expect(r.steps[0]).toBe('「无投诉」读作 0次');
  });

  test('a target of none (无, 零, 不发生…) against none happened, or a count', () => {
    expect(score('无', '无安全事故', 10)).toMatchObject({ kind: 'quantitative', met: true, value: '10' });
    expect(score('不发生安全事故', '全年未发生', 10)).toMatchObject({ kind: 'quantitative', met: true });
    expect(score('无', '0起', 10)).toMatchObject({ kind: 'quantitative', met: true });
    expect(score('无', '发生1起', 10)).toMatchObject({ kind: 'quantitative', met: false, value: '0' });
  });

  test('words after the target\'s unit are no part of it: 3个月完成 against 4个月内', () => {
    expect(score('4个月内', '3个月完成', 10)).toMatchObject({ kind: 'quantitative', met: true });
  });

  test('points written in a phrase: 测评得分90分以上', () => {
    expect(phrase('测评得分90分以上')).toBe('>=90分');
  });

  test('无投诉 against a higher-is-better target is not read', () => {
    expect(score('>=95%', '无投诉', 10).kind).toBe('unreadable');
  });

  test('满意度达到92% against ≥95% is scored proportionally', () => {
    expect(score('≥95%', '满意度达到92%', 10)).toMatchObject({ kind: 'quantitative', met: false, value: '9.68' });
  });

  test('a range target is met inside it and not scored outside it', () => {
    expect(score('2-4小时', '3小时', 10)).toMatchObject({ kind: 'quantitative', met: true, value: '10' });
    expect(score('90%-100%', '85%', 10).kind).toBe('unreadable');
    expect(score('<=4小时', '2-4小时', 10)).toMatchObject({ kind: 'quantitative', met: true });
    expect(score('<=3小时', '2-4小时', 10).kind).toBe('unreadable');
  });

  test('words of completion against a number, and a restated target, give the achieved band', () => {
    expect(score('=100', '按计划完成', 20)).toMatchObject({ kind: 'qualitative', band: '16-20' });
    expect(score('2-4小时', '达成指标', 10)).toMatchObject({ kind: 'qualitative', band: '8-10' });
    const r = score('带来经济效益', '带来了经济效益', 5);
    expect(r).toMatchObject({ kind: 'qualitative', band: '4-5' });
    expect(r.steps[0]).toContain('已完成');
  });

  test('a rate written without % is a percent when the name says it is a rate', () => {
    expect(score('>95', '99.98%', 10, '服务对象满意度')).toMatchObject({ kind: 'quantitative', met: true });
    expect(score('=100', '100%修复', 10, '修复率')).toMatchObject({ kind: 'quantitative', met: true });
    expect(score('0', '100%', 10, '有责投诉发生数').kind).toBe('unreadable');
  });

  test('judgements and two readings stay not checked', () => {
    for (const [t, a] of [['按计划完成', '基本完成'], ['提升', '较好'], ['全年，7×24小时', '达成指标'], ['排名前三', '前三'], ['资金按计划到位90%-100%', '资金按计划到位']]) {
      expect(score(t, a, 10).kind).toBe('unreadable');
    }
  });
});
