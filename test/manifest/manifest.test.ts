/**
 * manifest.xml: valid against the add-in manifest schemas (offline, libxml2 compiled to
 * WebAssembly by xmllint-wasm), consistent resources, and icons that are the generator's.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';
import { ASSETS_DIR, ICON_SIZES, PNG_SIGNATURE, crc32, iconPixels } from './icons';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMAS = path.join(__dirname, 'schemas');
const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

function validateManifest(xml: string): Promise<XMLValidationResult> {
  const schema = (fileName: string) => ({ fileName, contents: fs.readFileSync(path.join(SCHEMAS, fileName), 'utf8') });
  const imported = fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.xsd') && f !== MAIN_SCHEMA);
  return validateXML({ xml: { fileName: 'manifest.xml', contents: xml }, schema: schema(MAIN_SCHEMA), preload: imported.map(schema) });
}

describe('schema validation', () => {
  test('manifest.xml is valid', async () => {
    const result = await validateManifest(MANIFEST);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  const broken: [string, (xml: string) => string, RegExp][] = [
    ['not well-formed', (xml) => xml.replace('</OfficeApp>', ''), /Premature end of data/],
    ['unknown permission', (xml) => xml.replace('<Permissions>ReadWriteDocument<', '<Permissions>ReadWrite<'), /Permissions.*enumeration/],
    ['elements out of order', (xml) => xml.replace(/(<Requirements>[\s\S]*?<\/Requirements>)\s*(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)/, '$2$1'), /not expected/],
    ['missing DefaultSettings', (xml) => xml.replace(/<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, ''), /Permissions.*not expected/],
    ['invalid Id', (xml) => xml.replace(/<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>'), /Id.*pattern/],
    ['unknown host type in VersionOverrides', (xml) => xml.replace('xsi:type="Workbook"', 'xsi:type="Workbok"'), /does not resolve to a type definition/],
    ['button without its action target', (xml) => xml.replace('<SourceLocation resid="Taskpane.Url"/>', ''), /Action.*Missing child/],
    ['resid longer than 32 characters', (xml) => xml.replace(/resid="Button\.Tooltip"/, `resid="${'x'.repeat(33)}"`), /resid.*maxLength/],
    ['short string over 125 characters', (xml) => xml.replace('DefaultValue="核分"', `DefaultValue="${'核'.repeat(126)}"`), /DefaultValue.*maxLength/],
  ];

  test.each(broken)('a deliberately broken copy fails: %s', async (_, breakIt, message) => {
    const xml = breakIt(MANIFEST);
    expect(xml).not.toBe(MANIFEST);
    const result = await validateManifest(xml);
    expect(result.valid).toBe(false);
    expect(result.rawOutput).toMatch(message);
  });
});

describe('content', () => {
  const xml = MANIFEST.replace(/<!--[\s\S]*?-->/g, '');
  const values = (pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => m[1]);
  const resources = new Map([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1], m[2]]));

  test('every resid is defined once, and every resource is used', () => {
    const ids = values(/<bt:(?:Image|Url|String) id="([^"]+)"/g);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(values(/resid="([^"]+)"/g));
    expect([...used].filter((id) => !resources.has(id))).toEqual([]);
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  test('Excel only, ExcelApi 1.7, read/write, a Home tab button that shows the pane', () => {
    expect(values(/<Host Name="([^"]+)"/g)).toEqual(['Workbook']);
    expect(values(/<Set Name="ExcelApi" MinVersion="([^"]+)"/g)).toEqual(['1.7']);
    expect(values(/<Permissions>([^<]+)</g)).toEqual(['ReadWriteDocument']);
    expect(values(/<OfficeTab id="([^"]+)"/g)).toEqual(['TabHome']);
    const [pane] = values(/<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]+)"/g);
    expect(resources.get(pane)).toBe('https://localhost:3000/taskpane.html');
    expect(values(/<SourceLocation DefaultValue="([^"]+)"/g)).toEqual(['https://localhost:3000/taskpane.html']);
  });

  test('Chinese by default, with English overrides for the name and description', () => {
    expect(values(/<DefaultLocale>([^<]+)</g)).toEqual(['zh-CN']);
    for (const element of ['DisplayName', 'Description']) {
      expect(xml).toMatch(new RegExp(`<${element} DefaultValue="[^"]*[\\u4e00-\\u9fff][^"]*">\\s*<Override Locale="en-US" Value="[^"]+"/>`));
    }
  });

  test('every URL is on https://localhost:3000 and every icon is a committed asset of its size', () => {
    const urls = values(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g).concat(values(/<AppDomain>([^<]+)</g));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith('https://localhost:3000'))).toEqual([]);
    for (const url of urls.filter((u) => u.includes('/assets/'))) {
      expect(fs.existsSync(path.join(ROOT, url.replace('https://localhost:3000/', '')))).toBe(true);
    }
    for (const [size, resid] of [...xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)].map((m) => [m[1], m[2]])) {
      expect(resources.get(resid)).toBe(`https://localhost:3000/assets/icon-${size}.png`);
    }
  });
});

describe('icons', () => {
  /** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG with filter-0 rows. */
  function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    let width = 0;
    let height = 0;
    const idat: Buffer[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
      }
      if (type === 'IDAT') idat.push(data);
      at += 12 + length;
    }
    const rows = zlib.inflateSync(Buffer.concat(idat));
    const stride = width * 4 + 1;
    expect(rows.length).toBe(height * stride);
    const pixels = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++) {
      expect(rows[y * stride]).toBe(0);
      rows.copy(pixels, y * width * 4, y * stride + 1, (y + 1) * stride);
    }
    return { width, height, pixels };
  }

  test.each([...ICON_SIZES])('icon-%i.png is a valid PNG with the generator’s pixels', (size) => {
    const { width, height, pixels } = decodePng(fs.readFileSync(path.join(ASSETS_DIR, `icon-${size}.png`)));
    expect([width, height]).toEqual([size, size]);
    expect(pixels.equals(Buffer.from(iconPixels(size)))).toBe(true);
  });
});
