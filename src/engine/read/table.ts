import Decimal from 'decimal.js';
import type { Cell, GridView } from '../grid';
import { toA1 } from '../grid';
import { inlineGrade, placeAt, pointsInLabel } from '../locate/tables';
import type { IndicatorColumns, LocatedIndicator, LocatedTable, Place } from '../locate/tables';
import { squash, tidy } from '../text';
import { FUNDS_PART_ROWS } from '../locate/vocabulary';
import { exactRate } from '../rules/budget';
import { isRateName, readIndicator } from '../rules/indicator';
import type { IndicatorReading } from '../rules/indicator';
import { RateReading, cellAmount, cellPoints, cellRate, decimalFromNumber, isPercentFormat } from './number';
import { parseMeasure } from './measure';

/** A number entered in a cell: the cell, its value (null when empty or unreadable) and what stood there. */
export interface Entered extends Place {
  value: Decimal | null;
  /** The value as a report string, with the decimals the cell's number format shows. */
  shown: string | null;
  /** Non-empty but not a number. */
  unreadable: boolean;
  empty: boolean;
}

export interface EnteredRate {
  place: Place;
  reading: RateReading | null;
  unreadable: boolean;
  empty: boolean;
}

export interface BudgetValues {
  initial: Decimal | null;
  full: Decimal | null;
  executed: Decimal | null;
  /** 全年执行数 ÷ 全年预算数 in percent, unrounded (null without both, or with a zero budget). */
  exactRate: Decimal | null;
  weight: Entered | null;
  rate: EnteredRate | null;
  score: Entered | null;
  /** Sub-row amounts (当年财政拨款, 上年结转资金, 其他资金; null when not a number) per amount column, for the funds sum check. */
  parts: Array<{ column: 'initial' | 'full' | 'executed'; total: Entered; parts: Array<Decimal | null> }>;
}

export interface IndicatorValues {
  located: LocatedIndicator;
  name: string | null;
  target: string | null;
  actual: string | null;
  reading: IndicatorReading;
  weight: Entered;
  score: Entered;
}

export interface TableValues {
  table: LocatedTable;
  budget: BudgetValues | null;
  indicators: IndicatorValues[];
  totalWeight: Entered | null;
  totalScore: Entered | null;
  grade: { place: Place; text: string | null } | null;
}

function isEmpty(cell: Cell | undefined): boolean {
  return !cell || cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === '');
}

/** Dashes stand for "not applicable" in the form: "—", "-", "/". */
function isDash(cell: Cell | undefined): boolean {
  return typeof cell?.value === 'string' && /^[\s\-—–_/／－]+$/.test(cell.value);
}

/** The decimals a number format fixes ("0.00" → 2, "#,##0" → 0), null when it fixes none. */
function formatDecimals(format: string | undefined): number | null {
  if (!format) return null;
  let d = decimalsOfFormat.get(format);
  if (d === undefined) {
    const m = /0\.(0+)/.exec(format);
    d = m ? m[1].length : /(^|[^.])0(?!\.)/.test(format) ? 0 : null;
    if (decimalsOfFormat.size >= FORMAT_CACHE_SIZE) decimalsOfFormat.clear();
    decimalsOfFormat.set(format, d);
  }
  return d;
}

/** A workbook uses a handful of number formats: read each once. */
const decimalsOfFormat = new Map<string, number | null>();
const FORMAT_CACHE_SIZE = 1000;

/** Report string for an entered value: as the cell shows it when its format fixes the decimals. */
export function shownValue(value: Decimal, cell: Cell | undefined): string {
  const d = typeof cell?.value === 'number' ? formatDecimals(cell.format) : null;
  if (d === null) return value.toString();
  let byValue = shownWith[d];
  if (!byValue) byValue = shownWith[d] = new WeakMap();
  let s = byValue.get(value);
  if (s === undefined) byValue.set(value, (s = value.decimalPlaces() <= d ? value.toFixed(d) : value.toString()));
  return s;
}

/** Per number of decimals: the string of each Decimal (numbers read from cells are shared Decimals, so 10 and 20 are spelt once). */
const shownWith: Array<WeakMap<Decimal, string>> = [];

/** The number entered at (row, col): points unless `read` says otherwise. */
export function readEntered(grid: GridView, row: number, col: number, read: (c: Cell | undefined) => Decimal | null = cellPoints): Entered {
  const cell = grid.cell(row, col);
  const empty = isEmpty(cell) || isDash(cell);
  const value = empty ? null : read(cell);
  return { row, col, address: toA1(row, col), cell, value, shown: value ? shownValue(value, cell) : null, unreadable: !empty && value === null, empty };
}

function text(cell: Cell | undefined): string | null {
  const v = cell?.value;
  if (v === null || v === undefined) return null;
  const s = tidy(String(v));
  return s === '' ? null : s;
}

/** The grade as entered: the cell's text, or what follows the label in a "评分等级：良" cell. */
function gradeText(cell: Cell | undefined): string | null {
  const t = text(cell);
  return t === null ? null : inlineGrade(squash(t)) ?? t;
}

