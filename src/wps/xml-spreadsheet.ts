/**
 * Every cell's number format of a range in one bridge call: ET's `Range.Value(11)`
 * (xlRangeValueXMLSpreadsheet, declared by Kingsoft as returning a string) gives the range as
 * an XML Spreadsheet 2003 document — the values, formulas and styles of its cells, the range's
 * top-left cell being row 1, column 1 of the document's one Table.
 *
 * A cell's format is its style's NumberFormat (ss:Format; a style without one takes its
 * ss:Parent's, then Default's); a cell without a style takes its row's, then its column's.
 * Excel names its built-in formats there (Percent, Fixed …): they are given back as the format
 * codes they stand for. Positions follow the document's rules: ss:Index where written, else one
 * after the previous cell (past its ss:MergeAcross, and past the cells merged down from rows
 * above, which LibreOffice leaves to the reader) or row (past its ss:Span).
 *
 * The reading is trusted only when it fits what Value2 gave: the table no larger than the
 * range, and a cell in the document wherever the range holds a number. Otherwise (a WPS that
 * does not give the document, or gives another shape) the caller reads formats another way.
 */
import { attr, childElements, findElement, localName, startTag, type XmlElement } from '../xlsx/ooxml-xml';

/** Excel's names for built-in number formats in XML Spreadsheet 2003, as format codes. */
export const NAMED_FORMATS: Readonly<Record<string, string>> = {
  General: 'General',
  'General Number': 'General',
  Fixed: '0.00',
  Standard: '#,##0.00',
  Percent: '0.00%',
  Scientific: '0.00E+00',
  Currency: '¥#,##0.00',
  'Euro Currency': '€#,##0.00',
  'General Date': 'yyyy/m/d h:mm',
  'Long Date': 'yyyy"年"m"月"d"日"',
  'Medium Date': 'dd-mmm-yy',
  'Short Date': 'yyyy/m/d',
  'Long Time': 'h:mm:ss',
  'Medium Time': 'h:mm AM/PM',
  'Short Time': 'h:mm',
  'Yes/No': '"Yes";"Yes";"No"',
  'True/False': '"True";"True";"False"',
  'On/Off': '"On";"On";"Off"',
};

/** An attribute in the ss: namespace, written with its prefix (as Excel and WPS do) or without. */
function ssAttr(tag: string, name: string): string | null {
  return attr(tag, `ss:${name}`) ?? attr(tag, name);
}

function position(tag: string, next: number): number {
  const index = ssAttr(tag, 'Index');
  return index === null ? next : Number(index);
}

function count(tag: string, name: string): number {
  return Number(ssAttr(tag, name) ?? 0) || 0;
}

/** Style ID → format code, each style's own NumberFormat, else its parent's, else Default's. */
function styleFormats(xml: string): (id: string | null) => string {
  const own = new Map<string, string | null>();
  const parent = new Map<string, string>();
  const styles = findElement(xml, 'Styles');
  for (const style of styles ? childElements(xml, styles) : []) {
    const tag = startTag(xml, style);
    const id = ssAttr(tag, 'ID');
    if (id === null) continue;
    const parentId = ssAttr(tag, 'Parent');
    if (parentId !== null) parent.set(id, parentId);
    const format = childElements(xml, style).find((c) => localName(c.qname) === 'NumberFormat');
    own.set(id, format ? (ssAttr(startTag(xml, format), 'Format') ?? 'General') : null);
  }
  const resolved = new Map<string, string>();
  const resolve = (id: string, seen: Set<string>): string => {
    const known = resolved.get(id);
    if (known !== undefined) return known;
    const mine = own.get(id) ?? null;
    const up = parent.get(id) ?? (id === 'Default' ? undefined : 'Default');
    const code = mine !== null ? (NAMED_FORMATS[mine] ?? mine) : up !== undefined && !seen.has(up) ? resolve(up, seen.add(id)) : 'General';
    resolved.set(id, code);
    return code;
  };
  return (id) => resolve(id ?? 'Default', new Set());
}

/**
 * The number format of each cell of a rows × cols range from `xml` (what Value(11) gave), or
 * null when `xml` is not a document that fits the range and its `values` (see above).
 */
export function xmlSpreadsheetFormats(xml: unknown, values: readonly (readonly unknown[])[]): ((i: number, j: number) => string) | null {
  if (typeof xml !== 'string') return null;
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  let table: XmlElement | null;
  try {
    table = findElement(xml, 'Table');
    if (!table) return null;
    const tableTag = startTag(xml, table);
    if (count(tableTag, 'ExpandedRowCount') > rows || count(tableTag, 'ExpandedColumnCount') > cols) return null;
    const formatOf = styleFormats(xml);
    const columnStyle = new Map<number, string>();
    const rowStyle = new Map<number, string>();
    const cellStyle = new Map<number, string | null>();
    /** Row → the columns a cell merged down from a row above covers: an implicit position skips them. */
    const covered = new Map<number, Set<number>>();
    let nextColumn = 0;
    let nextRow = 0;
    for (const child of childElements(xml, table)) {
      const tag = startTag(xml, child);
      const name = localName(child.qname);
      if (name === 'Column') {
        const at = position(tag, nextColumn + 1) - 1;
        const span = count(tag, 'Span');
        const style = ssAttr(tag, 'StyleID');
        if (style !== null) for (let j = at; j <= at + span; j++) columnStyle.set(j, style);
        nextColumn = at + span + 1;
      } else if (name === 'Row') {
        const at = position(tag, nextRow + 1) - 1;
        const span = count(tag, 'Span');
        const style = ssAttr(tag, 'StyleID');
        const under = covered.get(at);
        let next = 0;
        for (const cell of childElements(xml, child)) {
          if (localName(cell.qname) !== 'Cell') continue;
          const cellTag = startTag(xml, cell);
          while (under?.has(next)) next++;
          const j = position(cellTag, next + 1) - 1;
          const across = count(cellTag, 'MergeAcross');
          if (j >= cols || at + span >= rows) {
            // Outside the range: a styled empty cell says nothing of it, a value means a misfit.
            if (xml.slice(cell.openEnd, cell.closeStart).includes('Data')) return null;
            continue;
          }
          for (let i = at; i <= at + span; i++) cellStyle.set(i * cols + j, ssAttr(cellTag, 'StyleID'));
          for (let i = at + 1; i <= at + count(cellTag, 'MergeDown'); i++) {
            const cells = covered.get(i) ?? new Set<number>();
            for (let k = j; k <= j + across; k++) cells.add(k);
            covered.set(i, cells);
          }
          next = j + across + 1;
        }
        if (style !== null) for (let i = at; i <= at + span; i++) rowStyle.set(i, style);
        nextRow = at + span + 1;
      }
    }
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (typeof values[i][j] === 'number' && !cellStyle.has(i * cols + j)) return null;
    return (i, j) => formatOf(cellStyle.get(i * cols + j) ?? rowStyle.get(i) ?? columnStyle.get(j) ?? null);
  } catch {
    return null; // not well-formed: read the formats another way
  }
}
