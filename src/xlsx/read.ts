/**
 * Workbook file → engine grids.
 *
 * - .xlsx / .xlsm (also Strict Open XML): the zip is opened by `BoundedZip` (limits, no
 *   DOCTYPE, bounded nesting and cells), each part inflated when first read, and the cells are
 *   read by ./ooxml-cells.ts (one flat scan of each worksheet and of the shared strings, which
 *   counts the cells against the limit as it goes): shared strings, cell values (formula
 *   cells give their cached value), number formats, merged areas. SheetJS is not loaded for
 *   them: reading them ourselves takes about half SheetJS's time and far less to start (the
 *   README's Benchmarks), and the grids are the ones SheetJS gave but where SheetJS is wrong
 *   (test/xlsx/read-ooxml.test.ts compares both on every corpus and fixture workbook).
 * - .xls (BIFF 2–8) and WPS .et that are BIFF compound files, and OpenDocument .ods (after the
 *   same bounded unzip): SheetJS (@e965/xlsx, the maintained 0.20.3 build), loaded only for
 *   them. An OLE file holding an encrypted .xlsx, or no workbook stream, gets one line.
 * - Chart, dialog and macro sheets are skipped with a notice; grids hold the cells that exist,
 *   never the area a `dimension` or a stray format claims.
 */
import type * as SheetJS from '@e965/xlsx';
import type { Cell, CellRange, SheetGrid } from '../engine/grid';
import type { Lang, Notice } from '../engine/report';
import { sharedStrings, worksheetGrid } from './ooxml-cells';
import { OoxmlPackage, type Relationship, workbookPartOf, workbookSheets } from './ooxml-package';
import { cellNumberFormats } from './ooxml-styles';
import { STRICT_MAIN_NS, attr, findElement, startTag } from './ooxml-xml';
import { BoundedZip, CELLS_REFUSED, CorruptZipError, LIMITS, WorkbookLimitError, checkFileSize } from './zip';

let xlsxFull: typeof SheetJS | undefined;
/** SheetJS (BIFF, compound files, codepages), loaded on the first binary workbook. */
function sheetJs(): typeof SheetJS {
  xlsxFull ??= require('@e965/xlsx') as typeof SheetJS;
  return xlsxFull;
}

export class UnreadableWorkbookError extends Error {}

/** What kind of file it was: binary and OpenDocument workbooks can be checked but not annotated. */
export type WorkbookFormat = 'ooxml' | 'strict' | 'biff' | 'ods';

/** The formats read but never written (annotate, clear), as messages name them. */
export const READ_ONLY_FORMATS: Partial<Record<WorkbookFormat, { zh: string; en: string }>> = {
  biff: { zh: '二进制工作簿 (.xls/.et)', en: 'a binary .xls/.et workbook' },
  ods: { zh: 'OpenDocument 表格 (.ods)', en: 'an OpenDocument .ods spreadsheet' },
};

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

export interface WorkbookContent {
  format: WorkbookFormat;
  sheets: SheetGrid[];
  /** Sheets skipped (chart, dialog, macro, unreadable), in the report's language. */
  notices: Notice[];
}

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Read a workbook's bytes into grids (one per worksheet). Throws UnreadableWorkbookError with a reason people understand. */
export function readWorkbook(bytes: Uint8Array): SheetGrid[] {
  return readWorkbookContent(bytes).sheets;
}

/** The grids, the file's format and the notices for sheets that were skipped. */
export function readWorkbookContent(bytes: Uint8Array, lang: Lang = 'zh'): WorkbookContent {
  if (bytes.length === 0) throw new UnreadableWorkbookError('文件为空 (empty file)');
  try {
    checkFileSize(bytes);
    if (startsWith(bytes, OLE)) return readCompound(bytes, lang);
    if (!startsWith(bytes, ZIP)) {
      throw new UnreadableWorkbookError('不是 Excel 工作簿（.xlsx/.xlsm/.xls/.et）(not an Excel workbook: neither a zip package nor a compound file)');
    }
    return readPackage(bytes, lang);
  } catch (e) {
    if (e instanceof WorkbookLimitError) throw new UnreadableWorkbookError(e.message);
    if (e instanceof CorruptZipError) throw new UnreadableWorkbookError(`无法解压，文件损坏？(corrupt zip archive: ${e.message})`);
    throw e;
  }
}

/** The zip's own failures, which are the file's and not one part's: they are said for the whole workbook. */
function isZipFailure(e: unknown): boolean {
  return e instanceof WorkbookLimitError || e instanceof CorruptZipError;
}

