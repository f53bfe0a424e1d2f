/**
 * An OOXML package (the zip of an .xlsx) opened for patching: entries keep their order and
 * their exact bytes unless a caller writes them; relationships and content types are edited
 * by splicing single elements so that removing what was added restores the part exactly.
 */
import {
  STRICT_MAIN_NS,
  XML_DECLARATION,
  applyEdits,
  appendChildEdit,
  attr,
  childElements,
  escapeAttr,
  findElement,
  localName,
  reclosedTag,
  rootElement,
  startTag,
} from './ooxml-xml';
import { BoundedZip, WorkbookLimitError } from './zip';

/** The input is not an .xlsx workbook this module can patch. */
export class WorkbookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookFormatError';
  }
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Fixed entry timestamp so that the same input always gives the same output bytes. */
const ZIP_MTIME = new Date(1980, 0, 1);
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export class OoxmlPackage {
  /** Entry name → bytes, in archive order (new entries go last); null: still the zip's, inflated when first read. */
  private readonly entries = new Map<string, Uint8Array | null>();
  /** Lower-cased part name → entry name: OPC part names are case-insensitive. */
  private readonly names = new Map<string, string>();
  private readonly texts = new Map<string, string>();

  private constructor(private readonly zip: BoundedZip) {
    for (const name of zip.names) this.set(name, null);
  }

  /** A package read from a zip opened within limits, each part inflated when first read (for reading: parts never read cost nothing). */
  static fromZip(zip: BoundedZip): OoxmlPackage {
    return new OoxmlPackage(zip);
  }

  /** Opens a package, or throws WorkbookFormatError when `bytes` is not a zip archive. */
  static open(bytes: Uint8Array): OoxmlPackage {
    if (bytes.length === 0) throw new WorkbookFormatError('The file is empty: expected an .xlsx workbook.');
    if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
      throw new WorkbookFormatError(
        'The file is an OLE compound document, not a zip package: either a password-protected (encrypted) ' +
          '.xlsx or a legacy .xls workbook. Remove the password / save it as .xlsx and try again.',
      );
    }
    let zip: BoundedZip;
    try {
      zip = new BoundedZip(bytes);
      zip.all(); // every part inflated and scanned before anything is patched: all of them are written back
    } catch (e) {
      if (e instanceof WorkbookLimitError) throw new WorkbookFormatError(e.message);
      throw new WorkbookFormatError(`The file is not a valid .xlsx (zip) archive: ${(e as Error).message}.`);
    }
    return new OoxmlPackage(zip);
  }

  /** The entry name of a part (leading '/' allowed, case-insensitive), or null if absent. */
  find(part: string): string | null {
    return this.names.get(normalizePart(part).toLowerCase()) ?? null;
  }

  has(part: string): boolean {
    return this.find(part) !== null;
  }

  /** The bytes of an entry listed by paths(). */
  bytes(name: string): Uint8Array {
    let bytes = this.entries.get(name);
    if (bytes === null) this.entries.set(name, (bytes = this.zip.part(name) as Uint8Array));
    if (!bytes) throw new Error(`no zip entry ${name}`);
    return bytes;
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  /** The text of an XML part, or null if the part is absent. */
  readText(part: string): string | null {
    const name = this.find(part);
    if (name === null) return null;
    let text = this.texts.get(name);
    if (text === undefined) this.texts.set(name, (text = decodePart(name, this.bytes(name))));
    return text;
  }

  /** The text of a part that must exist. */
  text(part: string): string {
    const text = this.readText(part);
    if (text === null) throw new WorkbookFormatError(`The workbook has no part ${normalizePart(part)}.`);
    return text;
  }

  /**
   * The text of a part that must exist, for a reader that scans it flat (BoundedZip.flatPart:
   * its nesting and cells are not looked at here); not kept, for it is read once.
   */
  flatText(part: string): string {
    const name = this.find(part);
    if (name === null) throw new WorkbookFormatError(`The workbook has no part ${normalizePart(part)}.`);
    return this.texts.get(name) ?? decodePart(name, this.entries.get(name) ?? (this.zip.flatPart(name) as Uint8Array));
  }

  /** Writes a part; unchanged text keeps the original bytes, a new part is appended last. */
  write(part: string, text: string): void {
    const name = this.find(part) ?? normalizePart(part);
    if (this.texts.get(name) === text) return;
    this.set(name, encoder.encode(text));
    this.texts.set(name, text);
  }

  remove(part: string): void {
    const name = this.find(part);
    if (name === null) return;
    this.entries.delete(name);
    this.names.delete(name.toLowerCase());
    this.texts.delete(name);
  }

  toBytes(): Uint8Array {
    const files: Record<string, Uint8Array> = {};
    for (const name of this.entries.keys()) files[name] = this.bytes(name);
    // fflate, loaded here: reading a workbook needs no zip writer.
    const { zipSync } = require('fflate') as typeof import('fflate');
    return zipSync(files, { mtime: ZIP_MTIME });
  }

  /** A part name `make(n)` for the smallest n ≥ 1 not in the package. */
  freePartName(make: (n: number) => string): string {
    for (let n = 1; ; n++) if (!this.has(make(n))) return make(n);
  }

  private set(name: string, bytes: Uint8Array | null): void {
    this.entries.set(name, bytes);
    this.names.set(name.toLowerCase(), name);
    this.texts.delete(name);
  }
}

