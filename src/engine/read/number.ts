import Decimal from 'decimal.js';
import type { Cell } from '../grid';
import { squash } from '../text';

/**
 * Excel keeps 15 significant digits; a binary float such as 0.39740000000000003 is read as
 * 0.3974. Text is read by its digits, so "8.3150000000000001" keeps them all — compared by value.
 */
export function decimalFromNumber(n: number): Decimal {
  if (Object.is(n, -0)) return readNumber(n); // a Map key would take it for 0
  let d = numbers.get(n);
  if (d === undefined) {
    d = readNumber(n);
    if (numbers.size >= NUMBERS_CACHE_SIZE) numbers.clear();
    numbers.set(n, d);
  }
  return d;
}

/** Weights and scores repeat from row to row (10, 5, 2.5): read each distinct number once (Decimals are immutable). */
const numbers = new Map<number, Decimal>();
const NUMBERS_CACHE_SIZE = 20000;

function readNumber(n: number): Decimal {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return new Decimal(n);
  const shortest = String(n);
  return new Decimal(shortest.length <= 16 ? shortest : n.toPrecision(15));
}

const NUMBER_TEXT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

/**
 * A plain number written as text: "1,864,161.63", "９９．６６", " 10 ", and "'30.00" (the
 * apostrophe that forces text in Excel, kept by some exports). Null when it is not one.
 */
export function parseNumberText(raw: string): Decimal | null {
  const s = squash(raw).replace(/，/g, ',').replace(/^'/, '');
  const m = NUMBER_TEXT.exec(s);
  if (!m) return null;
  return new Decimal(m[1] + m[2].replace(/,/g, '') + (m[3] ?? ''));
}

/** The cell's number, whether stored as a number or as numeric text. Booleans are not numbers. */
export function cellNumber(cell: Cell | undefined): Decimal | null {
  if (!cell) return null;
  const v = cell.value;
  if (typeof v === 'number') return Number.isFinite(v) ? decimalFromNumber(v) : null;
  if (typeof v === 'string') return parseNumberText(v);
  return null;
}

/** How many decimals the value was entered with (text as typed, numbers by their shortest form). */
export function enteredDecimals(d: Decimal): number {
  return d.decimalPlaces();
}

/** Amount in a money cell: numbers, "2,382,800.00", "30.00元", "¥2,382,800.00". */
export function cellAmount(cell: Cell | undefined): Decimal | null {
  const n = cellNumber(cell);
  if (n || !cell || typeof cell.value !== 'string') return n;
  const s = squash(cell.value).replace(/^[¥￥]/, '').replace(/(万元|元)$/, '');
  return parseNumberText(s);
}

/** True when a number format shows values as percentages ("0.00%"), ignoring quoted and escaped text and [colour] sections. */
export function isPercentFormat(format: string | undefined): boolean {
  if (!format || !format.includes('%')) return false;
  return format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').includes('%');
}

/** Points in a weight, score or total cell: numbers, "10", "9.82分". */
export function cellPoints(cell: Cell | undefined): Decimal | null {
  const n = cellNumber(cell);
  if (n || !cell || typeof cell.value !== 'string') return n;
  const s = squash(cell.value);
  return s.endsWith('分') ? parseNumberText(s.slice(0, -1)) : null;
}

/** A percent reading of a rate cell: value in percent units and how it was recognised. */
export interface RateReading {
  percent: Decimal;
  /** true when the cell said "percent" itself (a % format, "78.24%" text, or a (%) header). */
  explicit: boolean;
  /** The alternative reading when not explicit (value × 100), for the checker to disambiguate. */
  alternative?: Decimal;
}

/**
 * Rates come as "78.24%" text, 0.7824 with a percent number format, or 99.66 under a
 * header that says "(%)". A bare number with none of these is ambiguous (0.99 or 99?): both
 * readings are returned and the checker picks the one closer to the computed rate, saying so.
 */
export function cellRate(cell: Cell | undefined, headerSaysPercent: boolean): RateReading | null {
  if (!cell) return null;
  const v = cell.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    const d = decimalFromNumber(v);
    if (isPercentFormat(cell.format)) return { percent: d.times(100), explicit: true };
    return headerReading(d, headerSaysPercent);
  }
  if (typeof v === 'string') {
    const s = squash(v);
    const percent = /^(.*?)(?:%+|\(%\)|\(百分比\))$/.exec(s);
    if (percent) {
      const n = parseNumberText(percent[1]);
      return n ? { percent: n, explicit: true } : null;
    }
    const n = parseNumberText(s);
    return n ? headerReading(n, headerSaysPercent) : null;
  }
  return null;
}

/**
 * A bare number: percent under a "(%)" header — unless it is at most 1, which people also type
 * as a fraction under that header (0.7824): then both readings, as for a bare number anywhere.
 */
function headerReading(n: Decimal, headerSaysPercent: boolean): RateReading {
  if (headerSaysPercent && n.abs().gt(1)) return { percent: n, explicit: true };
  return { percent: n, explicit: false, alternative: n.times(100) };
}
