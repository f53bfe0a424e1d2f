/**
 * Mark fills in xl/styles.xml: appending one solid fill per severity and one cell format (xf)
 * per (original format, severity), and removing them again.
 */
import { SEVERITY_FILL } from '../engine/marks';
import type { Severity } from '../engine/report';
import {
  type Edit,
  type XmlElement,
  MAIN_NS,
  XML_DECLARATION,
  adjustCount,
  appendChildEdit,
  applyEdits,
  attr,
  childElements,
  findElement,
  localName,
  prefixOf,
  rootElement,
  setAttr,
  startTag,
} from './ooxml-xml';


const SEVERITIES = Object.keys(SEVERITY_FILL) as Severity[];

/**
 * The fill appended for a severity. Its bgColor repeats the colour, which Excel's own solid fills
 * never do (they write `indexed="64"`), so the exact element text identifies our fills.
 */
function markFillXml(severity: Severity, prefix: string): string {
  const rgb = `FF${SEVERITY_FILL[severity]}`;
  const p = prefix;
  return `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb}"/><${p}bgColor rgb="${rgb}"/></${p}patternFill></${p}fill>`;
}

interface StyleLists {
  fills: XmlElement;
  fillItems: XmlElement[];
  cellXfs: XmlElement;
  xfItems: XmlElement[];
}

function styleLists(xml: string): StyleLists | null {
  const fills = findElement(xml, 'fills');
  const cellXfs = findElement(xml, 'cellXfs');
  if (!fills || !cellXfs) return null;
  return { fills, fillItems: childElements(xml, fills), cellXfs, xfItems: childElements(xml, cellXfs) };
}

function fillIdOf(xml: string, xf: XmlElement): number {
  return Number(attr(startTag(xml, xf), 'fillId') ?? '0');
}

/**
 * The built-in number formats (ECMA-376 Part 1, §18.8.30) as SheetJS spells them, which the
 * reader gave the engine before it read .xlsx cells itself; the ids not listed (locale-dependent
 * currency and East Asian date formats) have no fixed code and read as no format.
 */
const BUILTIN_NUMBER_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'm/d/yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@', 56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** The number format code of each cell format (`<cellXfs>` entry) of a styles part, by index; undefined: none known. */
export function cellNumberFormats(xml: string): Array<string | undefined> {
  const custom = new Map<number, string>();
  const numFmts = findElement(xml, 'numFmts');
  for (const el of numFmts ? childElements(xml, numFmts) : []) {
    const tag = startTag(xml, el);
    const id = Number(attr(tag, 'numFmtId'));
    const code = attr(tag, 'formatCode');
    if (id > 0 && code !== null) custom.set(id, code);
  }
  const cellXfs = findElement(xml, 'cellXfs');
  return (cellXfs ? childElements(xml, cellXfs) : []).map((xf) => {
    const id = Number(attr(startTag(xml, xf), 'numFmtId') ?? '0');
    return custom.get(id) ?? BUILTIN_NUMBER_FORMATS[id];
  });
}

/** Edits removing the trailing `count` children of `list` and lowering its count attribute. */
function dropTrailing(xml: string, list: XmlElement, items: readonly XmlElement[], count: number): Edit[] {
  if (count === 0) return [];
  const tag = startTag(xml, list);
  return [
    { start: list.start, end: list.openEnd, text: adjustCount(tag, -count) },
    { start: items[items.length - count].start, end: items[items.length - 1].end, text: '' },
  ];
}

/**
 * A styles part for a workbook written without one (some libraries do): the defaults Excel
 * assumes, spelt so that no program's own part is equal to it (a "none" fill with colours, an
 * xf with only apply flags off), which lets clearing recognise and delete it.
 */
export const NEW_STYLES_PART =
  `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `${createdList('fills', '')}<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf/></cellStyleXfs>${createdList('cellXfs', '')}</styleSheet>`;

/** True if a styles part is NEW_STYLES_PART once the mark entries are removed from it. */
export function isCreatedStylesPart(xml: string): boolean {
  return xml === withoutCreatedLists(NEW_STYLES_PART);
}

/** The list element created where a styles part lacks it (with the entries Excel reserves or defaults). */
function createdList(name: 'fills' | 'cellXfs', prefix: string): string {
  const p = prefix;
  return name === 'fills'
    ? `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"><${p}fgColor rgb="00FFFFFF"/><${p}bgColor rgb="00FFFFFF"/></${p}patternFill></${p}fill>` +
        `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>`
    : `<${p}cellXfs count="1"><${p}xf numFmtId="0" applyNumberFormat="0" applyFill="0"/></${p}cellXfs>`;
}

/** CT_Stylesheet children that come after each list (ECMA-376 Part 1, §18.8.39). */
const AFTER: Record<'fills' | 'cellXfs', string[]> = {
  fills: ['borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'],
  cellXfs: ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'],
};

/** The styles part with a created `<fills>` and `<cellXfs>` where it has none, at their schema positions. */
function withLists(xml: string): string {
  let out = xml;
  for (const name of ['fills', 'cellXfs'] as const) {
    if (findElement(out, name)) continue;
    const root = rootElement(out);
    const before = childElements(out, root).find((el) => AFTER[name].includes(localName(el.qname)));
    const at = before ? before.start : root.closeStart;
    const text = createdList(name, prefixOf(root.qname));
    out = root.selfClosing ? applyEdits(out, [appendChildEdit(out, root, text)]) : applyEdits(out, [{ start: at, end: at, text }]);
  }
  return out;
}

