/**
 * Text that comes from a workbook and is written into a spreadsheet (the CSV report, the add-in's
 * export sheet, the summary workbook) must never become a formula: as OWASP recommends for CSV
 * injection, a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 * a single quote, which spreadsheet programs read as "this is text". Plain numbers (`-5`,
 * `+12.50`, `-3%`) are left as they are: they cannot run anything and must stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?$/;

/** True when a spreadsheet reads `text` as text or a plain number, never as a formula. */
export function textCannotBeFormula(text: string): boolean {
  return !FORMULA_START.test(text) || PLAIN_NUMBER.test(text);
}

/** `text` itself when it cannot be a formula, otherwise behind a single quote. */
export function spreadsheetSafeText(text: string): string {
  return textCannotBeFormula(text) ? text : `'${text}`;
}
