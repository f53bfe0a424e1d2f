/**
 * Mark fills in xl/styles.xml: appending one solid fill per severity and one cell format (xf)
 * per (original format, severity), and removing them again.
 */
import { SEVERITY_FILL } from '../engine/marks';
import type { Severity } from '../engine/report';
import {
  type Edit,
  type XmlElement,
  adjustCount,
  applyEdits,
  attr,
  childElements,
  findElement,
  prefixOf,
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

/** Edits removing the trailing `count` children of `list` and lowering its count attribute. */
function dropTrailing(xml: string, list: XmlElement, items: readonly XmlElement[], count: number): Edit[] {
  if (count === 0) return [];
  const tag = startTag(xml, list);
  return [
    { start: list.start, end: list.openEnd, text: adjustCount(tag, -count) },
    { start: items[items.length - count].start, end: items[items.length - 1].end, text: '' },
  ];
}

/** Collects the fills and formats marks need, then writes them into styles.xml in one go. */
export class MarkStyles {
  private readonly lists: StyleLists;
  private readonly prefix: string;
  private readonly addedFills: string[] = [];
  private readonly fillIds = new Map<Severity, number>();
  private readonly addedXfs: string[] = [];
  private readonly xfIds = new Map<string, number>();

  constructor(private readonly xml: string) {
    const lists = styleLists(xml);
    if (!lists || lists.fills.selfClosing || lists.cellXfs.selfClosing) {
      throw new Error('styles.xml has no <fills> or <cellXfs> entries; cannot add mark fills');
    }
    this.lists = lists;
    this.prefix = prefixOf(lists.fills.qname);
  }

  /** The index of a cell format equal to `baseXf` but with the severity's solid fill. */
  xfFor(baseXf: number, severity: Severity): number {
    const key = `${baseXf}:${severity}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const base = this.lists.xfItems[baseXf];
    if (!base) {
      throw new Error(`a cell refers to cell format ${baseXf}, but styles.xml has only ${this.lists.xfItems.length}`);
    }
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

  return applyEdits(xml, [
    ...dropTrailing(xml, cellXfs, xfItems, xfItems.length - keptXfs),
    ...dropTrailing(xml, fills, fillItems, fillItems.length - keptFills),
  ]);
}