function readPackage(bytes: Uint8Array, lang: Lang): WorkbookContent {
  const zip = new BoundedZip(bytes);
  const lower = new Set(zip.names.map((n) => n.toLowerCase()));
  if (lower.has('mimetype') && !lower.has('[content_types].xml')) return readOpenDocument(bytes, zip, lang);
  if (!lower.has('[content_types].xml')) {
    throw new UnreadableWorkbookError('压缩包不是 Office Open XML 工作簿 (the zip archive is not an Office Open XML package: no [Content_Types].xml)');
  }
  if (zip.names.some((n) => /^xl\/workbook\.bin$/i.test(n))) {
    throw new UnreadableWorkbookError('这是二进制工作簿 (.xlsb)，请另存为 .xlsx (a binary .xlsb workbook: save it as .xlsx)');
  }
  const pkg = OoxmlPackage.fromZip(zip);
  let workbookXml: string | null;
  let listed: ReturnType<typeof workbookSheets>;
  let strings: string[];
  let formats: Array<string | undefined>;
  let date1904: boolean;
  try {
    const workbookPath = workbookPartOf(pkg);
    workbookXml = pkg.readText(workbookPath);
    if (workbookXml === null) throw new Error(`no workbook part ${workbookPath}`);
    listed = workbookSheets(pkg, workbookPath, workbookXml);
    const part = (type: string): string | null => listed.rels.find((r) => !r.external && r.type.endsWith(`/${type}`) && pkg.has(r.target))?.target ?? null;
    const sst = part('sharedStrings');
    const styles = part('styles');
    strings = sst === null ? [] : sharedStrings(pkg.flatText(sst));
    formats = styles === null ? [] : cellNumberFormats(pkg.text(styles));
    const pr = findElement(workbookXml, 'workbookPr');
    date1904 = pr !== null && /^(1|true)$/.test(attr(startTag(workbookXml, pr), 'date1904') ?? '');
  } catch (e) {
    if (isZipFailure(e)) throw e;
    throw new UnreadableWorkbookError(`无法读取工作簿（文件损坏？）(corrupt workbook: ${(e as Error).message})`);
  }
  let elements = 0;
  const sheets = listed.sheets.map(({ name, rel }): SheetRead => {
    const kind = rel === null ? 'partless' : sheetKind(rel);
    if (kind !== 'sheet' || rel === null) return { name, kind };
    try {
      const grid = worksheetGrid(name, pkg.flatText(rel.target), strings, formats, date1904, LIMITS.cells - elements);
      elements += grid.elements;
      return { name, kind, grid };
    } catch (e) {
      if (isZipFailure(e)) throw e;
      return { name, kind: 'unreadable' };
    }
  });
  return assemble(sheets, workbookXml.includes(STRICT_MAIN_NS) ? 'strict' : 'ooxml', lang);
}

/** What a workbook's relationship to a sheet says it is (transitional or Strict relationship types). */
function sheetKind(rel: Relationship): SheetKind {
  switch (rel.type.slice(rel.type.lastIndexOf('/') + 1)) {
    case 'worksheet':
      return 'sheet';
    case 'chartsheet':
      return 'chart';
    case 'dialogsheet':
      return 'dialog';
    case 'xlMacrosheet':
    case 'xlIntlMacrosheet':
      return 'macro';
    default:
      return 'unreadable';
  }
}

