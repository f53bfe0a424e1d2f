import type { Cell, CellRange } from '../grid';
import { GridView, toA1 } from '../grid';
import { cellNumber } from '../read/number';
import { squash, tidy } from '../text';
import {
  FUNDS_BLOCK_LABEL, FUNDS_HEADERS, FUNDS_ROW_LABELS, FundsColumn, GRADE_LABELS, INDICATOR_HEADERS, IndicatorColumn,
  PROJECT_LABELS, TOTAL_ROW_LABELS, headerCore, matchHeader,
} from './vocabulary';

/** A cell the locator found, with its sheet position. */
export interface Place {
  row: number;
  col: number;
  address: string;
  cell: Cell | undefined;
}

export function placeAt(grid: GridView, row: number, col: number): Place {
  return { row, col, address: toA1(row, col), cell: grid.cell(row, col) };
}

export type FundsRowKind = keyof typeof FUNDS_ROW_LABELS;

export interface LocatedFunds {
  headerRow: number;
  columns: Partial<Record<FundsColumn, number>>;
  /** The 执行率 header says "(%)": bare numbers there are percent. */
  ratePercentHeader: boolean;
  rows: Partial<Record<FundsRowKind, number>>;
}

/** The columns of the indicator block: every indicator row has its values there. */
export interface IndicatorColumns {
  name: number;
  target: number;
  actual: number;
  weight: number;
  score: number;
}

export interface LocatedIndicator {
  row: number;
  level1: string | null;
  level2: string | null;
}

export interface LocatedTable {
  sheet: string;
  anchor: Place;
  project: string | null;
  year: string | null;
  moneyUnit: '元' | '万元' | null;
  funds: LocatedFunds | null;
  indicatorHeaderRow: number | null;
  /** Null without an indicator header. */
  indicatorColumns: IndicatorColumns | null;
  indicators: LocatedIndicator[];
  total: { weight: Place; score: Place } | null;
  grade: Place | null;
  /** What could not be found, for notices ("no 绩效指标 header"). */
  missing: string[];
}

/** Short texts only: long cells are free text (goals, reasons), never labels. */
const LABEL_MAX = 40;

interface Label {
  col: number;
  /** Squashed. */
  text: string;
  /** Without a trailing colon ("总分:" → "总分"), as row labels are matched. */
  bare: string;
}

const NO_LABELS: readonly Label[] = [];

function withoutColon(text: string): string {
  const last = text[text.length - 1];
  return last === ':' || last === '：' ? text.slice(0, -1) : text;
}

function isProjectLabel(text: string): boolean {
  for (const p of PROJECT_LABELS) {
    if (text.startsWith(p) && (text.length === p.length || text[p.length] === ':')) return true;
  }
  return false;
}

/** A cell holds a value unless it is empty or blank text. */
function hasValue(c: Cell | undefined): boolean {
  return c !== undefined && c.value !== null && (typeof c.value !== 'string' || c.value.trim() !== '');
}

/** Locate every table on a sheet. Tables are stacked vertically, each starting at its 项目名称 label. */
export function locateTables(grid: GridView): LocatedTable[] {
  /** By row, from the top of the grid. */
  const labels: Array<Label[] | undefined> = new Array(grid.bottom - grid.top + 1);
  const anchors: Array<{ row: number; col: number }> = [];
  for (let r = grid.top; r <= grid.bottom; r++) {
    let list: Label[] | undefined;
    for (let c = grid.left; c <= grid.right; c++) {
      const v = grid.cell(r, c)?.value;
      if (typeof v !== 'string' || v.length > LABEL_MAX * 4) continue;
      const text = squash(v);
      if (!text || text.length > LABEL_MAX) continue;
      (list ??= []).push({ col: c, text, bare: withoutColon(text) });
      if (isProjectLabel(text)) anchors.push({ row: r, col: c });
    }
    labels[r - grid.top] = list;
  }
  const tables: LocatedTable[] = [];
  let previousEnd = grid.top;
  for (let i = 0; i < anchors.length; i++) {
    const end = i + 1 < anchors.length ? anchors[i + 1].row : grid.bottom + 1;
    if (anchors[i].row === (i > 0 ? anchors[i - 1].row : -1)) continue; // side by side: first wins
    tables.push(new TableLocator(grid, labels, anchors[i], previousEnd, end).locate());
    previousEnd = end;
  }
  return tables;
}

/** Where the values sit under an indicator header; 年度指标值 and 实际完成值 follow 三级指标 when not named. */
function valueColumnsOf(columns: Partial<Record<IndicatorColumn, number>>): IndicatorColumns {
  const name = columns.name!;
  const target = columns.target ?? name + 1;
  return { name, target, actual: columns.actual ?? target + 1, weight: columns.weight!, score: columns.score! };
}

class TableLocator {
  private readonly missing: string[] = [];

