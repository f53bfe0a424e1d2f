/**
 * Text from workbooks written where a spreadsheet may read it back (CSV, summary workbooks):
 * a cell starting with = + - @ (or a tab or carriage return before one) is taken as a formula
 * by Excel and LibreOffice ("CSV injection", OWASP). Pure: used by the CLI's writers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when `s` is read as text by a spreadsheet, never as a formula. */
export function textCannotBeFormula(s: string): boolean {
  return !FORMULA_START.test(s);
}

/** `s` itself when it cannot be a formula, otherwise `s` behind an apostrophe (what Excel shows as the text itself). */
export function asSafeText(s: string): string {
  return textCannotBeFormula(s) ? s : `'${s}`;
}
