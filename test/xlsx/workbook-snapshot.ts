/**
 * Test helper: everything a user sees of a workbook, read independently of src/xlsx.
 * Values, formulas, notes, merges, column widths, row heights, sheets and defined names come
 * from SheetJS; SheetJS community edition does not read styles, so a cell's effective style
 * (number format, font, fill, border, alignment, protection) is resolved here from styles.xml.
 */
import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';

export interface ResolvedStyle {
  numFmt: string;
  font: string;
  fill: string;
  border: string;
  alignment: string;
  protection: string;
}

export interface CellView {
  /** Type, value and formula as SheetJS reads them; null for an empty cell. */
  content: { t: string; v: unknown; f?: string } | null;
  style: ResolvedStyle;
  notes: string[];
}

export interface SheetView {
  /** Every address that has a `<c>` element or a SheetJS cell. */
  addresses: Set<string>;
  cell(address: string): CellView;
  merges: string[];
  cols: string;
  rows: string;
}

export interface WorkbookView {
  sheetNames: string[];
  workbookMeta: string;
  sheets: Map<string, SheetView>;
}

export function unzipText(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** Elements named `name` (not nested in each other), as text. */
export function elements(xml: string, name: string): string[] {
  return xml.match(new RegExp(`<${name}(?=[\\s/>])(?:[^>]*?/>|[^>]*>[\\s\\S]*?</${name}>)`, 'g')) ?? [];
}

/** The content of the first `<name>` list element. */
export function section(xml: string, name: string): string {
  return new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';
}

export function attrOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Worksheet name → part path, via workbook.xml and its relationships. */
export function sheetParts(files: Map<string, string>): Map<string, string> {
  const workbook = files.get('xl/workbook.xml') ?? '';
  const rels = files.get('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map(
    elements(rels, 'Relationship').map((r) => [attrOf(r, 'Id'), (attrOf(r, 'Target') ?? '').replace(/^\/?(xl\/)?/, 'xl/')]),
  );
  return new Map(
    elements(workbook, 'sheet').map((s) => [
      decode(attrOf(s, 'name') ?? ''),
      targets.get(attrOf(s, 'r:id')) ?? '',
    ]),
  );
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function styleTable(styles: string): (xf: number) => ResolvedStyle {
  const numFmts = new Map(elements(section(styles, 'numFmts'), 'numFmt').map((n) => [attrOf(n, 'numFmtId'), attrOf(n, 'formatCode')]));
  const fonts = elements(section(styles, 'fonts'), 'font');
  const fills = elements(section(styles, 'fills'), 'fill');
  const borders = elements(section(styles, 'borders'), 'border');
  const xfs = elements(section(styles, 'cellXfs'), 'xf');
  return (xf) => {
    const tag = xfs[xf];
    if (tag === undefined) throw new Error(`cell format ${xf} does not exist (${xfs.length} formats)`);
    const id = (name: string): number => Number(attrOf(tag, name) ?? '0');
    const numFmtId = attrOf(tag, 'numFmtId') ?? '0';
    return {
      numFmt: numFmts.get(numFmtId) ?? `builtin ${numFmtId}`,
      font: fonts[id('fontId')],
      fill: fills[id('fillId')],
      border: borders[id('borderId')],
      alignment: elements(tag, 'alignment')[0] ?? '',
      protection: elements(tag, 'protection')[0] ?? '',
    };
  };
}

/** Address → `s` of each `<c>`, and the style an absent cell shows (row, else column, else 0). */
function cellStyles(sheetXml: string): { present: Map<string, number>; absent: (address: string) => number } {
  const present = new Map<string, number>();
  for (const c of sheetXml.match(/<c\s[^>]*>/g) ?? []) present.set(attrOf(c, 'r') ?? '', Number(attrOf(c, 's') ?? '0'));
  const rowStyles = new Map<number, number>();
  for (const r of sheetXml.match(/<row\s[^>]*>/g) ?? []) {
    if (['1', 'true'].includes(attrOf(r, 'customFormat') ?? '')) rowStyles.set(Number(attrOf(r, 'r')), Number(attrOf(r, 's') ?? '0'));
  }
  const cols = elements(section(sheetXml, 'cols'), 'col').map((c) => ({
    min: Number(attrOf(c, 'min')),
    max: Number(attrOf(c, 'max')),
    style: attrOf(c, 'style'),
  }));
  const absent = (address: string): number => {
    const { r, c } = XLSX.utils.decode_cell(address);
    const row = rowStyles.get(r + 1);
    if (row !== undefined) return row;
    const col = cols.find((x) => x.min <= c + 1 && c + 1 <= x.max && x.style !== undefined);
    return col ? Number(col.style) : 0;
  };
  return { present, absent };
}

export function readWorkbook(bytes: Uint8Array): WorkbookView {
  const files = unzipText(bytes);
  const wb = XLSX.read(bytes, { type: 'array', cellFormula: true, cellNF: true, sheetStubs: true, cellDates: false });
  const styleOf = styleTable(files.get('xl/styles.xml') ?? '');
  const parts = sheetParts(files);
  const sheets = new Map<string, SheetView>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const xml = files.get(parts.get(name) ?? '') ?? '';
    const { present, absent } = cellStyles(xml);
    const sheetCells = ws as unknown as Record<string, XLSX.CellObject | undefined>;
    const addresses = new Set([...present.keys(), ...Object.keys(ws).filter((k) => !k.startsWith('!'))]);
    sheets.set(name, {
      addresses,
      cell(address) {
        const cell = sheetCells[address];
        const content = cell && (cell.t !== 'z' || cell.f) ? { t: cell.t, v: cell.v, ...(cell.f ? { f: cell.f } : {}) } : null;
        return {
          content,
          style: styleOf(present.get(address) ?? absent(address)),
          notes: (cell?.c ?? []).map((c) => c.t),
        };
      },
      merges: (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)).sort(),
      cols: JSON.stringify(ws['!cols'] ?? []),
      rows: JSON.stringify(ws['!rows'] ?? []),
    });
  }
  return {
    sheetNames: wb.SheetNames,
    workbookMeta: JSON.stringify({ names: wb.Workbook?.Names ?? [], sheets: wb.Workbook?.Sheets ?? [] }),
    sheets,
  };
}
