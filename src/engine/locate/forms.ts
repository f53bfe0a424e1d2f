/**
 * The forms the engine knows, as data: each province's 项目支出绩效自评表 prints the national
 * blocks in its own words. A form lists its block labels, the header words of each column role
 * and its row labels; the locator reads every known form with the union of their words
 * (vocabulary.ts), and `identifyForm` names the form a table was printed in.
 *
 * Adding a province's form: add an entry here (only the words the forms before it lack are
 * needed for reading; `identifiedBy` says which words show it is that form), and a fixture.
 */
import type { FundsColumn, IndicatorColumn, FundsRowKind } from './vocabulary';

export interface FormDefinition {
  id: string;
  name: { zh: string; en: string };
  /** Where it is seen (for the README and the report). */
  seenIn: string;
  /** Squashed words that only this form prints in its header rows, funds row labels or text blocks: the more found, the surer. */
  identifiedBy: readonly string[];
  funds: {
    /** The block's label, left of its header (项目资金（万元）, 预算执行情况（10分）). */
    blockLabels?: readonly string[];
    headers?: Partial<Record<FundsColumn, readonly string[]>>;
    rows?: Partial<Record<FundsRowKind, readonly string[]>>;
  };
  indicators: {
    blockLabels?: readonly string[];
    headers?: Partial<Record<IndicatorColumn, readonly string[]>>;
  };
  /** Labels of the rows after the indicators. */
  rows?: { total?: readonly string[]; grade?: readonly string[]; subtotal?: readonly string[] };
  /** Free-text blocks after the indicators (评价结论 …): they end the indicator block. */
  textBlocks?: readonly string[];
}

export const FORMS: readonly FormDefinition[] = [
  {
    id: 'national',
    name: { zh: '财政项目支出绩效自评表（全国通用）', en: 'National project self-evaluation form' },
    seenIn: '财预〔2020〕10号; 上海市及各区',
    identifiedBy: ['项目资金', '年度资金总额', '年度指标值', '偏差原因分析及改进措施'],
    funds: {
      blockLabels: ['项目资金'],
      // 年初 / 全年 alone: the lower row of a two-row header under 预算数. Beyond the national
      // words, what other provinces' templates print for the same columns (批复/调整预算数,
      // 已支出数, 资金执行率, 标准分值, 考核得分 …): each names one role only.
      headers: {
        initial: ['年初预算数', '年初预算', '年初预算金额', '年初'],
        full: ['全年预算数', '全年预算', '调整后预算数', '全年预算金额', '预算数', '全年', '年度预算数', '调整预算数', '批复预算数', '预算批复数'],
        // 实际支出数 / 支出数: what offices that print 调整后预算数 call the money spent (广东 and others).
        executed: ['全年执行数', '全年执行', '执行数', '实际执行数', '全年实际执行数', '全年支出数', '实际支出数', '实际支出', '支出数', '全年实际支出数', '已支出数', '累计支出数', '累计执行数', '实际支付数'],
        weight: ['分值', '分数', '权重', '标准分值', '标准分'],
        rate: ['执行率', '预算执行率', '资金执行率', '支出率', '资金支出率', '预算支出率'],
        score: ['得分', '评分', '实际得分', '自评得分', '自评分', '评价得分', '考核得分'],
      },
      rows: {
        total: ['年度资金总额', '资金总额', '合计'],
        appropriation: ['其中:当年财政拨款', '当年财政拨款', '财政拨款', '其中:财政拨款'],
        carryOver: ['上年结转资金', '上年结转', '结转资金'],
        other: ['其他资金', '其他'],
      },
    },
    indicators: {
      blockLabels: ['绩效指标'],
      headers: {
        level1: ['一级指标'],
        level2: ['二级指标'],
        name: ['三级指标', '三级指标名称', '指标名称', '绩效指标名称'],
        target: ['年度指标值', '指标值', '年度目标值', '目标值', '年度目标', '预期指标值', '计划值', '年度计划值', '绩效目标值', '预期目标值'],
        actual: ['实际完成值', '完成值', '实际值', '实际完成情况', '实际完成', '实际完成指标值', '全年完成值', '实际达成值'],
        weight: ['分值', '分数', '权重', '标准分值', '标准分'],
        score: ['得分', '自评得分', '评分', '实际得分', '自评分', '评价得分', '考核得分'],
        remark: ['偏差原因分析及改进措施', '偏差原因分析', '偏差原因及改进措施', '备注'],
      },
    },
    rows: {
      total: ['总分', '合计', '总计', '合计得分', '自评总分', '总得分', '得分合计'],
      grade: ['评分等级', '等级', '自评等级', '评价等级', '绩效等级', '绩效评价等级', '自评结果'],
      subtotal: ['小计', '分项小计'],
    },
  },
  {
    id: 'national-split-target',
    name: { zh: '全国通用（年度指标值分为指标性质、指标值、度量单位三栏）', en: 'National form, target in three columns' },
    seenIn: '安徽, 云南; 天津 (绩效系统导出: 计算符号 | 指标值 | 计量单位)',
    identifiedBy: ['指标性质', '度量单位', '计算符号', '计量单位'],
    funds: {},
    indicators: {
      headers: {
        comparator: ['指标性质', '计算符号', '运算符号', '符号'],
        unit: ['度量单位', '计量单位', '单位', '指标单位'],
      },
    },
  },
  {
    id: 'sichuan-department',
    name: { zh: '四川 部门预算项目支出绩效自评表', en: 'Sichuan departmental project self-evaluation form' },
    seenIn: '四川',
    identifiedBy: ['预算执行情况', '调整后预算数', '预算执行数', '财政专户管理资金', '单位资金', '未完成原因分析', '评价结论'],
    funds: {
      blockLabels: ['预算执行情况'],
      headers: { executed: ['预算执行数'] },
      rows: {
        total: ['总额'],
        appropriation: ['其中:财政资金', '财政资金'],
        specialAccount: ['财政专户管理资金'],
        ownFunds: ['单位资金'],
      },
    },
    indicators: { headers: { level1: ['一级'], level2: ['二级'], name: ['三级'], remark: ['未完成原因分析'] } },
    textBlocks: ['评价结论', '存在问题', '改进措施', '存在的问题', '改进意见', '问题及改进措施', '存在问题及改进措施'],
  },
  {
    id: 'sichuan-linked-funds',
    name: { zh: '四川 衔接资金 绩效目标自评表', en: 'Sichuan linked-funds self-evaluation form' },
    seenIn: '四川 (衔接推进乡村振兴补助资金)',
    identifiedBy: ['全年实际值', '未完成原因及拟采取的改进措施'],
    funds: {},
    indicators: { headers: { actual: ['全年实际值'], remark: ['未完成原因及拟采取的改进措施'] } },
  },
  {
    id: 'hubei',
    name: { zh: '湖北 项目绩效目标自评表', en: 'Hubei project self-evaluation form' },
    seenIn: '湖北',
    identifiedBy: ['年初目标值', '得分(分*执行率)'],
    funds: {},
    indicators: { headers: { target: ['年初目标值'] } },
  },
];

