/**
 * Draws the app icons (a white satchel on Satchel blue) and writes them to client/public/icons/.
 * Run after changing the artwork: `npx tsx client/tools/make-icons.ts`. No image libraries: the
 * shapes are signed-distance functions, supersampled, written as RGBA PNGs.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type RGBA = readonly [number, number, number, number];
const BLUE: RGBA = [0x1d, 0x4e, 0x89, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const AMBER: RGBA = [0xf2, 0xb1, 0x34, 255];

/** Signed distance to a rounded box centred at (cx, cy) with half-size (hx, hy) and corner radius r. */
function box(x: number, y: number, cx: number, cy: number, hx: number, hy: number, r: number): number {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function ring(x: number, y: number, cx: number, cy: number, radius: number, thickness: number): number {
  return Math.abs(Math.hypot(x - cx, y - cy) - radius) - thickness / 2;
}

/** The colour at (x, y) in unit coordinates, or undefined for transparent. */
function shade(x: number, y: number, maskable: boolean): RGBA | undefined {
  if (!maskable && box(x, y, 0.5, 0.5, 0.5, 0.5, 0.22) > 0) return undefined;
  // The glyph, scaled about the centre: smaller on maskable icons to stay inside the safe zone.
  const s = maskable ? 0.78 : 1;
  const gx = 0.5 + (x - 0.5) / s;
  const gy = 0.5 + (y - 0.5) / s;
  if (box(gx, gy, 0.5, 0.545, 0.05, 0.04, 0.012) < 0) return AMBER; // clasp
  if (box(gx, gy, 0.5, 0.6, 0.29, 0.21, 0.07) < 0) {
    return Math.abs(gy - 0.52) < 0.016 ? BLUE : WHITE; // body, with the flap's edge
  }
  if (ring(gx, gy, 0.5, 0.39, 0.105, 0.05) < 0 && gy < 0.42) return WHITE; // handle
  return BLUE;
}

function render(size: number, maskable: boolean): Buffer {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, maskable);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += c[3];
        }
      }
      const n = samples * samples;
      const covered = a / 255; // samples with colour
      const o = (py * size + px) * 4;
      rgba[o] = covered ? Math.round(r / covered) : 0;
      rgba[o + 1] = covered ? Math.round(g / covered) : 0;
      rgba[o + 2] = covered ? Math.round(b / covered) : 0;
      rgba[o + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, size, rgba);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body)); // PNG's CRC is zlib's CRC-32 (Node 20.15+), over the type and the data
  return Buffer.concat([len, body, crc]);
}

export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
] as const;

export function makeIcons(dir = path.join(__dirname, '..', 'public', 'icons')): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const icon of ICONS) {
    const png = render(icon.size, icon.maskable);
    fs.writeFileSync(path.join(dir, icon.file), png);
    console.log(`${icon.file.padEnd(22)} ${icon.size}x${icon.size}  ${(png.length / 1024).toFixed(1)} KB`);
  }
}

if (require.main === module) makeIcons();
