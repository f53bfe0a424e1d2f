/**
 * The 200 real workbooks of ../shared/corpus (Excel, WPS, LibreOffice, Google Sheets, Numbers,
 * libraries …): every file is checked, annotated on chosen cells of every sheet (A1, a user's
 * note, a threaded comment, inside a merge, a conditional format, an empty cell below the used
 * range), opened by LibreOffice with the same values, and cleared back to every part byte for byte.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { unzipSync } from 'fflate';
import { checkWorkbook } from '../../src/engine';
import type { Mark } from '../../src/engine/marks';
import type { Severity } from '../../src/engine/report';
import { WorkbookFormatError, annotate, clearWorkbook } from '../../src/xlsx/annotate';
import { OoxmlPackage, REL, locateWorkbookParts, readRelationships } from '../../src/xlsx/ooxml-package';
import { readWorkbookContent, UnreadableWorkbookError } from '../../src/xlsx/read';
import { convert } from '../xlsx/libreoffice';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const FILES = readdirSync(CORPUS).filter((f) => /\.xls[xm]$/i.test(f)).sort();
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function isOneLine(message: string): boolean {
  return message.length > 0 && !/[\r\n]/.test(message) && !/\bat .+:\d+:\d+/.test(message);
}

/** The cells to mark on one worksheet, found in its XML and its notes parts. */
function chosenCells(pkg: OoxmlPackage, sheetPath: string): string[] {
  const xml = pkg.text(sheetPath);
  const rels = readRelationships(pkg, sheetPath);
  const refsIn = (type: string, pattern: RegExp): string[] =>
    rels.filter((r) => r.type === type && !r.external && pkg.has(r.target)).flatMap((r) => [...pkg.text(r.target).matchAll(pattern)].map((m) => m[1]));
  const note = refsIn(REL.comments, /<(?:\w+:)?comment\b[^>]*\sref="([A-Z]+\d+)"/g)[0];
  const threaded = refsIn(REL.threadedComment, /<(?:\w+:)?threadedComment\b[^>]*\sref="([A-Z]+\d+)"/g)[0];
  const merge = /<(?:\w+:)?mergeCell\b[^>]*\sref="[A-Z]+\d+:([A-Z]+\d+)"/.exec(xml)?.[1];
  const cf = /<(?:\w+:)?conditionalFormatting\b[^>]*\ssqref="([A-Z]+\d+)/.exec(xml)?.[1];
  const rows = [...xml.matchAll(/<(?:\w+:)?row\b[^>]*?\sr="(\d+)"/g)].map((m) => Number(m[1]));
  const below = `B${Math.min(1048576, Math.max(0, ...rows) + 2)}`;
  return [...new Set(['A1', note, threaded, merge, cf, below].filter((c): c is string => c !== undefined))];
}

function entries(bytes: Uint8Array): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, Buffer.from(v)]));
}

function changed(a: Uint8Array, b: Uint8Array): string[] {
  const x = entries(a);
  const y = entries(b);
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => !x.has(k) || !y.has(k) || !(x.get(k) as Buffer).equals(y.get(k) as Buffer));
}

interface Outcome {
  file: string;
  unreadable?: string;
  refused?: string;
  marks: number;
  annotated?: Uint8Array;
}

const outcomes: Outcome[] = [];

/**
 * True if a sheet or its notes reach the last rows or columns (a note on XFD1048576): LibreOffice
 * then spends minutes saving the sheet, so such files are left out of its comparison only.
 */
