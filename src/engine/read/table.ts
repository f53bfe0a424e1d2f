import Decimal from 'decimal.js';
import type { Cell, GridView } from '../grid';
import { toA1 } from '../grid';
import type { LocatedIndicator, LocatedTable, Place } from '../locate/tables';
import { tidy } from '../text';
import { exactRate } from '../rules/budget';
import { readIndicator } from '../rules/indicator';
import type { IndicatorReading } from '../rules/indicator';
import { RateReading, cellAmount, cellNumber, cellRate } from './number';

/** A number entered in a cell: its place, value (null when empty or unreadable) and what stood there. */
export interface Entered {
  place: Place;
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
  /** Sub-rows (当年财政拨款, 上年结转资金, 其他资金) per amount column, for the funds sum check. */
  parts: Array<{ column: 'initial' | 'full' | 'executed'; total: Entered; parts: Entered[] }>;
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

function formatDecimals(format: string | undefined): number | null {
  if (!format) return null;
  const m = /0\.(0+)/.exec(format);
  return m ? m[1].length : /(^|[^.])0(?!\.)/.test(format) ? 0 : null;
}

/** Report string for an entered value: as the cell shows it when its format fixes the decimals. */
export function shownValue(value: Decimal, cell: Cell | undefined): string {
  const d = typeof cell?.value === 'number' ? formatDecimals(cell.format) : null;
  return d !== null && value.decimalPlaces() <= d ? value.toFixed(d) : value.toString();
}

export function readEntered(place: Place, read: (c: Cell | undefined) => Decimal | null = cellNumber): Entered {
  const empty = isEmpty(place.cell) || isDash(place.cell);
  const value = empty ? null : read(place.cell);
  return { place, value, shown: value ? shownValue(value, place.cell) : null, unreadable: !empty && value === null, empty };
}

function text(place: Place): string | null {
  const v = place.cell?.value;
  if (v === null || v === undefined) return null;
  const s = tidy(String(v));
  return s === '' ? null : s;
}

function placeAt(grid: GridView, row: number, col: number): Place {
  return { row, col, address: toA1(row, col), cell: grid.cell(row, col) };
}

/** Read every entered value of a located table. Nothing is guessed: what cannot be read is marked so. */
export function readTable(table: LocatedTable, grid: GridView): TableValues {
  return {
    table,
    budget: readBudget(table, grid),
    indicators: table.indicators.map((ind) => {
      const target = text(ind.target);
      const actual = text(ind.actual);
      return {
      located: ind,
      name: text(ind.name),
      target,
      actual,
      reading: readIndicator(target, actual),
      weight: readEntered(ind.weight),
      score: readEntered(ind.score),
      };
    }),
    totalWeight: table.total ? readEntered(table.total.weight) : null,
    totalScore: table.total ? readEntered(table.total.score) : null,
    grade: table.grade ? { place: table.grade, text: text(table.grade) } : null,
  };
}

function readBudget(table: LocatedTable, grid: GridView): BudgetValues | null {
  const funds = table.funds;
  if (!funds || funds.rows.total === undefined) return null;
  const row = funds.rows.total;
  const at = (col: number | undefined) => (col === undefined ? null : placeAt(grid, row, col));
  const amount = (col: number | undefined) => {
    const p = at(col);
    return p ? cellAmount(p.cell) : null;
  };
  const ratePlace = at(funds.columns.rate);
  const parts: BudgetValues['parts'] = [];
  const subRows = [funds.rows.appropriation, funds.rows.carryOver, funds.rows.other].filter((r): r is number => r !== undefined);
  for (const column of ['initial', 'full', 'executed'] as const) {
    const col = funds.columns[column];
    if (col === undefined || subRows.length === 0) continue;
    parts.push({
      column,
      total: readEntered(placeAt(grid, row, col), cellAmount),
      parts: subRows.map((r) => readEntered(placeAt(grid, r, col), cellAmount)),
    });
  }
  const weightPlace = at(funds.columns.weight);
  const scorePlace = at(funds.columns.score);
  const full = amount(funds.columns.full);
  const executed = amount(funds.columns.executed);
  return {
    initial: amount(funds.columns.initial),
    full,
    executed,
    exactRate: full && executed ? exactRate(executed, full) : null,
    weight: weightPlace ? readEntered(weightPlace) : null,
    rate: ratePlace
      ? {
          place: ratePlace,
          reading: cellRate(ratePlace.cell, funds.ratePercentHeader),
          empty: isEmpty(ratePlace.cell) || isDash(ratePlace.cell),
          unreadable: !isEmpty(ratePlace.cell) && !isDash(ratePlace.cell) && cellRate(ratePlace.cell, funds.ratePercentHeader) === null,
        }
      : null,
    score: scorePlace ? readEntered(scorePlace) : null,
    parts,
  };
}