function decodePart(name: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new WorkbookFormatError(`Part ${name} is UTF-16 encoded; only UTF-8 parts are supported.`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new WorkbookFormatError(`Part ${name} is not valid UTF-8.`);
  }
}

function normalizePart(part: string): string {
  return part.replace(/^\//, '');
}

// ---------------------------------------------------------------------------------------------
// Relationships

export const REL = {
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  threadedComment: 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment',
} as const;

export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The value of a start tag's relationship-id attribute (`r:id`, whatever the prefix), or null. */
export function relIdOf(tag: string): string | null {
  const name = /\s([\w.-]+:id)\s*=/.exec(tag);
  return name ? attr(tag, name[1]) : null;
}

export interface Relationship {
  id: string;
  type: string;
  /** Package path of the target (no leading '/'), or the raw target when external. */
  target: string;
  external: boolean;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function directoryOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

/** Resolves a relationship target against the folder of its source part. */
function resolveTarget(sourcePart: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : directoryOf(sourcePart) + target;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The relative target from `sourcePart`'s folder to `targetPart`. */
function relativeTarget(sourcePart: string, targetPart: string): string {
  const from = directoryOf(sourcePart).split('/').filter(Boolean);
  const to = targetPart.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return '../'.repeat(from.length - common) + to.slice(common).join('/');
}

export function readRelationships(pkg: OoxmlPackage, sourcePart: string): Relationship[] {
  const xml = pkg.readText(relsPathOf(sourcePart));
  if (xml === null) return [];
  return childElements(xml, rootElement(xml))
    .filter((el) => localName(el.qname) === 'Relationship')
    .map((el) => {
      const tag = startTag(xml, el);
      const external = attr(tag, 'TargetMode') === 'External';
      const target = attr(tag, 'Target') ?? '';
      return {
        id: attr(tag, 'Id') ?? '',
        type: attr(tag, 'Type') ?? '',
        target: external ? target : resolveTarget(sourcePart, target),
        external,
      };
    });
}

/** Adds a relationship from `sourcePart` to `targetPart` (creating the .rels part if needed); returns its id. */
export function addRelationship(pkg: OoxmlPackage, sourcePart: string, type: string, targetPart: string): string {
  const relsPath = relsPathOf(sourcePart);
  const xml = pkg.readText(relsPath) ?? NEW_RELS_PART;
  const root = rootElement(xml);
  const used = new Set(readRelationshipIds(xml));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const el = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(sourcePart, targetPart))}"/>`;
  pkg.write(relsPath, applyEdits(xml, [appendChildEdit(xml, root, el)]));
  return id;
}

function readRelationshipIds(xml: string): string[] {
  return childElements(xml, rootElement(xml)).map((el) => attr(startTag(xml, el), 'Id') ?? '');
}

const NEW_RELS_PART = `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

/** Removes relationship `id` of `sourcePart`; a .rels part addRelationship created is deleted when it is left empty. */
export function removeRelationship(pkg: OoxmlPackage, sourcePart: string, id: string): void {
  const relsPath = relsPathOf(sourcePart);
  const xml = pkg.readText(relsPath);
  if (xml === null) return;
  const rels = childElements(xml, rootElement(xml));
  const victim = rels.find((el) => attr(startTag(xml, el), 'Id') === id);
  if (!victim) return;
  const root = rootElement(xml);
  const reclosed = rels.length === 1 && victim.start === root.openEnd && victim.end === root.closeStart ? reclosedTag(startTag(xml, root)) : null;
  const left = reclosed !== null ? xml.slice(0, root.start) + reclosed + xml.slice(root.end) : xml.slice(0, victim.start) + xml.slice(victim.end);
  if (rels.length === 1 && left === NEW_RELS_PART) pkg.remove(relsPath);
  else pkg.write(relsPath, left);
}

// ---------------------------------------------------------------------------------------------
// Content types

const CONTENT_TYPES = '[Content_Types].xml';

export const CONTENT_TYPE = {
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vmlDrawing: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
} as const;

/** True if [Content_Types].xml has a Default for file extension `ext`. */
export function hasDefaultContentType(pkg: OoxmlPackage, ext: string): boolean {
  const xml = pkg.text(CONTENT_TYPES);
  return childElements(xml, rootElement(xml)).some(
    (el) => localName(el.qname) === 'Default' && attr(startTag(xml, el), 'Extension')?.toLowerCase() === ext,
  );
}

export function addOverride(pkg: OoxmlPackage, part: string, contentType: string): void {
  const xml = pkg.text(CONTENT_TYPES);
  const el = `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`;
  pkg.write(CONTENT_TYPES, applyEdits(xml, [appendChildEdit(xml, rootElement(xml), el)]));
}

/** Removes the Override of `part`, if any. */
export function removeOverride(pkg: OoxmlPackage, part: string): void {
  const xml = pkg.text(CONTENT_TYPES);
  const name = `/${part}`.toLowerCase();
  const el = childElements(xml, rootElement(xml)).find(
    (c) => localName(c.qname) === 'Override' && attr(startTag(xml, c), 'PartName')?.toLowerCase() === name,
  );
  if (el) pkg.write(CONTENT_TYPES, xml.slice(0, el.start) + xml.slice(el.end));
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

export interface WorkbookParts {
  workbook: string;
  /** Worksheet name → part path, in workbook order. */
  sheets: Map<string, string>;
  /** The styles part, or null when the workbook has none. */
  styles: string | null;
}


/** The workbook part: the target of the package's officeDocument relationship, else xl/workbook.xml. */
export function workbookPartOf(pkg: OoxmlPackage): string {
  return readRelationships(pkg, '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
}

/** A `<sheet>` of the workbook part, in workbook order. */
export interface WorkbookSheet {
  name: string;
  /** Its relationship, or null when its id leads nowhere (an Excel 4 macro or VBA module listed with `r:id=""`). */
  rel: Relationship | null;
}

/** The workbook's sheets (`xml`: the workbook part's text) with their relationships, and all the workbook's relationships. */
export function workbookSheets(pkg: OoxmlPackage, workbookPath: string, xml: string): { sheets: WorkbookSheet[]; rels: Relationship[] } {
  const rels = readRelationships(pkg, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheetsEl = findElement(xml, 'sheets');
  const sheets: WorkbookSheet[] = [];
  for (const el of sheetsEl ? childElements(xml, sheetsEl) : []) {
    const tag = startTag(xml, el);
    const name = attr(tag, 'name');
    if (name !== null) sheets.push({ name, rel: byId.get(relIdOf(tag) ?? '') ?? null });
  }
  return { sheets, rels };
}

/** Locates the workbook, its worksheets and its styles part; WorkbookFormatError if it is no xlsx. */
export function locateWorkbookParts(pkg: OoxmlPackage): WorkbookParts {
  if (!pkg.has(CONTENT_TYPES)) {
    throw new WorkbookFormatError('The zip archive is not an Office Open XML package (no [Content_Types].xml).');
  }
  const workbookPath = workbookPartOf(pkg);
  if (/\.bin$/i.test(workbookPath)) {
    throw new WorkbookFormatError('The file is a binary workbook (.xlsb); only .xlsx/.xlsm workbooks are supported.');
  }
  const xml = pkg.readText(workbookPath);
  if (xml === null) {
    throw new WorkbookFormatError(`The zip archive is not an Excel workbook (no ${workbookPath}).`);
  }
  if (xml.includes(STRICT_MAIN_NS)) {
    throw new WorkbookFormatError(
      '无法标注 Strict Open XML 工作簿：请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再标注；核分报告不受影响 ' +
        '(cannot annotate a Strict Open XML workbook: save it in Excel as "Excel Workbook (*.xlsx)", not "Strict Open XML Spreadsheet", and annotate that; the check report is complete)',
    );
  }
  const listed = workbookSheets(pkg, workbookPath, xml);
  const sheets = new Map<string, string>();
  for (const { name, rel } of listed.sheets) if (rel?.type === REL.worksheet) sheets.set(name, rel.target);
  const styles = listed.rels.find((r) => r.type === REL.styles && !r.external && pkg.has(r.target));
  return { workbook: workbookPath, sheets, styles: styles ? styles.target : null };
}
