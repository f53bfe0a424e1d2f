#!/usr/bin/env node
/*
 * Builds answer-keyed workbooks in the forms of other provinces (../../../shared/docs/scoring-rules.md
 * §1 "Other provinces' forms", §3, §4, §7) from the seeds' real numbers, plus the five seed
 * offices' tables collected in one workbook (one sheet, and one office per sheet).
 *
 * Plain node, CommonJS, @e965/xlsx + decimal.js (through ../support/xlsx-kit.js); no src/ code.
 * Every truth entry and worded verdict below is written by hand from the rules and explained in
 * README.md; forms.js checks each key against the data independently before it is written, and
 * reads every workbook back to compare each keyed value with the text its cell shows.
 *
 *   node test/province-fixtures/build.js
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { XLSX, n, A1, display } = require('../support/xlsx-kit');
const { writeBook } = require('./forms');

const OUT = __dirname;
const am = (v) => n(v, '#,##0.00');
const f2 = (v) => n(v, '0.00');
const pc = (frac) => n(frac, '0.00%');
const sp = (op, v, u) => ({ op, v: typeof v === 'number' ? n(v) : v, u });
/** An indicator row; extra: { note, read, worded }. */
const ind = (l1, l2, l3, t, a, w, s, extra) => ({ l1, l2, l3, t, a, w, s, ...extra });
const S0 = '000_2bcf932af8f41561.txt', S1 = '001_c9a193166346a5e1.txt', S2 = '002_36219ce44a9068d4.txt', S3 = '003_86f7b95879275385.txt', S4 = '004_e4b0323396343f8c.txt';
const P1 = '产出指标', P2 = '效益指标', P3 = '满意度指标', P0 = '过程指标';
const SAT = '服务对象满意度指标';
const OK = '达成指标';
const QL = '定性';

/** The four national funds rows; the main row's values, the others follow (当年财政拨款 = all). */
function natFunds(m, dash = '—') {
  const zero = m.zeros ? { init: am(0), full: am(0), exec: am(0) } : {};
  return [
    { label: '年度资金总额', ...m },
    { label: '其中：当年财政拨款', init: m.init, full: m.full, exec: m.exec, weight: dash, rate: m.rate, score: dash },
    { label: '上年结转资金', ...zero, weight: dash, score: dash },
    { label: '其他资金', ...zero, weight: dash, score: dash },
  ];
}

// ---------------------------------------------------------------------------------------------
// Forms (scoring-rules.md §1)
// ---------------------------------------------------------------------------------------------
const money = (t) => `项目资金\n（${t.money}）`;
const NAT_FUNDS = (w = '分值', r = '执行率') => ({
  label: money,
  cols: [{ role: 'init', head: '年初\n预算数' }, { role: 'full', head: '全年\n预算数' }, { role: 'exec', head: '全年\n执行数' }, { role: 'weight', head: w }, { role: 'rate', head: r }, { role: 'score', head: '得分' }],
});
const L123 = [{ role: 'l1', head: '一级指标' }, { role: 'l2', head: '二级指标' }, { role: 'l3', head: '三级指标' }];
const TAIL = [{ role: 'weight', head: '分值' }, { role: 'score', head: '得分' }, { role: 'note', head: '偏差原因分析\n及改进措施' }];

const FORMS = {
  /** 1. 安徽/云南 national form: 年度指标值 split in three columns under a group header (two header rows). */
  grouped: {
    id: 'national-split-grouped', merged: true, goals: true,
    funds: NAT_FUNDS('分数', '执行率(%)'),
    ind: {
      label: () => '绩\n效\n指\n标',
      cols: [...L123, { role: 'op', head: '指标性质', group: '年度指标值' }, { role: 'tv', head: '指标值', group: '年度指标值' }, { role: 'unit', head: '度量单位', group: '年度指标值' },
        { role: 'actual', head: '实际\n完成值' }, ...TAIL],
    },
  },
  /** 2a. the same split as headers of their own (one header row), flat. */
  split: {
    id: 'national-split-flat', merged: false, goals: true,
    funds: { ...NAT_FUNDS('分数', '执行率(%)'), label: (t) => `项目资金（${t.money}）` },
    ind: {
      label: () => '绩效指标',
      cols: [...L123, { role: 'op', head: '指标性质' }, { role: 'tv', head: '指标值' }, { role: 'unit', head: '度量单位' }, { role: 'actual', head: '实际完成值' },
        { role: 'weight', head: '分值' }, { role: 'score', head: '得分' }, { role: 'note', head: '偏差原因分析及改进措施' }],
    },
  },
  /** 2b. 天津 performance-system export. */
  tianjin: {
    id: 'tianjin-export', merged: false, goals: true,
    funds: { ...NAT_FUNDS(), label: (t) => `项目资金（${t.money}）` },
    ind: {
      label: () => '绩效指标',
      cols: [{ role: 'l1', head: '一级指标' }, { role: 'l2', head: '二级指标' }, { role: 'l3', head: '指标名称' }, { role: 'op', head: '计算符号' }, { role: 'tv', head: '指标值' },
        { role: 'actual', head: '实际完成值' }, { role: 'unit', head: '计量单位' }, { role: 'weight', head: '分值' }, { role: 'score', head: '得分' }, { role: 'note', head: '偏差原因分析及改进措施' }],
    },
  },
  /** 3. 四川 部门预算项目支出绩效自评表. */
  sichuan: {
    id: 'sichuan-dept', merged: true, goals: false,
    funds: {
      label: () => '预算执行情况（10分）', head: '年度预算数（万元）',
      cols: [{ role: 'init', head: '年初预算' }, { role: 'full', head: '调整后预算数' }, { role: 'exec', head: '预算执行数' }, { role: 'rate', head: '预算执行率' },
        { role: 'weight', head: '权重' }, { role: 'score', head: '得分' }, { role: 'reason', head: '原因' }],
    },
    ind: {
      label: () => '绩效指标（90分）',
      cols: [{ role: 'l1', head: '一级' }, { role: 'l2', head: '二级' }, { role: 'l3', head: '三级' }, { role: 'op', head: '指标性质' }, { role: 'tv', head: '指标值' }, { role: 'unit', head: '度量单位' },
        { role: 'actual', head: '完成值' }, { role: 'weight', head: '权重' }, { role: 'score', head: '得分' }, { role: 'note', head: '未完成原因分析' }],
    },
    texts: ['评价结论', '存在问题', '改进措施'],
  },
  /** 4. 四川 衔接资金 绩效目标自评表: no 年初预算数, 分值 before the target. */
  xianjie: {
    id: 'sichuan-xianjie', merged: true, goals: true,
    funds: {
      label: money,
      cols: [{ role: 'full', head: '全年预算数（A）' }, { role: 'exec', head: '全年执行数（B）' }, { role: 'weight', head: '分值' }, { role: 'rate', head: '执行率（B/A）' }, { role: 'score', head: '得分' }],
    },
    ind: {
      label: () => '绩\n效\n指\n标',
      cols: [{ role: 'l1', head: '一级' }, { role: 'l2', head: '二级' }, { role: 'l3', head: '三级' }, { role: 'weight', head: '分值' }, { role: 'target', head: '年度指标值' },
        { role: 'actual', head: '全年实际值' }, { role: 'score', head: '得分' }, { role: 'note', head: '未完成原因及拟采取的改进措施' }],
    },
  },
  /** 5. 湖北 项目绩效目标自评表. */
  hubei: {
    id: 'hubei', merged: true, goals: true,
    funds: {
      label: money,
      cols: [{ role: 'full', head: '预算数' }, { role: 'exec', head: '执行数' }, { role: 'rate', head: '执行率' }, { role: 'weight', head: '分值' }, { role: 'score', head: '得分(分*执行率)' }],
    },
    ind: { label: () => '绩\n效\n指\n标', cols: [...L123, { role: 'target', head: '年初目标值' }, { role: 'actual', head: '实际完成值' }, ...TAIL] },
  },
  /** 6. national one-column targets, official look; block labels may carry points. */
  national: {
    id: 'national-points', merged: true, goals: true,
    funds: { ...NAT_FUNDS('分数', '执行率(%)'), label: (t) => t.fundsLabel || money(t) },
    ind: { label: (t) => t.indLabel || '绩\n效\n指\n标', cols: [...L123, { role: 'target', head: '年度\n指标值' }, { role: 'actual', head: '实际\n完成值' }, ...TAIL] },
  },
  /** 7b. 项目名称 as a column header inside the funds block (sub-project rows). */
  subprojects: {
    id: 'national-subprojects', merged: true, goals: true,
    funds: {
      label: money, head: '项目名称',
      cols: [{ role: 'full', head: '全年预算数' }, { role: 'exec', head: '全年执行数' }, { role: 'weight', head: '分值' }, { role: 'rate', head: '执行率' }, { role: 'score', head: '得分' }],
    },
    ind: { label: () => '绩\n效\n指\n标', cols: [...L123, { role: 'target', head: '年度\n指标值' }, { role: 'actual', head: '实际\n完成值' }, ...TAIL] },
  },
};


// ---------------------------------------------------------------------------------------------
// 1. 安徽/云南 national form, target split under a group header — 闵行区 (004) tables, 万元.
// ---------------------------------------------------------------------------------------------
const MH = '上海市闵行区人民政府办公室';
const mh = (o) => ({ seed: S4, dept: MH + '(汇总)', impl: MH, money: '万元', title: ['财政项目支出绩效自评表', '（2024年度）'], mainRow: 0, goal: o.goal || ['按计划完成年度目标。', '已完成全年目标。'], ...o });

