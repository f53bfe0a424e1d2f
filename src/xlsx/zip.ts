/**
 * Opening a workbook's zip with bounded work, the one way both the reader and the annotator do
 * it: limits on the file, each part and the whole package (zip bombs), on the number of entries
 * and cells, on XML nesting; DOCTYPE and entity declarations refused in every XML part.
 *
 * The sizes are bounded before anything is inflated (from the sizes the zip declares), and an
 * entry is never inflated past its declared size (fflate stops there), so a zip that lies about
 * its sizes gives truncated parts, never more work. Every XML part is then scanned once, over
 * its bytes, for declarations, nesting depth and cell elements.
 */
import { unzipSync } from 'fflate';

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

/** Unzips a package within LIMITS, or throws WorkbookLimitError / the zip library's error for a corrupt archive. */
export function unzipBounded(bytes: Uint8Array): Record<string, Uint8Array> {
  checkFileSize(bytes);
  let total = 0;
  let count = 0;
  const files = unzipSync(bytes, {
    filter: (entry) => {
      if (++count > LIMITS.entries) {
        throw new WorkbookLimitError(`压缩包条目超过 ${LIMITS.entries} 个，不予读取 (more than ${LIMITS.entries} zip entries: refused)`);
      }
      if (entry.originalSize > LIMITS.partBytes) {
        throw new WorkbookLimitError(
          `部件 ${entry.name} 解压后 ${mb(entry.originalSize)}，超过 ${mb(LIMITS.partBytes)}，可能是压缩炸弹，不予读取 ` +
            `(part ${entry.name} inflates to ${mb(entry.originalSize)}, above ${mb(LIMITS.partBytes)}: refused as a possible zip bomb)`,
        );
      }
      total += entry.originalSize;
      if (total > LIMITS.packageBytes) {
        throw new WorkbookLimitError(
          `工作簿解压后超过 ${mb(LIMITS.packageBytes)}，可能是压缩炸弹，不予读取 (package inflates to more than ${mb(LIMITS.packageBytes)}: refused as a possible zip bomb)`,
        );
      }
      return true;
    },
  });
  let cells = 0;
  for (const [name, data] of Object.entries(files)) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    cells += scanXml(name, data, !/\.vml$/i.test(name));
    if (cells > LIMITS.cells) {
      throw new WorkbookLimitError(`工作表单元格超过 ${LIMITS.cells} 个，不予读取 (more than ${LIMITS.cells} cells: refused)`);
    }
  }
  return files;
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
      else {
        throw new WorkbookLimitError(
          `部件 ${name} 含 DOCTYPE 或实体声明，不予读取 (part ${name} declares a DOCTYPE or entities: refused, ` +
            'no spreadsheet program writes them and they can expand without bound)',
        );
      }
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
