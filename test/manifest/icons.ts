/**
 * Generator of the add-in's icons (assets/icon-{16,32,64,80,128}.png): a white tick over a gold
 * score bar on a green rounded square, drawn with 4×4 supersampling and encoded as RGBA PNG.
 *
 * Regenerate: npx ts-node -O '{"module":"commonjs","moduleResolution":"node"}' test/manifest/icons.ts
 * manifest.test.ts checks that the committed files decode to exactly these pixels.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
export const ASSETS_DIR = path.resolve(__dirname, '../../assets');

type Rgb = readonly [number, number, number];
const GREEN: Rgb = [0x1e, 0x6e, 0x44];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const GOLD: Rgb = [0xf2, 0xb7, 0x05];
const SUPERSAMPLE = 4;

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x: number, y: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function insideRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const cx = Math.max(inset + radius, Math.min(1 - inset - radius, x));
  const cy = Math.max(inset + radius, Math.min(1 - inset - radius, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** The colour at (x, y) in unit coordinates, or null outside the icon. */
function colourAt(x: number, y: number): Rgb | null {
  if (!insideRoundedSquare(x, y, 0.03, 0.2)) return null;
  const tick = [
    [0.25, 0.47],
    [0.43, 0.64],
    [0.76, 0.27],
  ];
  if (Math.min(segmentDistance(x, y, tick[0], tick[1]), segmentDistance(x, y, tick[1], tick[2])) <= 0.085) return WHITE;
  if (segmentDistance(x, y, [0.27, 0.8], [0.73, 0.8]) <= 0.055) return GOLD;
  return GREEN;
}

/** RGBA pixels, row by row. */
export function iconPixels(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) pixels.set([Math.round(r / covered), Math.round(g / covered), Math.round(b / covered)], i);
      pixels[i + 3] = Math.round((255 * covered) / SUPERSAMPLE ** 2);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit RGBA PNG of the icon at `size` × `size`. */
export function iconPng(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  const pixels = iconPixels(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1); // filter 0
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

if (require.main === module) {
  for (const size of ICON_SIZES) fs.writeFileSync(path.join(ASSETS_DIR, `icon-${size}.png`), iconPng(size));
}