const P1_TABLES = [
  mh({
    project: '学习考察接待项目',
    // 9-point budget row (安徽/云南): 相关方满意度 5 → 6 so that 9 + 91 = 100.
    fundRows: natFunds({ init: f2(184.4), full: f2(184.4), exec: f2(22.57), weight: f2(9), rate: f2(12.23), score: f2(1.22), zeros: true }, '-'),
    inds: [
      ind(P1, '数量指标', '接待工作完成数', sp('≤', 80, '批次'), f2(52), f2(10), f2(9), { note: '接待批次少于计划' }),
      ind(P1, '数量指标', '出访工作完成数', sp('≤', 25, '批次'), f2(8), f2(10), f2(10)),
      ind(P1, '质量指标', '接待安置流程合规率', sp('＝', 100, '%'), f2(100), f2(5), f2(5)),
      ind(P1, '质量指标', '出访事故发生数', sp('﹦', 0, '起'), f2(0), f2(5), f2(5)),
      ind(P1, '质量指标', '出访人员管理有效性', sp(QL, '有效', ''), OK, f2(5), f2(5)),
      ind(P1, '时效指标', '接待工作完成及时率', sp('＝', 100, '%'), f2(100), f2(10), f2(10)),
      ind(P1, '时效指标', '出访计划完成及时率', sp('＝', 100, '%'), f2(100), f2(10), f2(10)),
      ind(P2, '社会效益指标', '学习先进管理理念', sp(QL, '学习', ''), OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '促进地区间合作交流', sp(QL, '促进', ''), OK, f2(10), f2(10)),
      ind(P2, '可持续影响指标', '长效管理机制健全性', sp(QL, '健全', ''), OK, f2(10), f2(10)),
      ind(P3, SAT, '相关方满意度', sp('≥', 90, '%'), f2(100), f2(6), f2(6)),
    ],
    total: { w: f2(100), s: f2(91.22) }, grade: '优',
    truth: [{ field: 'funds.score', category: 'BUDGET_SCORE', expected: '1.1016',
      why: 'injected, 9-point row: 9 × 22.57 ÷ 184.40 = 9 × 12.2397% = 1.1016 (1.10); 1.22 is the 10-point score (10 × 12.23%) left in after the weight became 9' }],
  }),
  mh({
    project: '闵行区人大书面意见和政协提案办理工作系统',
    fundRows: natFunds({ init: f2(6), full: f2(6), exec: f2(5), weight: f2(10), rate: f2(83.33), score: f2(8.33), zeros: true }, '-'),
    goal: ['完成闵行区人大书面意见和政协提案办理工作系统二级等保建设，并通过测评。', '按计划完成。'],
    inds: [
      ...['差距分析', '安全建设', '等保测评', '安全整改', '整改复核', '等保合规', '定级备案'].map((x) => ind(P1, '数量指标', x, sp('＝', 100, '%'), f2(100), f2(4), f2(4))),
      ...['系统测评无高危', '系统不存在一票否决项', '满足等保高于70分'].map((x) => ind(P1, '质量指标', x, sp('＝', 100, '%'), f2(100), f2(7), f2(7))),
      // injected: 出具报告时间 actual 10 → 16 天 with the full 6 points kept
      ind(P1, '时效指标', '出具报告时间', sp('≤', 14, '天'), f2(16), f2(6), f2(6)),
      ind(P1, '时效指标', '获取报告时间', sp('反向', 60, '天'), f2(30), f2(6), f2(6)),
      ind(P1, '时效指标', '整改时间', sp('≤', 30, '天'), f2(10), f2(6), f2(6)),
      ind(P2, '社会效益指标', '主动发现系统安全现状', sp(QL, '主动发现', ''), OK, f2(6), f2(6)),
      ind(P2, '社会效益指标', '安全合规', sp('＝', 100, '%'), f2(100), f2(6), f2(6)),
      ind(P2, '可持续影响指标', '加强安全人员意识', sp(QL, '加强', ''), OK, f2(6), f2(6)),
      ind(P3, SAT, '测评满意度', sp('正向', 100, '%'), f2(100), f2(5), f2(5)),
    ],
    total: { w: f2(100), s: f2(98.33) }, grade: '优',
    truth: [{ field: 'indicators.10.score', category: 'INDICATOR_SCORE', expected: '5.25',
      why: 'injected: lower-is-better ≤14 天, actual 16 天: not met; 6 × 14 ÷ 16 = 5.25 (national), 6 × (1 − 2 ÷ 14) = 5.14 (linear) — full marks fit neither' }],
  }),
  mh({
    project: '残疾人就业保障金',
    fundRows: natFunds({ init: f2(12), full: f2(11.05), exec: f2(11.05), weight: f2(10), rate: f2(100), score: f2(10), zeros: true }, '-'),
    goal: ['按实缴纳残保金', '已缴纳残保金'],
    inds: [
      ind(P1, '数量指标', '应缴纳残保金', sp('≤', 12, '万元'), f2(11.05), f2(20), f2(20)),
      ind(P1, '质量指标', '按标准缴纳', sp(QL, '按标准缴纳情况', ''), OK, f2(20), f2(20)),
      ind(P1, '时效指标', '缴纳及时性', sp(QL, '及时', ''), OK, f2(20), f2(20)),
      ind(P2, '社会效益指标', '维护社会稳定', sp(QL, '维护', ''), OK, f2(15), f2(15)),
      ind(P3, SAT, '服务对象满意度', sp('正向', 90, '%'), '满意度达到98%', f2(15), f2(15), { read: { op: '>=', t: 90, a: 98 }, worded: 'ok' }),
    ],
    total: { w: f2(100), s: f2(100) }, grade: '良',
    truth: [{ field: 'grade', category: 'GRADE', expected: '优', why: 'injected: 总分 100 is 优 (≥ 90)' }],
  }),
];

// ---------------------------------------------------------------------------------------------
// 2a. The split as headers of their own (one header row, flat) — 普陀区 (001) tables, 万元.
// ---------------------------------------------------------------------------------------------
const PT = '上海市普陀区人民政府办公室';
const pt = (o) => ({ seed: S1, dept: PT, impl: PT, money: '万元', mainRow: 0, ...o });
const pct = (v) => sp('＝', 100, '%');

const P2A_TABLES = [
  pt({
    project: '普陀区深化“一网通办”改革第三方评估',
    fundRows: natFunds({ init: am(43.65), full: am(43.65), exec: am(43.47), weight: f2(10), rate: f2(99.58), score: f2(9.95), zeros: true }, '-'),
    goal: ['开展政务服务满意度调查、政务服务能力情况比对分析、政务服务网办能力评估等工作。', '完成满意度调查、政务服务能力情况比对分析、政务服务能力检查等工作。'],
    inds: [
      ind(P1, '数量指标', '所有评估完成数', sp(QL, '全部', ''), OK, f2(20), f2(20)),
      ind(P1, '质量指标', '各项评估完成正确率', pct(), f2(90), f2(15), f2(14), { note: '部分评估结果不够精确，需加强统计方法，扩大调查人数' }),
      ind(P1, '时效指标', '各项评估完成及时率', pct(), f2(100), f2(15), f2(15)),
      ind(P2, '社会效益指标', '提升“一网通办”能力', sp(QL, '提升', ''), OK, f2(15), f2(15)),
      ind(P2, '可持续影响指标', '“一网通办”相关性', sp(QL, '有效', ''), OK, f2(15), f2(15)),
      ind(P3, SAT, '相关方满意度', pct(), f2(100), f2(10), f2(10)),
    ],
    total: { w: f2(100), s: f2(98.95) }, grade: '优',
    truth: [{ field: 'indicators.1.score', category: 'INDICATOR_SCORE', expected: '13.5', why: 'seed error: ＝100 %, actual 90: 15 × 90 ÷ 100 = 13.50, entered 14.00' }],
  }),
  pt({
    project: '区政府综合业务经费',
    fundRows: natFunds({ init: am(90), full: am(90), exec: am(27.1), weight: f2(10), rate: f2(30.11), score: f2(3.01), zeros: true }, '-'),
    goal: ['加大区府办人员各项综合业务工作力度，确保区府工作高效有序地开展。', '顺利确保区政府工作高效有序地开展。'],
    inds: [
      // injected: 上级交办工作完成率 met, scored 8 of 10; 总分 left at 93.01
      ind(P1, '数量指标', '上级交办工作完成率', pct(), f2(100), f2(10), f2(8)),
      ind(P1, '数量指标', '经常性工作完成率', pct(), f2(100), f2(10), f2(10)),
      ind(P1, '质量指标', '意外事件发生数', sp('﹦', 0, '次'), '全年未发生', f2(10), f2(10), { read: { op: '=', t: 0, a: 0 }, worded: 'ok' }),
      ind(P1, '质量指标', '综合业务工作人员素质', sp(QL, '良好', ''), OK, f2(10), f2(10)),
      ind(P1, '时效指标', '问题处理及时性', sp(QL, '及时', ''), OK, f2(5), f2(5)),
      ind(P1, '成本指标', '成本控制有效性', sp(QL, '有效', ''), OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '提升政府工作效能', sp(QL, '提升', ''), OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '促进部门工作提质增效', sp(QL, '促进', ''), OK, f2(10), f2(10)),
      ind(P2, '可持续影响指标', '长效管理制度健全性', sp(QL, '健全', ''), OK, f2(5), f2(5)),
      ind(P3, SAT, '综合业务人员满意度', pct(), f2(100), f2(10), f2(10)),
    ],
    total: { w: f2(100), s: f2(93.01) }, grade: '优',
    truth: [
      { field: 'indicators.0.score', category: 'INDICATOR_SCORE', expected: '10', why: 'injected: ＝100 %, actual 100: met, no over-achievement, 8 of 10 is a deduction without reason' },
      { field: 'totalScore', category: 'TOTAL', expected: '91.01', why: 'entered parts 3.01 + 88 = 91.01, printed 93.01' },
    ],
  }),
  pt({
    project: '全区因公出国(境)经费',
    // injected: 执行率 typed 78.09 (211.241 ÷ 289 = 73.09%); the score 7.30 is right
    fundRows: natFunds({ init: am(839), full: am(289), exec: am(211.241), weight: f2(10), rate: f2(78.09), score: f2(7.3), zeros: true }, '-'),
    goal: ['', ''],
    inds: [
      ind(P1, '数量指标', '因公出国(境)完成率', pct(), f2(100), f2(20), f2(20)),
      ind(P1, '质量指标', '审批流程合规率', sp(null, null, null), f2(100), f2(10), f2(10), { read: null, nc: 'target left blank (as the seed prints it)' }),
      ind(P1, '时效指标', '人员回国及时率', sp(QL, '及时', ''), OK, f2(10), f2(10)),
      ind(P1, '成本指标', '成本控制有效性', sp(null, null, null), OK, f2(10), f2(10), { read: null, nc: 'target left blank (as the seed prints it)' }),
      ind(P2, '经济效益指标', '寻求经济发展增长点', sp(QL, '寻求', ''), OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '促进地区间友好交流', sp(QL, '促进', ''), OK, f2(10), f2(10)),
      ind(P2, '生态效益指标', '促进生态发展', sp(QL, '促进', ''), OK, f2(5), f2(5)),
      ind(P2, '可持续影响指标', '因公出国(境)管理制度健全性', sp(QL, '健全', ''), OK, f2(5), f2(5)),
      ind(P3, SAT, '相关人员满意度', sp('≥', 90, '%'), f2(90), f2(10), f2(10)),
    ],
    total: { w: f2(100), s: f2(97.3) }, grade: '优',
    truth: [{ field: 'funds.rate', category: 'RATE', expected: '73.0938', why: 'injected: 211.241 ÷ 289 = 73.0938%, typed 78.09 (the 7.30 score follows the right rate)' }],
  }),
];