  constructor(
    private readonly grid: GridView,
    private readonly labels: ReadonlyArray<Label[] | undefined>,
    private readonly anchorAt: { row: number; col: number },
    /** First row after the previous table (title rows of this table may sit there). */
    private readonly regionTop: number,
    /** First row of the next table. */
    private readonly regionEnd: number,
  ) {}

  locate(): LocatedTable {
    const { row, col } = this.anchorAt;
    const funds = this.locateFunds();
    const indicatorHeader = this.findHeaderRow<IndicatorColumn>(INDICATOR_HEADERS, ['name', 'weight', 'score']);
    const indicatorColumns = indicatorHeader ? indicatorHeader.columns : null;
    const valueColumns = indicatorColumns ? valueColumnsOf(indicatorColumns) : null;
    const { indicators, endRow } = indicatorColumns
      ? this.locateIndicators(indicatorHeader!.row, indicatorColumns, valueColumns!)
      : { indicators: [], endRow: this.regionEnd };
    if (!funds) this.missing.push('funds');
    if (!indicatorHeader) this.missing.push('indicators');
    const total = indicatorColumns ? this.locateTotal(endRow, indicatorColumns) : null;
    if (indicatorColumns && !total) this.missing.push('total');
    return {
      sheet: this.grid.name,
      anchor: this.place(row, col),
      project: this.projectName(),
      year: this.year(),
      moneyUnit: this.moneyUnit(funds),
      funds,
      indicatorHeaderRow: indicatorHeader ? indicatorHeader.row : null,
      indicatorColumns: valueColumns,
      indicators,
      total,
      grade: this.locateGrade(endRow, indicatorColumns),
      missing: this.missing,
    };
  }

  private labelsAt(row: number): readonly Label[] {
    return this.labels[row - this.grid.top] ?? NO_LABELS;
  }

  private place(row: number, col: number): Place {
    return placeAt(this.grid, row, col);
  }

  private text(row: number, col: number): string | null {
    const v = this.grid.cell(row, col)?.value;
    if (v === null || v === undefined) return null;
    const s = tidy(String(v));
    return s === '' ? null : s;
  }

  /** Text of a cell, or of the merged area covering it. */
  private mergedText(row: number, col: number): string | null {
    const own = this.text(row, col);
    if (own !== null) return own;
    const m: CellRange | undefined = this.grid.mergeAt(row, col);
    return m ? this.text(m.top, m.left) : null;
  }

  /** The first non-empty cell right of (row, col), skipping the label's own merged area. */
  private valueRightOf(row: number, col: number): { col: number; text: string } | null {
    const m = this.grid.mergeAt(row, col);
    const from = m ? m.right + 1 : col + 1;
    for (let c = from; c <= this.grid.right; c++) {
      const t = this.text(row, c);
      if (t !== null) return { col: c, text: t };
    }
    return null;
  }

  private projectName(): string | null {
    const { row, col } = this.anchorAt;
    const own = squash(String(this.grid.cell(row, col)?.value ?? ''));
    const inline = own.replace(/^项目名称:?/, '');
    if (inline) return tidy(String(this.grid.cell(row, col)?.value)).replace(/^项目名称\s*[:：]?\s*/, '');
    return this.valueRightOf(row, col)?.text ?? null;
  }

  private year(): string | null {
    const from = Math.max(this.regionTop, this.anchorAt.row - 3);
    for (let r = from; r <= this.anchorAt.row; r++) {
      for (const l of this.labelsAt(r)) {
        const m = /(\d{4})年度?/.exec(l.text);
        if (m) return m[1];
      }
    }
    return null;
  }

  private moneyUnit(funds: LocatedFunds | null): '元' | '万元' | null {
    const last = funds ? funds.headerRow + 1 : this.regionEnd;
    for (let r = this.anchorAt.row; r < Math.min(last + 1, this.regionEnd); r++) {
      for (const l of this.labelsAt(r)) {
        if (!l.text.includes(FUNDS_BLOCK_LABEL) && !/\((万元|元)\)/.test(l.text)) continue;
        const m = /\(?(万元|元)\)?/.exec(l.text);
        if (m) return m[1] as '元' | '万元';
      }
    }
    return null;
  }

  /** The first row whose labels name all `required` columns of `vocab`. */
  private findHeaderRow<K extends string>(
    vocab: Record<K, readonly string[]>,
    required: readonly K[],
    from = this.anchorAt.row,
  ): { row: number; columns: Partial<Record<K, number>>; percent: Partial<Record<K, boolean>> } | null {
    for (let r = from; r < this.regionEnd; r++) {
      const list = this.labelsAt(r);
      if (list.length < required.length) continue;
      const columns: Partial<Record<K, number>> = {};
      const percent: Partial<Record<K, boolean>> = {};
      for (const l of list) {
        const key = matchHeader(l.text, vocab);
        if (key && columns[key] === undefined) {
          columns[key] = l.col;
          percent[key] = headerCore(l.text).percent;
        }
      }
      if (required.every((k) => columns[k] !== undefined)) return { row: r, columns, percent };
    }
    return null;
  }

