/**
 * Tables from the published seeds (shared/seeds), entered numbers kept as published — real
 * mistakes included. Trainers insert them with "插入示例表"; the example workbook is built
 * from them.
 */
import { FormSpec, FormStyle, stackForms } from './form';
import type { SheetGrid } from './grid';

const q = (level1: string, level2: string, name: string, target: string, actual: string, weight: number, score: number) => ({ level1, level2, name, target, actual, weight, score });

/** 市政府办公厅: rate printed rounded up (78.234% → 78.24%). */
export const SHANGHAI_FABU: FormSpec = {
  project: '"上海发布"办公室工作经费', year: '2021', department: '上海市人民政府办公厅', moneyUnit: '元',
  initial: 2382800, full: 2382800, executed: 1864161.63, budgetWeight: 10, rate: 78.24, budgetScore: 7.82,
  indicators: [
    q('产出指标', '数量指标', '微博日均访问量', '>=120万人次', '500万人次', 10, 10),
    q('产出指标', '质量指标', '信息错误率', '<=5%', '0%', 10, 10),
    q('产出指标', '时效指标', '年中预算执行率', '>=50%', '10%', 10, 2),
    q('产出指标', '时效指标', '信息及时发布率', '>=90%', '100%', 10, 10),
    q('效益指标', '经济效益指标', '企业获取政务信息及时率', '>=90%', '100%', 10, 10),
    q('效益指标', '社会效益指标', '微信粉丝数', '>=480万人', '817万人', 10, 10),
    q('效益指标', '生态效益指标', '天气预警信息发布及时率', '>=95%', '100%', 10, 10),
    q('效益指标', '可持续影响指标', '政务微博排名', '排名前三', '前三', 10, 10),
    q('效益指标', '可持续影响指标', '微信粉丝增长率', '>=5%', '35%', 10, 10),
  ],
  totalWeight: 100, totalScore: 89.82,
};

/** 市政府办公厅: a proportional score done right (>=48次, actual 33, 20 → 13.75). */
export const SHANGHAI_MEETINGS: FormSpec = {
  project: '市政府事项处理费及资料费', year: '2021', department: '上海市人民政府办公厅', moneyUnit: '元',
  initial: 4561500, full: 4150900, executed: 3932846.86, budgetWeight: 10, rate: 94.75, budgetScore: 9.48,
  indicators: [
    q('产出指标', '数量指标', '市政府常务会议召开数', '>=48次', '33', 20, 13.75),
    q('产出指标', '质量指标', '公文出错率', '<=5%', '0%', 20, 20),
    q('产出指标', '时效指标', '年中预算执行率', '>=50%', '60%', 10, 10),
    q('效益指标', '经济效益指标', '会议费用压缩率', '>=10%', '30%', 10, 10),
    q('效益指标', '生态效益指标', '会议、文件压缩率', '>=5%', '8%', 10, 10),
    q('效益指标', '可持续影响指标', '政令是否上通下达', '是', '是', 10, 10),
    q('满意度指标', '服务对象满意度指标', '“三服务”满意度', '>=90%', '95%', 10, 10),
  ],
  totalWeight: 100, totalScore: 93.23,
};

/** 普陀区: rate and score truncated (99.666% → 99.66, 9.966 → 9.96). */
export const PUTUO_ONLINE: FormSpec = {
  project: '政务服务线上办理宣传推广项目', year: '2021', department: '上海市普陀区人民政府办公室', moneyUnit: '万元',
  initial: 30, full: 30, executed: 29.9, budgetWeight: 10, rate: 99.66, budgetScore: 9.96,
  indicators: [
    q('产出指标', '数量指标', '综合业务开展完成率', '=100.00(%)', '100.00(%)', 25, 25),
    q('产出指标', '质量指标', '综合业务开展合格率', '=100.00(%)', '100.00(%)', 25, 25),
    q('效益指标', '社会效益指标', '提升服务工作效率', '提升', '达成指标', 30, 30),
    q('满意度指标', '服务对象满意度指标', '相关群众满意度', '≥90.00(%)', '95.00(%)', 10, 10),
  ],
  totalWeight: 100, totalScore: 99.96, grade: '优',
};