function readCompound(bytes: Uint8Array, lang: Lang): WorkbookContent {
  const XLSX = sheetJs();
  let streams: string[];
  try {
    streams = XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch (e) {
    throw new UnreadableWorkbookError(`复合文档已损坏 (corrupt compound file: ${(e as Error).message})`);
  }
  if (streams.includes('EncryptedPackage') || streams.includes('EncryptionInfo')) {
    throw new UnreadableWorkbookError('文件有打开密码（加密），请去掉密码后另存为 .xlsx (password-protected, encrypted workbook: remove the password and save it as .xlsx)');
  }
  if (!streams.includes('Workbook') && !streams.includes('Book')) {
    throw new UnreadableWorkbookError(
      '复合文档中没有 Excel 工作簿（WPS .et 请在 WPS 中另存为 .xlsx）(a compound file without an Excel workbook stream: for a WPS .et, save it as .xlsx in WPS)',
    );
  }
  try {
    return readWithSheetJs(bytes, 'biff', lang);
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    const message = (e as Error).message;
    if (/password|encrypt/i.test(message)) {
      throw new UnreadableWorkbookError('文件有打开密码，请去掉密码后另存为 .xlsx (password-protected workbook: remove the password and save it as .xlsx)');
    }
    throw new UnreadableWorkbookError(`无法读取 .xls 工作簿（文件损坏？）(corrupt .xls workbook: ${message})`);
  }
}

/**
 * An OpenDocument spreadsheet (LibreOffice's own .ods), its zip already bounded and its XML
 * parts scanned: read by SheetJS, whose grids give the engine what the same workbook saved as
 * .xlsx gives (test/xlsx/ods.test.ts). SheetJS says on console.error each conditional number
 * format it simplifies; that is not the user's business, so it is kept quiet during the read.
 */
function readOpenDocument(bytes: Uint8Array, zip: BoundedZip, lang: Lang): WorkbookContent {
  zip.all(); // every part scanned before SheetJS reads any
  const mimetype = new TextDecoder().decode(zip.part(zip.names.find((n) => n.toLowerCase() === 'mimetype') as string)).trim();
  if (mimetype !== ODS_MIMETYPE) {
    throw new UnreadableWorkbookError(`这是 OpenDocument 文件，但不是表格 (an OpenDocument file, not a spreadsheet: ${mimetype.slice(0, 80)})`);
  }
  const warn = console.error;
  console.error = () => undefined;
  try {
    return readWithSheetJs(bytes, 'ods', lang);
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e; // no worksheets, too many cells: said as for any workbook
    throw new UnreadableWorkbookError(`无法读取 .ods 表格（文件损坏？）(corrupt .ods spreadsheet: ${(e as Error).message})`);
  } finally {
    console.error = warn;
  }
}

/** How a sheet of the workbook was read: a worksheet's grid, or why it was skipped. */
type SheetKind = 'sheet' | 'chart' | 'dialog' | 'macro' | 'unreadable' | 'partless';
interface SheetRead {
  name: string;
  kind: SheetKind;
  grid?: { sheet: SheetGrid; count: number };
}

const SKIPPED: Record<Exclude<SheetKind, 'sheet'>, Record<Lang, string>> = {
  chart: { zh: '图表工作表，已跳过', en: 'chart sheet: skipped' },
  dialog: { zh: '对话框工作表，已跳过', en: 'dialog sheet: skipped' },
  macro: { zh: '宏表，已跳过', en: 'macro sheet: skipped' },
  unreadable: { zh: '无法读取此工作表，已跳过', en: 'sheet could not be read: skipped' },
  partless: { zh: '工作簿列出此表但没有它的内容（宏或 VBA 模块），已跳过', en: 'listed without a sheet part (a macro or VBA module): skipped' },
};

/** The workbook's grids and the notices for the sheets skipped, within LIMITS.cells. */
function assemble(read: readonly SheetRead[], format: WorkbookFormat, lang: Lang): WorkbookContent {
  if (read.length === 0) throw new UnreadableWorkbookError('工作簿没有工作表 (no worksheets)');
  const sheets: SheetGrid[] = [];
  const notices: Notice[] = [];
  let cells = 0;
  for (const { name, kind, grid } of read) {
    if (kind !== 'sheet' || !grid) {
      notices.push({ sheet: name, cell: null, message: SKIPPED[kind === 'sheet' ? 'unreadable' : kind][lang] });
      continue;
    }
    cells += grid.count;
    if (cells > LIMITS.cells) {
      throw new UnreadableWorkbookError(CELLS_REFUSED);
    }
    sheets.push(grid.sheet);
  }
  if (sheets.length === 0) throw new UnreadableWorkbookError('工作簿没有普通工作表 (no worksheets, only chart/dialog/macro sheets)');
  return { format, sheets, notices };
}

const READ_OPTIONS: SheetJS.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellNF: true,
  cellText: false,
  cellHTML: false,
  cellDates: false,
  cellFormula: false,
  cellStyles: false,
};

/** A workbook read by SheetJS (.xls/.et and .ods in production; tests compare it with the .xlsx reader). Throws SheetJS's own errors. */
export function readWithSheetJs(bytes: Uint8Array, format: WorkbookFormat, lang: Lang): WorkbookContent {
  const wb = sheetJs().read(bytes, READ_OPTIONS);
  return assemble(
    (wb.SheetNames ?? []).map((name): SheetRead => {
      const ws = wb.Sheets[name] as SheetJS.WorkSheet | undefined;
      const type = ws ? ((ws['!type'] as string | undefined) ?? 'sheet') : 'unreadable';
      if (type === 'sheet') return { name, kind: 'sheet', grid: toGrid(name, ws as SheetJS.WorkSheet) };
      return { name, kind: type === 'chart' || type === 'dialog' || type === 'macro' ? type : 'unreadable' };
    }),
    format,
    lang,
  );
}

/** The sheet's cells that hold a value: empty rows and trailing empty cells dropped, rows left sparse. */
function toGrid(name: string, ws: SheetJS.WorkSheet): { sheet: SheetGrid; count: number } {
  const data = (ws['!data'] ?? []) as Array<Array<SheetJS.CellObject | undefined> | undefined>;
  const cells: Array<Array<Cell | null> | undefined> = [];
  let count = 0;
  data.forEach((row, r) => {
    let out: Array<Cell | null> | undefined;
    row?.forEach((x, c) => {
      if (!x || x.t === 'z' || x.v === undefined) return;
      const value = x.t === 'e' ? null : (x.v as number | string | boolean);
      out ??= [];
      while (out.length < c) out.push(null);
      out[c] = x.z && x.z !== 'General' ? { value, format: String(x.z) } : { value };
      count++;
    });
    if (out) cells[r] = out;
  });
  const merges: CellRange[] = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  return { sheet: { name, cells, top: 0, left: 0, merges }, count };
}
