/**
 * Opening a workbook's zip with bounded work, the one way both the reader and the annotator do
 * it: limits on the file, each part and the whole package (zip bombs), on the number of entries
 * and cells, on XML nesting; DOCTYPE and entity declarations refused in every XML part.
 *
 * The zip's central directory is read here and each entry inflated by Node's zlib (native: no
 * JavaScript inflater to load and warm up at every start, the README's Benchmarks). The sizes
 * are bounded before anything is inflated (from the sizes the zip declares), and an entry is
 * never inflated past its declared size (zlib stops there and the archive is corrupt), so a zip
 * that lies about its sizes gives an error, never more work. Every XML part is scanned once,
 * over its bytes, for declarations, nesting depth and cell elements, when it is first inflated
 * (the reader inflates only the parts it reads, the annotator all of them) — but for the parts
 * a reader scans flat (`flatPart`), which are searched for declarations only.
 */
import { inflateRawSync } from 'zlib';

/** The limits, chosen far above any self-evaluation workbook (a few MB) and far below what exhausts memory. */
export const LIMITS = {
  /** The workbook file itself. */
  fileBytes: 100 * 1024 * 1024,
  /** One part, inflated. */
  partBytes: 200 * 1024 * 1024,
  /** All parts, inflated. */
  packageBytes: 500 * 1024 * 1024,
  entries: 20_000,
  /** Cells (`<c>` elements) in all worksheets together. */
  cells: 2_000_000,
  /** Element nesting in any XML part (real parts stay below 20). */
  xmlDepth: 256,
} as const;

/** A workbook refused or not readable: the message names the part and says why, in Chinese and English. */
export class WorkbookLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookLimitError';
  }
}

const MB = 1024 * 1024;
const mb = (n: number): string => `${Math.round(n / MB)} MB`;

export function checkFileSize(bytes: Uint8Array): void {
  if (bytes.length > LIMITS.fileBytes) {
    throw new WorkbookLimitError(`文件超过 ${mb(LIMITS.fileBytes)}，不予读取 (file larger than ${mb(LIMITS.fileBytes)}: refused)`);
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive is not a readable zip (the message says where); every failure to read the zip's structure or inflate an entry is one. */
export class CorruptZipError extends Error {}

/** `read()`, any failure that is not a refusal turned into a CorruptZipError. */
function corruptIfFails<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof WorkbookLimitError || e instanceof CorruptZipError) throw e;
    throw new CorruptZipError((e as Error).message);
  }
}

const UTF8 = new TextDecoder('utf-8');
const LATIN1 = new TextDecoder('latin1');

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000;
}

/** The central directory's entries (ZIP64 too), checked against LIMITS.entries as they are read. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  const stop = Math.max(0, eocd - 0xffff);
  while (eocd >= stop && view.getUint32(eocd, true) !== EOCD) eocd--;
  if (eocd < stop) throw new CorruptZipError('no end of central directory');
  let count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || at === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const z = u64(view, eocd - 12);
    if (view.getUint32(z, true) !== ZIP64_EOCD) throw new CorruptZipError('bad ZIP64 end of central directory');
    count = u64(view, z + 32);
    at = u64(view, z + 48);
  }
  if (count > LIMITS.entries) {
    throw new WorkbookLimitError(`压缩包条目超过 ${LIMITS.entries} 个，不予读取 (more than ${LIMITS.entries} zip entries: refused)`);
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new CorruptZipError('bad central directory entry');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: (flags & 0x800 ? UTF8 : LATIN1).decode(nameBytes),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    };
    if (flags & 1) throw new CorruptZipError(`entry ${entry.name} is encrypted`);
    // ZIP64 extra field: the 64-bit values of the fields saturated above, in this order.
    for (let x = at + 46 + nameLength, end = x + extraLength; x + 4 <= end; x += 4 + view.getUint16(x + 2, true)) {
      if (view.getUint16(x, true) !== 0x0001) continue;
      let y = x + 4;
      if (entry.size === 0xffffffff) (entry.size = u64(view, y)), (y += 8);
      if (entry.compressedSize === 0xffffffff) (entry.compressedSize = u64(view, y)), (y += 8);
      if (entry.offset === 0xffffffff) entry.offset = u64(view, y);
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  }
  return entries;
}

/** An entry's inflated bytes, never more than its declared size. */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(entry.offset, true) !== LOCAL) throw new CorruptZipError(`bad local header of ${entry.name}`);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new CorruptZipError(`entry ${entry.name} is cut short`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new CorruptZipError(`entry ${entry.name} uses compression method ${entry.method}`);
  if (entry.size === 0) return new Uint8Array(0);
  try {
    return inflateRawSync(data, { maxOutputLength: entry.size }); // a Buffer: a Uint8Array already, not copied
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new CorruptZipError(`entry ${entry.name} inflates to more than the ${entry.size} bytes it declares`);
    throw e;
  }
}

