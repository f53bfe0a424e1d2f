/**
 * An in-memory stand-in of WPS 表格's object model (ET), faithful where the adapter depends on it:
 *
 * - synchronous: every property read or write and every method call on a host object is one
 *   bridge call, counted in `calls` (a Proxy counts them; reading a method to call it is not a
 *   call of its own);
 * - 1-based `Worksheets.Item(i)`, `FormatConditions.Item(i)`; `Range("B3")`, `Range("A1:C9")`,
 *   unions `Range("C3,D5:D7")` (at most 255 characters; format conditions apply to every area,
 *   other members read the first), `Worksheet.Cells` (its FormatConditions: all of the sheet's);
 * - `Value2` / `Formula` give a scalar for one cell and a 2-D array (0-based) for several, and
 *   take either; `NumberFormat` of several cells is null when they differ; strings written are
 *   parsed as if typed ("=…" formula, "12" number, "'12" text, TRUE) unless the cell is Text (@);
 * - `UsedRange` is A1 on an empty sheet; `Range.Comment` is null without a comment and
 *   `AddComment` fails on a cell that has one; `Names.Item` of a missing name fails;
 *   `Range.Select` fails unless its sheet is active; every write to a protected sheet fails;
 * - `FormatConditions.Add(xlExpression, , formula)`, `Interior.Color` as a BGR long;
 * - `Value(xlRangeValueXMLSpreadsheet)` gives the range as XML Spreadsheet 2003 (see
 *   xmlSpreadsheet below), or fails with the option `xmlSpreadsheet: false`;
 * - `ApiEvent.AddApiEventListener('SheetChange', f)` calls f(sheet, range) after each write
 *   to cells (asynchronously, as the bridge delivers events) and after `userEdit`.
 *
 * Formulas are not evaluated: a formula cell keeps its cached value. Plain TypeScript with no
 * Node or jest APIs, so the e2e harness can bundle it for a browser.
 */
import { fromA1, toA1 } from '../../src/engine/grid';
import type {
  EtApplication,
  EtComment,
  EtFormatCondition,
  EtFormatConditions,
  EtName,
  EtNames,
  EtRange,
  EtSheets,
  EtWorkbook,
  EtWorksheet,
  SheetChangeListener,
} from '../../src/wps/et';
import { XL_RANGE_VALUE_XML_SPREADSHEET } from '../../src/wps/et';
import { NAMED_FORMATS } from '../../src/wps/xml-spreadsheet';
import { escapeAttr } from '../../src/xlsx/ooxml-xml';
import type { Scalar, StandInWorkbook } from '../office/excel-standin';

export interface EtCellSnapshot {
  value: Scalar;
  formula: string | null;
  format: string;
  bold: boolean;
  hyperlink: string | null;
}

export interface EtStandInOptions {
  protectedSheets?: string[];
  /** LCID of WPS's UI language (2052 zh-CN, 1033 en-US). */
  languageId?: number;
  /** false: Range.Value(11) fails, as in a WPS that does not give XML Spreadsheet. */
  xmlSpreadsheet?: boolean;
}

interface CellState {
  value: Scalar;
  formula: string | null;
  format: string;
  bold: boolean;
  hyperlink: string | null;
}

interface ConditionState {
  id: number;
  cells: Set<string>;
  type: number;
  formula: string;
  color: number | null;
}

interface SheetState {
  name: string;
  cells: Map<string, CellState>;
  conditions: ConditionState[];
  comments: Map<string, string>;
  protected: boolean;
}

class EtError extends Error {
  override readonly name = 'EtError';
}

const EMPTY: CellState = { value: null, formula: null, format: 'General', bold: false, hyperlink: null };

interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** A Range address: one area ("B3", "A1:C9") or several ("C3,D5:D7"), at most 255 characters as in VBA. */
function parseAreas(address: string): Area[] {
  if (address.length > 255) throw new EtError(`区域引用过长: ${address.slice(0, 20)}…`);
  return address.split(',').map(parseArea);
}

const SHEET: Area = { r0: 0, c0: 0, r1: 1048575, c1: 16383 };

