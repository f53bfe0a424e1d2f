/**
 * Writes a self-evaluation table as cells, in the layouts seen in published workbooks. Used
 * for the trainers' sample sheet, the example workbook, generated benchmark workbooks and
 * tests — never by the checker itself.
 */
import type { Cell, CellRange } from './grid';

export interface IndicatorSpec {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  weight: number | string;
  score: number | string;
}

export interface FormSpec {
  project: string;
  year?: string;
  department?: string;
  moneyUnit: '元' | '万元';
  initial: number | string;
  full: number | string;
  executed: number | string;
  budgetWeight: number | string;
  /** Rate as entered, in percent units (78.24 means 78.24%). */
  rate: number | string;
  budgetScore: number | string;
  indicators: IndicatorSpec[];
  totalWeight: number | string;
  totalScore: number | string;
  grade?: string;
}

export interface FormStyle {
  /** 'merged': labels written once (with merge areas); 'repeated': 一级/二级 on every row; 'blank': once, no merges. */
  labels: 'merged' | 'repeated' | 'blank';
  /** How the rate is entered: "78.24%" text, 0.7824 with a % format, or 78.24 under "执行率(%)". */
  rate: 'text' | 'fraction' | 'percent-header';
  /** A 序号 column before 一级指标 in the indicator block (shifts the columns right by one). */
  serialColumn?: boolean;
  /** Numbers written as text ("10.00") instead of numbers. */
  numbersAsText?: boolean;
  title?: boolean;
  /**
   * The target split over 指标性质 | 指标值 | 度量单位 (安徽, 云南, 四川): under a 年度指标值 group header
   * ('grouped', two header rows) or as headers of their own ('flat'); the actual then holds a bare number.
   */
  splitTarget?: 'grouped' | 'flat';
  /** The words of 四川's 部门预算项目支出绩效自评表: 预算执行情况, 调整后预算数, 预算执行数, 权重, 总额, 一级/二级/三级, 完成值. */
  words?: 'national' | 'sichuan';
  /** No 项目名称 row (nor 主管部门): the title names the project, and the table is anchored at its funds block. */
  noProjectRow?: boolean;
}

