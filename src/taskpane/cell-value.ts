/**
 * How a computed value (a decimal string of the report) is written back into a cell so that
 * the cell keeps its representation: a number that stores a percentage as a fraction gets a
 * fraction, a text percentage stays text with "%", anything else receives the value itself.
 * No scoring here.
 */
import type { Cell } from '../engine/grid';
import { isPercentFormat } from '../engine/read/number';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string of the report ("78.23", "-5"), as opposed to text such as a grade. */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}


/** Divides a decimal string by 100 by moving the point, so the result is the nearest double. */
function percentToFraction(decimal: string): number {
  const negative = decimal.startsWith('-');
  const [int, frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const padded = int.padStart(3, '0');
  const shifted = `${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`;
  return Number((negative ? '-' : '') + shifted);
}

/**
 * Whether a numeric cell stores a percentage as a fraction (0.7824 for 78.24%): the report's
 * `entered` value (percent units for rates) says so when it is closer to value × 100 than to
 * the value; without it, a percentage number format does.
 */
function holdsFraction(value: number, format: string | undefined, entered: string | null): boolean {
  if (entered !== null && isDecimal(entered)) {
    const asFraction = Math.abs(value * 100 - Number(entered));
    const asIs = Math.abs(value - Number(entered));
    if (asFraction !== asIs) return asFraction < asIs;
  }
  return isPercentFormat(format);
}

/** The value to write for `expected` into a cell that holds `cell` and was read as `entered`. */
export function valueForCell(expected: string, entered: string | null, cell: Cell | undefined): string | number {
  if (!isDecimal(expected)) return expected;
  if (typeof cell?.value === 'number' && holdsFraction(cell.value, cell.format, entered)) return percentToFraction(expected);
  if (typeof cell?.value === 'string' && cell.value.trim().endsWith('%')) return `${expected}%`;
  return Number(expected);
}