  private locateFunds(): LocatedFunds | null {
    const header = this.findHeaderRow<FundsColumn>(FUNDS_HEADERS, ['full', 'executed']);
    if (!header) return null;
    const firstValueCol = Math.min(...Object.values<number>(header.columns as Record<string, number>));
    const rows: Partial<Record<FundsRowKind, number>> = {};
    const last = Math.min(this.regionEnd, header.row + 8);
    for (let r = header.row + 1; r < last; r++) {
      const list = this.labelsAt(r);
      for (const l of list) {
        if (l.col >= firstValueCol) continue;
        const text = l.bare;
        for (const kind of Object.keys(FUNDS_ROW_LABELS) as FundsRowKind[]) {
          if (rows[kind] !== undefined) continue;
          const words: readonly string[] = FUNDS_ROW_LABELS[kind];
          if (words.some((w) => text === w || (w.length > 3 && text.includes(w)))) rows[kind] = r;
        }
      }
      if (list.some((l) => matchHeader(l.text, INDICATOR_HEADERS) === 'name')) break;
    }
    if (rows.total === undefined) {
      // No 年度资金总额 label: the first row with both amounts is the total.
      for (let r = header.row + 1; r < last; r++) {
        if (cellNumber(this.grid.cell(r, header.columns.full!)) && cellNumber(this.grid.cell(r, header.columns.executed!))) {
          rows.total = r;
          break;
        }
      }
    }
    return { headerRow: header.row, columns: header.columns, ratePercentHeader: !!header.percent.rate, rows };
  }

  private isLabelRow(row: number, words: readonly string[], beforeCol: number): number | null {
    for (const l of this.labelsAt(row)) {
      if (l.col < beforeCol && words.includes(l.bare)) return l.col;
    }
    return null;
  }

  private locateIndicators(
    headerRow: number,
    columns: Partial<Record<IndicatorColumn, number>>,
    { name: nameCol, weight: weightCol, score: scoreCol }: IndicatorColumns,
  ): { indicators: LocatedIndicator[]; endRow: number } {
    const indicators: LocatedIndicator[] = [];
    let level1: string | null = null;
    let level2: string | null = null;
    const firstValueCol = Math.min(weightCol, scoreCol);
    let r = headerRow + 1;
    for (; r < this.regionEnd; r++) {
      if (this.isLabelRow(r, TOTAL_ROW_LABELS, firstValueCol) !== null) break;
      if (this.isLabelRow(r, GRADE_LABELS, firstValueCol) !== null) break;
      const l1 = columns.level1 !== undefined ? this.mergedText(r, columns.level1) : null;
      const l2 = columns.level2 !== undefined ? this.mergedText(r, columns.level2) : null;
      if (l1 !== null && l1 !== level1) {
        level1 = l1;
        level2 = null;
      }
      if (l2 !== null) level2 = l2;
      const name = this.text(r, nameCol);
      const weight = this.grid.cell(r, weightCol);
      const score = this.grid.cell(r, scoreCol);
      if (name === null && !hasValue(weight) && !hasValue(score)) continue;
      indicators.push({ row: r, level1, level2 });
    }
    return { indicators, endRow: r };
  }

  private locateTotal(
    from: number,
    columns: Partial<Record<IndicatorColumn, number>>,
  ): { weight: Place; score: Place } | null {
    const weightCol = columns.weight!;
    const scoreCol = columns.score!;
    for (let r = from; r < Math.min(this.regionEnd, from + 4); r++) {
      const labelCol = this.isLabelRow(r, TOTAL_ROW_LABELS, Math.min(weightCol, scoreCol));
      if (labelCol === null) continue;
      if (cellNumber(this.grid.cell(r, weightCol)) || cellNumber(this.grid.cell(r, scoreCol))) {
        return { weight: this.place(r, weightCol), score: this.place(r, scoreCol) };
      }
      // Values not under the columns: the first two numbers right of the label.
      const numbers: number[] = [];
      for (let c = labelCol + 1; c <= this.grid.right && numbers.length < 2; c++) {
        if (cellNumber(this.grid.cell(r, c))) numbers.push(c);
      }
      if (numbers.length === 2) return { weight: this.place(r, numbers[0]), score: this.place(r, numbers[1]) };
      return { weight: this.place(r, weightCol), score: this.place(r, scoreCol) };
    }
    return null;
  }

  private locateGrade(from: number, columns: Partial<Record<IndicatorColumn, number>> | null): Place | null {
    for (let r = from; r < Math.min(this.regionEnd, from + 5); r++) {
      for (const l of this.labelsAt(r)) {
        if (!GRADE_LABELS.includes(l.bare)) continue;
        const value = this.valueRightOf(r, l.col);
        if (value) return this.place(r, value.col);
        const col = columns?.weight ?? l.col + 1;
        return this.place(r, col);
      }
    }
    return null;
  }
}