const within = (key: string, area: Area) => {
  const at = fromA1(key) as { row: number; col: number };
  return at.row >= area.r0 && at.row <= area.r1 && at.col >= area.c0 && at.col <= area.c1;
};

function parseArea(address: string): Area {
  const [a, b = a] = address.replace(/\$/g, '').split(':');
  const from = fromA1(a);
  const to = fromA1(b);
  if (!from || !to) throw new EtError(`无效的区域引用: ${address}`);
  return { r0: Math.min(from.row, to.row), c0: Math.min(from.col, to.col), r1: Math.max(from.row, to.row), c1: Math.max(from.col, to.col) };
}

/** What typing `input` into a cell of format `format` stores. */
function typed(input: unknown, format: string): Pick<CellState, 'value' | 'formula'> {
  if (typeof input !== 'string') return { value: (input ?? null) as Scalar, formula: null };
  if (format === '@') return { value: input, formula: null };
  if (input.startsWith("'")) return { value: input.slice(1), formula: null };
  if (input.startsWith('=') && input.length > 1) return { value: 0, formula: input };
  if (input.trim() === '') return { value: null, formula: null };
  if (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(input)) return { value: Number(input), formula: null };
  if (/^\s*true\s*$/i.test(input)) return { value: true, formula: null };
  if (/^\s*false\s*$/i.test(input)) return { value: false, formula: null };
  return { value: input, formula: null };
}

const XL_RANGE_VALUE_DEFAULT = 10;

/** Excel's name in XML Spreadsheet for the built-in formats that have one. */
const FORMAT_NAMES = new Map(Object.entries(NAMED_FORMATS).filter(([name]) => name !== 'General Number').map(([name, code]) => [code, name]));

/**
 * A range as Range.Value(11) gives it, laid out as Excel writes XML Spreadsheet 2003: one
 * style per format (built-in formats by name), a Cell for every cell with a value or a style,
 * ss:Index where cells or rows are skipped. Formulas are left out (the adapter reads Formula).
 */
function xmlSpreadsheet(sheet: string, cells: CellState[][]): string {
  const styles = new Map<string, string>();
  const styleOf = (format: string) => {
    if (format === 'General') return null;
    let id = styles.get(format);
    if (!id) styles.set(format, (id = `s${62 + styles.size}`));
    return id;
  };
  const rows: string[] = [];
  let nextRow = 0;
  cells.forEach((row, i) => {
    const written: string[] = [];
    let next = 0;
    row.forEach((cell, j) => {
      const style = styleOf(cell.format);
      if (cell.value === null && style === null) return;
      const index = j === next ? '' : ` ss:Index="${j + 1}"`;
      const data =
        cell.value === null
          ? ''
          : `<Data ss:Type="${typeof cell.value === 'number' ? 'Number' : typeof cell.value === 'boolean' ? 'Boolean' : 'String'}">${escapeAttr(typeof cell.value === 'boolean' ? (cell.value ? '1' : '0') : String(cell.value))}</Data>`;
      written.push(`<Cell${index}${style ? ` ss:StyleID="${style}"` : ''}${data ? `>${data}</Cell>` : '/>'}`);
      next = j + 1;
    });
    if (written.length === 0) return;
    rows.push(`<Row${i === nextRow ? '' : ` ss:Index="${i + 1}"`}>\n    ${written.join('\n    ')}\n   </Row>`);
    nextRow = i + 1;
  });
  const styleXml = [...styles].map(([format, id]) => `<Style ss:ID="${id}"><NumberFormat ss:Format="${escapeAttr(FORMAT_NAMES.get(format) ?? format)}"/></Style>`);
  return [
    '<?xml version="1.0"?>',
    '<?mso-application progid="Excel.Sheet"?>',
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
    ' <Styles>',
    '  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/><Font ss:FontName="宋体" x:CharSet="134" ss:Size="11"/><NumberFormat/></Style>',
    ...styleXml.map((x) => `  ${x}`),
    ' </Styles>',
    ` <Worksheet ss:Name="${escapeAttr(sheet)}">`,
    `  <Table ss:ExpandedColumnCount="${cells[0]?.length ?? 0}" ss:ExpandedRowCount="${cells.length}" x:FullColumns="1" x:FullRows="1">`,
    ...rows.map((r) => `   ${r}`),
    '  </Table>',
    ' </Worksheet>',
    '</Workbook>',
  ].join('\n');
}

