/**
 * Requirement sets, checked mechanically (see requirement-sets.ts): every Office.js member the
 * add-in's code reaches is listed with its set, and none above the manifest's minimum is reached
 * without a capability check on its path. The list is written to
 * test-artifacts/requirement-sets.txt. The last tests break the real adapter on purpose.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ts from 'typescript';
import { REQUIREMENT } from '../../src/office/excel-adapter';
import { ROOT, addinFiles, analyze, compareVersions, createProgram, minimumFromManifest, type ApiUse } from './requirement-sets';

const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const ADAPTER = path.join(ROOT, 'src/office/excel-adapter.ts');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const files = addinFiles();
let program: ts.Program;
let uses: ApiUse[];
let violations: ApiUse[];

const describeUse = (u: ApiUse) => `${u.file}:${u.line} ${u.member} [${u.set}]${u.checked ? ` checked ≥ ${u.checked}` : ''}`;

beforeAll(() => {
  program = createProgram(files);
  ({ uses, violations } = analyze(program, files, minimumFromManifest(MANIFEST)));
});

/** The analysis of the add-in with the adapter's source edited by `edit`. */
function withAdapter(edit: (source: string) => string, minimum = minimumFromManifest(MANIFEST)) {
  const source = fs.readFileSync(ADAPTER, 'utf8');
  const edited = edit(source);
  expect(edited).not.toBe(source);
  return analyze(createProgram(files, { [ADAPTER]: edited }, program), files, minimum);
}

test('the manifest asks for ExcelApi 1.7 (Office 2019)', () => {
  expect(minimumFromManifest(MANIFEST)).toBe('1.7');
});

test('no Office.js member above the manifest minimum is reached without a capability check', () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const sorted = [...uses].sort((a, b) => compareVersions(b.version ?? '0', a.version ?? '0') || a.member.localeCompare(b.member));
  fs.writeFileSync(path.join(ARTIFACTS, 'requirement-sets.txt'), sorted.map(describeUse).join('\n') + '\n');
  const highest = sorted.filter((u) => u.version && compareVersions(u.version, '1.7') > 0).map(describeUse);
  console.log(`${uses.length} Office.js member uses in ${files.length} files; above ExcelApi 1.7:\n${highest.join('\n')}`);
  expect(violations.map(describeUse)).toEqual([]);
});

test('the list sees the newer APIs the add-in uses, each behind its check', () => {
  const checkedAt = (member: string) => [...new Set(uses.filter((u) => u.member === member).map((u) => `${u.version}/${u.checked}`))];
  expect(checkedAt('Excel.RunOptions.mergeUndoGroup')).toEqual(['1.20/1.20']);
  expect(checkedAt('Excel.NoteCollection.add')).toEqual(['1.18/1.18']);
  expect(checkedAt('Excel.WorksheetChangedEventArgs.triggerSource')).toEqual(['1.14/1.14']);
  // load('items/customOrNullObject/rule/formula'): each segment of a load path is a use.
  expect(uses.some((u) => u.member === 'Excel.ConditionalFormat.customOrNullObject' && u.version === '1.6')).toBe(true);
  // The capability check itself is common API, in no ExcelApi set.
  expect(uses.some((u) => u.member === 'Office.RequirementSetSupport.isSetSupported' && u.set === null)).toBe(true);
});

test("the adapter's REQUIREMENT versions are the ones HostCapabilities documents", () => {
  const types = fs.readFileSync(path.join(ROOT, 'src/office/types.ts'), 'utf8');
  const documented = Object.fromEntries([...types.matchAll(/\[Api set: ExcelApi ([\d.]+)\] \*\/\n\s+(\w+): boolean;/g)].map((m) => [m[2], m[1]]));
  expect(documented).toEqual(REQUIREMENT);
});

describe('the test of the test: deliberate uses above the minimum in the real adapter', () => {
  /** Each edit removes or weakens one check, or adds one unchecked call; all in one program (typing office-js is slow). */
  const EDITS: [string, string][] = [
    ['if (!withNotes) continue;', ''],
    ['this.capabilities().undoGroups ? this.run({ mergeUndoGroup: true }, body)', 'true ? this.run({ mergeUndoGroup: true }, body)'],
    ['this.capabilities().eventSources && event.triggerSource', "this.isSetSupported('ExcelApi', '1.13') && event.triggerSource"],
    ['ws.activate();\n      ws.getRange(cell).select();', "ws.activate();\n      ws.showGridlines = false;\n      ws.load('showGridlines');\n      ws.getRange(cell).select();"],
  ];

  test('each edit is found, and nothing else', () => {
    const { violations: found } = withAdapter((s) => EDITS.reduce((text, [from, to]) => text.replace(from, to), s));
    const lines = found.map((u) => `${u.member} ${u.version}${u.checked ? ` checked ${u.checked}` : ''}`);
    expect(lines.filter((l) => l.includes('Excel.NoteCollection.add'))).toEqual(['Excel.NoteCollection.add 1.18 checked 1.6']);
    expect(lines.filter((l) => l.includes('mergeUndoGroup'))).toEqual(['Excel.RunOptions.mergeUndoGroup 1.20']);
    expect(lines.filter((l) => l.includes('triggerSource'))).toEqual(['Excel.WorksheetChangedEventArgs.triggerSource 1.14 checked 1.13']);
    expect(lines.filter((l) => l.includes('showGridlines'))).toEqual(['Excel.Worksheet.showGridlines 1.8', 'Excel.Worksheet.showGridlines 1.8']);
    expect(new Set(found.map((u) => u.member))).toEqual(
      new Set(['Excel.NoteCollection.add', 'Excel.Worksheet.notes', 'Excel.Note.content', 'Excel.NoteCollection.getItem', 'Excel.RunOptions.mergeUndoGroup', 'Excel.WorksheetChangedEventArgs.triggerSource', 'Excel.Worksheet.showGridlines']),
    );
  });

  test('the same call behind its check passes', () => {
    const { violations: found } = withAdapter((s) =>
      s.replace('ws.activate();\n      ws.getRange(cell).select();', "ws.activate();\n      if (this.isSetSupported('ExcelApi', '1.8')) ws.showGridlines = false;\n      ws.getRange(cell).select();"),
    );
    expect(found).toEqual([]);
  });

  test('with a lower manifest minimum (1.4), the conditional formats and events reached outside their checks fail', () => {
    const found = analyze(program, files, '1.4').violations;
    expect(new Set(found.map((u) => u.version))).toEqual(new Set(['1.6', '1.7']));
    expect(found.some((u) => u.member === 'Excel.ConditionalFormat.delete')).toBe(true);
  });
});