function farCells(file: string): boolean {
  const parts = unzipSync(new Uint8Array(readFileSync(path.join(CORPUS, file))), { filter: (f) => /(worksheets\/[^/]+|comments\d*)\.xml$/i.test(f.name) });
  return Object.values(parts).some((b) =>
    [...Buffer.from(b).toString('latin1').matchAll(/\sref="([A-Z]{1,3})(\d+)/g)].some(([, col, row]) => Number(row) > 1_000_000 || col.length === 3 && col >= 'XAA'),
  );
}

/** True if a sheet of the file has a formula with a volatile function (values differ on each recalculation). */
function volatileFormulas(file: string): boolean {
  const parts = unzipSync(new Uint8Array(readFileSync(path.join(CORPUS, file))), { filter: (f) => /worksheets\/[^/]+\.xml$/i.test(f.name) });
  return Object.values(parts).some((b) => /<(?:\w+:)?f\b[^>]*>[^<]*\b(?:RAND|RANDBETWEEN|NOW|TODAY)\(/i.test(Buffer.from(b).toString('utf8')));
}

describe.each(FILES)('%s', (file) => {
  const bytes = new Uint8Array(readFileSync(path.join(CORPUS, file)));
  const outcome: Outcome = { file, marks: 0 };
  outcomes.push(outcome);

  test('check gives a report or one clear line', () => {
    try {
      const content = readWorkbookContent(bytes);
      const report = checkWorkbook(content.sheets);
      expect(report.tables).toBeInstanceOf(Array);
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableWorkbookError);
      outcome.unreadable = (e as Error).message;
      expect(isOneLine(outcome.unreadable)).toBe(true);
    }
  });

  test('annotating marks every sheet; only the marked sheets, their rels, styles, content types and notes parts change; clear gives back every part', () => {
    if (outcome.unreadable) return;
    const pkg = OoxmlPackage.open(bytes);
    let parts: ReturnType<typeof locateWorkbookParts>;
    try {
      parts = locateWorkbookParts(pkg);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookFormatError);
      outcome.refused = (e as Error).message;
      expect(isOneLine(outcome.refused)).toBe(true);
      return;
    }
    const marks: Mark[] = [...parts.sheets].flatMap(([sheet, sheetPath], i) =>
      pkg.has(sheetPath) ? chosenCells(pkg, sheetPath).map((cell, j) => ({ sheet, cell, severity: SEVERITIES[(i + j) % 3], note: `核分 ${sheet}!${cell}` })) : [],
    );
    let result: ReturnType<typeof annotate>;
    try {
      result = annotate(bytes, marks);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookFormatError);
      outcome.refused = (e as Error).message;
      expect(isOneLine(outcome.refused)).toBe(true);
      return;
    }
    outcome.marks = marks.length;
    outcome.annotated = result.bytes;
    // Part names are case-insensitive (OPC): Sheet1.xml's relationships may be in sheet1.xml.rels.
    const markedSheets = new Set(marks.map((m) => (parts.sheets.get(m.sheet) as string).toLowerCase()));
    const allowed = (name: string): boolean => {
      const part = name.toLowerCase();
      return (
        part === '[content_types].xml' ||
        part === (parts.styles ?? 'xl/styles.xml').toLowerCase() ||
        (parts.styles === null && part === 'xl/_rels/workbook.xml.rels') ||
        markedSheets.has(part) ||
        [...markedSheets].some((p) => part === p.replace(/([^/]+)$/, '_rels/$1.rels')) ||
        /comments\d*\.xml$|\.vml$/.test(part)
      );
    };
    expect(changed(bytes, result.bytes).filter((p) => !allowed(p))).toEqual([]);
    const { bytes: cleared, removed } = clearWorkbook(result.bytes);
    // A mark inside a merged area goes to its top-left cell, which may be A1: at most one removal per mark.
    expect(removed).toBeGreaterThan(0);
    expect(removed).toBeLessThanOrEqual(marks.length);
    expect([...entries(cleared).keys()]).toEqual([...entries(bytes).keys()]);
    expect(changed(bytes, cleared)).toEqual([]);
  });
});

describe('the corpus as a whole', () => {
  test('nearly every file is read and annotated; each refusal is one line saying why', () => {
    const unreadable = outcomes.filter((o) => o.unreadable);
    const refused = outcomes.filter((o) => o.refused);
    expect(outcomes).toHaveLength(FILES.length);
    expect(FILES.length).toBe(200);
    // The deliberately odd files: a workbook with no worksheets, an XML bomb; Strict Open XML
    // and a workbook whose cells point past its styles are refused for annotation.
    expect(unreadable.length).toBeLessThanOrEqual(3);
    expect(refused.every((o) => /Strict Open XML|cell format/.test(o.refused as string))).toBe(true);
    expect(outcomes.filter((o) => o.annotated).length).toBeGreaterThanOrEqual(190);
  });

  describe('LibreOffice opens every annotated copy with the same values', () => {
    // LibreOffice re-saves both versions as .xlsx in one batch (CSV would spell out every empty
    // cell up to XFD1048576: 17 GB for one corpus file); the values it kept are then compared.
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'corpus-lo-'));
      const names: string[] = [];
      outcomes.forEach((o, i) => {
        if (!o.annotated || farCells(o.file)) return;
        writeFileSync(path.join(dir, `o${i}.xlsx`), readFileSync(path.join(CORPUS, o.file)));
        writeFileSync(path.join(dir, `a${i}.xlsx`), o.annotated);
        names.push(`o${i}.xlsx`, `a${i}.xlsx`);
      });
      // A few soffice calls of many files each: one call for all 400 stopped part-way on this machine.
      for (let i = 0; i < names.length; i += 80) {
        convert(names.slice(i, i + 80).map((n) => path.join(dir, n)), path.join(dir, 'lo'), 'xlsx', 600_000);
      }
    }, 900_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('same sheets, same values', () => {
      const values = (name: string): string | null => {
        const file = path.join(dir, 'lo', name);
        if (!existsSync(file)) return null;
        try {
          return JSON.stringify(readWorkbookContent(new Uint8Array(readFileSync(file))).sheets.map((s) => [s.name, s.cells.map((r) => r?.map((c) => c?.value))]));
        } catch (e) {
          return (e as Error).message;
        }
      };
      const differing: string[] = [];
      const notOpened: string[] = [];
      outcomes.forEach((o, i) => {
        // LibreOffice recalculates on loading: RAND(), NOW() … give other values in every conversion.
        if (!o.annotated || volatileFormulas(o.file) || farCells(o.file)) return;
        const before = values(`o${i}.xlsx`);
        const after = values(`a${i}.xlsx`);
        if (after === null) notOpened.push(o.file);
        else if (before !== after) differing.push(o.file);
      });
      expect(notOpened).toEqual([]);
      expect(differing).toEqual([]);
    });
  });
});