export class EtStandIn {
  /** Bridge calls so far. */
  calls = 0;
  readonly sheets: SheetState[];
  active = 0;
  selection: { sheet: string; address: string } | null = null;
  readonly names = new Map<string, { refersTo: string; visible: boolean }>();
  private readonly listeners = new Set<SheetChangeListener>();
  private nextCondition = 1;
  private readonly original = new Map<string, Scalar>();
  readonly Application: EtApplication;

  constructor(workbook: StandInWorkbook, private readonly options: EtStandInOptions = {}) {
    this.sheets = workbook.sheets.map((s) => {
      const origin = fromA1(s.origin ?? 'A1') ?? { row: 0, col: 0 };
      const cells = new Map<string, CellState>();
      s.cells.forEach((row, i) =>
        row.forEach((value, j) => {
          const formula = s.formulas?.[i]?.[j] ?? null;
          const format = s.formats?.[i]?.[j] ?? 'General';
          if ((value === null || value === '') && !formula && format === 'General') return;
          const address = toA1(origin.row + i, origin.col + j);
          cells.set(address, { value: value === '' ? null : value, formula, format, bold: false, hyperlink: null });
          if (formula) this.original.set(`${s.name}!${address}=${formula}`, value);
        }),
      );
      const comments = new Map(Object.entries(s.notes ?? {}));
      return { name: s.name, cells, conditions: [], comments, protected: options.protectedSheets?.includes(s.name) ?? false };
    });
    this.Application = this.wrap(this.application());
  }

  // -------------------------------------------------------------------------------------------
  // For the tests

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  cell(sheet: string, address: string): EtCellSnapshot {
    return { ...(this.sheetState(sheet).cells.get(address.toUpperCase()) ?? EMPTY) };
  }