const WORDS = {
  national: {
    fundsLabel: (unit: string) => `项目资金\n（${unit}）`,
    funds: ['年初\n预算数', '全年\n预算数', '全年\n执行数', '分值', '执行率', '得分'],
    total: '年度资金总额', appropriation: '其中：当年财政拨款', parts: ['上年结转资金', '其他资金'],
    indicators: ['一级指标', '二级指标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '得分', '偏差原因分析\n及改进措施'],
  },
  sichuan: {
    fundsLabel: (unit: string) => `预算执行情况（10分）\n（${unit}）`,
    funds: ['年初预算', '调整后预算数', '预算执行数', '权重', '预算执行率', '得分'],
    total: '总额', appropriation: '其中：财政资金', parts: ['财政专户管理资金', '单位资金', '其他资金'],
    indicators: ['一级', '二级', '三级', '指标值', '完成值', '权重', '得分', '未完成原因分析'],
  },
} as const;

/** A target as its three printed parts: "<=5%" → ≤ | 5 | %. */
function splitMeasure(target: string): { comparator: string; value: string; unit: string } {
  const m = /^(<=|>=|≤|≥|=|<|>)?(\d+(?:\.\d+)?)\(?([^()\d]*)\)?$/.exec(target);
  if (!m) return { comparator: '定性', value: target, unit: '' };
  const c = m[1] ?? '=';
  return { comparator: c === '<=' ? '≤' : c === '>=' ? '≥' : c, value: m[2], unit: m[3] };
}

export interface RenderedForm {
  /** Rows of cells, column 0 = the table's left edge. */
  rows: Array<Array<Cell | null>>;
  merges: CellRange[];
  /** Row offsets (within `rows`) of the cells the tests look at. */
  at: { anchor: [number, number]; rate: [number, number]; budgetScore: [number, number]; scores: Array<[number, number]>; totalWeight: [number, number]; totalScore: [number, number]; grade: [number, number] | null };
}

/** Render one table; `top`/`left` are where it will be placed (merge areas are absolute). */
export function renderForm(spec: FormSpec, style: FormStyle, top = 0, left = 0): RenderedForm {
  const rows: Array<Array<Cell | null>> = [];
  const merges: CellRange[] = [];
  const s = style.serialColumn ? 1 : 0;
  const num = (v: number | string, format?: string): Cell =>
    typeof v === 'number' && style.numbersAsText ? { value: Number(v.toFixed(2)) === v ? v.toFixed(2) : String(v) } : typeof v === 'number' && format ? { value: v, format } : { value: v };
  const put = (r: number, c: number, cell: Cell | string | null) => {
    while (rows.length <= r) rows.push([]);
    rows[r][c] = typeof cell === 'string' ? { value: cell } : cell;
  };
  const merge = (r0: number, c0: number, r1: number, c1: number) => {
    if (style.labels === 'merged' && (r1 > r0 || c1 > c0)) merges.push({ top: top + r0, left: left + c0, bottom: top + r1, right: left + c1 });
  };
  const w = WORDS[style.words ?? 'national'];
  const x = style.splitTarget ? 2 : 0;
  let r = 0;
  if (style.title || style.noProjectRow) {
    put(r, 0, style.noProjectRow ? `${spec.project}绩效自评表` : '财政项目支出绩效自评表');
    merge(r, 0, r, 9 + s + x);
    r++;
    if (spec.year) {
      put(r, 0, `（${spec.year}年度）`);
      r++;
    }
  }
  const anchor: [number, number] = [r, 0];
  if (!style.noProjectRow) {
    put(r, 0, '项目名称');
    put(r, 2, spec.project);
    merge(r, 0, r, 1);
    r++;
    put(r, 0, '主管部门');
    put(r, 2, spec.department ?? '');
    put(r, 6, '实施单位');
    put(r, 7, spec.department ?? '');
    r++;
  }
  const fundsTop = r;
  put(r, 0, w.fundsLabel(spec.moneyUnit));
  w.funds.forEach((h, i) => put(r, 3 + i, i === 4 && style.rate === 'percent-header' ? `${h}(%)` : h));
  r++;
  const rateCell = (v: number | string): Cell => {
    if (typeof v === 'string') return { value: v };
    if (style.rate === 'text') return { value: `${v.toFixed(2)}%` };
    if (style.rate === 'fraction') return { value: Number((v / 100).toPrecision(12)), format: '0.00%' };
    return num(v, '0.00');
  };
  const rate: [number, number] = [r, 7];
  const budgetScore: [number, number] = [r, 8];
  put(r, 2, w.total);
  put(r, 3, num(spec.initial, '#,##0.00'));
  put(r, 4, num(spec.full, '#,##0.00'));
  put(r, 5, num(spec.executed, '#,##0.00'));
  put(r, 6, num(spec.budgetWeight));
  put(r, 7, rateCell(spec.rate));
  put(r, 8, num(spec.budgetScore, '0.00'));
  r++;
  put(r, 2, w.appropriation);
  put(r, 3, num(spec.initial, '#,##0.00'));
  put(r, 4, num(spec.full, '#,##0.00'));
  put(r, 5, num(spec.executed, '#,##0.00'));
  put(r, 6, '—');
  r++;
  for (const label of w.parts) {
    put(r, 2, label);
    for (let c = 3; c <= 5; c++) put(r, c, num(0, '0.00'));
    put(r, 6, '—');
    r++;
  }
  merge(fundsTop, 0, r - 1, 1);
  put(r, 0, '年度\n总体\n目标');
  put(r, 2, '预期目标');
  put(r, 6, '实际完成情况');
  r++;
  put(r, 2, '按计划完成年度工作任务。');
  put(r, 6, '已完成。');
  merge(r - 1, 0, r, 1);
  r++;
  const headerRow = r;
  put(r, 0, '绩\n效\n指\n标');
  if (s) put(r, 1, '序号');
  const headers: string[] = [...w.indicators];
  if (style.splitTarget === 'flat') headers.splice(3, 1, '指标性质', '指标值', '度量单位');
  if (style.splitTarget === 'grouped') headers.splice(3, 1, '年度指标值', '', '');
  headers.forEach((h, i) => h && put(r, 1 + s + i, h));
  if (style.splitTarget === 'grouped') {
    merge(r, 4 + s, r, 6 + s);
    r++;
    ['指标性质', '指标值', '度量单位'].forEach((h, i) => put(r, 4 + s + i, h));
  }
  r++;
  const scores: Array<[number, number]> = [];
  let previous: IndicatorSpec | null = null;
  let l1Start = r;
  let l2Start = r;
  spec.indicators.forEach((ind, i) => {
    const newL1 = !previous || previous.level1 !== ind.level1;
    const newL2 = newL1 || previous!.level2 !== ind.level2;
    if (newL1 && previous) merge(l1Start, 1 + s, r - 1, 1 + s);
    if (newL2 && previous) merge(l2Start, 2 + s, r - 1, 2 + s);
    if (newL1) l1Start = r;
    if (newL2) l2Start = r;
    if (s) put(r, 1, num(i + 1));
    if (newL1 || style.labels === 'repeated') put(r, 1 + s, ind.level1);
    if (newL2 || style.labels === 'repeated') put(r, 2 + s, ind.level2);
    put(r, 3 + s, ind.name);
    if (style.splitTarget) {
      const t = splitMeasure(ind.target);
      put(r, 4 + s, t.comparator);
      put(r, 5 + s, t.value);
      put(r, 6 + s, t.unit);
      put(r, 7 + s, t.unit && ind.actual.endsWith(t.unit) ? ind.actual.slice(0, -t.unit.length).replace(/\($/, '') : ind.actual);
    } else {
      put(r, 4 + s, ind.target);
      put(r, 5 + s, ind.actual);
    }
    put(r, 6 + s + x, num(ind.weight, '0.00'));
    put(r, 7 + s + x, num(ind.score, '0.00'));
    scores.push([r, 7 + s + x]);
    previous = ind;
    r++;
  });
  merge(l1Start, 1 + s, r - 1, 1 + s);
  merge(l2Start, 2 + s, r - 1, 2 + s);
  merge(headerRow, 0, r - 1, 0);
  put(r, 1, '总分');
  merge(r, 1, r, 5 + s + x);
  put(r, 6 + s + x, num(spec.totalWeight, '0.00'));
  put(r, 7 + s + x, num(spec.totalScore, '0.00'));
  const totalWeight: [number, number] = [r, 6 + s + x];
  const totalScore: [number, number] = [r, 7 + s + x];
  r++;
  let grade: [number, number] | null = null;
  if (spec.grade !== undefined) {
    put(r, 1, '评分等级');
    merge(r, 1, r, 5 + s + x);
    put(r, 6 + s + x, spec.grade);
    grade = [r, 6 + s + x];
  }
  return { rows, merges, at: { anchor, rate, budgetScore, scores, totalWeight, totalScore, grade } };
}

export interface PlacedForm extends RenderedForm {
  top: number;
  left: number;
}

/** Stack tables one under another on one sheet, `gap` empty rows apart, starting at (top, left). */
export function stackForms(
  name: string,
  forms: ReadonlyArray<{ spec: FormSpec; style: FormStyle }>,
  { top = 0, left = 0, gap = 2 }: { top?: number; left?: number; gap?: number } = {},
): { sheet: { name: string; cells: Array<Array<Cell | null>>; merges: CellRange[] }; placed: PlacedForm[] } {
  const cells: Array<Array<Cell | null>> = [];
  const merges: CellRange[] = [];
  const placed: PlacedForm[] = [];
  let row = top;
  for (const { spec, style } of forms) {
    const f = renderForm(spec, style, row, left);
    f.rows.forEach((cols, i) => {
      const target: Array<Cell | null> = (cells[row + i] ??= []);
      cols.forEach((cell, j) => {
        if (cell) target[left + j] = cell;
      });
    });
    merges.push(...f.merges);
    placed.push({ ...f, top: row, left });
    row += f.rows.length + gap;
  }
  for (let i = 0; i < cells.length; i++) cells[i] ??= [];
  return { sheet: { name, cells, merges }, placed };
}