// ---------------------------------------------------------------------------------------------
// 2b. 天津 performance-system export — 市政府办公厅 (000) tables, 元.
// ---------------------------------------------------------------------------------------------
const SH = '上海市人民政府办公厅';
const sh0 = (o) => ({ seed: S0, dept: SH, impl: SH, money: '元', mainRow: 0, ...o });
const ge = (v, u) => sp('≥', v, u);

const P2B_TABLES = [
  sh0({
    project: '"上海发布"办公室工作经费',
    fundRows: natFunds({ init: am(2382800), full: am(2382800), exec: am(1864161.63), weight: n(10), rate: '78.24%', score: f2(7.82), zeros: true }),
    goal: ['及时、准确发布政务信息及便民信息，畅通政府与老百姓之间的有效沟通渠道。', '基本按照年度计划完成，部分项目，如外出调研、培训因疫情原因未完成。'],
    inds: [
      ind(P1, '数量指标', '微博日均访问量', ge(120, '万人次'), n(500), n(10), n(10)),
      ind(P1, '质量指标', '信息错误率', sp('≤', 5, '%'), '零差错', n(10), n(10), { read: { op: '<=', t: 5, a: 0 }, worded: 'ok' }),
      ind(P1, '时效指标', '年中预算执行率', ge(50, '%'), n(10), n(10), n(2)),
      ind(P1, '时效指标', '信息及时发布率', ge(90, '%'), n(100), n(10), n(10)),
      ind(P2, '经济效益指标', '企业获取政务信息及时率', ge(90, '%'), n(100), n(10), n(10)),
      ind(P2, '社会效益指标', '微信粉丝数', ge(480, '万人'), n(817), n(10), n(10)),
      ind(P2, '生态效益指标', '天气预警信息发布及时率', ge(95, '%'), n(100), n(10), n(10)),
      ind(P2, '可持续影响指标', '政务微博排名', sp(null, '排名前三', null), '前三', n(10), n(10), { read: null, nc: '§3: 前三 against 排名前三 leaves two readings' }),
      ind(P2, '可持续影响指标', '微信粉丝增长率', ge(5, '%'), n(35), n(10), n(10)),
    ],
    total: { w: n(100), s: n(89.82) }, truth: [],
  }),
  sh0({
    project: '“一网通办”工作经费',
    fundRows: natFunds({ init: am(4192000), full: am(2392000), exec: am(950440.8), weight: n(10), rate: '39.74%', score: f2(3.97), zeros: true }),
    goal: ['实现审批时限平均减少一半，实现审批提交材料平均减少一半。', '部分项目因疫情原因完成率较低'],
    inds: [
      ind(P1, '数量指标', '“零跑动次数”事项新增数', ge(5, '个'), n(55), n(10), n(10)),
      ind(P1, '质量指标', '申请材料告知准确率', ge(95, '%'), n(100), n(10), n(10)),
      ind(P1, '时效指标', '办事事项变更及时更新率', ge(90, '%'), n(95), n(10), n(10)),
      ind(P2, '经济效益指标', '“统一公共支付”项目增长率', ge(5, '%'), n(21), n(10), n(10)),
      ind(P2, '社会效益指标', '“零材料提交”事项率', ge(10, '%'), n(7.6), n(10), n(7.6)),
      ind(P2, '生态效益指标', '提交纸质材料平均减少一半完成率', ge(90, '%'), n(100), n(10), n(10)),
      // injected: 8 (= 10 × 60 ÷ 75) typed as 6, 总分 left at 89.57
      ind(P2, '可持续影响指标', '打通长三角地区政务服务公共支撑体系率', ge(75, '%'), n(60), n(10), n(6)),
      ind(P2, '可持续影响指标', '“一网通办”公务员培训率', ge(90, '%'), n(100), n(10), n(10)),
      ind(P3, SAT, '“一网通办”服务对象满意度', ge(90, '%'), n(100), n(10), n(10)),
    ],
    total: { w: n(100), s: n(89.57) },
    truth: [
      { field: 'indicators.6.score', category: 'INDICATOR_SCORE', expected: '8', why: 'injected: ≥75 %, actual 60: 10 × 60 ÷ 75 = 8, typed 6' },
      { field: 'totalScore', category: 'TOTAL', expected: '87.57', why: 'entered parts 3.97 + 83.6 = 87.57, printed 89.57' },
    ],
  }),
  sh0({
    project: '市政府事项处理费及资料费',
    fundRows: natFunds({ init: am(4561500), full: am(4150900), exec: am(3932846.86), weight: n(10), rate: '94.75%', score: f2(9.48), zeros: true }),
    goal: ['保证市政府各项工作有序运转，政令上通下达。', '按照年度工作有序开展，完成情况较好。'],
    inds: [
      ind(P1, '数量指标', '市政府常务会议召开数', ge(48, '次'), n(33), n(20), n(13.75)),
      ind(P1, '质量指标', '公文出错率', sp('≤', 5, '%'), n(0), n(20), n(20)),
      ind(P1, '时效指标', '年中预算执行率', ge(50, '%'), n(60), n(10), n(10)),
      // over-achievement with a deduction (30 ≥ 1.2 × 10): a warning, not truth; 总分 follows (91.23)
      ind(P2, '经济效益指标', '会议费用压缩率', ge(10, '%'), n(30), n(10), n(8), { note: '目标设定偏低' }),
      ind(P2, '生态效益指标', '会议、文件压缩率', ge(5, '%'), n(8), n(10), n(10)),
      ind(P2, '可持续影响指标', '政令是否上通下达', sp(null, '是', null), '是', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P3, SAT, '“三服务”满意度', ge(90, '%'), n(95), n(10), n(10)),
    ],
    total: { w: n(100), s: n(91.23) }, truth: [],
  }),
];

// ---------------------------------------------------------------------------------------------
// 3. 四川 部门预算项目支出绩效自评表 — 青浦区 (003) tables, 元 re-expressed in 万元 (2 decimals).
// ---------------------------------------------------------------------------------------------
const QP = '上海市青浦区政务服务办公室';
const qp = (o) => ({ seed: S3, dept: QP, impl: o.impl || QP, money: '万元', title: ['部门预算项目支出绩效自评表', '（2021年度）'], mainRow: 0, ...o });
/** 总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 */
function scFunds(m) {
  return [
    { label: '总额', ...m },
    { label: '其中：财政资金', init: m.init, full: m.full, exec: m.exec, rate: m.rate, weight: '—', score: '—' },
    { label: '财政专户管理资金', init: am(0), full: am(0), exec: am(0), weight: '—', score: '—' },
    { label: '单位资金', init: am(0), full: am(0), exec: am(0), weight: '—', score: '—' },
    { label: '其他资金', init: am(0), full: am(0), exec: am(0), weight: '—', score: '—' },
  ];
}
const texts = (a, b, c) => ({ 评价结论: a, 存在问题: b, 改进措施: c });

