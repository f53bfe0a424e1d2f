import Decimal from 'decimal.js';
import { same } from '../../src/engine/check';
import { budgetScore, executionRate } from '../../src/engine/rules/budget';
import { evaluateIndicator, readIndicator } from '../../src/engine/rules/indicator';
import { findProfile, Profile } from '../../src/engine/rules/profiles';
import { gradeFor } from '../../src/engine/rules/grade';

const D = (x: string | number) => new Decimal(x);
const profile = (id: string): Profile => {
  const p = findProfile(id);
  if (!p) throw new Error(id);
  return p;
};

describe('执行率 and budget 得分 per profile (seed numbers)', () => {
  test('市政府办公厅 "上海发布": 1,864,161.63 / 2,382,800.00 → 78.23% and 7.82 under the national default', () => {
    const rate = executionRate(D('1864161.63'), D('2382800.00'), profile('national'))!;
    expect(rate.value.toFixed(2)).toBe('78.23');
    expect(budgetScore(D(10), rate, profile('national')).value.toFixed(2)).toBe('7.82');
    expect(rate.explain()[0].zh).toBe('执行率 = 全年执行数 ÷ 全年预算数 = 1,864,161.63 ÷ 2,382,800.00 = 78.2341%');
  });

  test('市政府办公厅 prints the rate rounded up: 78.24% under rate-up', () => {
    const rate = executionRate(D('1864161.63'), D('2382800.00'), profile('rate-up'))!;
    expect(rate.value.toFixed(2)).toBe('78.24');
    expect(budgetScore(D(10), rate, profile('rate-up')).value.toFixed(2)).toBe('7.82');
  });

  test('普陀区 29.90 / 30.00 → 99.66 and 9.96 under truncation (9.975 → 9.97 too)', () => {
    const p = profile('truncate');
    const rate = executionRate(D('29.90'), D('30.00'), p)!;
    expect(rate.value.toFixed(2)).toBe('99.66');
    expect(budgetScore(D(10), rate, p).value.toFixed(2)).toBe('9.96');
    const r2 = executionRate(D('19.95'), D('20.00'), p)!;
    expect(budgetScore(D(10), r2, p).value.toFixed(2)).toBe('9.97');
  });

  test('闵行区 109.60 / 113.93 → 96.19 (truncated) and 9.62 (half-up)', () => {
    const p = profile('truncate-rate');
    const rate = executionRate(D('109.60'), D('113.93'), p)!;
    expect(rate.value.toFixed(2)).toBe('96.19');
    expect(budgetScore(D(10), rate, p).value.toFixed(2)).toBe('9.62');
  });

  test('青浦区 83.146% → 83.15% and an unrounded 8.315', () => {
    const p = profile('half-up-unrounded');
    const rate = executionRate(D('17670946.13'), D('21252800.00'), p)!;
    expect(rate.value.toFixed(2)).toBe('83.15');
    expect(budgetScore(D(10), rate, p).value.toString()).toBe('8.315');
  });

  test('rate is capped at 100% and no rate exists for a zero budget', () => {
    const rate = executionRate(D(120), D(100), profile('national'))!;
    expect(rate.value.toFixed(2)).toBe('100.00');
    expect(rate.exact.toFixed(2)).toBe('120.00');
    expect(executionRate(D(5), D(0), profile('national'))).toBeNull();
  });

  test('banded profile: ≥ 90% full marks, 80–90% 80%', () => {
    const p = profile('banded');
    expect(budgetScore(D(10), executionRate(D('93.08'), D(100), p)!, p).value.toString()).toBe('10');
    expect(budgetScore(D(10), executionRate(D('88.68'), D(100), p)!, p).value.toString()).toBe('8');
  });
});

describe('indicator scores', () => {
  const national = profile('national');
  const quantitative = (t: string, a: string, w: number, p = national) => {
    const ev = evaluateIndicator(readIndicator(t, a), D(w), p);
    if (ev.kind !== 'quantitative') throw new Error(`${t}/${a} read as ${ev.kind}`);
    return ev;
  };

  test('>=48次, actual 33, 分值 20 → 13.75', () => {
    const ev = quantitative('>=48次', '33', 20);
    expect(ev.met).toBe(false);
    expect(ev.expected.value.toFixed(2)).toBe('13.75');
  });

  test('=12.00(期), actual 11, 分值 20 → 18.33', () => {
    expect(quantitative('=12.00(期)', '11.00(期)', 20).expected.value.toFixed(2)).toBe('18.33');
  });

  test('>=75%, actual 60%, 分值 10 → 8', () => {
    expect(quantitative('>=75%', '60%', 10).expected.value.toString()).toBe('8');
  });

  test('=1500(份), actual 3632: met and over-achieved (a deduction is allowed)', () => {
    const ev = quantitative('=1500(份)', '3632(份)', 5);
    expect(ev.met).toBe(true);
    expect(ev.overAchieved).toBe(true);
  });

  test('万 multiplies: >=120万人次 vs 500万人次 is met', () => {
    expect(quantitative('>=120万人次', '500万人次', 10).met).toBe(true);
  });

  test('lower is better: <=5% with 0% is met; ≤80(批次) with 100 scores 8 (inverse) or 7.5 (linear)', () => {
    expect(quantitative('<=5%', '0%', 10).met).toBe(true);
    expect(quantitative('≤80(批次)', '100(批次)', 10).expected.value.toString()).toBe('8');
    expect(quantitative('≤80(批次)', '100(批次)', 10, profile('national-linear')).expected.value.toString()).toBe('7.5');
    expect(quantitative('=0.00(起)', '2(起)', 10).expected.value.toString()).toBe('0');
  });

  test('qualitative: 达成指标 → 80–100% of 分值', () => {
    const ev = evaluateIndicator(readIndicator('提升', '达成指标'), D(30), national);
    expect(ev.kind).toBe('qualitative');
    if (ev.kind === 'qualitative') expect([ev.low.toString(), ev.high.toString()]).toEqual(['24', '30']);
  });

  test('unreadable text is not checked, never guessed', () => {
    for (const [t, a] of [['全年，7×24小时', '达成指标'], ['>=90%', '100(个)'], ['0', '100%'], ['资金按计划到位90%-100%', '资金按计划到位'], ['排名前三', '前三']]) {
      expect(evaluateIndicator(readIndicator(t, a), D(10), national).kind).toBe('unreadable');
    }
  });
});

test('评分等级 bands', () => {
  expect(['90', '89.99', '80', '79.99', '60', '59.99'].map((x) => gradeFor(D(x)))).toEqual(['优', '良', '良', '中', '中', '差']);
});

describe('equal by value', () => {
  test('float artefacts and differences up to 1e-9 are the same value; anything more is not', () => {
    expect(same(D('8.315'), D('8.3150000000000001'))).toBe(true);
    expect(same(D('1'), D('1.000000001'))).toBe(true);
    expect(same(D('0'), D('-1e-9'))).toBe(true);
    expect(same(D('1'), D('1.0000000011'))).toBe(false);
    expect(same(D('0'), D('2e-9'))).toBe(false);
    expect(same(D('9.96'), D('9.97'))).toBe(false);
  });
});
