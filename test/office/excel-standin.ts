/**
 * An in-memory stand-in of the Excel JavaScript API, faithful where the adapter depends on it:
 *
 * - proxies queue their commands; nothing happens before `context.sync()`, and every sync is
 *   counted (`syncCount`);
 * - reading a property that was not loaded (and synced) throws PropertyNotLoaded;
 * - commands run in order at sync and the first failing one rejects the sync — the commands
 *   before it stay applied, as in Excel (a batch is not a transaction);
 * - `*OrNullObject` getters give `isNullObject`; `getItem` of something missing fails with
 *   ItemNotFound; `conditionalFormat.custom` on a non-custom format fails (office-js #2180);
 * - writes to a protected sheet fail with AccessDenied; notes need ExcelApi 1.18 (ApiNotFound
 *   below); a sync whose request or response exceeds 5 MB fails like Excel on the web;
 * - strings written to `values`/`formulas` are parsed as if typed ("=…" formula, "12" number,
 *   "'12" text), `null` entries leave a cell unchanged;
 * - `worksheet.onChanged` fires asynchronously after a sync that changed values (with
 *   triggerSource "ThisLocalAddin" from ExcelApi 1.14) and after `userEdit`;
 * - `run` syncs once more when the batch leaves commands queued (counted like any sync);
 * - Excel's undo stack: from ExcelApi 1.19 each sync that writes is one undo step, and from 1.20
 *   `Excel.run({ mergeUndoGroup: true }, …)` makes all the writing syncs of the run one step;
 *   before 1.19 an add-in's write clears the stack, and so does
 *   `Office.context.document.settings.saveAsync` on every host (office-js #3141). `undo()`
 *   is Ctrl+Z: it restores the workbook as it was before the last step.
 *
 * Formulas are not evaluated: a formula cell keeps the value it was given, and a formula written
 * back to a cell that held it when the stand-in was created gets that cached value again.
 * Plain TypeScript with no Node or jest APIs, so the e2e harness can bundle it for a browser.
 */

export type Scalar = string | number | boolean | null;

export interface StandInSheet {
  name: string;
  /** Values, row-major, starting at `origin`; null or '' is an empty cell. */
  cells: Scalar[][];
  /** A1 address of cells[0][0] (default "A1"). */
  origin?: string;
  formats?: (string | null | undefined)[][];
  /** "=…" where the cell holds a formula (its entry in `cells` is then the cached value). */
  formulas?: (string | null | undefined)[][];
  /** The user's own notes, by A1 address. */
  notes?: Record<string, string>;
  /** The user's own fill colours, by A1 address. */
  fills?: Record<string, string>;
  /** The user's own conditional formats. */
  conditionalFormats?: { range: string; type?: 'Custom' | 'CellValue'; formula: string; fill: string }[];
}

export const STAND_IN_API_VERSIONS = ['1.7', '1.14', '1.18', '1.20'] as const;
export type StandInApiVersion = (typeof STAND_IN_API_VERSIONS)[number];

/** Who made an undo step: the user typing, or the add-in. */
export type UndoAuthor = 'user' | 'addin';

export interface StandInWorkbook {
  sheets: StandInSheet[];
}

export interface StandInOptions {
  /**
   * ExcelApi version the host supports: 1.7 Office 2019, 1.14 Office 2021, 1.18 and 1.20
   * Microsoft 365 (notes need 1.18, undo groups 1.20). Default '1.18'.
   */
  apiVersion?: StandInApiVersion;
  protectedSheets?: string[];
  /** Request and response size limit of one sync, in bytes (Excel on the web: 5 MB). */
  payloadLimitBytes?: number;
  displayLanguage?: string;
}

export interface HyperlinkState {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface CellSnapshot {
  value: Scalar;
  formula: string | null;
  format: string;
  fill: string | null;
  bold: boolean;
  fontColor: string;
  hyperlink: HyperlinkState | null;
}

export interface ConditionalFormatSnapshot {
  id: string;
  address: string;
  type: string;
  formula: string;
  fill: string | null;
}

/** One range read, logged to check how the adapter splits large sheets. */
export interface RangeLoad {
  sync: number;
  address: string;
  properties: string[];
}

const EXCEL_API_VERSIONS = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20'];
const MAX_ROW = 1048575;
const MAX_COL = 16383;
const FIVE_MB = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Workbook state

interface CellState {
  value: Scalar;
  formula: string | null;
  format: string;
  fill: string | null;
  bold: boolean;
  fontColor: string;
  hyperlink: HyperlinkState | null;
  quotePrefix: boolean;
}

interface BookState {
  sheets: SheetState[];
  activeId: string;
  settings: [string, unknown][];
}

interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

interface CfState {
  id: string;
  area: Area;
  type: 'Custom' | 'CellValue';
  formula: string;
  fill: string | null;
}

type ChangedHandler = (args: Record<string, unknown>) => unknown;

interface SheetState {
  id: string;
  name: string;
  cells: Map<number, CellState>;
  cfs: CfState[];
  notes: Map<string, { content: string; author: string }>;
  protected: boolean;
  handlers: Set<ChangedHandler>;
}

class OfficeError extends Error {
  readonly debugInfo: { code: string; message: string };

  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message };
  }
}

