/**
 * Text that comes from a workbook and is written into a spreadsheet (the CSV report, the add-in's
 * export sheet) must never become a formula: as OWASP recommends for CSV injection, a text
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote,
 * which spreadsheet programs read as "this is text". Plain numbers (`-5`, `+12.50`, `-3%`) are
 * left as they are: they cannot run anything and must stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?$/;

export function spreadsheetSafeText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