  /** Every cell that is not empty, with its comments and the format conditions, sheet by sheet. */
  snapshot(): { sheets: { name: string; cells: Record<string, EtCellSnapshot>; comments: Record<string, string>; conditions: { cells: string[]; formula: string; color: number | null }[] }[]; names: string[] } {
    return {
      sheets: this.sheets.map((s) => ({
        name: s.name,
        cells: Object.fromEntries([...s.cells].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, { ...c }])),
        comments: Object.fromEntries(s.comments),
        conditions: s.conditions.map((c) => ({ cells: [...c.cells].sort(), formula: c.formula, color: c.color })),
      })),
      names: [...this.names.keys()],
    };
  }

  conditions(sheet: string): { cells: string[]; type: number; formula: string; color: number | null }[] {
    return this.sheetState(sheet).conditions.map((c) => ({ cells: [...c.cells], type: c.type, formula: c.formula, color: c.color }));
  }

  comments(sheet: string): Record<string, string> {
    return Object.fromEntries(this.sheetState(sheet).comments);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  /** The user types `value` into a cell (not counted as a bridge call); SheetChange follows. */
  userEdit(sheet: string, address: string, value: Scalar): void {
    const s = this.sheetState(sheet);
    const key = address.toUpperCase();
    const cell = s.cells.get(key) ?? { ...EMPTY };
    s.cells.set(key, { ...cell, ...typed(value, cell.format) });
    this.changed(s, key);
  }

  /** A user's own format condition (e.g. a red font above 100). */
  addUserCondition(sheet: string, address: string, formula: string, color: number): void {
    this.addCondition(this.sheetState(sheet), parseAreas(address), 1, formula).color = color;
  }

  // -------------------------------------------------------------------------------------------
  // The object model

  /** Counts every property read or write and method call on `target` and on host objects it gives. */
  private wrap<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof prop === 'symbol') return value;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            this.calls++;
            return this.host(value.apply(obj, args));
          };
        }
        this.calls++;
        return this.host(value);
      },
      set: (obj, prop, value) => {
        this.calls++;
        return Reflect.set(obj, prop, value);
      },
      has: (obj, prop) => Reflect.has(obj, prop),
    });
  }

  private readonly hosts = new WeakSet<object>();

  private host<T>(value: T): T {
    return typeof value === 'object' && value !== null && this.hosts.has(value) ? this.wrap(value) : value;
  }

  private mark<T extends object>(obj: T): T {
    this.hosts.add(obj);
    return obj;
  }

  private sheetState(name: string): SheetState {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new EtError(`找不到工作表: ${name}`);
    return s;
  }

  private writable(s: SheetState): void {
    if (s.protected) throw new EtError(`工作表“${s.name}”受保护，不能更改。`);
  }

  private changed(s: SheetState, address: string): void {
    const listeners = [...this.listeners];
    setTimeout(() => {
      const sheet = this.worksheet(s);
      const range = this.range(s, parseArea(address));
      for (const listener of listeners) listener(this.wrap(sheet), this.wrap(range));
    }, 0);
  }

  private addCondition(s: SheetState, areas: Area[], type: number, formula: string): ConditionState {
    const cells = new Set<string>();
    for (const area of areas) for (let r = area.r0; r <= area.r1; r++) for (let c = area.c0; c <= area.c1; c++) cells.add(toA1(r, c));
    const condition: ConditionState = { id: this.nextCondition++, cells, type, formula, color: null };
    s.conditions.push(condition);
    return condition;
  }


  private application(): EtApplication {
    const self = this;
    const languageId = this.options.languageId ?? 2052;
    return this.mark({
      get ActiveWorkbook(): EtWorkbook {
        return self.workbook();
      },
      ApiEvent: this.mark({
        AddApiEventListener(_event: 'SheetChange', callback: SheetChangeListener) {
          self.listeners.add(callback);
        },
        RemoveApiEventListener(_event: 'SheetChange', callback?: SheetChangeListener) {
          if (callback) self.listeners.delete(callback);
          else self.listeners.clear();
        },
      }),
      LanguageSettings: this.mark({ LanguageID: () => languageId }),
    });
  }

  private workbook(): EtWorkbook {
    const self = this;
    return this.mark({
      get Worksheets(): EtSheets {
        return self.worksheets();
      },
      get Names(): EtNames {
        return self.namesCollection();
      },
      get ActiveSheet(): EtWorksheet {
        return self.worksheet(self.sheets[self.active]);
      },
    });
  }

  private worksheets(): EtSheets {
    const self = this;
    return this.mark({
      get Count() {
        return self.sheets.length;
      },
      Item(index: string | number): EtWorksheet {
        const s = typeof index === 'number' ? self.sheets[index - 1] : self.sheets.find((x) => x.name.toLowerCase() === index.toLowerCase());
        if (!s) throw new EtError(`下标越界: ${index}`);
        return self.worksheet(s);
      },
      Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet {
        let n = self.sheets.length + 1;
        while (self.sheets.some((x) => x.name.toLowerCase() === `sheet${n}`)) n++;
        const s: SheetState = { name: `Sheet${n}`, cells: new Map(), conditions: [], comments: new Map(), protected: false };
        const at = after ? self.sheets.findIndex((x) => x.name === after.Name) + 1 : before ? self.sheets.findIndex((x) => x.name === before.Name) : self.active;
        self.sheets.splice(at, 0, s);
        self.active = at;
        return self.worksheet(s);
      },
    });
  }

  private namesCollection(): EtNames {
    const self = this;
    const nameObject = (key: string): EtName =>
      this.mark({
        get RefersTo() {
          return self.names.get(key)?.refersTo ?? '';
        },
        set RefersTo(value: string | boolean) {
          const entry = self.names.get(key);
          if (entry) entry.refersTo = String(value);
        },
        Delete() {
          self.names.delete(key);
        },
      });
    return this.mark({
      Add(name: string, refersTo: string, visible = true): EtName {
        const constant = /^="(.*)"$/s.exec(refersTo);
        if (constant && constant[1].length > 255) throw new EtError('公式中的文本值不能超过 255 个字符。');
        self.names.set(name.toLowerCase(), { refersTo, visible });
        return nameObject(name.toLowerCase());
      },
      Item(index: string): EtName {
        if (!self.names.has(index.toLowerCase())) throw new EtError(`找不到名称: ${index}`);
        return nameObject(index.toLowerCase());
      },
    });
  }

  private worksheet(s: SheetState): EtWorksheet {
    const self = this;
    return this.mark({
      get Name() {
        return s.name;
      },
      set Name(name: string) {
        if (self.sheets.some((x) => x !== s && x.name.toLowerCase() === name.toLowerCase())) throw new EtError(`工作表名称“${name}”已被占用。`);
        s.name = name;
      },
      get ProtectContents() {
        return s.protected;
      },
      get UsedRange(): EtRange {
        const keys = [...s.cells.keys()].map((k) => fromA1(k) as { row: number; col: number });
        if (keys.length === 0) return self.range(s, { r0: 0, c0: 0, r1: 0, c1: 0 });
        return self.range(s, {
          r0: Math.min(...keys.map((k) => k.row)),
          c0: Math.min(...keys.map((k) => k.col)),
          r1: Math.max(...keys.map((k) => k.row)),
          c1: Math.max(...keys.map((k) => k.col)),
        });
      },
      Hyperlinks: this.mark({
        Add(anchor: EtRange, _address: string, subAddress?: string) {
          self.writable(s);
          const key = anchor.Address(false, false);
          const cell = s.cells.get(key) ?? { ...EMPTY };
          s.cells.set(key, { ...cell, hyperlink: subAddress ?? null });
          return undefined;
        },
      }),
      Range(address: string): EtRange {
        const [first, ...more] = parseAreas(address);
        return self.range(s, first, [first, ...more]);
      },
      get Cells(): EtRange {
        return self.range(s, SHEET);
      },
      Activate() {
        self.active = self.sheets.indexOf(s);
      },
    });
  }

  /** A range of `area`; `areas`, for a union, the areas format conditions apply to (every other member uses the first, as in VBA). */
  private range(s: SheetState, area: Area, areas: Area[] = [area]): EtRange {
    const self = this;
    const rows = area.r1 - area.r0 + 1;
    const cols = area.c1 - area.c0 + 1;
    const each = <T>(f: (cell: CellState, address: string) => T): T[][] =>
      Array.from({ length: rows }, (_, i) =>
        Array.from({ length: cols }, (_, j) => {
          const address = toA1(area.r0 + i, area.c0 + j);
          return f(s.cells.get(address) ?? EMPTY, address);
        }),
      );
    const read = <T>(f: (cell: CellState) => T): T | T[][] => (rows === 1 && cols === 1 ? f(s.cells.get(toA1(area.r0, area.c0)) ?? EMPTY) : each(f));
    const write = (input: unknown, update: (cell: CellState, entry: unknown) => CellState) => {
      self.writable(s);
      const grid = Array.isArray(input) ? (input as unknown[][]) : null;
      if (grid && (grid.length !== rows || grid.some((r) => !Array.isArray(r) || r.length !== cols))) throw new EtError('数组大小与区域不符。');
      each((cell, address) => {
        const { row, col } = fromA1(address) as { row: number; col: number };
        const entry = grid ? grid[row - area.r0][col - area.c0] : input;
        const next = update({ ...cell }, entry);
        if (next.value === null && next.formula === null && next.format === 'General' && !next.bold && !next.hyperlink) s.cells.delete(address);
        else s.cells.set(address, next);
      });
      this.changed(s, `${toA1(area.r0, area.c0)}${rows * cols > 1 ? `:${toA1(area.r1, area.c1)}` : ''}`);
    };
    const content = (cell: CellState, entry: unknown): CellState => {
      const next = { ...cell, ...typed(entry, cell.format) };
      // A formula written back to a cell that held it at the start gets its cached value again.
      const key = `${s.name}!${toA1(area.r0, area.c0)}=${next.formula}`;
      if (next.formula && rows * cols === 1 && self.original.has(key)) next.value = self.original.get(key) ?? 0;
      return next;
    };
    const formulaOf = (c: CellState) => c.formula ?? (c.value === null ? '' : typeof c.value === 'boolean' ? (c.value ? 'TRUE' : 'FALSE') : String(c.value));
    const cellKey = () => toA1(area.r0, area.c0);
    return this.mark({
      get Row() {
        return area.r0 + 1;
      },
      get Column() {
        return area.c0 + 1;
      },
      get Count() {
        return rows * cols;
      },
      get Rows(): EtRange {
        return Object.defineProperty(self.range(s, area), 'Count', { get: () => rows });
      },
      get Columns(): EtRange {
        return Object.defineProperty(self.range(s, area), 'Count', { get: () => cols });
      },
      get Value2() {
        return read((c) => c.value);
      },
      set Value2(input: unknown) {
        write(input, content);
      },
      get Formula() {
        return read(formulaOf);
      },
      set Formula(input: unknown) {
        write(input, content);
      },
      get NumberFormat(): string | null {
        const formats = new Set(each((c) => c.format).flat());
        return formats.size === 1 ? [...formats][0] : null;
      },
      set NumberFormat(format: string | null) {
        write(null, (cell) => ({ ...cell, format: format ?? 'General' }));
      },
      Value(type: number = XL_RANGE_VALUE_DEFAULT) {
        if (type === XL_RANGE_VALUE_DEFAULT) return read((c) => c.value);
        if (type !== XL_RANGE_VALUE_XML_SPREADSHEET || self.options.xmlSpreadsheet === false) throw new EtError('参数无效: RangeValueDataType');
        return xmlSpreadsheet(s.name, each((c) => c));
      },
      get Comment(): EtComment | null {
        const key = cellKey();
        if (!s.comments.has(key)) return null;
        return self.mark({
          Text: () => s.comments.get(key) ?? '',
          Delete: () => {
            self.writable(s);
            s.comments.delete(key);
          },
        });
      },
      AddComment(text = ''): EtComment {
        self.writable(s);
        const key = cellKey();
        if (s.comments.has(key)) throw new EtError('该单元格已有批注。');
        s.comments.set(key, text);
        return self.mark({ Text: () => s.comments.get(key) ?? '', Delete: () => s.comments.delete(key) });
      },
      get FormatConditions(): EtFormatConditions {
        const applying = () => s.conditions.filter((c) => [...c.cells].some((key) => areas.some((a) => within(key, a))));
        const conditionObject = (c: ConditionState): EtFormatCondition =>
          self.mark({
            Type: c.type,
            Formula1: c.formula,
            Interior: self.mark({
              get Color(): number | null {
                return c.color;
              },
              set Color(color: number | null) {
                self.writable(s);
                c.color = color;
              },
            }),
            Delete() {
              self.writable(s);
              s.conditions.splice(s.conditions.indexOf(c), 1);
            },
          });
        return self.mark({
          get Count() {
            return applying().length;
          },
          Item(index: number) {
            const c = applying()[index - 1];
            if (!c) throw new EtError(`下标越界: ${index}`);
            return conditionObject(c);
          },
          Add(type: number, _operator?: unknown, formula?: string) {
            self.writable(s);
            if (!formula) throw new EtError('条件格式需要公式。');
            return conditionObject(self.addCondition(s, areas, type, formula));
          },
        });
      },
      get Font() {
        return self.mark({
          get Bold() {
            return each((c) => c.bold).flat().every(Boolean);
          },
          set Bold(bold: boolean) {
            write(null, (cell) => ({ ...cell, bold }));
          },
        });
      },
      Address(rowAbsolute = true, columnAbsolute = true) {
        const a1 = (r: number, c: number) => {
          const m = /^([A-Z]+)(\d+)$/.exec(toA1(r, c)) as RegExpExecArray;
          return `${columnAbsolute ? '$' : ''}${m[1]}${rowAbsolute ? '$' : ''}${m[2]}`;
        };
        return rows * cols === 1 ? a1(area.r0, area.c0) : `${a1(area.r0, area.c0)}:${a1(area.r1, area.c1)}`;
      },
      Select() {
        if (self.sheets[self.active] !== s) throw new EtError('Range 类的 Select 方法无效：工作表未激活。');
        self.selection = { sheet: s.name, address: rows * cols === 1 ? toA1(area.r0, area.c0) : `${toA1(area.r0, area.c0)}:${toA1(area.r1, area.c1)}` };
        return true;
      },
      AutoFit() {
        return true;
      },
    });
  }
}

export function createEtStandIn(workbook: StandInWorkbook, options: EtStandInOptions = {}): EtStandIn {
  return new EtStandIn(workbook, options);
}
