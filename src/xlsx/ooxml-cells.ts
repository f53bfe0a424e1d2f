/**
 * The cells of an .xlsx worksheet as the engine reads them, found by one scan of the part with
 * regular expressions (attributes and escapes read by the annotator's ./ooxml-xml.ts): no tree
 * and no element objects are built, each `<c>` is located once and its value, type and style
 * read from its own text; shared strings likewise.
 *
 * What a cell gives (ECMA-376 Part 1, §18.3.1.4, and what SheetJS gave the engine before):
 * a number (`t` absent or "n"), a shared string ("s"), the text of a formula ("str") or of an
 * inline string ("inlineStr"), a boolean ("b"), an ISO date ("d") as its serial number, an
 * error ("e": a known error code) as null; a cell with no value is left out, and so is an
 * unknown error code. Its number format is its cell format's (`s`), "General" and "" left out.
 */
import type { Cell, CellRange, SheetGrid } from '../engine/grid';
import { mergedRanges, parseA1 } from './ooxml-sheet';
import { attr, decodeXstring, unescapeXml } from './ooxml-xml';
import { CELLS_REFUSED, WorkbookLimitError } from './zip';

/** Error values Excel writes in `<v>` of a `t="e"` cell. */
const ERROR_CODES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#WTF?']);

/** Phonetic runs (`<rPh>`), left out of a string item's text. */
const PHONETIC = /<(?:[A-Za-z_][\w.-]*:)?rPh(?=[\s/>])[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?rPh\s*>/g;
/** A `<t>` start tag (group 1 "/" when empty): its text runs to the next "<". */
const TEXT_TAG = /<(?:[A-Za-z_][\w.-]*:)?t(?=[\s/>])(?:[^"'>]|"[^"]*"|'[^']*')*?(\/?)>/g;

/**
 * The text of a string item (the content of a shared string's `<si>`, of an inline string's
 * `<is>`): its `<t>`, or its rich text runs' `<t>` joined, phonetic runs (`<rPh>`) left out.
 */
function itemText(content: string): string {
  const body = content.includes('rPh') ? content.replace(PHONETIC, '') : content;
  let text = '';
  TEXT_TAG.lastIndex = 0;
  for (let m = TEXT_TAG.exec(body); m; m = TEXT_TAG.exec(body)) {
    if (m[1] === '/') continue;
    const end = body.indexOf('<', TEXT_TAG.lastIndex);
    text += body.slice(TEXT_TAG.lastIndex, end < 0 ? body.length : end);
  }
  return decodeXstring(text);
}

/** A shared string item's start tag: 1 its prefix, 2 "/" when empty. */
const STRING_ITEM = /<((?:[A-Za-z_][\w.-]*:)?)si(?=[\s/>])(?:[^"'>]|"[^"]*"|'[^']*')*?(\/?)>/g;

/** The shared strings part's texts, by index. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  STRING_ITEM.lastIndex = 0;
  for (let m = STRING_ITEM.exec(xml); m; m = STRING_ITEM.exec(xml)) {
    if (m[2] === '/') {
      out.push('');
      continue;
    }
    const close = xml.indexOf(`</${m[1]}si`, STRING_ITEM.lastIndex);
    if (close < 0) throw new Error(`shared string ${out.length} is not closed`);
    out.push(itemText(xml.slice(STRING_ITEM.lastIndex, close)));
    STRING_ITEM.lastIndex = close;
  }
  return out;
}

/** An ISO 8601 date-time (`t="d"`) as a serial day number (1900 date system, days from 1899-12-30). */
function isoDateSerial(text: string, date1904: boolean): number {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  return ms / 86_400_000 + 25_569 - (date1904 ? 1_462 : 0);
}

/** A `<v>` start tag (any prefix; group 1 "/" when empty) in a cell's content: its text runs to the next "<". */
const VALUE_TAG = /<(?:[A-Za-z_][\w.-]*:)?v(?=[\s/>])(?:[^"'>]|"[^"]*"|'[^']*')*?(\/?)>/g;

/** The text of a cell's first non-empty `<v>` (its content given), or undefined. */
function valueText(content: string): string | undefined {
  if (content.startsWith('<v>')) {
    // What nearly every program writes: the value first, unprefixed, without attributes.
    const end = content.indexOf('<', 3);
    if (end > 3) return content.slice(3, end);
  }
  VALUE_TAG.lastIndex = 0;
  for (let m = VALUE_TAG.exec(content); m; m = VALUE_TAG.exec(content)) {
    if (m[1] === '/') continue;
    const end = content.indexOf('<', VALUE_TAG.lastIndex);
    const raw = content.slice(VALUE_TAG.lastIndex, end < 0 ? content.length : end);
    if (raw !== '') return raw;
  }
  return undefined;
}

/** A cell's value (its content given), or undefined for a cell that holds none; throws for a shared string index out of range. */
function cellValue(content: string, type: string | null, strings: readonly string[], date1904: boolean): Cell['value'] | undefined {
  if (type === 'inlineStr') return itemText(content); // its <is>: no other child of a cell holds a <t>
  const v = content === '' ? undefined : valueText(content);
  switch (type ?? 'n') {
    case 'n':
      return v === undefined ? undefined : parseFloat(unescapeXml(v)); // a number: no _xHHHH_ or line breaks to decode
    case 's': {
      if (v === undefined) return undefined;
      const text = strings[parseInt(decodeXstring(v), 10)];
      if (text === undefined) throw new Error(`shared string ${v} does not exist`);
      return text;
    }
    case 'str':
      return v === undefined ? '' : decodeXstring(v);
    case 'b': {
      const text = v === undefined ? undefined : decodeXstring(v);
      return text === '1' || text === 'true';
    }
    case 'd':
      return v === undefined ? undefined : isoDateSerial(decodeXstring(v), date1904);
    case 'e':
      return v !== undefined && ERROR_CODES.has(decodeXstring(v)) ? null : undefined;
    default:
      return v === undefined ? undefined : decodeXstring(v);
  }
}

/**
 * A cell's attributes as Excel, WPS, LibreOffice and SheetJS write them — `r`, then `s`, then
 * `t`, double-quoted, nothing else — read by one match: 1 r, 2 s, 3 t. Any other start tag is
 * read attribute by attribute (CELL_ATTRIBUTE).
 */
const PLAIN_CELL_TAG = /^ r="([A-Z]{1,3}[1-9]\d{0,6})"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?\s*$/;

/** A cell's attributes the reader needs, in one pass over its start tag: 1 the name, 2 or 3 the value. */
const CELL_ATTRIBUTE = /\s(r|s|t)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * A row's or a cell's start tag in sheetData: 1 its prefix, 2 `row` or `c`, 3 its attributes, 4
 * "/" when it is empty (quoted values may hold ">"). A cell's children (v, f, is) hold no `<c`:
 * the scan goes from a cell's end tag to the next row or cell, never building elements.
 */
const ROW_OR_CELL = /<((?:[A-Za-z_][\w.-]*:)?)(row|c)(?=[\s/>])((?:[^"'>]|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** A `<sheetData>` start tag: 1 its prefix, 2 "/" when empty. */
const SHEET_DATA = /<((?:[A-Za-z_][\w.-]*:)?)sheetData(?=[\s/>])(?:[^"'>]|"[^"]*"|'[^']*')*?(\/?)>/g;

/**
 * Where a worksheet's rows are: from the end of `<sheetData>`'s start tag to its end tag, found
 * from the part's end (sheetData never nests, and only a few elements follow it); null if the
 * sheet has none.
 */
function sheetDataBounds(xml: string): { start: number; stop: number } | null {
  SHEET_DATA.lastIndex = 0;
  const m = SHEET_DATA.exec(xml);
  if (!m) return null;
  const start = SHEET_DATA.lastIndex;
  if (m[2] === '/') return { start, stop: start };
  const stop = xml.lastIndexOf(`</${m[1]}sheetData`);
  if (stop < start) throw new Error('<sheetData> is not closed');
  return { start, stop };
}

/**
 * A worksheet part's cells that hold a value (`count`), rows left sparse, and its merged areas;
 * `elements`: its `<c>` elements, which may not exceed `budget` (WorkbookLimitError: the
 * workbook's cells beyond LIMITS.cells, this scan counting them for BoundedZip.flatPart).
 * `formats`: the number format of each cell format index (ooxml-styles' cellNumberFormats).
 */
export function worksheetGrid(
  name: string,
  xml: string,
  strings: readonly string[],
  formats: ReadonlyArray<string | undefined>,
  date1904: boolean,
  budget: number,
): { sheet: SheetGrid; count: number; elements: number } {
  const cells: Array<Array<Cell | null> | undefined> = [];
  let count = 0;
  let elements = 0;
  const data = sheetDataBounds(xml);
  let rowNumber = 0;
  let colNumber = 0;
  ROW_OR_CELL.lastIndex = data ? data.start : xml.length;
  const stop = data ? data.stop : 0;
  let closePrefix = '';
  let close = '</c';
  for (let m = ROW_OR_CELL.exec(xml); m && m.index < stop; m = ROW_OR_CELL.exec(xml)) {
    const prefix = m[1];
    const tag = m[3];
    if (m[2] === 'row') {
      const r = attr(tag, 'r');
      rowNumber = r === null ? rowNumber + 1 : parseInt(r, 10);
      colNumber = 0;
      continue;
    }
    if (++elements > budget) throw new WorkbookLimitError(CELLS_REFUSED);
    let content = '';
    if (m[4] !== '/') {
      if (prefix !== closePrefix) (closePrefix = prefix), (close = `</${prefix}c`);
      const end = xml.indexOf(close, ROW_OR_CELL.lastIndex);
      if (end < 0 || end > stop) throw new Error(`cell at offset ${m.index} is not closed`);
      content = xml.slice(ROW_OR_CELL.lastIndex, end);
      ROW_OR_CELL.lastIndex = end;
    }
    let ref: string | null = null;
    let type: string | null = null;
    let s: string | null = null;
    const plain = PLAIN_CELL_TAG.exec(tag);
    if (plain) {
      ref = plain[1];
      s = plain[2] ?? null;
      type = plain[3] ?? null;
    } else {
      CELL_ATTRIBUTE.lastIndex = 0;
      for (let a = CELL_ATTRIBUTE.exec(tag); a; a = CELL_ATTRIBUTE.exec(tag)) {
        const raw = a[2] ?? a[3];
        const text = raw.includes('&') ? unescapeXml(raw) : raw;
        if (a[1] === 'r') ref = text;
        else if (a[1] === 't') type = text;
        else s = text;
      }
    }
    const at = (ref === null ? null : parseA1(ref)) ?? { row: rowNumber, col: colNumber + 1 };
    colNumber = at.col;
    const value = cellValue(content, type, strings, date1904);
    if (value === undefined) continue;
    const format = s === null ? undefined : formats[parseInt(s, 10)];
    const out = (cells[at.row - 1] ??= []);
    while (out.length < at.col - 1) out.push(null);
    out[at.col - 1] = format && format !== 'General' ? { value, format } : { value };
    count++;
  }
  const merges: CellRange[] = mergedRanges(xml, data?.stop).map(({ from, to }) => ({ top: from.row - 1, left: from.col - 1, bottom: to.row - 1, right: to.col - 1 }));
  return { sheet: { name, cells, top: 0, left: 0, merges }, count, elements };
}