/**
 * A zip package opened within LIMITS: the central directory read and every declared size
 * checked, no entry inflated yet. `part(name)` inflates an entry and scans it (XML parts: no
 * DOCTYPE, bounded nesting, cells counted against LIMITS.cells over all parts scanned) the
 * first time it is asked for, so a reader pays only for the parts it reads (a workbook's theme
 * and document properties are a third of its bytes); `all()` gives every part so checked.
 * `flatPart(name)` is for the parts a reader scans flat, without a tree or a stack.
 */
export class BoundedZip {
  /** Entry names, in archive order. */
  readonly names: readonly string[];
  private readonly entries = new Map<string, ZipEntry>();
  private readonly inflated = new Map<string, Uint8Array>();
  private readonly scanned = new Set<string>();
  private cells = 0;

  /** Throws WorkbookLimitError, or CorruptZipError. */
  constructor(private readonly bytes: Uint8Array) {
    checkFileSize(bytes);
    const entries = corruptIfFails(() => centralDirectory(bytes));
    let total = 0;
    for (const entry of entries) {
      if (entry.size > LIMITS.partBytes) {
        throw new WorkbookLimitError(
          `部件 ${entry.name} 解压后 ${mb(entry.size)}，超过 ${mb(LIMITS.partBytes)}，可能是压缩炸弹，不予读取 ` +
            `(part ${entry.name} inflates to ${mb(entry.size)}, above ${mb(LIMITS.partBytes)}: refused as a possible zip bomb)`,
        );
      }
      total += entry.size;
      if (total > LIMITS.packageBytes) {
        throw new WorkbookLimitError(
          `工作簿解压后超过 ${mb(LIMITS.packageBytes)}，可能是压缩炸弹，不予读取 (package inflates to more than ${mb(LIMITS.packageBytes)}: refused as a possible zip bomb)`,
        );
      }
      this.entries.set(entry.name, entry);
    }
    this.names = entries.map((e) => e.name);
  }

  /** An entry's bytes, inflated and scanned on first use; undefined when there is no such entry. Throws WorkbookLimitError, or CorruptZipError. */
  part(name: string): Uint8Array | undefined {
    const data = this.inflate(name);
    if (data === undefined || this.scanned.has(name)) return data;
    if (/\.(xml|rels|vml)$/i.test(name)) {
      this.cells += scanXml(name, data, !/\.vml$/i.test(name));
      if (this.cells > LIMITS.cells) throw new WorkbookLimitError(CELLS_REFUSED);
    }
    this.scanned.add(name);
    return data;
  }

  /**
   * An entry's bytes for a reader that finds its elements by a flat scan, never walking them as
   * a tree (worksheets, shared strings: ooxml-cells.ts): declarations are refused as by `part`,
   * nesting is not looked at (no stack to exhaust) and cells are counted by the reader as it
   * goes (WorkbookLimitError at LIMITS.cells), which saves a second pass over the largest parts.
   */
  flatPart(name: string): Uint8Array | undefined {
    const data = this.inflate(name);
    if (data !== undefined && !this.scanned.has(name) && declares(data)) throw declarationsRefused(name);
    return data;
  }

  private inflate(name: string): Uint8Array | undefined {
    let data = this.inflated.get(name);
    if (data !== undefined) return data;
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    data = corruptIfFails(() => inflateEntry(this.bytes, entry));
    this.inflated.set(name, data);
    return data;
  }

  /** Every entry, inflated and scanned, in archive order. */
  all(): Record<string, Uint8Array> {
    const files: Record<string, Uint8Array> = {};
    for (const name of this.names) files[name] = this.part(name) as Uint8Array;
    return files;
  }
}