const P3_TABLES = [
  qp({
    project: '“互联网+政务服务”管理经费', impl: '数据管理科',
    // 年初预算 2000.00 differs from 调整后预算数 2125.28 (a checker dividing by it gets 88.35%).
    fundRows: scFunds({ init: am(2000), full: am(2125.28), exec: am(1767.09), rate: pc(0.8315), weight: n(10), score: n(8.315), reason: '部分项目尚未验收付款' }),
    inds: [
      ind(P1, '数量指标', '计划完成率', sp('＝', 100, '%'), '按计划完成', n(20), n(20), { read: null, nc: 'a number target against words that state no number' }),
      ind(P1, '质量指标', '合格率', sp('＝', 100, '%'), '达到预期', n(20), n(20), { read: null, nc: 'a number target against words that state no number' }),
      ind(P1, '时效指标', '计划完成及时性', sp(QL, '及时', ''), '按计划完成', n(10), n(10), { read: null, nc: '按计划完成 does not restate 及时' }),
      ind(P2, '经济效益指标', '故障率', sp('≤', 0.1, '%'), '未发生故障', n(10), n(10), { read: { op: '<=', t: 0.1, a: 0 }, worded: 'ok' }),
      ind(P2, '社会效益指标', '稳定性', sp(QL, '稳定', ''), '稳定', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P2, '生态效益指标', '修复率', sp('＝', 100, '%'), '100%修复', n(10), n(10), { read: { op: '=', t: 100, a: 100 }, worded: 'ok' }),
      ind(P3, SAT, '有效投诉人次', sp('≤', 5, '人次'), '无投诉', n(10), n(10), { read: { op: '<=', t: 5, a: 0 }, worded: 'ok' }),
    ],
    total: { w: n(100), s: n(98) },
    texts: texts('该项目自评得分98分，评价等级为优。', '预算执行率偏低。', '加强项目进度管理，及时验收付款。'),
    truth: [{ field: 'totalScore', category: 'TOTAL', expected: '98.315', why: 'seed error: parts 8.315 + 90 = 98.315, 总分 truncated to 98' }],
  }),
  qp({
    project: '青浦区行政服务中心运行经费',
    fundRows: scFunds({ init: am(720), full: am(667.58), exec: am(461.86), rate: pc(0.6918), weight: n(10), score: n(6.918), reason: '子项目执行率偏低' }),
    inds: [
      ind(P1, '数量指标', '预算执行率', sp('≥', 98, '%'), n(99), n(20), n(20)),
      ind(P1, '质量指标', '财务制度健全性', sp(QL, '合规', ''), '合规', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P1, '时效指标', '资金到位及时性', sp(QL, '及时', ''), '及时', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P1, '成本指标', '资金使用合规性', sp(QL, '合规', ''), '合规', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P2, '社会效益指标', '专款专用率', sp('＝', 100, '%'), n(100), n(30), n(30)),
      ind(P3, SAT, '服务对象满意度', sp('>', 95, '%'), '99.98%', n(10), n(10)),
    ],
    total: { w: n(100), s: n(96) },
    texts: texts('该项目自评得分96分。', '预算执行率有待提高。', '根据每个子项目的执行情况，严格控制年初预算金额。'),
    truth: [{ field: 'totalScore', category: 'TOTAL', expected: '96.918', why: 'seed error: parts 6.918 + 90 = 96.918, printed 96' }],
  }),
  qp({
    project: '政务服务办公室信息系统整合项目',
    // injected: rate and score computed from 年初预算 80.00 instead of 调整后预算数 72.94
    fundRows: scFunds({ init: am(80), full: am(72.94), exec: am(70.36), rate: pc(0.8795), weight: n(10), score: n(8.795), reason: '' }),
    inds: [
      ind(P1, '数量指标', '按计划完成信息系统整合项目', sp(QL, '按计划完成项目建设', ''), '已按计划完成信息系统整合项目建设', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P1, '质量指标', '通过竣工验收，项目可顺利投入使用', sp(QL, '项目顺利投入使用', ''), '项目已通过竣工验收，并顺利投入使用', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P1, '时效指标', '项目开展及时性', sp(QL, '按计划100%开展', ''), '项目已按计划100%开展', n(8), n(8), { read: { op: '=', t: 100, a: 100 }, worded: 'ok' }),
      ind(P1, '时效指标', '年度投资计划按时序推进', sp(QL, '年度投资完成率100%', ''), '年度投资计划完成率100%', n(7), n(7), { read: { op: '=', t: 100, a: 100 }, worded: 'ok' }),
      ind(P1, '成本指标', '成本控制率（经费支出是否超出预算安排）', sp('＝', 100, '%'), n(100), n(8), n(8)),
      ind(P1, '成本指标', '资金到位率', sp('＝', 100, '%'), n(100), n(7), n(7)),
      ind(P2, '经济效益指标', '投资收益率', sp(QL, '带来经济效益', ''), '带来了经济效益', n(5), n(5), { read: 'band', worded: 'ok' }),
      ind(P2, '社会效益指标', '对自然资源的影响指标', sp(QL, '节约资源', ''), '节约资源', n(5), n(5), { read: 'band', worded: 'ok' }),
      ind(P2, '社会效益指标', '对社会经济影响指标', sp(QL, '促进经济发展', ''), '促进经济发展', n(5), n(5), { read: 'band', worded: 'ok' }),
      // injected: 3 of 5 for an achieved qualitative row (band 4–5)
      ind(P2, '生态效益指标', '生态改善、环境保护', sp(QL, '不产生环境污染', ''), '未产生环境污染', n(5), n(3), { read: 'band', worded: '4-5' }),
      ind(P2, '可持续影响指标', '社会氛围（营造良好生产、生活环境）', sp(QL, '提高工作效率', ''), '提高了工作效率', n(5), n(5), { read: 'band', worded: 'ok' }),
      ind(P2, '可持续影响指标', '完成区域规划目标', sp(QL, '实现建设目标', ''), '达到建设目标', n(5), n(5), { read: null, nc: 'another verb (达到 for 实现), not the target restated' }),
      ind(P3, SAT, '用户对项目满意度', sp(QL, '用户满意度100%', ''), '用户满意度100%', n(10), n(10), { read: 'band', worded: 'ok' }),
    ],
    total: { w: n(100), s: n(96.8) },
    texts: texts('项目已通过竣工验收并投入使用。', '无。', '继续做好系统运维。'),
    truth: [
      { field: 'funds.rate', category: 'RATE', expected: '96.4628', why: 'injected: 70.36 ÷ 72.94 (调整后预算数) = 96.46%; 87.95% is 70.36 ÷ 80.00 (年初预算)' },
      { field: 'funds.score', category: 'BUDGET_SCORE', expected: '9.6463', why: 'injected with the rate: 10 × 96.46% = 9.646; 8.795 follows the wrong denominator' },
      { field: 'indicators.9.score', category: 'INDICATOR_SCORE', expected: '4-5', why: 'injected: 未产生环境污染 restates 不产生环境污染 as done → achieved, band 80–100% of 5 = 4–5; 3 is below it' },
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// 4. 四川 衔接资金 绩效目标自评表 — 闵行区 (004) and 普陀区 (001) 东西部协作 tables, 万元.
// ---------------------------------------------------------------------------------------------
const xj = (o) => ({ money: '万元', title: ['衔接资金项目绩效目标自评表', '（2024年度）'], mainRow: 0, goal: o.goal || ['助力对口帮扶地区巩固拓展脱贫攻坚成果。', '较好完成年度目标。'], ...o });
const xjFunds = (m) => natFunds(m).map(({ init, ...r }) => r);
const six = (l1, l2, l3, t, a, extra) => ind(l1, l2, l3, t, a, f2(6), f2(6), extra);

const P4_TABLES = [
  xj({
    seed: S4, project: '东西部协作和对口支援经费', dept: MH + '(汇总)', impl: MH,
    fundRows: xjFunds({ full: f2(4757), exec: f2(4316), weight: f2(10), rate: pc(0.9072), score: f2(9.07) }),
    inds: [
      six(P1, '数量指标', '帮扶县（区）数', '=9(个)', '9.00(个)'),
      six(P1, '数量指标', '帮扶乡镇数', '≥40(个)', '40.00(个)'),
      six(P1, '质量指标', '建设验收完工率', '≥95(%)', '95.00(%)'),
      // worded, injected: 合格率为95% against 达到100% → 6 × 95 ÷ 100 = 5.70, full 6 entered
      six(P1, '质量指标', '工程指标合格率', '达到100%', '合格率为95%', { read: { op: '>=', t: 100, a: 95 }, worded: '5.7' }),
      six(P1, '时效指标', '开工时间', '2024年上半年', OK, { read: null, nc: 'a date as target; no claim either way (as in the shared 004 key)' }),
      six(P1, '时效指标', '完工时间', '2024年底', OK, { read: null, nc: 'a date as target; no claim either way' }),
      six(P1, '时效指标', '建设工期', '1年', OK, { read: null, nc: 'a number target against 达成指标; no claim either way' }),
      six(P2, '经济效益指标', '促进当地经济发展', '稳步提升', OK),
      six(P2, '经济效益指标', '促进帮扶群众增收', '稳步提升', '较好', { read: null, nc: '§7: 较好 judges without stating' }),
      six(P2, '社会效益指标', '确保脱贫群众不返贫', '返贫率控制在5%以内', '全年未发生返贫', { read: { op: '<=', t: 5, a: 0 }, worded: 'ok' }),
      six(P2, '社会效益指标', '奠定乡村振兴基础', '初步奠定', OK),
      six(P2, '生态效益指标', '项目绿色环保率', '≥95(%)', '95.00(%)'),
      six(P2, '可持续影响指标', '项目持续发挥作用的期限', '≥3(年)', '3.00(年)'),
      six(P3, SAT, '直接受益对象满意度', '不低于95%', '满意度达到98%', { read: { op: '>=', t: 95, a: 98 }, worded: 'ok' }),
      six(P3, SAT, '间接受益群体满意度', '95%及以上', '96%', { read: { op: '>=', t: 95, a: 96 }, worded: 'ok' }),
    ],
    total: { w: f2(100), s: f2(99.07) }, grade: '优',
    truth: [{ field: 'indicators.3.score', category: 'INDICATOR_SCORE', expected: '5.7', why: 'injected worded row: 达到100% is ≥ 100%, 合格率为95% reads 95%: 6 × 95 ÷ 100 = 5.70, entered 6.00' }],
  }),
  xj({
    seed: S1, project: '援滇工作经费', dept: PT, impl: PT,
    // injected: 成本控制有效性 10 → 5 points (score 5), the 总分 分值 cell left blank: the 分值 add to 95
    fundRows: xjFunds({ full: am(15), exec: am(15), weight: f2(10), rate: pc(1), score: f2(10) }),
    goal: ['确保2023年度援滇工作顺利进行。', '2023年度援滇工作顺利进行。'],
    inds: [
      ind(P1, '数量指标', '当年援滇工作完成率', '=100.00(%)', '100.00(%)', f2(10), f2(10)),
      ind(P1, '质量指标', '财务制度健全性', '健全', OK, f2(10), f2(10)),
      ind(P1, '质量指标', '资金使用合规性', '合规', OK, f2(10), f2(10)),
      ind(P1, '时效指标', '项目确定及时性', '及时', OK, f2(5), f2(5)),
      ind(P1, '时效指标', '款项拨付及时性', '不超过30天', '25天', f2(5), f2(5), { read: { op: '<=', t: 30, a: 25 }, worded: 'ok' }),
      ind(P1, '成本指标', '成本控制有效性', '有效', OK, f2(5), f2(5)),
      ind(P2, '社会效益指标', '加强与受帮扶地区交流交往', '加强', OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '巩固受帮扶地区脱贫攻坚成果', '巩固', OK, f2(10), f2(10)),
      ind(P2, '可持续影响指标', '长效发展机制完善性', '完善', OK, f2(10), f2(10)),
      ind(P3, SAT, '综合业务人员满意度', '≥95.00(%)', '95.00(%)', f2(10), f2(10)),
    ],
    total: { w: null, s: f2(95) },
    truth: [{ field: 'totalWeight', category: 'WEIGHT_SUM', expected: '95', why: 'injected: 10 + 85 = 95 ≠ 100 and the 总分 分值 cell is blank (§4: the finding names the blank cell)' }],
  }),
  xj({
    seed: S1, project: '对口支援和东西部协作经费', dept: PT, impl: PT,
    // injected: 相关方满意度 10 → 15 points and 15 scored; 总分 105 / 104.99 printed
    fundRows: xjFunds({ full: am(3233.5), exec: am(3232.74), weight: f2(10), rate: pc(0.9997), score: f2(9.99) }),
    goal: ['制定年度对口支援和东西部协作项目计划安排，落实推进乡村振兴战略。', '全面落实对口支援和东西部协作工作计划，各项考核指标均已完成。'],
    inds: [
      ind(P1, '数量指标', '项目协商审批完成率', '90%-100%', '100%', f2(10), f2(10), { read: { lo: 90, hi: 100, a: 100 }, worded: 'ok' }),
      ind(P1, '质量指标', '市考核合格率', '=100.00(%)', '100.00(%)', f2(20), f2(20)),
      ind(P1, '时效指标', '款项拨付及时率', '=100.00(%)', '100.00(%)', f2(10), f2(10)),
      ind(P1, '成本指标', '援助项目成本控制有效性', '有效', OK, f2(10), f2(10)),
      ind(P2, '经济效益指标', '提高帮扶地区经济收入', '提高', OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '巩固提升对口支援效果', '巩固', OK, f2(10), f2(10)),
      ind(P2, '生态效益指标', '环境效益', '积极', OK, f2(5), f2(5)),
      ind(P2, '可持续影响指标', '帮扶地区配套设施建设', '完善', '新建2所学校和3个卫生室', f2(5), f2(5), { read: null, nc: '§7: two numbers in one phrase' }),
      ind(P3, SAT, '相关方满意度', '≥95.00(%)', '95.00(%)', f2(15), f2(15)),
    ],
    total: { w: f2(105), s: f2(104.99) },
    truth: [
      { field: 'totalWeight', category: 'WEIGHT_SUM', expected: '105', why: 'injected: the 分值 add up (and are printed) to 105; the 总分 104.99 above 100 follows from them (a warning, as in the shared mut-shared-official key)' },
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// 5. 湖北 项目绩效目标自评表 with a 过程指标 block — 宝山区 (002) tables. 过程指标 takes 10 of the
//    90 indicator points (rescaled rows named in README.md).
// ---------------------------------------------------------------------------------------------
const BS = '上海市宝山区行政服务中心';
const hb = (o) => ({ seed: S2, dept: BS, impl: BS, title: ['项目绩效目标自评表', '（2020年度）'], mainRow: 0, ...o });
const hbFunds = (m) => natFunds(m).map(({ init, ...r }) => r);
const E = (l1, l2) => ind(l1, l2, null);

const P5_TABLES = [
  hb({
    project: '网络系统运营经费（宝信息委【2019】53号）', money: '万元',
    fundRows: hbFunds({ full: f2(223.86), exec: f2(222.85), rate: '99.55%', weight: n(10), score: n(10) }),
    goal: ['确保智能化现场服务大厅及“一网通办”相关功能的正常运行。', '建立《信息化管理制度》、《信息平台操作规范》等，签订运维合同，明确责任。'],
    inds: [
      ind(P0, '资金管理', '资金使用合规性', '合规', '合规', n(5), n(5), { read: 'band', worded: 'ok' }),
      ind(P0, '组织实施', '制度执行有效性', '有效', '有效', n(5), n(5), { read: 'band', worded: 'ok' }),
      ind(P1, '数量指标', '设备巡检完成率', '100%', '100%', n(15), n(15)),
      ind(P1, '质量指标', '系统故障次数', '低于3次', '1次', n(10), n(10), { read: { op: '<', t: 3, a: 1 }, worded: 'ok' }),
      ind(P1, '时效指标', '设备运行完好率', '100%', '100%', n(15), n(15)),
      ind(P2, '经济效益指标', '故障修复及时性', '2-4小时', '3小时', n(10), n(10), { read: { lo: 2, hi: 4, a: 3 }, worded: 'ok' }),
      ind(P2, '社会效益指标', '有责投诉发生数', '0', '无有责投诉', n(10), n(10), { read: { op: '=', t: 0, a: 0 }, worded: 'ok' }),
      E(P2, '生态效益指标'),
      ind(P2, '可持续影响指标', '长效管理制度建设', '完善', '完善', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P3, SAT, '工作人员满意度', '95%', '100%', n(10), n(10)),
    ],
    total: { w: n(100), s: n(100) },
    truth: [{ field: 'funds.score', category: 'BUDGET_SCORE', expected: '9.9549', why: 'seed error: 10 × 222.85 ÷ 223.86 = 9.9549; 10 entered' }],
  }),
  hb({
    project: '“一网通办”免费证照快递费用', money: '元',
    fundRows: hbFunds({ full: n(200000), exec: f2(177350.5), rate: '88.68%', weight: n(10), score: n(9) }),
    goal: ['为本区办事企业提供免费证照快递寄送服务。年派送证照及上门揽收的数量达到10000件。', '为办事企业提供证照快递寄送服务，让“快递送”代替“企业跑”。'],
    inds: [
      ind(P0, '预算执行', '资金到位率', '达到100%', '100%', n(5), n(5), { read: { op: '>=', t: 100, a: 100 }, worded: 'ok' }),
      ind(P0, '组织实施', '管理制度健全性', '健全', '健全', n(5), n(5), { read: 'band', worded: 'ok' }),
      ind(P1, '数量指标', '年派送证照及上门揽收的数量', '10000', '24427', n(20), n(20)),
      ind(P1, '质量指标', '快递准确性', '100%', '99.8%', n(20), n(20)),
      ind(P1, '时效指标', '快递及时性', '及时', '及时', n(10), n(10), { read: 'band', worded: 'ok' }),
      E(P2, '社会效益指标'),
      ind(P2, '可持续影响指标', '长效管理制度', '健全', '健全', n(20), n(20), { read: 'band', worded: 'ok' }),
      ind(P3, SAT, '企业满意度', '>90%', '>90%', n(10), n(10), { read: 'met' }),
    ],
    total: { w: n(100), s: n(99) },
    truth: [
      { field: 'funds.score', category: 'BUDGET_SCORE', expected: '8.8675', why: 'seed error: 10 × 177350.50 ÷ 200000 = 8.8675; 9 entered' },
      { field: 'indicators.3.score', category: 'INDICATOR_SCORE', expected: '19.96', why: 'seed error: 100% (bare → =, higher-is-better), actual 99.8%: 20 × 99.8 ÷ 100 = 19.96; 20 entered' },
    ],
  }),
  hb({
    project: '广告宣传费（抄告单{2015}47）', money: '元',
    fundRows: hbFunds({ full: n(700000), exec: f2(546872.8), rate: '78.12%', weight: n(10), score: n(7) }),
    goal: ['建设公开、透明的政务服务窗口。', '及时全面宣传中心相关业务，提高信息传播速度及中心知名度。'],
    inds: [
      ind(P0, '资金管理', '资金使用违规金额', '0万元', '未发生违规', n(5), n(5), { read: { op: '=', t: 0, a: 0 }, worded: 'ok' }),
      ind(P0, '组织实施', '项目验收及时性', '不超过30天', '28天', n(5), n(5), { read: { op: '<=', t: 30, a: 28 }, worded: 'ok' }),
      ind(P1, '数量指标', '政策推广次数', '24 次', '>24 次', n(20), n(20), { read: 'met' }),
      ind(P1, '质量指标', '推广内容覆盖情况', '全面', '全面', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P1, '时效指标', '政策推广及时性', '及时', '及时', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P2, '社会效益指标', '行政中心知名度', '有效提高', '有效提高', n(15), n(15), { read: 'band', worded: 'ok' }),
      ind(P2, '可持续影响指标', '长效管理制度', '健全', '健全', n(15), n(15), { read: 'band', worded: 'ok' }),
      // injected: met (95% in 在90%以上) but 9 of 10, 总分 left at 97
      ind(P3, SAT, '企业满意度', '在90%以上', '满意度达到95%', n(10), n(9), { read: { op: '>=', t: 90, a: 95 }, worded: '10' }),
    ],
    total: { w: n(100), s: n(97) },
    truth: [
      { field: 'funds.score', category: 'BUDGET_SCORE', expected: '7.8125', why: 'seed error: 10 × 546872.80 ÷ 700000 = 7.8125; 7 entered' },
      { field: 'indicators.7.score', category: 'INDICATOR_SCORE', expected: '10', why: 'injected worded row: 在90%以上 is ≥ 90%, 满意度达到95% reads 95%: met (95 < 1.2 × 90, no over-achievement), 9 of 10' },
      { field: 'totalScore', category: 'TOTAL', expected: '96', why: 'entered parts 7 + 89 = 96, printed 97' },
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// 6. 一级指标 labels with their points, a fourth 一级 过程指标, 70/20/10 and 10 + 90.
// ---------------------------------------------------------------------------------------------
const P6_TABLES = [
  mh({
    project: '政府雇员项目',
    fundRows: natFunds({ init: f2(106.88), full: f2(113.93), exec: f2(109.6), weight: f2(10), rate: f2(96.19), score: f2(9.62), zeros: true }, '-'),
    goal: ['对已招录的文职人员进行日常管理，辅助各科室做好日常行政业务工作。', '已辅助各科室完成了全年工作，通过了考核。'],
    inds: [
      ['数量指标', '文职雇员在岗数', '=5.00(个)', '5.00(个)', 5], ['数量指标', '技术雇员在岗数', '=2(个)', '2.00(个)', 5],
      ['数量指标', '雇员薪酬发放完成率', '=100(百分比)', '100.00(百分比)', 7], ['质量指标', '雇员薪酬核算准确率', '=100(百分比)', '100.00(百分比)', 7],
      ['质量指标', '雇员数量超编率', '=0(百分比)', '零超编', 7, { read: { op: '=', t: 0, a: 0 }, worded: 'ok' }],
      ['质量指标', '雇员岗位工作职责适应性', '高', OK, 8], ['质量指标', '雇员年度考核合格率', '=100(百分比)', '100.00(百分比)', 7],
      ['时效指标', '雇员工作完成及时率', '=100(百分比)', '100.00(百分比)', 8], ['时效指标', '雇员年度考核完成及时率', '=100(百分比)', '100.00(百分比)', 6],
      ['时效指标', '雇员薪酬发放及时率', '=100(百分比)', '100.00(百分比)', 7],
    ].map(([l2, l3, t, a, w, x]) => ind('产出指标（67分）', l2, l3, t, a, f2(w), f2(w), x)).concat([
      ind('效益指标（18分）', '社会效益指标', '促进部门工作提质增效', '促进', OK, f2(8), f2(8)),
      ind('效益指标（18分）', '社会效益指标', '保障雇员切身利益', '保障', OK, f2(5), f2(5)),
      ind('效益指标（18分）', '可持续影响指标', '雇员管理长效机制健全性', '健全', OK, f2(5), f2(5)),
      ind('满意度指标（5分）', SAT, '主管科室满意度', '>90(百分比)', '95.00(百分比)', f2(5), f2(5)),
    ]),
    total: { w: f2(100), s: f2(99.62) }, grade: '优', truth: [],
  }),
  pt({
    // 70/20/10: budget 10, 产出 70, 效益 20 (满意度 as a 二级 of 效益); the seed's 10/10/10/10/10 产出 rows become 14 each, 效益 rows 5 each
    project: '调研科业务经费', title: ['财政项目支出绩效自评表', '（2023年度）'],
    fundRows: natFunds({ init: am(6.5), full: am(6.5), exec: am(3.69), weight: f2(10), rate: f2(56.76), score: f2(5.67), zeros: true }, '-'),
    goal: ['完成年度调研科的各项任务，经费控制在年度预算内。', '严格控制经费，完成科室各项工作。'],
    inds: [
      ind('产出指标（70分）', '数量指标', '任务完成率', '=100.00(%)', '100.00(%)', f2(14), f2(14)),
      ind('产出指标（70分）', '质量指标', '任务完成质量', '良好', OK, f2(14), f2(14)),
      ind('产出指标（70分）', '质量指标', '工作人员素质', '提高', OK, f2(14), f2(14)),
      ind('产出指标（70分）', '时效指标', '任务处理及时性', '及时', OK, f2(14), f2(14)),
      // injected: achieved qualitative row at 10 of 14 (band 11.2–14); 总分 left at 95.67
      ind('产出指标（70分）', '成本指标', '成本控制有效性', '有效', OK, f2(14), f2(10)),
      ind('效益指标（20分）', '社会效益指标', '促进本区社会经济发展', '促进', OK, f2(5), f2(5)),
      ind('效益指标（20分）', '社会效益指标', '促进科室工作提质增效', '促进', OK, f2(5), f2(5)),
      ind('效益指标（20分）', '可持续影响指标', '长效管理制度健全性', '健全', OK, f2(5), f2(5)),
      ind('效益指标（20分）', SAT, '相关人员满意度', '达到100%', '100%', f2(5), f2(5), { read: { op: '>=', t: 100, a: 100 }, worded: 'ok' }),
    ],
    total: { w: f2(100), s: f2(95.67) }, grade: '优',
    truth: [
      { field: 'indicators.4.score', category: 'INDICATOR_SCORE', expected: '11.2-14', why: 'injected: 有效 / 达成指标 is achieved, band 80–100% of 14 = 11.2–14; 10 is below' },
      { field: 'totalScore', category: 'TOTAL', expected: '91.67', why: 'entered parts 5.67 + 86 = 91.67, printed 95.67' },
    ],
  }),
  pt({
    project: '督查科业务经费', title: ['财政项目支出绩效自评表', '（2023年度）'], indLabel: '绩效指标（90分）',
    fundRows: natFunds({ init: am(7), full: am(7), exec: am(5.82), weight: f2(10), rate: f2(83.14), score: f2(8.31), zeros: true }, '-'),
    goal: ['完成区委、区政府年度重点工作任务书印制工作。', '完成了区委、区政府年度重点工作任务书印制工作，明确了各单位的目标任务。'],
    inds: [
      ind(P1, '数量指标', '任务书数量按全区各单位全覆盖原则印制', '=100.00(%)', '100.00(%)', f2(15), f2(15)),
      ind(P1, '质量指标', '印制规范、清晰', '=100.00(%)', '100.00(%)', f2(15), f2(15)),
      ind(P1, '时效指标', '2023年3月前印制完毕', '=100.00(%)', '100.00(%)', f2(10), f2(10)),
      ind(P1, '成本指标', '合理控制支出成本', '=100.00(%)', '100.00(%)', f2(10), f2(10)),
      ind(P2, '经济效益指标', '经济工作目标全面完成', '提升', OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '民心实事项目全面完成', '提升', '基本完成', f2(10), f2(10), { read: null, nc: '§7: 基本完成 judges without stating — not read, so no band either' }),
      ind(P2, '生态效益指标', '生态环保工作全面完成', '提升', OK, f2(5), f2(5)),
      ind(P2, '可持续影响指标', '重点工作目标管理可持续、可复制', '提升', OK, f2(5), f2(5)),
      ind(P3, SAT, '使用单位满意度', '提升', OK, f2(10), f2(10)),
    ],
    total: { w: f2(100), s: f2(98.31) }, grade: '良',
    truth: [{ field: 'grade', category: 'GRADE', expected: '优', why: 'injected: 总分 98.31 is 优' }],
  }),
  mh({
    project: '外事工作经费',
    // 过程指标（10分）added: 友诚友好交流工作完成率 10 → 5 and 提升友好交流水平 8 → 3 make room
    fundRows: natFunds({ init: f2(17), full: f2(17), exec: f2(15.25), weight: f2(10), rate: f2(89.7), score: f2(8.97), zeros: true }, '-'),
    goal: ['坚持服务外交、友好对等、务实节俭的原则，按照有关外事管理规定开展工作。', '坚持服务外交、友好对等、务实节俭的原则，完成年度外事工作。'],
    inds: [
      ind('过程指标（10分）', '资金管理', '资金使用合规性', '合规', '合规', f2(5), f2(5), { read: 'band', worded: 'ok' }),
      ind('过程指标（10分）', '组织实施', '管理制度执行有效性', '有效', OK, f2(5), f2(5)),
      ind('产出指标（44分）', '数量指标', '友诚友好交流工作完成率', '=100.00(%)', '100.00(%)', f2(5), f2(5)),
      ind('产出指标（44分）', '数量指标', '对外友好交流翻译到位率', '=100.00(%)', '100.00(%)', f2(10), f2(10)),
      ind('产出指标（44分）', '质量指标', '人员管理有效性', '有效', OK, f2(5), f2(5)),
      ind('产出指标（44分）', '质量指标', '外事礼品购置标准合规率', '=100.00(%)', '100.00(%)', f2(8), f2(8)),
      ind('产出指标（44分）', '时效指标', '友好交流计划完成及时率', '=100.00(%)', '100.00(%)', f2(8), f2(8)),
      ind('产出指标（44分）', '时效指标', '外事接待完成及时率', '=100.00(%)', '100.00(%)', f2(8), f2(8)),
      ind('效益指标（28分）', '社会效益指标', '接待事故发生数', '=0.00(起)', '零事故', f2(6), f2(6), { read: { op: '=', t: 0, a: 0 }, worded: 'ok' }),
      ind('效益指标（28分）', '社会效益指标', '有效投诉处置率', '=100.00(%)', '100%处置', f2(5), f2(5), { read: { op: '=', t: 100, a: 100 }, worded: 'ok' }),
      ind('效益指标（28分）', '社会效益指标', '展示国家形象', '展示', OK, f2(6), f2(6)),
      ind('效益指标（28分）', '社会效益指标', '提升友好交流水平', '提升', OK, f2(3), f2(3)),
      ind('效益指标（28分）', '可持续影响指标', '长效机制管理性', '完善', OK, f2(8), f2(8)),
      ind('满意度指标（8分）', SAT, '主管部门满意度', '≥90.00(%)', '95.00(%)', f2(8), f2(8)),
    ],
    total: { w: f2(100), s: f2(98.97) }, grade: '优', truth: [],
  }),
];

// ---------------------------------------------------------------------------------------------
// 7. A table without its 项目名称 row between normal ones; 项目名称 as a funds column header.
// ---------------------------------------------------------------------------------------------
const std6 = (sat) => [
  ind(P1, '数量指标', '综合业务开展完成率', '=100.00(%)', '100.00(%)', f2(20), f2(20)),
  ind(P1, '质量指标', '综合业务开展合格率', '=100.00(%)', '100.00(%)', f2(20), f2(20)),
  ind(P1, '时效指标', '问题处理及时性', '及时', OK, f2(10), f2(10)),
  ind(P2, '社会效益指标', '提升服务工作效率', '提升', OK, f2(15), f2(15)),
  ind(P2, '可持续影响指标', '长效管理制度健全性', '健全', OK, f2(15), f2(15)),
  ind(P3, SAT, '相关部门满意度', '≥90.00(%)', '95.00(%)', f2(10), f2(sat)),
];
const P7A_TABLES = [
  pt({
    project: '网上政务服务能力第三方评估项目', title: ['财政项目支出绩效自评表', '（2023年度）'],
    fundRows: natFunds({ init: am(40.5), full: am(40.5), exec: am(40.37), weight: f2(10), rate: f2(99.67), score: f2(9.96), zeros: true }, '-'),
    goal: ['每季度开展评估，反映各相关部门网上政务服务能力在全区所处的水平。', '每季度开展评估，不断提升本区网上政务服务能力和水平。'],
    inds: std6(10), total: { w: f2(100), s: f2(99.96) }, grade: '优', truth: [],
  }),
  pt({
    project: '公共数据管理第三方调查评估项目', noProject: true, title: ['公共数据管理第三方调查评估项目绩效自评表', '（2023年度）'],
    fundRows: natFunds({ init: am(25), full: am(25), exec: am(24.75), weight: f2(10), rate: f2(99), score: f2(9.9), zeros: true }, '-'),
    goal: ['深化“一网通办”和“一网统管”，助力区域“数字经济”发展。', '评估反映各相关部门公共数据管理和电子政务工作在全区所处的水平。'],
    // injected: 相关部门满意度 met (95 ≥ 90) scored 8; 总分 left at 99.90
    inds: std6(8), total: { w: f2(100), s: f2(99.9) }, grade: '优',
    truth: [
      { field: 'indicators.5.score', category: 'INDICATOR_SCORE', expected: '10', why: 'injected: ≥90 %, actual 95: met, 95 < 1.2 × 90 so no over-achievement; 8 of 10' },
      { field: 'totalScore', category: 'TOTAL', expected: '97.9', why: 'entered parts 9.90 + 88 = 97.90, printed 99.90' },
    ],
  }),
  pt({
    project: '合作交流办业务经费', title: ['财政项目支出绩效自评表', '（2023年度）'],
    fundRows: natFunds({ init: am(25.5), full: am(25.5), exec: am(21.04), weight: f2(10), rate: f2(82.5), score: f2(8.25), zeros: true }, '-'),
    goal: ['在扩大国内合作、加强往来交流中，严格遵守八项规定。', '加强区域合作，圆满完成外省市来普陀交流互访保障工作。'],
    inds: [
      ind(P1, '数量指标', '接待及出访工作完成数', '=100.00(%)', '100.00(%)', f2(20), f2(20)),
      ind(P1, '质量指标', '出访人员管理有效性', '有效', OK, f2(10), f2(10)),
      ind(P1, '时效指标', '接待工作完成及时率', '=100.00(%)', '完成率为95%', f2(10), f2(9.5), { read: { op: '=', t: 100, a: 95 }, worded: 'ok' }),
      ind(P1, '成本指标', '接待成本控制有效性', '有效', OK, f2(10), f2(10)),
      ind(P2, '经济效益指标', '学习先进管理理念', '学习', OK, f2(10), f2(10)),
      ind(P2, '社会效益指标', '促进地区间合作交流', '促进', OK, f2(10), f2(10)),
      ind(P2, '生态效益指标', '环境效益', '积极', OK, f2(5), f2(5)),
      ind(P2, '可持续影响指标', '长效管理机制健全性', '健全', OK, f2(5), f2(5)),
      ind(P3, SAT, '相关方满意度', '≥95.00(%)', '满意度达到97%', f2(10), f2(10), { read: { op: '>=', t: 95, a: 97 }, worded: 'ok' }),
    ],
    total: { w: f2(100), s: f2(97.75) }, grade: '优', truth: [],
  }),
];

/** Sub-project rows (项目名称 | 全年预算数 | 全年执行数 …) around the 年度资金总额 row. */
const subRow = (label, full, exec, rate) => ({ label, full: f2(full), exec: f2(exec), weight: '—', rate: pc(rate), score: '—' });
const P7B_TABLES = [
  hb({
    project: '宝山区“一网通办”深化项目', money: '万元', title: ['财政项目支出绩效自评表', '（2020年度）'],
    mainRow: 2,
    fundRows: [
      subRow('自助服务终端系统升级', 120, 115.2, 0.96),
      subRow('微信端升级改造与相关服务', 85, 80.46, 0.9466),
      { label: '年度资金总额', full: n(265), exec: f2(246.66), weight: n(10), rate: pc(0.9308), score: n(10) },
      subRow('长三角一体化线下专窗接入', 60, 51, 0.85),
    ],
    goal: ['根据“一网通办”工作要求对宝山区一网通办进行深化。', '已基本完成项目内容的建设，现阶段主要做好运营保障和后期验收工作。'],
    inds: [
      ind(P1, '数量指标', '项目功能模块开发完成率', '100%', '100%', n(20), n(20)),
      ind(P1, '质量指标', '设备运行完好率', '100%', '100%', n(20), n(20)),
      ind(P1, '时效指标', '报告出具及时性', '及时', '及时', n(10), n(10), { read: 'band', worded: 'ok' }),
      E(P2, '经济效益指标'), E(P2, '社会效益指标'), E(P2, '生态效益指标'),
      ind(P2, '可持续影响指标', '长效管理制度建设', '完善', '完善', n(30), n(30), { read: 'band', worded: 'ok' }),
      ind(P3, SAT, '工作人员满意度', '95%', '95%', n(10), n(9), { note: '细节上进一步提升' }),
    ],
    total: { w: n(100), s: n(99) },
    truth: [
      { field: 'funds.score', category: 'BUDGET_SCORE', expected: '9.3079', why: 'seed error: 10 × 246.66 ÷ 265 = 9.3079; 10 entered' },
      { field: 'indicators.4.score', category: 'INDICATOR_SCORE', expected: '10', why: 'seed error: 95% / 95% met, 9 of 10 without an over-achievement reason' },
    ],
  }),
  hb({
    project: '网络系统运营经费（宝信息委【2019】53号）', money: '万元', title: ['财政项目支出绩效自评表', '（2020年度）'],
    mainRow: 2,
    fundRows: [
      subRow('硬件设备现场运维', 100, 99.5, 0.995),
      subRow('软件系统现场运维', 90, 89.85, 0.9983),
      { label: '年度资金总额', full: f2(223.86), exec: f2(222.85), weight: n(10), rate: pc(0.9955), score: n(10) },
      subRow('预留应急及通讯费', 33.86, 33.5, 0.9894),
    ],
    goal: ['确保智能化现场服务大厅及“一网通办”相关功能的正常运行。', '签订运维合同，明确责任。'],
    inds: [
      ind(P1, '数量指标', '设备巡检完成率', '100%', '100%', n(20), n(20)),
      ind(P1, '质量指标', '数据备份率', '100%', '100%', n(10), n(10)),
      ind(P1, '时效指标', '设备运行完好率', '100%', '100%', n(20), n(20)),
      ind(P2, '经济效益指标', '故障排除率', '100%', '100%', n(10), n(10)),
      ind(P2, '社会效益指标', '有责投诉发生数', '0', '100%', n(10), n(10), { read: null, nc: 'units disagree (0 against 100%), as in the seed' }),
      E(P2, '生态效益指标'),
      ind(P2, '可持续影响指标', '长效管理制度建设', '完善', '完善', n(10), n(10), { read: 'band', worded: 'ok' }),
      ind(P3, SAT, '工作人员满意度', '95%', '100%', n(10), n(10)),
    ],
    total: { w: n(100), s: n(100) },
    truth: [{ field: 'funds.score', category: 'BUDGET_SCORE', expected: '9.9549', why: 'seed error: 10 × 222.85 ÷ 223.86 = 9.9549; 10 entered' }],
  }),
];

// ---------------------------------------------------------------------------------------------
// The five seed offices in one workbook: their official stacked workbooks (../../../shared/fixtures
// for 000 and 004, ../seed-fixtures for 001–003) copied cell by cell, unchanged, with their keys'
// addresses moved. (a) all on one sheet, two empty rows between offices; (b) one office per sheet.
// ---------------------------------------------------------------------------------------------
const SHARED = path.resolve(__dirname, '../../../shared/fixtures');
const SEEDFX = path.resolve(__dirname, '../seed-fixtures');
const OFFICES = [
  ['市政府办公厅', path.join(SHARED, '000-stacked-official.xlsx')],
  ['普陀区', path.join(SEEDFX, '001-stacked-official.xlsx')],
  ['宝山区', path.join(SEEDFX, '002-stacked-official.xlsx')],
  ['青浦区', path.join(SEEDFX, '003-stacked-official.xlsx')],
  ['闵行区', path.join(SHARED, '004-stacked-official.xlsx')],
];

const moveA1 = (a, dr) => { const c = XLSX.utils.decode_cell(a); return A1(c.r + dr, c.c); };
function movedKey(kt, sheet, dr) {
  const mv = (a) => moveA1(a, dr);
  return {
    ...kt, sheet, anchor: mv(kt.anchor),
    indicators: kt.indicators.map((i) => ({ ...i, scoreCell: mv(i.scoreCell) })),
    cells: Object.fromEntries(Object.entries(kt.cells).map(([k, a]) => [k, mv(a)])),
    truth: kt.truth.map((x) => ({ ...x, sheet, cell: mv(x.cell) })),
    worded: (kt.worded || []).map((w) => ({ ...w, cell: mv(w.cell) })),
  };
}

function fiveOffices(file, oneSheet) {
  const wb = XLSX.utils.book_new();
  const keys = [];
  let target = null, r0 = 0;
  for (const [office, src] of OFFICES) {
    const swb = XLSX.readFile(src, { cellNF: true });
    const ws = swb.Sheets[swb.SheetNames[0]];
    const key = JSON.parse(fs.readFileSync(src.replace(/\.xlsx$/, '.key.json'), 'utf8'));
    if (!oneSheet || !target) { target = { '!merges': [] }; r0 = 0; XLSX.utils.book_append_sheet(wb, target, oneSheet ? '汇总' : office); }
    const name = oneSheet ? '汇总' : office;
    const range = XLSX.utils.decode_range(ws['!ref']);
    for (const [a, c] of Object.entries(ws)) {
      if (a[0] === '!') continue;
      const cell = { t: c.t, v: c.v };
      if (c.z && c.z !== 'General') cell.z = c.z;
      target[moveA1(a, r0)] = cell;
    }
    for (const m of ws['!merges'] || []) target['!merges'].push({ s: { r: m.s.r + r0, c: m.s.c }, e: { r: m.e.r + r0, c: m.e.c } });
    keys.push(...key.tables.map((kt) => movedKey(kt, name, r0)));
    target['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: range.e.r + r0, c: 9 } });
    target['!cols'] = Array.from({ length: 14 }, () => ({ wch: 13.17 }));
    r0 += range.e.r + 3;
  }
  const full = path.join(OUT, file);
  XLSX.writeFile(wb, full, { compression: true, bookSST: true });
  const key = { file, tables: keys };
  fs.writeFileSync(full.replace(/\.xlsx$/, '.key.json'), JSON.stringify(key, null, 1) + '\n');
  require('./forms').checkWorkbook(full, key);
}

// ---------------------------------------------------------------------------------------------
const BOOKS = [
  ['p1-national-split-grouped.xlsx', '自评表', P1_TABLES, FORMS.grouped],
  ['p2-split-own-headers.xlsx', '自评表', P2A_TABLES, FORMS.split],
  ['p2-tianjin-export.xlsx', 'Sheet1', P2B_TABLES, FORMS.tianjin],
  ['p3-sichuan-dept.xlsx', '部门预算项目', P3_TABLES, FORMS.sichuan],
  ['p4-sichuan-xianjie.xlsx', '衔接资金', P4_TABLES, FORMS.xianjie],
  ['p5-hubei.xlsx', '自评表', P5_TABLES, FORMS.hubei],
  ['p6-points-in-labels.xlsx', '自评表', P6_TABLES, FORMS.national],
  ['p7-no-project-row.xlsx', '自评表', P7A_TABLES, FORMS.national],
  ['p7-subprojects.xlsx', '自评表', P7B_TABLES, FORMS.subprojects],
];

// ---------------------------------------------------------------------------------------------
// README.md: the part between the markers lists every table, truth entry, worded verdict and
// row left unread, from the data above (the explanations are the hand-written `why`/`nc`).
// ---------------------------------------------------------------------------------------------
const cellText = (v) => (v && typeof v === 'object' && 'op' in v ? [v.op, display(v.v), v.u].filter(Boolean).join(' ') : display(v)).replace(/\n/g, '').replace(/\|/g, '\\|');
function readingText(x) {
  const r = x.read;
  if (r === 'band') return (typeof x.t === 'object' ? x.t.v : x.t) === x.a ? 'the target\'s own text as actual → achieved, band 80–100%' : 'the target restated as done → achieved, band 80–100%';
  if (r === 'met') return 'the actual is the target\'s own bound → met';
  if ('lo' in r) return `a range ${r.lo}–${r.hi}: ${r.a} inside → met`;
  return `target ${r.op} ${r.t}, actual read as ${r.a}`;
}
function readmeSection(books) {
  const out = [];
  let no = 0;
  for (const { file, form, tables, key } of books) {
    const c = (f) => key.tables.reduce((a, t) => a + f(t), 0);
    out.push(`### \`${file}\` — ${form.id}`, '', `${key.tables.length} tables, ${c((t) => t.indicatorCount)} indicators, ${c((t) => t.truth.length)} truth, ${c((t) => t.worded.length)} worded.`, '');
    out.push('| table | project (seed) | anchor | funds: full / exec / rate / score | indicators | 总分 |', '| --- | --- | --- | --- | --- | --- |');
    key.tables.forEach((kt, i) => out.push(`| T${i + 1} | ${kt.project} (${kt.seed.slice(0, 3)}) | ${kt.anchor} | ${kt.budget.full} / ${kt.budget.exec} / ${kt.budget.rate} / ${kt.budget.score} | ${kt.indicatorCount} | ${kt.totalScore}${kt.grade ? ' ' + kt.grade : ''} |`));
    out.push('');
    const truth = [], worded = [], nc = [];
    tables.forEach((t, i) => {
      const kt = key.tables[i];
      const rows = t.inds.filter((x) => x.l3 != null);
      for (const x of t.truth) { no++; truth.push(`| ${no} | T${i + 1} | ${kt.cells[x.field]} | ${x.category} | ${enteredText(kt, x.field)} | ${x.expected} | ${x.why} |`); }
      rows.forEach((x, k) => {
        const cell = kt.indicators[k].scoreCell;
        if (x.worded !== undefined) worded.push(`| T${i + 1} | ${cell} | ${x.l3} | ${cellText(x.t)} | ${cellText(x.a)} | ${readingText(x)} | ${display(x.s)} of ${display(x.w)} → **${x.worded}** |`);
        if (x.read === null) nc.push(`| T${i + 1} | ${cell} | ${x.l3} | ${cellText(x.t)} / ${cellText(x.a)} | ${x.nc} |`);
      });
    });
    if (truth.length) out.push('Truth:', '', '| # | table | cell | category | entered | expected | why |', '| --- | --- | --- | --- | --- | --- | --- |', ...truth, '');
    if (worded.length) out.push('Worded rows:', '', '| table | cell | 三级指标 | target | actual | reading | verdict |', '| --- | --- | --- | --- | --- | --- | --- |', ...worded, '');
    if (nc.length) out.push('Left unread (no truth, no worded entry):', '', '| table | cell | 三级指标 | target / actual | why |', '| --- | --- | --- | --- | --- |', ...nc, '');
  }
  return out.join('\n');
}
const enteredText = (kt, field) => (kt.truth.find((x) => x.field === field) || {}).entered || '(blank)';

function main() {
  const books = [];
  for (const [file, sheet, tables, form] of BOOKS) {
    const key = writeBook(OUT, file, [{ sheet, tables: tables.map((t) => ({ t, form })) }]);
    books.push({ file, form, tables, key });
  }
  fiveOffices('m-five-offices-one-sheet.xlsx', true);
  fiveOffices('m-five-offices-per-sheet.xlsx', false);
  const readme = path.join(OUT, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const [head, rest] = text.split('<!-- generated by build.js -->');
  const tail = rest.split('<!-- end of generated part -->')[1];
  fs.writeFileSync(readme, `${head}<!-- generated by build.js -->\n${readmeSection(books)}\n<!-- end of generated part -->${tail}`);
  for (const { file, key } of books) {
    const c = (f) => key.tables.reduce((a, t) => a + f(t), 0);
    console.log(`${file}: tables ${key.tables.length} indicators ${c((t) => t.indicatorCount)} truth ${c((t) => t.truth.length)} worded ${c((t) => t.worded.length)}`);
  }
}

if (require.main === module) main();
module.exports = { FORMS, BOOKS };