/** 宝山区: 88.68% scored 9 (no proportional rule gives it); 99.8% of a 100% target scored full. */
export const BAOSHAN_EXPRESS: FormSpec = {
  project: '“一网通办”免费证照快递费用', year: '2020', department: '上海市宝山区行政服务中心', moneyUnit: '元',
  initial: 200000, full: 200000, executed: 177350.5, budgetWeight: 10, rate: 88.68, budgetScore: 9,
  indicators: [
    q('产出指标', '数量指标', '年派送证照及上门揽收的数量', '10000', '24427', 20, 20),
    q('产出指标', '质量指标', '快递准确性', '100%', '99.8%', 20, 20),
    q('产出指标', '时效指标', '快递及时性', '及时', '及时', 10, 10),
    q('效益指标', '可持续影响指标', '长效管理制度', '健全', '健全', 30, 30),
    q('满意度指标', '服务对象满意度指标', '企业满意度', '>90%', '>90%', 10, 10),
  ],
  totalWeight: 100, totalScore: 99,
};

/** 青浦区: score left unrounded (8.315), total 98 where the parts add up to 98.315. */
export const QINGPU_PLATFORM: FormSpec = {
  project: '"互联网+政务服务"管理经费', year: '2021', department: '上海市青浦区政务服务办公室', moneyUnit: '元',
  initial: 21252800, full: 21252800, executed: 17670946.13, budgetWeight: 10, rate: 83.15, budgetScore: 8.315,
  indicators: [
    q('产出指标', '数量指标', '计划完成率', '=100', '按计划完成', 20, 20),
    q('产出指标', '质量指标', '合格率', '=100', '达到预期', 20, 20),
    q('产出指标', '时效指标', '计划完成及时性', '及时', '按计划完成', 10, 10),
    q('效益指标', '经济效益指标', '故障率', '<=0.1', '未发生故障', 10, 10),
    q('效益指标', '社会效益指标', '稳定性', '稳定', '稳定', 10, 10),
    q('效益指标', '生态效益指标', '修复率', '=100', '100%修复', 10, 10),
    q('满意度指标', '服务对象满意度指标', '有效投诉人次', '<=5', '无投诉', 10, 10),
  ],
  totalWeight: 100, totalScore: 98,
};

/** 闵行区: =12.00(期), actual 11, 分值 20 scored 18 instead of 18.33. */
export const MINHANG_PRINTING: FormSpec = {
  project: '印刷服务费', year: '2024', department: '上海市闵行区人民政府办公室', moneyUnit: '万元',
  initial: 14.91, full: 14.91, executed: 9.48, budgetWeight: 10, rate: 63.58, budgetScore: 6.36,
  indicators: [
    q('产出指标', '数量指标', '区政府公报每月 1期', '=12.00(期)', '11.00(期)', 20, 18),
    q('产出指标', '质量指标', '排版美观、装订整齐，文字无差错', '排版美观、装订整齐，文字无差错', '达成指标', 20, 20),
    q('产出指标', '时效指标', '区政府公报每期配送到 60家单位', '每期配送到 60家单位', '达成指标', 20, 20),
    q('效益指标', '社会效益指标', '帮助社会公众及时了解政府最新政策', '帮助', '达成指标', 10, 10),
    q('满意度指标', '服务对象满意度指标', '主管部门满意度达到 100%', '主管部门满意度达到 100%', '达成指标', 20, 20),
  ],
  totalWeight: 100, totalScore: 94.36, grade: '优',
};

const OFFICIAL: FormStyle = { labels: 'merged', rate: 'fraction', title: true };
const DISTRICT: FormStyle = { labels: 'merged', rate: 'percent-header', title: true };

/** The example workbook's sheets: municipal tables on one, district tables on another. */
export function exampleSheets(): SheetGrid[] {
  return [
    stackForms('市级', [SHANGHAI_FABU, SHANGHAI_MEETINGS].map((spec) => ({ spec, style: OFFICIAL }))).sheet,
    stackForms('区级', [PUTUO_ONLINE, BAOSHAN_EXPRESS, QINGPU_PLATFORM, MINHANG_PRINTING].map((spec) => ({ spec, style: spec === BAOSHAN_EXPRESS || spec === QINGPU_PLATFORM ? OFFICIAL : DISTRICT }))).sheet,
  ];
}

/** One sample table with typical mistakes, for trainers ("插入示例表"). */
export function sampleSheet(): SheetGrid {
  return stackForms('示例表', [{ spec: MINHANG_PRINTING, style: DISTRICT }, { spec: BAOSHAN_EXPRESS, style: OFFICIAL }]).sheet;
}