/** Removes lists withLists created, once the mark entries are gone from them. */
function withoutCreatedLists(xml: string): string {
  let out = xml;
  for (const name of ['cellXfs', 'fills'] as const) {
    const el = findElement(out, name);
    if (el && out.slice(el.start, el.end) === createdList(name, prefixOf(el.qname))) out = out.slice(0, el.start) + out.slice(el.end);
  }
  return out;
}

/** Collects the fills and formats marks need, then writes them into styles.xml in one go. */
export class MarkStyles {
  private readonly lists: StyleLists;
  private readonly prefix: string;
  private readonly addedFills: string[] = [];
  private readonly fillIds = new Map<Severity, number>();
  private readonly addedXfs: string[] = [];
  private readonly xfIds = new Map<string, number>();

  private readonly xml: string;

  /** `xml`: the styles part; fills and cell formats missing from it are created (see withLists). */
  constructor(xml: string) {
    this.xml = withLists(xml);
    const lists = styleLists(this.xml);
    if (!lists || lists.fills.selfClosing || lists.cellXfs.selfClosing) {
      throw new Error('styles.xml has empty <fills/> or <cellXfs/> lists; cannot add mark fills');
    }
    this.lists = lists;
    this.prefix = prefixOf(lists.fills.qname);
  }

  /** The number of cell formats before any mark format is added. */
  get formatCount(): number {
    return this.lists.xfItems.length;
  }

  /** The index of a cell format equal to `baseXf` but with the severity's solid fill. */
  xfFor(baseXf: number, severity: Severity): number {
    const key = `${baseXf}:${severity}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    // A format index past the list shows as the default format (Excel, LibreOffice): start from that.
    const base = this.lists.xfItems[baseXf] ?? this.lists.xfItems[0];
    const tag = setAttr(setAttr(startTag(this.xml, base), 'fillId', String(this.fillFor(severity))), 'applyFill', '1');
    const id = this.lists.xfItems.length + this.addedXfs.length;
    this.addedXfs.push(tag + this.xml.slice(base.openEnd, base.end));
    this.xfIds.set(key, id);
    return id;
  }

  toXml(): string {
    const { fills, cellXfs } = this.lists;
    const edits: Edit[] = [];
    for (const [list, added] of [
      [fills, this.addedFills],
      [cellXfs, this.addedXfs],
    ] as const) {
      if (added.length === 0) continue;
      edits.push(
        { start: list.start, end: list.openEnd, text: adjustCount(startTag(this.xml, list), added.length) },
        { start: list.closeStart, end: list.closeStart, text: added.join('') },
      );
    }
    return applyEdits(this.xml, edits);
  }

  private fillFor(severity: Severity): number {
    let id = this.fillIds.get(severity);
    if (id === undefined) {
      id = this.lists.fillItems.length + this.addedFills.length;
      this.addedFills.push(markFillXml(severity, this.prefix));
      this.fillIds.set(severity, id);
    }
    return id;
  }
}

/**
 * A test whether two cell formats are the same but for their fill (fillId, applyFill): only then
 * is putting back a recorded format safe. Programs that renumber the formats on saving (e.g.
 * LibreOffice) make the recorded index point elsewhere, and then the test fails.
 */
export function sameButFill(xml: string): (a: number, b: number) => boolean {
  const xfs = styleLists(xml)?.xfItems ?? [];
  const signature = (i: number): string | null => {
    const xf = xfs[i];
    if (!xf) return null;
    const attrs = [...startTag(xml, xf).matchAll(/\s([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g)]
      .filter((m) => m[1] !== 'fillId' && m[1] !== 'applyFill')
      .map((m) => `${m[1]}=${m[2].slice(1, -1)}`)
      .sort();
    return `${attrs.join(' ')}>${xml.slice(xf.openEnd, xf.closeStart)}`;
  };
  return (a, b) => {
    const x = signature(a);
    return x !== null && x === signature(b);
  };
}

/**
 * Removes mark formats and fills from the end of their lists: trailing xfs that use a mark fill
 * and whose index is above `maxUsedXf` (the highest format any cell, row or column still uses),
 * then trailing mark fills no remaining format uses. Anything not at the end is left in place
 * (unused, harmless) rather than renumbering the workbook's styles.
 */
export function removeMarkStyles(xml: string, maxUsedXf: number): string {
  const lists = styleLists(xml);
  if (!lists) return xml;
  const { fills, fillItems, cellXfs, xfItems } = lists;
  const markFills = new Set(SEVERITIES.map((s) => markFillXml(s, prefixOf(fills.qname))));
  const isMarkFill = (id: number): boolean =>
    id < fillItems.length && markFills.has(xml.slice(fillItems[id].start, fillItems[id].end));

  let keptXfs = xfItems.length;
  while (keptXfs - 1 > maxUsedXf && isMarkFill(fillIdOf(xml, xfItems[keptXfs - 1]))) keptXfs--;

  const cellStyleXfs = findElement(xml, 'cellStyleXfs');
  const usedFills = new Set(
    [...xfItems.slice(0, keptXfs), ...(cellStyleXfs ? childElements(xml, cellStyleXfs) : [])].map((xf) => fillIdOf(xml, xf)),
  );
  let keptFills = fillItems.length;
  while (keptFills > 0 && isMarkFill(keptFills - 1) && !usedFills.has(keptFills - 1)) keptFills--;

  return withoutCreatedLists(
    applyEdits(xml, [
      ...dropTrailing(xml, cellXfs, xfItems, xfItems.length - keptXfs),
      ...dropTrailing(xml, fills, fillItems, fillItems.length - keptFills),
    ]),
  );
}
