import { parseMeasure, readCompletion } from '../../src/engine/read/measure';
import { headerCore } from '../../src/engine/locate/vocabulary';
import { cellAmount, cellNumber, cellPoints, cellRate } from '../../src/engine/read/number';

const m = (s: string) => {
  const r = parseMeasure(s);
  return r && { comparator: r.comparator, value: r.value.toString(), unit: r.unit };
};

describe('amounts and numbers', () => {
  test.each([
    [{ value: 2382800 }, '2382800'],
    [{ value: '2,382,800.00' }, '2382800'],
    [{ value: '１，８６４，１６１．６３' }, '1864161.63'],
    [{ value: ' 30.00 ' }, '30'],
    [{ value: '29.90万元' }, '29.9'],
    [{ value: '950,440.80元' }, '950440.8'],
    [{ value: 0.39740000000000003 }, '0.3974'],
    [{ value: '8.3150000000000001' }, '8.3150000000000001'],
  ])('%j → %s', (cell, expected) => {
    expect(cellAmount(cell)!.toString()).toBe(expected);
  });

  test('text that is not a number is not read as one', () => {
    for (const v of ['—', '-', '', '10分以上', '1.2.3', true, null]) expect(cellNumber({ value: v as string })).toBeNull();
  });

  test('points may carry 分: "9.82分", "１０ 分"; other words do not pass', () => {
    expect(cellPoints({ value: '9.82分' })!.toString()).toBe('9.82');
    expect(cellPoints({ value: '１０ 分' })!.toString()).toBe('10');
    expect(cellPoints({ value: 20 })!.toString()).toBe('20');
    for (const v of ['10分以上', '分', '满分', '10元']) expect(cellPoints({ value: v })).toBeNull();
  });
});

describe('header words', () => {
  test.each([
    ['执行率(%)', '执行率', true],
    ['全年预算数(A)', '全年预算数', false],
    ['执行率(%)(B/A)', '执行率', true],
    ['得分(C=B/A×10)', '得分', false],
    ['得分(分)', '得分', false],
    ['项目资金(万元)', '项目资金', false],
    ['得分', '得分', false],
  ])('%s → %s (percent %s)', (header, core, percent) => {
    expect(headerCore(header)).toEqual({ core, percent });
  });
});

describe('rates', () => {
  test('"78.24%" text, 0.7824 with a % format, 99.66 under an (%) header', () => {
    expect(cellRate({ value: '78.24%' }, false)).toMatchObject({ explicit: true });
    expect(cellRate({ value: '78.24%' }, false)!.percent.toString()).toBe('78.24');
    expect(cellRate({ value: 0.7824, format: '0.00%' }, false)!.percent.toString()).toBe('78.24');
    expect(cellRate({ value: 99.66, format: '0.00' }, true)!.percent.toString()).toBe('99.66');
    expect(cellRate({ value: '７８．２４ ％' }, false)!.percent.toString()).toBe('78.24');
  });

  test('a bare number gives both readings for the checker to choose, and says it was not explicit', () => {
    const r = cellRate({ value: 0.9966 }, false)!;
    expect(r.explicit).toBe(false);
    expect([r.percent.toString(), r.alternative!.toString()]).toEqual(['0.9966', '99.66']);
  });

  test('under an (%) header a number above 1 is percent; one at most 1 may be a fraction typed there, so both readings', () => {
    expect(cellRate({ value: 78.24 }, true)).toMatchObject({ explicit: true });
    const r = cellRate({ value: 0.7824 }, true)!;
    expect([r.explicit, r.percent.toString(), r.alternative!.toString()]).toEqual([false, '0.7824', '78.24']);
    expect(cellRate({ value: '0.78' }, true)).toMatchObject({ explicit: false });
  });
});

describe('targets and actuals', () => {
  test.each([
    ['>=120万人次', '>=', '1200000', '人次'],
    ['≥90.00(%)', '>=', '90', '%'],
    ['＞90(百分比)', '>', '90', '%'],
    ['=100.00(%)', '=', '100', '%'],
    ['<=5%', '<=', '5', '%'],
    ['≤80(批次)', '<=', '80', '批次'],
    ['=0.00(起)', '=', '0', '起'],
    ['不低于95%', '>=', '95', '%'],
    ['不少于 6项', '>=', '6', '项'],
    ['10次以上', '>=', '10', '次'],
    ['不超过3天', '<=', '3', '天'],
    ['5个工作日以内', '<=', '5', '个工作日'],
    ['3天以内', '<=', '3', '天'],
    ['>=48次', '>=', '48', '次'],
    ['=12.00(期)', '=', '12', '期'],
    ['1500份', null, '1500', '份'],
    ['500万人次', null, '5000000', '人次'],
    ['１２０个', null, '120', '个'],
    ['10000', null, '10000', ''],
    ['95.00(%)', null, '95', '%'],
  ])('%s', (text, comparator, value, unit) => {
    expect(m(text)).toEqual(value === null ? null : { comparator, value, unit });
  });

  test.each(['2-4小时', '全年，7×24小时', '排名前三', '按计划完成', '提升', '100%修复', '满足 2年内用户增长需求', ''])('%s is not a measure', (text) => {
    expect(parseMeasure(text)).toBeNull();
  });

  test('completion words', () => {
    expect(readCompletion('达成指标', '提升')).toBe('achieved');
    expect(readCompletion('完善', '完善')).toBe('achieved');
    expect(readCompletion('达到预期', '=100')).toBe('achieved');
    expect(readCompletion('部分达成', '提升')).toBe('partial');
    expect(readCompletion('未完成', '及时')).toBe('failed');
    expect(readCompletion('已按计划完成', '及时')).toBe('achieved');
    expect(readCompletion('基本完成', '及时')).toBeNull();
    expect(readCompletion('完成情况较好', '及时')).toBeNull();
    expect(readCompletion('前三', '排名前三')).toBeNull();
  });
});
