/**
 * The forms of other provinces (scoring-rules.md §1), written by hand cell by cell as they are
 * printed, with seed numbers: each is located, read and scored, and named by its form.
 */
import { checkWorkbook, type SheetGrid } from '../../src/engine';
import { FORMS, identifyForm } from '../../src/engine/locate/forms';

type Row = Array<string | number | null>;

function sheet(name: string, rows: Row[]): SheetGrid {
  return { name, cells: rows.map((r) => r.map((v) => (v === null ? null : { value: v }))) };
}

/** 安徽/云南: 年度指标值 split over 指标性质 | 指标值 | 度量单位 under a group header; a 9-point budget row. */
const ANHUI: Row[] = [
  ['项目支出绩效自评表'],
  ['项目名称', null, '政务公开标准化规范化建设经费'],
  ['主管部门', null, '某市人民政府办公室', null, null, null, '实施单位', '某市人民政府办公室'],
  ['项目资金（万元）', null, null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  [null, null, '年度资金总额', 30, 30, 29.9, 9, '99.67%', 8.97],
  [null, null, '其中：当年财政拨款', 30, 30, 29.9, '—', null, '—'],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  [null, null, null, null, '指标性质', '指标值', '度量单位'],
  [null, '产出指标', '数量指标', '公开信息条数', '≥', 1500, '条', 1720, 30, 30],
  [null, null, '质量指标', '差错率', '≤', 2, '%', 1.5, 21, 21],
  [null, null, '时效指标', '办结时长', '≤', 80, '批次', 100, 10, 8.8],
  [null, '效益指标', '社会效益指标', '政策知晓率', '≥', 90, '%', 80, 20, 17.78],
  [null, '满意度指标', '服务对象满意度指标', '公众满意度', '≥', 90, '%', '满意度达到95%', 10, 10],
  [null, '总分', null, null, null, null, null, null, 100, 96.55],
];

/** 四川 部门预算项目支出绩效自评表: no 项目名称 label above this one (the title names it), 调整后预算数, text blocks after. */
const SICHUAN: Row[] = [
  ['社区服务中心运维项目部门预算项目支出绩效自评表'],
  ['预算执行情况（10分）', '年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'],
  [null, '总额', 100, 120, 108, '90.00%', 10, 9],
  [null, '其中：财政资金', 100, 100, 90],
  [null, '财政专户管理资金', 0, 20, 18],
  [null, '单位资金', 0, 0, 0],
  ['绩效指标（90分）', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'],
  [null, '产出指标（50分）', '数量指标', '服务人次', '正向', 1000, '人次', 800, 30, 24],
  [null, null, '质量指标', '投诉次数', '反向', 5, '次', '无投诉', 20, 20],
  [null, '效益指标（30分）', '社会效益指标', '居民知晓率', '≥', 90, '%', 95, 30, 30],
  [null, '满意度指标（10分）', '服务对象满意度指标', '居民满意度', '≥', 90, '%', 92, 10, 10],
  [null, '总分', null, null, null, null, null, null, 100, 93],
  ['评价结论', '项目按计划实施，资金执行率90%。'],
  ['存在问题', '部分活动宣传不足。'],
  ['改进措施', '加强宣传。'],
];

describe('the target split over 指标性质 | 指标值 | 度量单位', () => {
  const report = checkWorkbook([sheet('安徽', ANHUI)]);
  const t = report.tables[0];

  test('named as that form, the three cells read as one target and the unit given to the actual', () => {
    expect(t.form).toBe('national-split-target');
    expect(t.indicators.map((i) => [i.target, i.actual])).toEqual([
      ['≥1500条', '1720条'], ['≤2%', '1.5%'], ['≤80批次', '100批次'], ['≥90%', '80%'], ['≥90%', '满意度达到95%'],
    ]);
  });

  test('≤ in its own column is lower-is-better (never read as =); a 9-point budget row adds up to 100', () => {
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.cell} ${f.code}`);
    // 10 × 80 ÷ 100 = 8, not 8.8; 20 × 80 ÷ 90 = 17.78; the total adds the entered scores.
    expect(errors).toEqual(['J11 INDICATOR_SCORE_MISMATCH']);
    expect(report.findings.find((f) => f.cell === 'J11')?.expected).toBe('8.00');
    expect(t.total.weight).toMatchObject({ entered: '100', computed: '100' });
  });
});

describe('四川 部门预算项目支出绩效自评表', () => {
  const report = checkWorkbook([sheet('四川', SICHUAN)]);
  const t = report.tables[0];

  test('a table without 项目名称 is anchored at its first block and named by its title', () => {
    expect(report.tables).toHaveLength(1);
    expect(t).toMatchObject({ anchor: 'A2', form: 'sichuan-department', project: '社区服务中心运维项目', moneyUnit: '万元' });
  });

  test('rate = 预算执行数 ÷ 调整后预算数; the funds parts add up', () => {
    expect(t.budget).toMatchObject({ initial: '100', full: '120', executed: '108', weight: '10' });
    expect(t.budget!.rate).toMatchObject({ cell: 'F3', entered: '90', computed: '90.00' });
    expect(report.findings.filter((f) => f.code === 'FUNDS_SUM_MISMATCH')).toEqual([]);
  });

  test('正向/反向 words, 一级 labels with their points, and the text blocks after the indicators are not indicators', () => {
    expect(t.indicators.map((i) => [i.level1, i.name, i.target])).toEqual([
      ['产出指标（50分）', '服务人次', '≥1000人次'], ['产出指标（50分）', '投诉次数', '≤5次'],
      ['效益指标（30分）', '居民知晓率', '≥90%'], ['满意度指标（10分）', '居民满意度', '≥90%'],
    ]);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'INDICATOR_NOT_CHECKED')).toEqual([]);
  });
});

describe('tables that start without 项目名称, and 项目名称 heading a funds column', () => {
  const withSubProjects: Row[] = [
    ['项目名称', null, '对口支援和东西部协作经费'],
    ['项目资金（万元）', '项目名称', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 3300, 3300, 3232.74, 10, '97.96%', 9.8],
    [null, '子项目一：帮扶资金', 3000, 3000, 2950],
    [null, '子项目二：培训经费', 300, 300, 282.74],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    [null, '产出指标', '数量指标', '帮扶项目数', '≥10个', '12个', 90, 90],
    [null, '总分', null, null, null, null, 100, 99.8],
    [],
    ['第二个项目的绩效自评表'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 100, 100, 50, 10, '50.00%', 5],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    [null, '产出指标', '数量指标', '培训人次', '≥100人次', '50人次', 90, 40],
    [null, '总分', null, null, null, null, 100, 45],
    [],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 100, 100, 50, 10, '50.00%', 5],
  ];
  const report = checkWorkbook([sheet('汇总', withSubProjects)]);

  test('neither loses a table nor starts a false one', () => {
    expect(report.tables.map((t) => [t.anchor, t.project])).toEqual([['A1', '对口支援和东西部协作经费'], ['A11', '第二个项目']]);
    expect(report.tables[0].budget!.rate).toMatchObject({ cell: 'G3', computed: '97.96' });
  });

  test('the second table is scored (45 where 40 + 5 is due is right; 40 where 45 is due is wrong)', () => {
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.cell} ${f.code}`)).toEqual(['H14 INDICATOR_SCORE_MISMATCH']);
  });

  test('a funds block that belongs to no table is a notice naming its cell', () => {
    expect(report.notices).toEqual([expect.objectContaining({ sheet: '汇总', cell: 'A17' })]);
  });

  test('a list of projects (项目名称 | 主管部门 | … as column headings) is no table: the sheet only says so', () => {
    const list = checkWorkbook([
      sheet('汇总', [
        ['2023年度项目支出绩效自评结果汇总表'],
        ['序号', '项目名称', '主管部门', '全年预算数（万元）', '执行率', '自评得分', '评分等级'],
        [1, '政务服务中心运行维护经费', '某市数据资源管理局', 30.76, '94.93%', 99.49, '优'],
        [2, '政务服务便民热线运行经费', '某市数据资源管理局', 62.4, '93.54%', 97.68, '优'],
      ]),
      sheet('自评表', ANHUI),
    ]);
    expect(list.tables.map((t) => [t.sheet, t.anchor])).toEqual([['自评表', 'A2']]);
    expect(list.notices).toEqual([expect.objectContaining({ sheet: '汇总', cell: null })]);
  });
});

