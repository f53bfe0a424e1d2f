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
  let r = 0;
  if (style.title) {
    put(r, 0, '财政项目支出绩效自评表');
    merge(r, 0, r, 9 + s);
    r++;
    if (spec.year) {
      put(r, 0, `（${spec.year}年度）`);
      r++;
    }
  }
  const anchor: [number, number] = [r, 0];
  put(r, 0, '项目名称');
  put(r, 2, spec.project);
  merge(r, 0, r, 1);
  r++;
  put(r, 0, '主管部门');
  put(r, 2, spec.department ?? '');
  put(r, 6, '实施单位');
  put(r, 7, spec.department ?? '');
  r++;
  const fundsTop = r;
  put(r, 0, `项目资金\n（${spec.moneyUnit}）`);
  const rateHeader = style.rate === 'percent-header' ? '执行率(%)' : '执行率';
  ['年初\n预算数', '全年\n预算数', '全年\n执行数', '分值', rateHeader, '得分'].forEach((h, i) => put(r, 3 + i, h));
  r++;
  const rateCell = (v: number | string): Cell => {
    if (typeof v === 'string') return { value: v };
    if (style.rate === 'text') return { value: `${v.toFixed(2)}%` };
    if (style.rate === 'fraction') return { value: Number((v / 100).toPrecision(12)), format: '0.00%' };
    return num(v, '0.00');
  };
  const rate: [number, number] = [r, 7];
  const budgetScore: [number, number] = [r, 8];
  put(r, 2, '年度资金总额');
  put(r, 3, num(spec.initial, '#,##0.00'));
  put(r, 4, num(spec.full, '#,##0.00'));
  put(r, 5, num(spec.executed, '#,##0.00'));
  put(r, 6, num(spec.budgetWeight));
  put(r, 7, rateCell(spec.rate));
  put(r, 8, num(spec.budgetScore, '0.00'));
  r++;
  put(r, 2, '其中：当年财政拨款');
  put(r, 3, num(spec.initial, '#,##0.00'));
  put(r, 4, num(spec.full, '#,##0.00'));
  put(r, 5, num(spec.executed, '#,##0.00'));
  put(r, 6, '—');
  r++;
  for (const label of ['上年结转资金', '其他资金']) {
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
  ['一级指标', '二级指标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '得分', '偏差原因分析\n及改进措施'].forEach((h, i) => put(r, 1 + s + i, h));
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
    put(r, 4 + s, ind.target);
    put(r, 5 + s, ind.actual);
    put(r, 6 + s, num(ind.weight, '0.00'));
    put(r, 7 + s, num(ind.score, '0.00'));
    scores.push([r, 7 + s]);
    previous = ind;
    r++;
  });
  merge(l1Start, 1 + s, r - 1, 1 + s);
  merge(l2Start, 2 + s, r - 1, 2 + s);
  merge(headerRow, 0, r - 1, 0);
  put(r, 1, '总分');
  merge(r, 1, r, 5 + s);
  put(r, 6 + s, num(spec.totalWeight, '0.00'));
  put(r, 7 + s, num(spec.totalScore, '0.00'));
  const totalWeight: [number, number] = [r, 6 + s];
  const totalScore: [number, number] = [r, 7 + s];
  r++;
  let grade: [number, number] | null = null;
  if (spec.grade !== undefined) {
    put(r, 1, '评分等级');
    merge(r, 1, r, 5 + s);
    put(r, 6 + s, spec.grade);
    grade = [r, 6 + s];
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
