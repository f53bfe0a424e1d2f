/**
 * Test helper: the structural rules whose violation makes Excel offer to repair a file, checked
 * on a whole package. Each check returns human-readable problems (empty = fine).
 */
import { attrOf, elements, section, sheetParts, unzipText } from './workbook-snapshot';

/** Well-formedness of one XML document (no DTDs; entities limited to the predefined ones). */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const checkText = (text: string, where: number): void => {
    const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)|</.exec(text);
    if (bad) problems.push(`bad character data '${text.slice(bad.index, bad.index + 12)}' at ${where}`);
  };
  let i = 0;
  while (i < xml.length && problems.length === 0) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    const text = xml.slice(i, textEnd);
    if (stack.length === 0 && text.trim() !== '' && !(i === 0 && text === '\uFEFF')) problems.push(`text outside the root at ${i}`);
    checkText(text, i);
    if (lt < 0) break;
    const skip = [
      ['<?', '?>'],
      ['<!--', '-->'],
      ['<![CDATA[', ']]>'],
    ].find(([open]) => xml.startsWith(open, lt));
    if (skip) {
      const end = xml.indexOf(skip[1], lt);
      if (end < 0) problems.push(`unterminated ${skip[0]} at ${lt}`);
      i = end + skip[1].length;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      problems.push(`declaration not allowed at ${lt}`);
      break;
    }
    const tag = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(xml.slice(lt, lt + 100000));
    if (!tag) {
      problems.push(`malformed tag at ${lt}: ${xml.slice(lt, lt + 40)}`);
      break;
    }
    const [whole, closing, name, attrs, selfClosing] = tag;
    if (closing) {
      if (stack.pop() !== name) problems.push(`unexpected </${name}> at ${lt}`);
    } else {
      const names = [...attrs.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)];
      const seen = new Set<string>();
      for (const [, attrName, dq, sq] of names) {
        if (seen.has(attrName)) problems.push(`duplicate attribute ${attrName} on <${name}> at ${lt}`);
        seen.add(attrName);
        checkText(dq ?? sq, lt);
      }
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) problems.push(`unclosed <${stack[stack.length - 1]}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** CT_Worksheet child order (ECMA-376 Part 1 §18.3.1.99). */
const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts',
  'extLst',
];

function worksheetChildren(xml: string): string[] {
  const body = section(xml, 'worksheet');
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return names;
}

function resolve(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(files: Map<string, string>, part: string): Array<{ id: string; type: string; target: string }> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  return elements(files.get(relsPath) ?? '', 'Relationship')
    .filter((r) => attrOf(r, 'TargetMode') !== 'External')
    .map((r) => ({
      id: attrOf(r, 'Id') ?? '',
      type: (attrOf(r, 'Type') ?? '').replace(/.*\//, ''),
      target: resolve(part, attrOf(r, 'Target') ?? ''),
    }));
}

/** Problems that would make Excel repair the package. */
export function packageProblems(bytes: Uint8Array): string[] {
  const files = unzipText(bytes);
  const problems: string[] = [];
  const parts = [...files.keys()].filter((p) => !p.endsWith('/'));

  for (const p of parts.filter((x) => /\.(xml|rels|vml)$/i.test(x))) {
    for (const problem of xmlProblems(files.get(p) ?? '')) problems.push(`${p}: ${problem}`);
  }

  const types = files.get('[Content_Types].xml') ?? '';
  const defaults = new Set(elements(types, 'Default').map((d) => (attrOf(d, 'Extension') ?? '').toLowerCase()));
  const overrides = elements(types, 'Override').map((o) => (attrOf(o, 'PartName') ?? '').slice(1).toLowerCase());
  for (const o of overrides) if (!parts.some((p) => p.toLowerCase() === o)) problems.push(`Override for missing part /${o}`);
  if (new Set(overrides).size !== overrides.length) problems.push('duplicate Override');
  for (const p of parts) {
    const ext = p.slice(p.lastIndexOf('.') + 1).toLowerCase();
    if (p !== '[Content_Types].xml' && !defaults.has(ext) && !overrides.includes(p.toLowerCase())) problems.push(`no content type for ${p}`);
  }

  // Every part reachable through relationships, every relationship target present.
  const reached = new Set<string>();
  const queue = [''];
  while (queue.length > 0) {
    const part = queue.shift() as string;
    const rels = relsOf(files, part);
    if (new Set(rels.map((r) => r.id)).size !== rels.length) problems.push(`duplicate relationship id in rels of ${part}`);
    for (const r of rels) {
      if (!files.has(r.target)) problems.push(`${part || 'package'} → ${r.target}: missing target`);
      else if (!reached.has(r.target)) {
        reached.add(r.target);
        queue.push(r.target);
      }
    }
  }
  for (const p of parts) {
    if (p !== '[Content_Types].xml' && !p.endsWith('.rels') && !reached.has(p)) problems.push(`unreferenced part ${p}`);
  }

  problems.push(...stylesProblems(files.get('xl/styles.xml') ?? ''));
  problems.push(...notesProblems(files));
  return problems;
}

function countProblem(xml: string, list: string, item: string): string[] {
  const count = new RegExp(`<${list}\\s[^>]*count="(\\d+)"`).exec(xml)?.[1];
  const actual = elements(section(xml, list), item).length;
  return count !== undefined && Number(count) !== actual ? [`styles: ${list} count=${count} but ${actual} entries`] : [];
}

function stylesProblems(styles: string): string[] {
  const fills = elements(section(styles, 'fills'), 'fill').length;
  const xfs = elements(section(styles, 'cellXfs'), 'xf');
  return [
    ...countProblem(styles, 'fills', 'fill'),
    ...countProblem(styles, 'cellXfs', 'xf'),
    ...xfs.filter((xf) => Number(attrOf(xf, 'fillId') ?? '0') >= fills).map((xf) => `styles: ${xf} uses a missing fill`),
  ];
}

/** Comments/VML consistency, shape-id blocks, legacyDrawing placement, cell styles in range. */
function notesProblems(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const xfCount = elements(section(files.get('xl/styles.xml') ?? '', 'cellXfs'), 'xf').length;
  const blocks = new Map<number, string>();
  const shapeIds = new Map<string, string>();
  for (const [p, vml] of files) {
    if (!p.endsWith('.vml')) continue;
    const own = (/<o:idmap[^>]*data="([^"]*)"/.exec(vml)?.[1] ?? '').split(',').filter(Boolean).map(Number);
    for (const b of own) {
      if (blocks.has(b)) problems.push(`VML id block ${b} reserved by ${blocks.get(b)} and ${p}`);
      blocks.set(b, p);
    }
    for (const [, id] of vml.matchAll(/<v:shape\s[^>]*?\bid="_x0000_s(\d+)"/g)) {
      if (shapeIds.has(id)) problems.push(`shape id ${id} in ${shapeIds.get(id)} and ${p}`);
      shapeIds.set(id, p);
      if (!own.includes(Math.floor(Number(id) / 1024))) problems.push(`${p}: shape ${id} outside its id blocks ${own}`);
    }
  }
  for (const [name, part] of sheetParts(files)) {
    const xml = files.get(part) ?? '';
    const order = worksheetChildren(xml)
      .map((c) => c.replace(/^\w+:/, ''))
      .filter((c) => c !== 'AlternateContent')
      .map((c) => WORKSHEET_ORDER.indexOf(c));
    if (order.some((o, i) => o < 0 || (i > 0 && o < order[i - 1]))) problems.push(`${name}: worksheet children out of schema order`);
    for (const c of xml.match(/<c\s[^>]*>/g) ?? []) {
      if (Number(attrOf(c, 's') ?? '0') >= xfCount) problems.push(`${name}: ${c} uses a missing cell format`);
    }
    const rels = relsOf(files, part);
    const comments = rels.find((r) => r.type === 'comments');
    if (!comments) continue;
    const legacyId = /<legacyDrawing\s[^>]*r:id="([^"]*)"/.exec(xml)?.[1];
    const vml = files.get(rels.find((r) => r.id === legacyId)?.target ?? '');
    if (vml === undefined) {
      problems.push(`${name}: comments without a legacyDrawing VML`);
      continue;
    }
    const cxml = files.get(comments.target) ?? '';
    const authors = elements(section(cxml, 'authors'), 'author').length;
    const refs = elements(cxml, 'comment').map((c) => {
      if (Number(attrOf(c, 'authorId')) >= authors) problems.push(`${name}: ${attrOf(c, 'ref')} has a missing author`);
      return attrOf(c, 'ref') ?? '';
    });
    if (new Set(refs).size !== refs.length) problems.push(`${name}: two comments on one cell`);
    const boxes = new Set(
      elements(vml, 'v:shape')
        .filter((s) => s.includes('ObjectType="Note"'))
        .map((s) => `${/<x:Row>(\d+)/.exec(s)?.[1]},${/<x:Column>(\d+)/.exec(s)?.[1]}`),
    );
    for (const ref of refs) {
      const m = /^([A-Z]+)(\d+)$/.exec(ref);
      const col = [...(m?.[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      if (!boxes.has(`${Number(m?.[2]) - 1},${col - 1}`)) problems.push(`${name}: note ${ref} has no VML box`);
    }
    if (boxes.size !== refs.length) problems.push(`${name}: ${boxes.size} note boxes for ${refs.length} notes`);
  }
  return problems;
}