describe('湖北: 预算数 | 执行数 | 执行率 | 得分(分*执行率), the budget\'s points printed in the block label', () => {
  const hubei: Row[] = [
    ['项目名称', null, '政务服务热线运行经费'],
    ['预算执行率（10分）', null, '预算数', '执行数', '执行率', '得分(分*执行率)'],
    [null, '年度资金总额', 200, 190, '95.00%', 9.5],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年初目标值', '实际完成值', '分值', '得分'],
    [null, '过程指标', '资金管理', '资金使用合规性', '合规', '合规', 10, 10],
    [null, '产出指标', '数量指标', '接听电话量', '≥10万次', '12万次', 50, 50],
    [null, '效益指标', '社会效益指标', '群众诉求办结率', '≥95%', '90%', 20, 18.95],
    [null, '满意度指标', '服务对象满意度指标', '来电群众满意度', '≥90%', '96%', 10, 10],
    [null, '总分', null, null, null, null, 100, 98.45],
  ];
  const report = checkWorkbook([sheet('湖北', hubei)]);
  const t = report.tables[0];

  test('named 湖北, the 分值 read from the label, the 过程指标 rows scored like the others', () => {
    expect(t.form).toBe('hubei');
    expect(t.budget).toMatchObject({ full: '200', executed: '190', weight: '10' });
    expect(t.budget!.score).toMatchObject({ cell: 'F3', entered: '9.5', computed: '9.50' });
    expect(t.indicators.map((i) => i.level1)).toEqual(['过程指标', '产出指标', '效益指标', '满意度指标']);
    expect(t.total.weight).toMatchObject({ entered: '100', computed: '100' });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('other provinces\' words for the same columns (广东: 调整后预算数 | 实际支出数 | 权重 | 执行率 | 自评得分)', () => {
  const guangdong: Row[] = [
    ['广东省省级财政资金项目支出绩效自评表'],
    ['项目名称', null, '政务服务评估服务'],
    ['项目资金（万元）', '资金来源', null, '年初预算数', '调整后预算数', '实际支出数', '权重', '执行率', '自评得分'],
    [null, '资金总额', null, 28.94, 30.76, 29.2, 10, '94.93%', 9.49],
    ['一级指标', '二级指标', '三级指标', null, '年度目标值', '实际完成值', '权重', '自评得分', '偏差原因及改进措施'],
    ['产出指标', '数量指标', '评估地市数', null, '≥21个', '21个', 50, 50],
    ['效益指标', '社会效益指标', '差评整改率', null, '≥95%', '99.1%', 30, 30],
    ['满意度指标', '服务对象满意度指标', '企业群众满意度', null, '≥90%', '95%', 10, 10],
    ['总分', null, null, null, null, null, 100, 99.49],
  ];
  const report = checkWorkbook([sheet('广东', guangdong)]);

  test('the executed amount is 实际支出数, the rate its share of 调整后预算数; a wrong budget score is found', () => {
    expect(report.tables[0].budget).toMatchObject({ full: '30.76', executed: '29.2', weight: '10' });
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => [f.cell, f.code])).toEqual([]);
    const wrong = guangdong.map((r) => [...r]);
    wrong[3][8] = 10;
    wrong[8][7] = 100;
    const found = checkWorkbook([sheet('广东', wrong)]).findings.filter((f) => f.severity === 'error').map((f) => [f.cell, f.code, f.expected]);
    expect(found).toEqual([['I4', 'BUDGET_SCORE_MISMATCH', '9.49']]);
  });
});

describe('totals (scoring-rules.md §4)', () => {
  const table = (weights: number[], scores: number[], totalWeight: number | null, totalScore: number): Row[] => [
    ['项目名称', null, '测试项目'],
    ['项目资金（元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 100, 100, 100, weights[0], '100.00%', scores[0]],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ...weights.slice(1).map((w, i): Row => [null, '产出指标', '数量指标', `指标${i + 1}`, '≥10个', '10个', w, scores[i + 1]]),
    [null, '总分', null, null, null, null, totalWeight, totalScore],
  ];
  const codes = (rows: Row[]) => checkWorkbook([sheet('表', rows)]).findings.filter((f) => f.severity !== 'info').map((f) => `${f.cell} ${f.code} ${f.severity}`);

  test('the 分值 must add up to 100 even when the printed 总分 分值 is blank: the finding names the blank cell', () => {
    expect(codes(table([10, 50, 30], [10, 50, 30], null, 90))).toEqual(['G7 WEIGHT_SUM_NOT_100 error']);
    expect(codes(table([10, 50, 40], [10, 50, 40], null, 100))).toEqual([]);
  });

  test('a 总分 above 100 is an error; a warning where weights above 100 already are', () => {
    const rows = table([10, 50, 40], [10, 50, 40], 100, 100);
    rows[6][7] = 101;
    expect(codes(rows)).toEqual(['H7 TOTAL_SCORE_MISMATCH error']);
    expect(codes(table([10, 50, 40], [10, 52, 40], 100, 102))).toEqual(['H5 SCORE_ABOVE_WEIGHT error', 'H7 TOTAL_SCORE_ABOVE_100 error']);
    expect(codes(table([10, 50, 45], [10, 50, 45], 100, 105))).toEqual(['G7 WEIGHT_SUM_MISMATCH error', 'H7 TOTAL_SCORE_ABOVE_100 warning']);
    expect(codes(table([10, 50, 45], [10, 50, 45], 105, 105))).toEqual(['G7 WEIGHT_SUM_NOT_100 error', 'H7 TOTAL_SCORE_ABOVE_100 warning']);
  });

  test('lower-is-better over-achievement (actual ≤ target ÷ 1.2) with points deducted is a warning', () => {
    const rows = table([10, 90], [10, 80], 100, 90);
    rows[4][4] = '≤80(批次)';
    rows[4][5] = '52(批次)';
    expect(codes(rows)).toEqual(['H5 INDICATOR_OVER_ACHIEVEMENT warning']);
    rows[4][5] = '70(批次)';
    expect(codes(rows)).toEqual(['H5 INDICATOR_MET_DEDUCTED error']);
  });
});

test('every form is identified by its own words, the national form by default', () => {
  for (const f of FORMS.slice(1)) expect(identifyForm(f.identifiedBy).id).toBe(f.id);
  expect(identifyForm(['三级指标', '分值']).id).toBe('national');
});