/** Every form's words for one column role, in form order (the national words first: they rank first). */
export function wordsOf<K extends string>(pick: (f: FormDefinition) => Partial<Record<K, readonly string[]>> | undefined, keys: readonly K[]): Record<K, readonly string[]> {
  const out = {} as Record<K, string[]>;
  for (const k of keys) out[k] = [];
  for (const f of FORMS) {
    const words = pick(f);
    if (!words) continue;
    for (const k of keys) for (const w of words[k] ?? []) if (!out[k].includes(w)) out[k].push(w);
  }
  return out;
}

/** Every form's words of one list (row labels, text blocks), in form order. */
export function listOf(pick: (f: FormDefinition) => readonly string[] | undefined): readonly string[] {
  const out: string[] = [];
  for (const f of FORMS) for (const w of pick(f) ?? []) if (!out.includes(w)) out.push(w);
  return out;
}

/** Each identifying word, and the forms (by index) it identifies. */
const IDENTIFYING = new Map<string, number[]>();
FORMS.forEach((f, i) => {
  if (i === 0) return;
  for (const w of f.identifiedBy) IDENTIFYING.set(w, [...(IDENTIFYING.get(w) ?? []), i]);
});

/** Whether a (squashed) label is one of the words that tell forms apart. */
export function identifiesForm(word: string): boolean {
  return IDENTIFYING.has(word);
}

/**
 * The form a table was printed in: the form whose identifying words the table's labels hold the
 * most of (`labels`: squashed, with notes in brackets removed); the national form when none does.
 */
export function identifyForm(labels: Iterable<string>): FormDefinition {
  const seen = new Set<string>();
  const counts = new Array<number>(FORMS.length).fill(0);
  for (const w of labels) {
    const forms = IDENTIFYING.get(w);
    if (!forms || seen.has(w)) continue;
    seen.add(w);
    for (const i of forms) counts[i]++;
  }
  let best = 0;
  for (let i = 1; i < FORMS.length; i++) if (counts[i] > counts[best]) best = i;
  return FORMS[best];
}