const notFound = (what: string) => new OfficeError('ItemNotFound', `The requested resource doesn't exist. (${what})`);
const invalidArgument = (what: string) => new OfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${what})`);

const key = (r: number, c: number) => r * 16384 + c;

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const a1 = (r: number, c: number) => colName(c) + String(r + 1);

function parseCell(text: string): { r: number; c: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) throw invalidArgument(text);
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** "B3", "B3:D9", "B:D", "3:5" (no sheet name) → area. */
function parseArea(address: string): Area {
  const [from, to = from] = address.split(':');
  if (/^\$?[A-Za-z]{1,3}$/.test(from) && /^\$?[A-Za-z]{1,3}$/.test(to)) {
    return { r0: 0, c0: parseCell(from + '1').c, r1: MAX_ROW, c1: parseCell(to + '1').c };
  }
  if (/^\$?\d+$/.test(from) && /^\$?\d+$/.test(to)) {
    return { r0: Number(from.replace('$', '')) - 1, c0: 0, r1: Number(to.replace('$', '')) - 1, c1: MAX_COL };
  }
  const p = parseCell(from);
  const q = parseCell(to);
  return { r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) };
}

const areaA1 = (a: Area) => (a.r0 === a.r1 && a.c0 === a.c1 ? a1(a.r0, a.c0) : `${a1(a.r0, a.c0)}:${a1(a.r1, a.c1)}`);
const intersects = (a: Area, b: Area) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

/** Sheet name as Excel writes it in an address: quoted unless plain letters/digits. */
function sheetRef(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function blankCell(): CellState {
  return { value: null, formula: null, format: 'General', fill: null, bold: false, fontColor: '#000000', hyperlink: null, quotePrefix: false };
}

const BLANK = JSON.stringify(blankCell());

/** What Excel stores when a user types `input` into a cell with number format `format`. */
function parseEntry(input: Scalar, format: string): Pick<CellState, 'value' | 'formula' | 'quotePrefix'> & { format?: string } {
  const plain = { formula: null, quotePrefix: false };
  if (input === null || input === '') return { value: null, ...plain };
  if (typeof input !== 'string') return { value: input, ...plain };
  if (format === '@') return { value: input, ...plain };
  if (input.startsWith("'")) return { value: input.slice(1), formula: null, quotePrefix: true };
  if (input.startsWith('=') && input.length > 1) return { value: null, formula: input, quotePrefix: false };
  const t = input.trim();
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(t)) return { value: Number(t), ...plain };
  const pct = /^([-+]?(\d+(\.\d*)?|\.\d+))%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, ...plain, ...(format === 'General' ? { format: '0%' } : {}) };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE', ...plain };
  return { value: input, ...plain };
}

/** Displayed text for a value and number format (the common formats of the fixtures). */
function displayText(value: Scalar, format: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const m = /^(#,##)?0(\.(0+))?(%?)$/.exec(format);
  if (!m) return String(value);
  const decimals = m[3]?.length ?? 0;
  const n = m[4] ? value * 100 : value;
  let text = n.toFixed(decimals);
  if (m[1]) text = text.replace(/^(-?\d+)/, (int) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  return text + m[4];
}

class Book {
  readonly sheets: SheetState[] = [];
  activeId: string;
  selection: { sheetId: string; address: string } | null = null;
  readonly settings = new Map<string, unknown>();
  syncCount = 0;
  readonly rangeLoads: RangeLoad[] = [];
  readonly responseBytes: number[] = [];
  readonly apiVersion: string;
  readonly payloadLimit: number;
  /** True while `userEdit` types into a cell (its change events are not the add-in's). */
  userEditing = false;
  /** Formula results known from the source workbook: "sheetId|A1|formula" → value. */
  private readonly cachedResults = new Map<string, Scalar>();
  private readonly failures: string[] = [];
  private readonly pendingEvents: { sheet: SheetState; args: Record<string, unknown> }[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextId = 1;
  /** Excel's undo stack, newest last: who made each step and the workbook before it. */
  readonly undoStack: { by: UndoAuthor; before: BookState }[] = [];

  constructor(workbook: StandInWorkbook, options: StandInOptions) {
    this.apiVersion = options.apiVersion ?? '1.18';
    this.payloadLimit = options.payloadLimitBytes ?? FIVE_MB;
    for (const input of workbook.sheets) this.sheets.push(this.createSheet(input, options.protectedSheets ?? []));
    if (this.sheets.length === 0) this.sheets.push(this.createSheet({ name: 'Sheet1', cells: [] }, []));
    this.activeId = this.sheets[0].id;
  }

  /** Sheets (with their live event handlers), active sheet and settings, copied. */
  private copyState(): BookState {
    const sheets = this.sheets.map((s) => ({
      ...s,
      cells: new Map([...s.cells].map(([k, c]) => [k, { ...c, hyperlink: c.hyperlink && { ...c.hyperlink } }])),
      cfs: s.cfs.map((cf) => ({ ...cf, area: { ...cf.area } })),
      notes: new Map([...s.notes].map(([k, n]) => [k, { ...n }])),
    }));
    return { sheets, activeId: this.activeId, settings: JSON.parse(JSON.stringify([...this.settings])) as [string, unknown][] };
  }

  /** A new undo step made by `by`, before it changes anything. */
  pushUndo(by: UndoAuthor): void {
    this.undoStack.push({ by, before: this.copyState() });
  }

  /**
   * Ctrl+Z: the workbook as before the last undo step (false when there is none). Sheets whose
   * cells change get a change event, as the user's own (triggerSource "Unknown").
   */
  undo(): boolean {
    const step = this.undoStack.pop();
    if (!step) return false;
    const changed = step.before.sheets.filter((before) => {
      const now = this.sheetById(before.id);
      return now !== null && JSON.stringify([...now.cells]) !== JSON.stringify([...before.cells]);
    });
    this.sheets.splice(0, this.sheets.length, ...step.before.sheets);
    this.activeId = this.sheets.some((s) => s.id === step.before.activeId) ? step.before.activeId : this.sheets[0].id;
    this.settings.clear();
    for (const [k, v] of step.before.settings) this.settings.set(k, v);
    this.userEditing = true;
    for (const sheet of changed) {
      const keys = [...sheet.cells.keys()];
      const rows = keys.map((k) => Math.floor(k / 16384));
      const cols = keys.map((k) => k % 16384);
      if (keys.length > 0) this.queueEvent(sheet, { r0: Math.min(...rows), c0: Math.min(...cols), r1: Math.max(...rows), c1: Math.max(...cols) });
    }
    this.userEditing = false;
    this.deliverEvents();
    return true;
  }

  /** Before a sync of `ctx` that writes: the undo step it makes, or the stack it clears. */
  beforeWrite(ctx: RequestContext): void {
    if (!this.supports('1.19')) this.undoStack.length = 0;
    else if (!(ctx.mergeUndoGroup && this.supports('1.20'))) this.pushUndo('addin');
    else if (!ctx.undoStepMade) {
      this.pushUndo('addin');
      ctx.undoStepMade = true;
    }
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, '0')}}`;
  }

  supports(version: string): boolean {
    return EXCEL_API_VERSIONS.indexOf(version) !== -1 && EXCEL_API_VERSIONS.indexOf(version) <= EXCEL_API_VERSIONS.indexOf(this.apiVersion);
  }

  private createSheet(input: StandInSheet, protectedSheets: string[]): SheetState {
    const sheet: SheetState = {
      id: this.newId('sheet'),
      name: input.name,
      cells: new Map(),
      cfs: [],
      notes: new Map(),
      protected: protectedSheets.includes(input.name),
      handlers: new Set(),
    };
    const origin = parseCell(input.origin ?? 'A1');
    input.cells.forEach((row, i) =>
      row.forEach((value, j) => {
        const formula = input.formulas?.[i]?.[j] ?? null;
        const format = input.formats?.[i]?.[j] ?? 'General';
        if ((value === null || value === '') && formula === null && format === 'General') return;
        const r = origin.r + i;
        const c = origin.c + j;
        sheet.cells.set(key(r, c), { ...blankCell(), value: value === '' ? null : value, formula, format });
        if (formula !== null) this.cachedResults.set(`${sheet.id}|${a1(r, c)}|${formula}`, value);
      }),
    );
    for (const [address, color] of Object.entries(input.fills ?? {})) this.cellAt(sheet, address, true).fill = color;
    for (const [address, content] of Object.entries(input.notes ?? {})) sheet.notes.set(address.toUpperCase(), { content, author: 'User' });
    for (const cf of input.conditionalFormats ?? []) {
      sheet.cfs.push({ id: this.newId('cf'), area: parseArea(cf.range), type: cf.type ?? 'Custom', formula: cf.formula, fill: cf.fill });
    }
    return sheet;
  }

  cellAt(sheet: SheetState, address: string, create: true): CellState;
  cellAt(sheet: SheetState, address: string, create?: false): CellState | undefined;
  cellAt(sheet: SheetState, address: string, create = false): CellState | undefined {
    const { r, c } = parseCell(address);
    let cell = sheet.cells.get(key(r, c));
    if (!cell && create) sheet.cells.set(key(r, c), (cell = blankCell()));
    return cell;
  }

  sheetById(id: string): SheetState | null {
    return this.sheets.find((s) => s.id === id) ?? null;
  }

  sheetByName(name: string): SheetState | null {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  /** worksheets.getItem(key): by name or by id. */
  sheetByKey(nameOrId: string): SheetState | null {
    return this.sheetByName(nameOrId) ?? this.sheetById(nameOrId);
  }

  /** Writes typed input into every cell of `area` (a 2-D array or one value for all). */
  enter(sheet: SheetState, area: Area, input: unknown, what: 'values' | 'formulas'): void {
    this.eachInput(area, input, what, (r, c, entry) => {
      if (entry === null || entry === undefined) return;
      const cell = sheet.cells.get(key(r, c)) ?? blankCell();
      const parsed = parseEntry(entry as Scalar, cell.format);
      const value = parsed.formula === null ? parsed.value : (this.cachedResults.get(`${sheet.id}|${a1(r, c)}|${parsed.formula}`) ?? 0);
      sheet.cells.set(key(r, c), { ...cell, ...parsed, value, format: parsed.format ?? cell.format });
    });
    this.queueEvent(sheet, area);
  }

  setFormats(sheet: SheetState, area: Area, input: unknown): void {
    this.eachInput(area, input, 'numberFormat', (r, c, entry) => {
      if (entry === null || entry === undefined) return;
      const cell = sheet.cells.get(key(r, c)) ?? blankCell();
      sheet.cells.set(key(r, c), { ...cell, format: String(entry) });
    });
  }

  private eachInput(area: Area, input: unknown, what: string, apply: (r: number, c: number, entry: unknown) => void): void {
    const rows = area.r1 - area.r0 + 1;
    const cols = area.c1 - area.c0 + 1;
    const grid = Array.isArray(input) ? (input as unknown[][]) : null;
    if (grid && (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols))) {
      throw invalidArgument(`${what}: the array is not ${rows}×${cols}`);
    }
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) apply(area.r0 + i, area.c0 + j, grid ? grid[i][j] : input);
  }

  queueEvent(sheet: SheetState, area: Area): void {
    if (sheet.handlers.size === 0) return;
    this.pendingEvents.push({
      sheet,
      args: {
        type: 'WorksheetChanged',
        worksheetId: sheet.id,
        address: areaA1(area),
        changeType: 'RangeEdited',
        source: 'Local',
        ...(this.supports('1.14') ? { triggerSource: this.userEditing ? 'Unknown' : 'ThisLocalAddin' } : {}),
      },
    });
  }

  /** Delivers queued change events asynchronously, as Excel does after a sync. */
  deliverEvents(): void {
    const events = this.pendingEvents.splice(0);
    if (events.length === 0) return;
    const delivery = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() =>
      Promise.all(events.flatMap((e) => [...e.sheet.handlers].map((h) => Promise.resolve().then(() => h({ ...e.args }))))),
    );
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  async flushEvents(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The next command named `name` (e.g. "NoteCollection.add") fails at sync. */
  failNext(name: string): void {
    this.failures.push(name);
  }

  checkFailure(name: string): void {
    const i = this.failures.indexOf(name);
    if (i === -1) return;
    this.failures.splice(i, 1);
    throw new OfficeError('GeneralException', `An internal error has occurred. (injected failure of ${name})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Request context and proxies

interface Command {
  name: string;
  requestBytes: number;
  run: (response: { bytes: number }) => void;
}

/** Commands that change nothing Excel's undo would restore. */
const NOT_UNDOABLE = /\.load$|^Worksheet\.activate$|^Range\.select$|^EventHandlers\.add$|^EventHandlerResult\.remove$/;

class RequestContext {
  private commands: Command[] = [];
  readonly workbook: WorkbookProxy;
  /** With mergeUndoGroup (ExcelApi 1.20): the run's one undo step exists already. */
  undoStepMade = false;

  constructor(readonly book: Book, readonly mergeUndoGroup = false) {
    this.workbook = new WorkbookProxy(this);
  }

  get hasPending(): boolean {
    return this.commands.length > 0;
  }

  queue(name: string, run: Command['run'], payload?: unknown): void {
    this.commands.push({ name, run, requestBytes: payload === undefined ? 0 : JSON.stringify(payload).length });
  }

  async sync(): Promise<void> {
    const book = this.book;
    book.syncCount++;
    const commands = this.commands;
    this.commands = [];
    await Promise.resolve();
    const request = commands.reduce((n, c) => n + c.requestBytes, 0);
    if (request > book.payloadLimit) throw new OfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    const response = { bytes: 0 };
    if (commands.some((c) => !NOT_UNDOABLE.test(c.name))) book.beforeWrite(this);
    try {
      for (const command of commands) {
        book.checkFailure(command.name);
        command.run(response);
      }
    } finally {
      book.deliverEvents();
    }
    book.responseBytes.push(response.bytes);
    if (response.bytes > book.payloadLimit) throw new OfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
  }
}

type LoadSpec = string | string[] | { select?: string; expand?: string } | undefined;

function loadPaths(spec: LoadSpec): string[] | null {
  if (spec === undefined) return null;
  const text = typeof spec === 'string' ? spec : Array.isArray(spec) ? spec.join(',') : [spec.select, spec.expand].filter(Boolean).join(',');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

interface Fillable {
  applyLoad(paths: string[] | null, response: { bytes: number }): void;
}

/** A proxy: scalar properties readable after load + sync, navigation properties, queued commands. */
abstract class ClientObject<T> implements Fillable {
  private readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly ctx: RequestContext,
    /** Finds the target at sync time; null for a null object. */
    private readonly find: () => T | null,
    private readonly nullable = false,
  ) {}

  protected abstract readonly kind: string;
  /** Scalar properties of the target. */
  protected abstract scalars(target: T): Record<string, unknown>;
  /** Navigation properties (sub-objects) that load paths may go through. */
  protected navigation(): Record<string, Fillable> {
    return {};
  }

  get context(): RequestContext {
    return this.ctx;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject') as boolean;
  }

  protected target(): T {
    const t = this.find();
    if (t === null) throw this.nullable ? new OfficeError('InvalidOperation', `${this.kind} is a null object`) : notFound(this.kind);
    return t;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.ctx.queue(`${this.kind}.load`, (response) => this.applyLoad(paths, response));
    return this;
  }

  /** Loads `paths` (null = all scalars) now; called at sync. */
  applyLoad(paths: string[] | null, response: { bytes: number }): void {
    const t = this.find();
    if (t === null) {
      if (!this.nullable) throw notFound(this.kind);
      this.loaded.set('isNullObject', true);
      return;
    }
    this.loaded.set('isNullObject', false);
    const scalars = this.scalars(t);
    const nested = new Map<string, string[]>();
    for (const path of paths ?? Object.keys(scalars)) {
      const [head, ...rest] = path.split('/');
      if (rest.length > 0) {
        nested.set(head, [...(nested.get(head) ?? []), rest.join('/')]);
      } else if (head in scalars) {
        this.loaded.set(head, scalars[head]);
        response.bytes += JSON.stringify(scalars[head] ?? null).length;
      } else if (head in this.navigation()) {
        nested.set(head, nested.get(head) ?? []);
      } else {
        throw new OfficeError('PropertyNotFound', `The property '${head}' does not exist on ${this.kind}.`);
      }
    }
    for (const [nav, sub] of nested) {
      const child = this.navigation()[nav];
      if (!child) throw new OfficeError('PropertyNotFound', `The property '${nav}' does not exist on ${this.kind}.`);
      child.applyLoad(sub.length > 0 ? sub : null, response);
    }
    this.afterFill(t);
  }

  protected afterFill(_target: T): void {}

  protected read(name: string): unknown {
    if (!this.loaded.has(name)) {
      throw new OfficeError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name);
  }

  /** Queues a command on the target. */
  protected command(name: string, apply: (target: T) => void, payload?: unknown): void {
    this.ctx.queue(`${this.kind}.${name}`, () => apply(this.target()), payload);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;

  constructor(readonly context: RequestContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.settings = new SettingCollectionProxy(context);
  }
}

function guardWritable(sheet: SheetState): void {
  if (sheet.protected) throw new OfficeError('AccessDenied', "The cell or chart you're trying to change is on a protected sheet.");
}

class WorksheetCollectionProxy extends ClientObject<Book> {
  protected readonly kind = 'WorksheetCollection';
  private loadedItems: WorksheetProxy[] | null = null;

  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.book);
  }

  get items(): WorksheetProxy[] {
    if (!this.loadedItems) return this.read('items') as never;
    return this.loadedItems;
  }

  protected scalars(): Record<string, unknown> {
    return {};
  }

  override applyLoad(paths: string[] | null, response: { bytes: number }): void {
    const itemPaths = paths?.map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items') ?? null;
    this.loadedItems = this.ctx.book.sheets.map((sheet) => {
      const proxy = new WorksheetProxy(this.ctx, () => this.ctx.book.sheetById(sheet.id));
      proxy.applyLoad(itemPaths && itemPaths.length > 0 ? itemPaths : null, response);
      return proxy;
    });
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheetByKey(key));
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheetByKey(key), true);
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheetById(this.ctx.book.activeId));
  }

  add(name?: string): WorksheetProxy {
    let created: SheetState | null = null;
    this.ctx.queue('WorksheetCollection.add', () => {
      const book = this.ctx.book;
      const sheetName = name ?? `Sheet${book.sheets.length + 1}`;
      if (book.sheetByName(sheetName)) throw new OfficeError('ItemAlreadyExists', `A worksheet named "${sheetName}" already exists.`);
      if (sheetName.length > 31 || /[[\]:*?/\\]/.test(sheetName)) throw invalidArgument(`sheet name "${sheetName}"`);
      created = { id: book.newId('sheet'), name: sheetName, cells: new Map(), cfs: [], notes: new Map(), protected: false, handlers: new Set() };
      book.sheets.push(created);
    });
    return new WorksheetProxy(this.ctx, () => created);
  }
}

class WorksheetProxy extends ClientObject<SheetState> {
  protected readonly kind = 'Worksheet';
  readonly protection: WorksheetProtectionProxy;
  readonly onChanged: EventProxy;
  private notesProxy: NoteCollectionProxy | null = null;

  constructor(ctx: RequestContext, private readonly findSheet: () => SheetState | null, nullable = false) {
    super(ctx, findSheet, nullable);
    this.protection = new WorksheetProtectionProxy(ctx, findSheet);
    this.onChanged = new EventProxy(ctx, findSheet);
  }

  get name(): string {
    return this.read('name') as string;
  }

  get id(): string {
    return this.read('id') as string;
  }

  get notes(): NoteCollectionProxy {
    return (this.notesProxy ??= new NoteCollectionProxy(this.ctx, this.findSheet));
  }

  protected scalars(sheet: SheetState): Record<string, unknown> {
    return { name: sheet.name, id: sheet.id, position: this.ctx.book.sheets.indexOf(sheet), visibility: 'Visible' };
  }

  protected override navigation(): Record<string, Fillable> {
    return { protection: this.protection };
  }

  getRange(address?: string): RangeProxy {
    const area = address === undefined ? { r0: 0, c0: 0, r1: MAX_ROW, c1: MAX_COL } : null;
    return new RangeProxy(this.ctx, () => {
      const sheet = this.target();
      return { sheet, area: area ?? parseArea(address as string) };
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.target(), area: { r0: row, c0: column, r1: row, c1: column } }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.target();
        let area: Area | null = null;
        for (const [k, cell] of sheet.cells) {
          const used = cell.value !== null || cell.formula !== null || (!valuesOnly && (cell.format !== 'General' || cell.fill !== null));
          if (!used) continue;
          const r = Math.floor(k / 16384);
          const c = k % 16384;
          area = area
            ? { r0: Math.min(area.r0, r), c0: Math.min(area.c0, c), r1: Math.max(area.r1, r), c1: Math.max(area.c1, c) }
            : { r0: r, c0: c, r1: r, c1: c };
        }
        return area && { sheet, area };
      },
      true,
    );
  }

  activate(): void {
    this.command('activate', (sheet) => {
      this.ctx.book.activeId = sheet.id;
    });
  }
}

class WorksheetProtectionProxy extends ClientObject<SheetState> {
  protected readonly kind = 'WorksheetProtection';

  get protected(): boolean {
    return this.read('protected') as boolean;
  }

  protected scalars(sheet: SheetState): Record<string, unknown> {
    return { protected: sheet.protected };
  }
}

class EventProxy {
  constructor(private readonly ctx: RequestContext, private readonly findSheet: () => SheetState | null) {}

  add(handler: ChangedHandler): { context: RequestContext; remove(): void } {
    let registered: SheetState | null = null;
    this.ctx.queue('EventHandlers.add', () => {
      registered = this.findSheet();
      if (!registered) throw notFound('Worksheet');
      registered.handlers.add(handler);
    });
    return {
      context: this.ctx,
      remove: () => this.ctx.queue('EventHandlerResult.remove', () => registered?.handlers.delete(handler)),
    };
  }
}

interface RangeTarget {
  sheet: SheetState;
  area: Area;
}

class RangeProxy extends ClientObject<RangeTarget> {
  protected readonly kind = 'Range';
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;

  constructor(ctx: RequestContext, private readonly findRange: () => RangeTarget | null, nullable = false) {
    super(ctx, findRange, nullable);
    this.format = new RangeFormatProxy(ctx, findRange);
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, findRange);
  }

  get address(): string {
    return this.read('address') as string;
  }
  get rowCount(): number {
    return this.read('rowCount') as number;
  }
  get columnCount(): number {
    return this.read('columnCount') as number;
  }
  get rowIndex(): number {
    return this.read('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.read('columnIndex') as number;
  }
  get values(): Scalar[][] {
    return this.read('values') as Scalar[][];
  }
  set values(input: Scalar[][]) {
    this.write('values', input, (t) => this.ctx.book.enter(t.sheet, t.area, input, 'values'));
  }
  get formulas(): Scalar[][] {
    return this.read('formulas') as Scalar[][];
  }
  set formulas(input: Scalar[][]) {
    this.write('formulas', input, (t) => this.ctx.book.enter(t.sheet, t.area, input, 'formulas'));
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat') as string[][];
  }
  set numberFormat(input: string[][]) {
    this.write('numberFormat', input, (t) => this.ctx.book.setFormats(t.sheet, t.area, input));
  }
  get text(): string[][] {
    return this.read('text') as string[][];
  }
  set hyperlink(link: HyperlinkState) {
    this.write('hyperlink', link, (t) => {
      const { area, sheet } = t;
      for (let r = area.r0; r <= area.r1; r++) {
        for (let c = area.c0; c <= area.c1; c++) {
          const cell = sheet.cells.get(key(r, c)) ?? blankCell();
          const shown = link.textToDisplay ?? (cell.value === null ? (link.address ?? link.documentReference ?? null) : null);
          sheet.cells.set(key(r, c), { ...cell, hyperlink: { ...link }, ...(shown === null ? {} : { value: shown, formula: null }) });
        }
      }
    });
  }

  private write(name: string, payload: unknown, apply: (t: RangeTarget) => void): void {
    this.command(
      `${name}.set`,
      (t) => {
        guardWritable(t.sheet);
        apply(t);
      },
      payload,
    );
  }

  protected scalars({ sheet, area }: RangeTarget): Record<string, unknown> {
    const grid = <V>(f: (cell: CellState) => V): V[][] => {
      const rows: V[][] = [];
      for (let r = area.r0; r <= area.r1; r++) {
        const row: V[] = [];
        for (let c = area.c0; c <= area.c1; c++) row.push(f(sheet.cells.get(key(r, c)) ?? blankCell()));
        rows.push(row);
      }
      return rows;
    };
    // Getters: only the loaded properties are computed, so whole-sheet ranges stay cheap.
    return Object.defineProperties(
      {},
      {
        address: { enumerable: true, get: () => `${sheetRef(sheet.name)}!${areaA1(area)}` },
        rowCount: { enumerable: true, get: () => area.r1 - area.r0 + 1 },
        columnCount: { enumerable: true, get: () => area.c1 - area.c0 + 1 },
        rowIndex: { enumerable: true, get: () => area.r0 },
        columnIndex: { enumerable: true, get: () => area.c0 },
        values: { enumerable: true, get: () => grid((c) => c.value ?? '') },
        formulas: { enumerable: true, get: () => grid((c) => c.formula ?? c.value ?? '') },
        numberFormat: { enumerable: true, get: () => grid((c) => c.format) },
        text: { enumerable: true, get: () => grid((c) => displayText(c.value, c.format)) },
      },
    ) as Record<string, unknown>;
  }

  override applyLoad(paths: string[] | null, response: { bytes: number }): void {
    super.applyLoad(paths, response);
    const t = this.findRange();
    if (t && paths && paths.some((p) => ['values', 'formulas', 'numberFormat', 'text'].includes(p))) {
      this.ctx.book.rangeLoads.push({ sync: this.ctx.book.syncCount, address: `${t.sheet.name}!${areaA1(t.area)}`, properties: paths });
    }
  }

  protected override navigation(): Record<string, Fillable> {
    return { format: this.format, conditionalFormats: this.conditionalFormats };
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const { sheet, area } = this.target();
      return { sheet, area: { r0: area.r0 + row, c0: area.c0 + column, r1: area.r0 + row, c1: area.c0 + column } };
    });
  }

  select(): void {
    this.command('select', (t) => {
      if (t.sheet.id !== this.ctx.book.activeId) throw new OfficeError('InvalidOperation', 'The range is not on the active worksheet.');
      this.ctx.book.selection = { sheetId: t.sheet.id, address: areaA1(t.area) };
    });
  }
}

class RangeFormatProxy extends ClientObject<RangeTarget> {
  protected readonly kind = 'RangeFormat';
  readonly fill: FillProxy;
  readonly font: FontProxy;

  constructor(ctx: RequestContext, find: () => RangeTarget | null) {
    super(ctx, find);
    this.fill = new FillProxy(ctx, find);
    this.font = new FontProxy(ctx, find);
  }

  protected scalars(): Record<string, unknown> {
    return {};
  }

  protected override navigation(): Record<string, Fillable> {
    return { fill: this.fill, font: this.font };
  }

  autofitColumns(): void {
    this.command('autofitColumns', (t) => guardWritable(t.sheet));
  }
}

function eachCell(t: RangeTarget, apply: (cell: CellState) => Partial<CellState>): void {
  guardWritable(t.sheet);
  for (let r = t.area.r0; r <= t.area.r1; r++) {
    for (let c = t.area.c0; c <= t.area.c1; c++) {
      const cell = t.sheet.cells.get(key(r, c)) ?? blankCell();
      t.sheet.cells.set(key(r, c), { ...cell, ...apply(cell) });
    }
  }
}

const topLeft = (t: RangeTarget) => t.sheet.cells.get(key(t.area.r0, t.area.c0)) ?? blankCell();

class FillProxy extends ClientObject<RangeTarget> {
  protected readonly kind = 'RangeFill';

  get color(): string {
    return this.read('color') as string;
  }
  set color(color: string) {
    this.command('color.set', (t) => eachCell(t, () => ({ fill: color })), color);
  }

  protected scalars(t: RangeTarget): Record<string, unknown> {
    return { color: topLeft(t).fill ?? '#FFFFFF' };
  }
}

class FontProxy extends ClientObject<RangeTarget> {
  protected readonly kind = 'RangeFont';

  get bold(): boolean {
    return this.read('bold') as boolean;
  }
  set bold(bold: boolean) {
    this.command('bold.set', (t) => eachCell(t, () => ({ bold })), bold);
  }
  get color(): string {
    return this.read('color') as string;
  }
  set color(fontColor: string) {
    this.command('color.set', (t) => eachCell(t, () => ({ fontColor })), fontColor);
  }

  protected scalars(t: RangeTarget): Record<string, unknown> {
    return { bold: topLeft(t).bold, color: topLeft(t).fontColor };
  }
}

class ConditionalFormatCollectionProxy extends ClientObject<RangeTarget> {
  protected readonly kind = 'ConditionalFormatCollection';
  private loadedItems: ConditionalFormatProxy[] | null = null;

  get items(): ConditionalFormatProxy[] {
    if (!this.loadedItems) return this.read('items') as never;
    return this.loadedItems;
  }

  protected scalars(): Record<string, unknown> {
    return {};
  }

  override applyLoad(paths: string[] | null, response: { bytes: number }): void {
    const t = this.target();
    const itemPaths = paths?.map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items') ?? null;
    this.loadedItems = t.sheet.cfs
      .filter((cf) => intersects(cf.area, t.area))
      .map((cf) => {
        const proxy = new ConditionalFormatProxy(this.ctx, () => t.sheet.cfs.find((x) => x.id === cf.id) ?? null, () => t.sheet);
        proxy.applyLoad(itemPaths && itemPaths.length > 0 ? itemPaths : null, response);
        return proxy;
      });
  }

  add(type: string): ConditionalFormatProxy {
    let created: CfState | null = null;
    let sheet: SheetState | null = null;
    this.command('add', (t) => {
      guardWritable(t.sheet);
      if (type !== 'Custom' && type !== 'CellValue') throw invalidArgument(`conditional format type ${type} is not supported by the stand-in`);
      created = { id: this.ctx.book.newId('cf'), area: t.area, type, formula: '', fill: null };
      sheet = t.sheet;
      t.sheet.cfs.unshift(created); // a new format takes the first priority
    });
    return new ConditionalFormatProxy(this.ctx, () => created, () => sheet);
  }

  getItem(id: string): ConditionalFormatProxy {
    return this.item(id, false);
  }

  getItemOrNullObject(id: string): ConditionalFormatProxy {
    return this.item(id, true);
  }

  private item(id: string, nullable: boolean): ConditionalFormatProxy {
    let sheet: SheetState | null = null;
    return new ConditionalFormatProxy(
      this.ctx,
      () => {
        const t = this.target();
        sheet = t.sheet;
        return t.sheet.cfs.find((cf) => cf.id === id && intersects(cf.area, t.area)) ?? null;
      },
      () => sheet,
      nullable,
    );
  }
}

class ConditionalFormatProxy extends ClientObject<CfState> {
  protected readonly kind = 'ConditionalFormat';
  readonly custom: CustomConditionalFormatProxy;
  readonly customOrNullObject: CustomConditionalFormatProxy;

  constructor(ctx: RequestContext, find: () => CfState | null, private readonly sheetOf: () => SheetState | null, nullable = false) {
    super(ctx, find, nullable);
    const custom = (orNull: boolean) => () => {
      const cf = find();
      if (cf && cf.type === 'Custom') return cf;
      if (orNull) return null;
      throw new OfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
    };
    this.custom = new CustomConditionalFormatProxy(ctx, custom(false));
    this.customOrNullObject = new CustomConditionalFormatProxy(ctx, custom(true), true);
  }

  get id(): string {
    return this.read('id') as string;
  }
  get type(): string {
    return this.read('type') as string;
  }

  protected scalars(cf: CfState): Record<string, unknown> {
    const sheet = this.sheetOf();
    return { id: cf.id, type: cf.type, priority: sheet ? sheet.cfs.indexOf(cf) : 0, stopIfTrue: false };
  }

  protected override navigation(): Record<string, Fillable> {
    return { custom: this.custom, customOrNullObject: this.customOrNullObject };
  }

  delete(): void {
    this.command('delete', (cf) => {
      const sheet = this.sheetOf();
      if (!sheet) throw notFound('ConditionalFormat');
      guardWritable(sheet);
      sheet.cfs.splice(sheet.cfs.indexOf(cf), 1);
    });
  }
}

class CustomConditionalFormatProxy extends ClientObject<CfState> {
  protected readonly kind = 'CustomConditionalFormat';
  readonly rule: RuleProxy;
  readonly format: { fill: CfFillProxy };

  constructor(ctx: RequestContext, find: () => CfState | null, nullable = false) {
    super(ctx, find, nullable);
    this.rule = new RuleProxy(ctx, find);
    this.format = { fill: new CfFillProxy(ctx, find) };
  }

  protected scalars(): Record<string, unknown> {
    return {};
  }

  protected override navigation(): Record<string, Fillable> {
    return { rule: this.rule };
  }
}

class RuleProxy extends ClientObject<CfState> {
  protected readonly kind = 'ConditionalFormatRule';

  get formula(): string {
    return this.read('formula') as string;
  }
  set formula(formula: string) {
    this.command('formula.set', (cf) => (cf.formula = formula), formula);
  }

  protected scalars(cf: CfState): Record<string, unknown> {
    return { formula: cf.formula };
  }
}

class CfFillProxy extends ClientObject<CfState> {
  protected readonly kind = 'ConditionalRangeFill';

  get color(): string {
    return this.read('color') as string;
  }
  set color(color: string) {
    this.command('color.set', (cf) => (cf.fill = color), color);
  }

  protected scalars(cf: CfState): Record<string, unknown> {
    return { color: cf.fill };
  }
}

class NoteCollectionProxy extends ClientObject<SheetState> {
  protected readonly kind = 'NoteCollection';

  constructor(ctx: RequestContext, private readonly findSheet: () => SheetState | null) {
    super(ctx, () => {
      if (!ctx.book.supports('1.18')) {
        throw new OfficeError('ApiNotFound', 'The API you are trying to use could not be found. It may be available in a newer version of Excel.');
      }
      return findSheet();
    });
  }

  protected scalars(): Record<string, unknown> {
    return {};
  }

  add(cellAddress: string, content: string): NoteProxy {
    const address = cellAddress.toUpperCase();
    this.command(
      'add',
      (sheet) => {
        guardWritable(sheet);
        parseCell(address);
        if (sheet.notes.has(address)) throw new OfficeError('InvalidOperation', `The cell ${address} already has a note.`);
        sheet.notes.set(address, { content, author: 'Add-in' });
      },
      content,
    );
    return new NoteProxy(this.ctx, () => this.target(), address);
  }

  getItem(cellAddress: string): NoteProxy {
    return new NoteProxy(this.ctx, () => this.target(), cellAddress.toUpperCase());
  }

  getItemOrNullObject(cellAddress: string): NoteProxy {
    return new NoteProxy(this.ctx, () => this.target(), cellAddress.toUpperCase(), true);
  }
}

interface NoteTarget {
  sheet: SheetState;
  address: string;
  note: { content: string; author: string };
}

class NoteProxy extends ClientObject<NoteTarget> {
  protected readonly kind = 'Note';

  constructor(ctx: RequestContext, sheet: () => SheetState, address: string, nullable = false) {
    super(
      ctx,
      () => {
        const s = sheet();
        const note = s.notes.get(address);
        return note ? { sheet: s, address, note } : null;
      },
      nullable,
    );
  }

  get content(): string {
    return this.read('content') as string;
  }
  set content(content: string) {
    this.command(
      'content.set',
      (t) => {
        guardWritable(t.sheet);
        t.note.content = content;
      },
      content,
    );
  }

  protected scalars(t: NoteTarget): Record<string, unknown> {
    return { content: t.note.content, authorName: t.note.author };
  }

  delete(): void {
    this.command('delete', (t) => {
      guardWritable(t.sheet);
      t.sheet.notes.delete(t.address);
    });
  }
}

class SettingCollectionProxy extends ClientObject<Book> {
  protected readonly kind = 'SettingCollection';

  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.book);
  }

  protected scalars(): Record<string, unknown> {
    return {};
  }

  add(key: string, value: unknown): SettingProxy {
    this.command('add', (book) => book.settings.set(key, JSON.parse(JSON.stringify(value))), value);
    return new SettingProxy(this.ctx, key, false);
  }

  getItem(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key, false);
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key, true);
  }
}

class SettingProxy extends ClientObject<{ key: string; value: unknown }> {
  protected readonly kind = 'Setting';

  constructor(ctx: RequestContext, private readonly settingKey: string, nullable: boolean) {
    super(ctx, () => (ctx.book.settings.has(settingKey) ? { key: settingKey, value: ctx.book.settings.get(settingKey) } : null), nullable);
  }

  get value(): unknown {
    return this.read('value');
  }

  protected scalars(t: { key: string; value: unknown }): Record<string, unknown> {
    return { key: t.key, value: t.value };
  }

  delete(): void {
    this.command('delete', () => this.ctx.book.settings.delete(this.settingKey));
  }
}

// ---------------------------------------------------------------------------------------------
// The stand-in

export interface StandInState {
  sheetNames(): string[];
  activeSheet(): string;
  selection(): { sheet: string; address: string } | null;
  cell(sheet: string, address: string): CellSnapshot;
  conditionalFormats(sheet: string): ConditionalFormatSnapshot[];
  notes(sheet: string): Record<string, string>;
  /** The workbook's add-in settings (Excel.SettingCollection). */
  settings(): Record<string, unknown>;
  /** Everything above for every sheet (non-empty cells only), to compare before/after. */
  snapshot(): unknown;
}

export interface OfficeStandIn {
  context: {
    displayLanguage: string;
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    document: {
      settings: {
        get(name: string): unknown;
        set(name: string, value: unknown): void;
        remove(name: string): void;
        saveAsync(callback?: (result: { status: 'succeeded' }) => void): void;
      };
    };
  };
}

export interface StandIn {
  /** Use in place of Excel.run. */
  run: typeof Excel.run;
  readonly syncCount: number;
  /** Every range whose values/formulas/formats/text were loaded, with the sync it was in. */
  readonly rangeLoads: readonly RangeLoad[];
  /** Size of each sync's response, in bytes (JSON of the loaded properties). */
  readonly responseBytes: readonly number[];
  state: StandInState;
  Office: OfficeStandIn;
  /** Types `value` into a cell as the user would (fires onChanged). */
  userEdit(sheet: string, address: string, value: Scalar): void;
  /** The next command with this name (e.g. "NoteCollection.add", "Range.values.set") fails at sync. */
  failNext(commandName: string): void;
  /** Waits until every change event delivered so far has been handled. */
  flushEvents(): Promise<void>;
  /** Ctrl+Z in Excel: undoes the last step; false when the undo stack is empty. */
  undo(): boolean;
  /** Excel's undo stack, oldest first: who made each step. */
  undoSteps(): UndoAuthor[];
}

export function createStandIn(workbook: StandInWorkbook, options: StandInOptions = {}): StandIn {
  const book = new Book(workbook, options);
  const sheetNamed = (name: string): SheetState => {
    const sheet = book.sheetByName(name);
    if (!sheet) throw new Error(`stand-in: no sheet "${name}"`);
    return sheet;
  };
  const snapshotCell = (cell: CellState): CellSnapshot => ({
    value: cell.value,
    formula: cell.formula,
    format: cell.format,
    fill: cell.fill,
    bold: cell.bold,
    fontColor: cell.fontColor,
    hyperlink: cell.hyperlink && { ...cell.hyperlink },
  });
  const cfSnapshot = (cf: CfState): ConditionalFormatSnapshot => ({ id: cf.id, address: areaA1(cf.area), type: cf.type, formula: cf.formula, fill: cf.fill });
  const notesOf = (sheet: SheetState) => Object.fromEntries([...sheet.notes].map(([address, note]) => [address, note.content]));

  const state: StandInState = {
    sheetNames: () => book.sheets.map((s) => s.name),
    activeSheet: () => (book.sheetById(book.activeId) as SheetState).name,
    selection: () => {
      const sel = book.selection;
      return sel && { sheet: (book.sheetById(sel.sheetId) as SheetState).name, address: sel.address };
    },
    cell: (sheet, address) => snapshotCell(book.cellAt(sheetNamed(sheet), address) ?? blankCell()),
    conditionalFormats: (sheet) => sheetNamed(sheet).cfs.map(cfSnapshot),
    notes: (sheet) => notesOf(sheetNamed(sheet)),
    settings: () => Object.fromEntries(book.settings),
    snapshot: () => ({
      active: state.activeSheet(),
      settings: state.settings(),
      sheets: book.sheets.map((s) => ({
        name: s.name,
        protected: s.protected,
        cells: Object.fromEntries(
          [...s.cells]
            .filter(([, cell]) => JSON.stringify(cell) !== BLANK)
            .sort(([a], [b]) => a - b)
            .map(([k, cell]) => [a1(Math.floor(k / 16384), k % 16384), snapshotCell(cell)]),
        ),
        conditionalFormats: s.cfs.map(cfSnapshot),
        notes: notesOf(s),
      })),
    }),
  };

  const documentSettings = new Map<string, unknown>();
  const Office: OfficeStandIn = {
    context: {
      displayLanguage: options.displayLanguage ?? 'zh-CN',
      requirements: { isSetSupported: (name, minVersion = '1.1') => name === 'ExcelApi' && book.supports(minVersion) },
      document: {
        settings: {
          get: (name) => documentSettings.get(name) ?? null,
          set: (name, value) => void documentSettings.set(name, value),
          remove: (name) => void documentSettings.delete(name),
          saveAsync: (callback) => {
            book.undoStack.length = 0; // office-js #3141: saving the document settings clears the undo stack
            callback?.({ status: 'succeeded' });
          },
        },
      },
    },
  };

  /** Excel.run(batch) or Excel.run(options, batch); of the options only mergeUndoGroup matters here. */
  async function run<T>(first: { mergeUndoGroup?: boolean } | ((context: RequestContext) => Promise<T>), second?: (context: RequestContext) => Promise<T>): Promise<T> {
    const [options, batch] = typeof first === 'function' ? [{}, first] : [first, second as (context: RequestContext) => Promise<T>];
    const context = new RequestContext(book, options.mergeUndoGroup === true);
    const result = await batch(context);
    if (context.hasPending) await context.sync();
    return result;
  }

  return {
    run: run as unknown as typeof Excel.run,
    get syncCount() {
      return book.syncCount;
    },
    rangeLoads: book.rangeLoads,
    responseBytes: book.responseBytes,
    state,
    Office,
    userEdit(sheet, address, value) {
      const target = sheetNamed(sheet);
      guardWritable(target);
      book.userEditing = true;
      book.pushUndo('user');
      try {
        book.enter(target, parseArea(address), value, 'values');
      } finally {
        book.userEditing = false;
      }
      book.deliverEvents();
    },
    failNext: (name) => book.failNext(name),
    flushEvents: () => book.flushEvents(),
    undo: () => book.undo(),
    undoSteps: () => book.undoStack.map((step) => step.by),
  };
}