/** Read every entered value of a located table. Nothing is guessed: what cannot be read is marked so. */
export function readTable(table: LocatedTable, grid: GridView): TableValues {
  return {
    table,
    budget: readBudget(table, grid),
    indicators: table.indicators.map((ind) => readIndicatorRow(ind, table.indicatorColumns!, grid)),
    totalWeight: table.total ? readEntered(grid, table.total.weight.row, table.total.weight.col) : null,
    totalScore: table.total ? readEntered(grid, table.total.score.row, table.total.score.col) : null,
    grade: table.grade ? { place: table.grade, text: gradeText(table.grade.cell) } : null,
  };
}

/** A target or actual as it reads: a number shown as a percentage (95% typed into Excel is 0.95 formatted 0%) as "95%". */
function measureText(cell: Cell | undefined): string | null {
  if (typeof cell?.value === 'number' && Number.isFinite(cell.value) && isPercentFormat(cell.format)) return `${decimalFromNumber(cell.value).times(100).toString()}%`;
  return text(cell);
}

/** 指标性质 written in words: 正向 is higher-is-better, 反向 lower-is-better, 定性 no comparison (the target is words). */
const COMPARATOR_WORDS: ReadonlyArray<[RegExp, string]> = [[/^正向/, '≥'], [/^反向/, '≤'], [/^(定性|定量)/, '']];

/** A number written without a unit ("90", "≤12.00"; 0.95 shown as "95%" has one) takes its row's 度量单位. */
function withUnit(value: string | null, unit: string | null): string | null {
  if (value === null || unit === null || parseMeasure(value)?.unit !== '') return value;
  return value + unit;
}

/**
 * The target as one text: in forms that split it over 指标性质 | 指标值 | 度量单位 the three cells
 * are put together ("≤" "5" "次" → "≤5次"); the actual takes the same unit.
 */
function splitTarget(grid: GridView, row: number, columns: IndicatorColumns): { target: string | null; actual: string | null } {
  const value = measureText(grid.cell(row, columns.target));
  const actual = measureText(grid.cell(row, columns.actual));
  if (columns.comparator === undefined && columns.unit === undefined) return { target: value, actual };
  const unit = columns.unit === undefined ? null : text(grid.cell(row, columns.unit));
  const unitText = unit === null || /^[\s\-—–_/／－]+$/.test(unit) ? null : unit;
  let comparator = columns.comparator === undefined ? null : text(grid.cell(row, columns.comparator));
  if (comparator !== null) {
    const c = squash(comparator);
    const word = COMPARATOR_WORDS.find(([re]) => re.test(c));
    comparator = word ? word[1] : c;
  }
  const target = withUnit(value, unitText);
  // A value cell that compares by itself ("≥90", "不低于90%") keeps its own comparator.
  const compared = target !== null && (parseMeasure(target)?.comparator ?? null) !== null;
  return {
    target: target === null ? null : comparator && !compared ? comparator + target : target,
    actual: withUnit(actual, unitText),
  };
}

function readIndicatorRow(located: LocatedIndicator, columns: IndicatorColumns, grid: GridView): IndicatorValues {
  const { row } = located;
  const { target, actual } = splitTarget(grid, row, columns);
  const name = text(grid.cell(row, columns.name));
  return {
    located,
    name,
    target,
    actual,
    reading: readIndicator(target, actual, isRateName(name)),
    weight: readEntered(grid, row, columns.weight),
    score: readEntered(grid, row, columns.score),
  };
}

function readRate(place: Place, headerSaysPercent: boolean): EnteredRate {
  const reading = cellRate(place.cell, headerSaysPercent);
  const empty = isEmpty(place.cell) || isDash(place.cell);
  return { place, reading, empty, unreadable: !empty && reading === null };
}

/** The points printed in a label cell ("预算执行情况（10分）"). */
function labelPoints(cell: Cell | undefined): Decimal | null {
  const points = typeof cell?.value === 'string' ? pointsInLabel(squash(cell.value)) : null;
  return points === null ? null : new Decimal(points);
}

function readBudget(table: LocatedTable, grid: GridView): BudgetValues | null {
  const funds = table.funds;
  if (!funds || funds.rows.total === undefined) return null;
  const row = funds.rows.total;
  const entered = (col: number | undefined) => (col === undefined ? null : readEntered(grid, row, col));
  const amount = (col: number | undefined) => (col === undefined ? null : cellAmount(grid.cell(row, col)));
  const ratePlace = funds.columns.rate === undefined ? null : placeAt(grid, row, funds.columns.rate);
  const parts: BudgetValues['parts'] = [];
  const subRows = FUNDS_PART_ROWS.map((k) => funds.rows[k]).filter((r): r is number => r !== undefined);
  for (const column of ['initial', 'full', 'executed'] as const) {
    const col = funds.columns[column];
    if (col === undefined || subRows.length === 0) continue;
    parts.push({
      column,
      total: readEntered(grid, row, col, cellAmount),
      parts: subRows.map((r) => cellAmount(grid.cell(r, col))),
    });
  }
  const full = amount(funds.columns.full);
  const executed = amount(funds.columns.executed);
  return {
    initial: amount(funds.columns.initial),
    full,
    executed,
    exactRate: full && executed ? exactRate(executed, full) : null,
    weight: funds.weightLabel ? readEntered(grid, funds.weightLabel.row, funds.weightLabel.col, labelPoints) : entered(funds.columns.weight),
    rate: ratePlace ? readRate(ratePlace, funds.ratePercentHeader) : null,
    score: entered(funds.columns.score),
    parts,
  };
}