/** The line for a workbook with more cells than LIMITS.cells (also said by the reader, which counts the cells of the parts it scans flat). */
export const CELLS_REFUSED = `工作表单元格超过 ${LIMITS.cells} 个，不予读取 (more than ${LIMITS.cells} cells: refused)`;

function declarationsRefused(name: string): WorkbookLimitError {
  return new WorkbookLimitError(
    `部件 ${name} 含 DOCTYPE 或实体声明，不予读取 (part ${name} declares a DOCTYPE or entities: refused, ` +
      'no spreadsheet program writes them and they can expand without bound)',
  );
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;

function isNameByte(b: number): boolean {
  return b !== GT && b !== SLASH && b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== undefined;
}

function startsAt(data: Uint8Array, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (data[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** True if the part holds a `<!` that opens neither a comment nor a CDATA section (what scanXml refuses), found by native search. */
function declares(data: Uint8Array): boolean {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (let i = bytes.indexOf('<!'); i >= 0; i = bytes.indexOf('<!', i + 2)) {
    if (startsAt(data, i, '<!--')) i = bytes.indexOf('-->', i + 4);
    else if (startsAt(data, i, '<![CDATA[')) i = bytes.indexOf(']]>', i + 9);
    else return true;
    if (i < 0) return false;
  }
  return false;
}

function indexOfAscii(data: Uint8Array, ascii: string, from: number): number {
  const first = ascii.charCodeAt(0);
  for (let i = data.indexOf(first, from); i >= 0; i = data.indexOf(first, i + 1)) if (startsAt(data, i, ascii)) return i;
  return -1;
}

/**
 * One pass over an XML part's bytes (UTF-8, or UTF-16 with a BOM, decoded first): refuses
 * `<!DOCTYPE` / `<!ENTITY` and nesting deeper than LIMITS.xmlDepth (`checkDepth`: VML is not
 * always well-formed, its `<br>` never closes); returns the number of `<c>` elements.
 */
function scanXml(name: string, raw: Uint8Array, checkDepth: boolean): number {
  const utf16 = (raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff);
  const data = utf16 ? new TextEncoder().encode(new TextDecoder(raw[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(raw)) : raw;
  let depth = 0;
  let cells = 0;
  let i = data.indexOf(LT);
  while (i >= 0) {
    const next = data[i + 1];
    let end: number;
    if (next === BANG) {
      if (startsAt(data, i, '<!--')) end = indexOfAscii(data, '-->', i + 4);
      else if (startsAt(data, i, '<![CDATA[')) end = indexOfAscii(data, ']]>', i + 9);
      else throw declarationsRefused(name);
    } else if (next === QUESTION) {
      end = indexOfAscii(data, '?>', i + 2);
    } else {
      end = tagEnd(data, i + 1);
      if (next === SLASH) depth = Math.max(0, depth - 1);
      else if (end > 0 && data[end - 1] !== SLASH) depth++;
      if (next !== SLASH && isCellName(data, i + 1)) cells++;
      if (checkDepth && depth > LIMITS.xmlDepth) {
        throw new WorkbookLimitError(
          `部件 ${name} 的 XML 嵌套超过 ${LIMITS.xmlDepth} 层，不予读取 (part ${name} nests XML deeper than ${LIMITS.xmlDepth} levels: refused)`,
        );
      }
    }
    if (end < 0) break;
    i = data.indexOf(LT, end);
  }
  return cells;
}

/** Offset of the `>` closing a tag whose name starts at `from` (quoted `>` skipped), or -1. */
function tagEnd(data: Uint8Array, from: number): number {
  let quote = 0;
  for (let i = from; i < data.length; i++) {
    const b = data[i];
    if (quote) {
      if (b === quote) quote = 0;
    } else if (b === 0x22 || b === 0x27) quote = b;
    else if (b === GT) return i;
  }
  return -1;
}

/** True if the element name at `at` is `c` with or without a prefix (`x:c`). */
function isCellName(data: Uint8Array, at: number): boolean {
  let i = at;
  while (isNameByte(data[i]) && data[i] !== COLON) i++;
  const local = data[i] === COLON ? i + 1 : at;
  return data[local] === 0x63 && !isNameByte(data[local + 1]);
}
