/**
 * Bad and hostile input: each limit with its message, DOCTYPE refused, .xls read like the .xlsx,
 * and a deterministic fuzz over the corpus's bytes (truncation, flipped bytes, shuffled zip
 * entries) run in-process: no crash, no hang, one clear line each, no file written when refused.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { run, type Io } from '../../src/cli/main';
import { checkWorkbook } from '../../src/engine';
import type { RunReport } from '../../src/engine/report';
import { annotateWorkbook } from '../../src/xlsx/annotate';
import { readWorkbookContent, UnreadableWorkbookError } from '../../src/xlsx/read';
import { LIMITS } from '../../src/xlsx/zip';
import { convert } from './libreoffice';
import { FIXTURES_DIR } from '../support/fixtures';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const enc = (s: string): Uint8Array => strToU8(s);

/** A minimal valid workbook with the given sheet XML body. */
function workbook(sheetData: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': enc('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    '_rels/.rels': enc('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': enc('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': enc('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': enc(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetData}</worksheet>`),
    ...extra,
  });
}

/** The zip with other uncompressed sizes declared for some entries (local and central headers): a bomb's disguise. */
function declareSizes(zip: Uint8Array, sizes: Record<string, number>): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    const [sizeAt, nameLenAt, nameAt] = sig === 0x04034b50 ? [22, 26, 30] : sig === 0x02014b50 ? [24, 28, 46] : [0, 0, 0];
    if (!sizeAt) continue;
    const name = new TextDecoder().decode(out.subarray(i + nameAt, i + nameAt + view.getUint16(i + nameLenAt, true)));
    if (name in sizes) view.setUint32(i + sizeAt, sizes[name], true);
  }
  return out;
}

/**
 * The same zip written as ZIP64 (what some writers always do): every entry's sizes and offset
 * in its central record's ZIP64 extra field, the end of the directory in a ZIP64 record.
 */
function asZip64(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const cdStart = view.getUint32(eocd + 16, true);
  const records: Uint8Array[] = [];
  for (let i = 0, at = cdStart; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const length = 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const record = new Uint8Array(length + 28);
    record.set(zip.subarray(at, at + 46 + nameLength));
    const r = new DataView(record.buffer);
    const [compressed, size, offset] = [view.getUint32(at + 20, true), view.getUint32(at + 24, true), view.getUint32(at + 42, true)];
    for (const field of [20, 24, 42]) r.setUint32(field, 0xffffffff, true);
    r.setUint16(30, 28, true); // the extra field: ours only
    r.setUint16(32, 0, true);
    const x = 46 + nameLength;
    r.setUint16(x, 0x0001, true);
    r.setUint16(x + 2, 24, true);
    r.setBigUint64(x + 4, BigInt(size), true);
    r.setBigUint64(x + 12, BigInt(compressed), true);
    r.setBigUint64(x + 20, BigInt(offset), true);
    records.push(record.subarray(0, 46 + nameLength + 28));
    at += length;
  }
  const cd = Buffer.concat(records);
  const end = new DataView(new ArrayBuffer(56 + 20 + 22));
  end.setUint32(0, 0x06064b50, true); // ZIP64 end of central directory
  end.setBigUint64(4, 44n, true);
  end.setBigUint64(24, BigInt(count), true);
  end.setBigUint64(32, BigInt(count), true);
  end.setBigUint64(40, BigInt(cd.length), true);
  end.setBigUint64(48, BigInt(cdStart), true);
  end.setUint32(56, 0x07064b50, true); // its locator
  end.setBigUint64(64, BigInt(cdStart + cd.length), true);
  end.setUint32(72, 1, true);
  end.setUint32(76, 0x06054b50, true); // the end record, saturated
  end.setUint16(84, 0xffff, true);
  end.setUint16(86, 0xffff, true);
  end.setUint32(88, 0xffffffff, true);
  end.setUint32(92, 0xffffffff, true);
  return Buffer.concat([zip.subarray(0, cdStart), cd, new Uint8Array(end.buffer)]);
}

test('a ZIP64 archive reads as the same workbook', () => {
  const original = new Uint8Array(readFileSync(path.join(FIXTURES_DIR, '000-stacked-official.xlsx')));
  const zip64 = asZip64(original);
  expect(Buffer.from(zip64).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
  expect(readWorkbookContent(zip64)).toStrictEqual(readWorkbookContent(original));
});

const refused = (bytes: Uint8Array): string => {
  try {
    readWorkbookContent(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableWorkbookError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('limits, each with a clear message', () => {
  test('a part that inflates beyond the part limit (zip bomb) is refused before it is inflated', () => {
    const bomb = declareSizes(workbook('<sheetData/>', { 'xl/bomb.xml': enc('<x/>') }), { 'xl/bomb.xml': LIMITS.partBytes + 1 });
    expect(refused(bomb)).toMatch(/xl\/bomb\.xml inflates to 200 MB, above 200 MB: refused as a possible zip bomb/);
  });

  test('a package that inflates beyond the package limit is refused', () => {
    const parts = { 'a.bin': LIMITS.partBytes - 1, 'b.bin': LIMITS.partBytes - 1, 'c.bin': LIMITS.partBytes - 1 };
    const bomb = declareSizes(workbook('<sheetData/>', { 'a.bin': enc('a'), 'b.bin': enc('b'), 'c.bin': enc('c') }), parts);
    expect(refused(bomb)).toMatch(/package inflates to more than 500 MB/);
  });

  test('a zip that declares smaller sizes than it holds gives truncated parts, never more work', () => {
    const big = workbook(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${'<x/>'.repeat(100_000)}`);
    let cells = 0;
    try {
      cells = readWorkbookContent(declareSizes(big, { 'xl/worksheets/sheet1.xml': 100 })).sheets.reduce((n, g) => n + g.cells.length, 0);
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableWorkbookError);
    }
    expect(cells).toBe(0); // the 100 bytes declared hold no cell
    expect(readWorkbookContent(big).sheets[0].cells.length).toBe(1);
  });

  test('more cells than the cell limit, in one sheet or over several', () => {
    const cells = '<c/>'.repeat(LIMITS.cells + 1);
    expect(refused(workbook(`<sheetData><row r="1">${cells}</row></sheetData>`))).toMatch(/more than 2000000 cells: refused/);
    const half = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${'<c/>'.repeat(LIMITS.cells / 2 + 1)}</row></sheetData></worksheet>`;
    const twoSheets = workbook('', {
      'xl/workbook.xml': enc('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="T" sheetId="2" r:id="rId2"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': enc('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': enc(half),
      'xl/worksheets/sheet2.xml': enc(half),
    });
    expect(refused(twoSheets)).toMatch(/more than 2000000 cells: refused/);
  });

  test('XML nested deeper than the limit: refused in the parts walked as trees, and by the annotator in any part', () => {
    const deep = '<x>'.repeat(LIMITS.xmlDepth + 1) + '</x>'.repeat(LIMITS.xmlDepth + 1);
    const deepWorkbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><extLst>${deep}</extLst></workbook>`;
    expect(refused(workbook('<sheetData/>', { 'xl/workbook.xml': enc(deepWorkbook) }))).toMatch(/xl\/workbook\.xml nests XML deeper than 256 levels/);
    // A worksheet is read by one flat scan, which keeps no stack: its cells are read whatever the nesting of what follows them.
    const deepSheet = workbook(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst>${deep}</extLst>`);
    expect(readWorkbookContent(deepSheet).sheets[0].cells).toStrictEqual([[{ value: 1 }]]);
    expect(() => annotateWorkbook(deepSheet, [])).toThrow(/nests XML deeper than 256 levels/);
  });

  test('DOCTYPE and entity declarations are refused in every XML part read: the checker\'s, and all parts for the annotator', () => {
    const declarations = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]>';
    const sheet = `${declarations}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`;
    expect(refused(workbook('', { 'xl/worksheets/sheet1.xml': enc(sheet) }))).toMatch(/xl\/worksheets\/sheet1\.xml declares a DOCTYPE or entities/);
    const withRels = workbook('<sheetData/>', { 'xl/_rels/workbook.xml.rels': enc(`${declarations}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`) });
    expect(refused(withRels)).toMatch(/xl\/_rels\/workbook\.xml\.rels declares a DOCTYPE/);
    // A part the checker never reads is never inflated by it; the annotator, which writes every part back, refuses it.
    const unread = workbook('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', { 'xl/x.xml': enc(`${declarations}<x/>`) });
    expect(readWorkbookContent(unread).sheets[0].cells).toStrictEqual([[{ value: 1 }]]);
    expect(() => annotateWorkbook(unread, [])).toThrow(/xl\/x\.xml declares a DOCTYPE/);
  });

  test('an entry that does not inflate is the whole file\'s failure when it is read, never a sheet quietly skipped', () => {
    const zip = workbook('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const broken = zip.slice();
    // The name's first occurrence is in the entry's local header, which has no extra field: the deflated data follows it.
    const data = Buffer.from(zip).indexOf(name) + name.length;
    broken.fill(0xff, data, data + 8); // a block of the reserved type: zlib refuses it
    expect(refused(broken)).toMatch(/corrupt zip archive/);
  });

  test('a dimension of A1:XFD1048576 does not make the grid any bigger than its cells', () => {
    const wb = workbook('<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>');
    const grid = readWorkbookContent(wb).sheets[0];
    expect(grid.cells.length).toBe(1);
    expect(checkWorkbook([grid]).tables).toEqual([]);
  });
});

describe('.xls (BIFF) written by LibreOffice from our fixtures', () => {
  let dir: string;
  const names = ['000-stacked-official', '004-stacked-flat'];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'xls-'));
    convert(names.map((n) => path.join(FIXTURES_DIR, `${n}.xlsx`)), dir, 'xls');
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(names)('%s.xls gives the same report as the .xlsx (merged cells and number formats read)', (name) => {
    const xls = readWorkbookContent(new Uint8Array(readFileSync(path.join(dir, `${name}.xls`))));
    const xlsx = readWorkbookContent(new Uint8Array(readFileSync(path.join(FIXTURES_DIR, `${name}.xlsx`))));
    expect(xls.format).toBe('biff');
    const merges = (c: typeof xls) => c.sheets.reduce((n, s) => n + (s.merges?.length ?? 0), 0);
    expect(merges(xls)).toBe(merges(xlsx));
    const formats = (c: typeof xls) => new Set(c.sheets.flatMap((s) => s.cells.flatMap((r) => (r ?? []).flatMap((x) => (x?.format ? [x.format] : [])))));
    expect(formats(xls).size).toBeGreaterThan(0);
    const strip = (r: ReturnType<typeof checkWorkbook>) => r.findings.map((f) => [f.sheet, f.cell, f.code, f.entered, f.expected]);
    expect(strip(checkWorkbook(xls.sheets))).toEqual(strip(checkWorkbook(xlsx.sheets)));
  });

  test('a WPS .et that is a BIFF compound file is read the same way; another compound file gets one line', async () => {
    const etDir = mkdtempSync(path.join(tmpdir(), 'et-'));
    const et = path.join(etDir, `${names[0]}.et`);
    copyFileSync(path.join(dir, `${names[0]}.xls`), et);
    const other = path.join(etDir, 'not-a-workbook.et');
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from('not a spreadsheet'));
    writeFileSync(other, XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    let err = '';
    let out = '';
    const io: Io = { stdout: (x) => (out += x), stderr: (x) => (err += x), stderrIsTty: false };
    expect(await run(['check', etDir, '--format', 'json', '--jobs', '1'], io)).toBe(2);
    rmSync(etDir, { recursive: true, force: true });
    const report = JSON.parse(out) as RunReport;
    expect(report.files.map((f) => [path.basename(f.file), 'error' in f ? 'unreadable' : f.findings.length > 0])).toEqual([
      [`${names[0]}.et`, true],
      ['not-a-workbook.et', 'unreadable'],
    ]);
    expect(err.trim().split('\n')).toEqual([expect.stringMatching(/not-a-workbook\.et: .*for a WPS \.et, save it as \.xlsx in WPS\)$/)]);
  });

  test('--annotate writes nothing for a binary workbook and says so on one line; a folder scan picks up .xls', async () => {
    let err = '';
    const io: Io = { stdout: () => undefined, stderr: (s) => (err += s), stderrIsTty: false };
    const out = path.join(dir, 'out');
    await run(['check', dir, '--annotate', out, '--format', 'json', '--jobs', '1'], io);
    const lines = err.trim().split('\n').filter((l) => l.includes('save it as .xlsx first'));
    expect(lines).toHaveLength(names.length);
    expect(existsSync(path.join(out, `${names[0]}.xls`))).toBe(false);
  });
});

describe('fuzz: mutated corpus bytes', () => {
  /** mulberry32: a small deterministic generator, so that every run tries the same cases. */
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const files = readdirSync(CORPUS).filter((f) => /\.xls[xm]$/.test(f)).sort();
  const small = files.map((f) => new Uint8Array(readFileSync(path.join(CORPUS, f)))).filter((b) => b.length < 40_000);

  function mutate(bytes: Uint8Array, r: () => number): Uint8Array {
    const kind = Math.floor(r() * 3);
    if (kind === 0) return bytes.slice(0, Math.floor(r() * bytes.length));
    if (kind === 1) {
      const out = bytes.slice();
      for (let n = 1 + Math.floor(r() * 8); n > 0; n--) out[Math.floor(r() * out.length)] ^= 1 << Math.floor(r() * 8);
      return out;
    }
    const entries = Object.entries(unzipSync(bytes));
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
    if (entries.length > 1 && r() < 0.5) entries.pop();
    return zipSync(Object.fromEntries(entries));
  }

  test('1,200 cases: no crash, one clear line for each refused file, never a written copy', async () => {
    const r = rng(20260601);
    const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-'));
    const input = path.join(dir, 'in.xlsx');
    const outDir = path.join(dir, 'out');
    let refusedCount = 0;
    try {
      for (let i = 0; i < 1200; i++) {
        const bytes = mutate(small[Math.floor(r() * small.length)], r);
        writeFileSync(input, bytes);
        let err = '';
        const io: Io = { stdout: () => undefined, stderr: (s) => (err += s), stderrIsTty: false };
        const code = await run(['check', input, '--annotate', outDir, '--format', 'json'], io);
        const written = existsSync(path.join(outDir, 'in.xlsx'));
        if (code === 2) {
          refusedCount++;
          const lines = err.trim().split('\n');
          expect({ i, lines: lines.length }).toEqual({ i, lines: 1 });
          expect(lines[0]).not.toMatch(/\n|\bat .+:\d+:\d+/);
          expect({ i, written }).toEqual({ i, written: false });
        } else {
          expect([0, 1]).toContain(code);
        }
        rmSync(outDir, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(refusedCount).toBeGreaterThan(100);
  }, 300_000);
});
