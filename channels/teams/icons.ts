// The Teams app icons, drawn here (no image files, nothing downloaded): a calendar with a check mark,
// for "a reservation bought". Colour icon: 192×192, the glyph in white on a full-bleed accent square.
// Outline icon: 32×32, the glyph in white on a transparent background (Teams requires exactly that).
import { encodePng } from './png';

export const ACCENT_COLOR = '#0078D4';

type Point = [number, number];

function segmentDistance(p: Point, a: Point, b: Point): number {
  const [px, py] = [p[0] - a[0], p[1] - a[1]];
  const [bx, by] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, (px * bx + py * by) / (bx * bx + by * by)));
  return Math.hypot(px - bx * t, py - by * t);
}

/** Signed distance to a rounded box given by its corners and corner radius (negative inside). */
function roundBox(p: Point, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(p[0] - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(p[1] - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/**
 * The glyph in a unit square (0..1 both ways): negative inside. `weight` scales the strokes (the small
 * outline icon needs thicker lines to stay legible at 32 pixels).
 */
function glyph(p: Point, weight: number): number {
  const stroke = 0.05 * weight;
  const body = roundBox(p, 0.2, 0.26, 0.8, 0.82, 0.07);
  const outline = Math.abs(body) - stroke / 2;
  const header = Math.max(roundBox(p, 0.2, 0.26, 0.8, 0.4, 0), body); // the top band, clipped by the rounded body
  const rings = Math.min(segmentDistance(p, [0.36, 0.18], [0.36, 0.31]), segmentDistance(p, [0.64, 0.18], [0.64, 0.31])) - stroke / 2;
  const check = Math.min(segmentDistance(p, [0.35, 0.6], [0.46, 0.71]), segmentDistance(p, [0.46, 0.71], [0.66, 0.5])) - (stroke * 1.1) / 2;
  return Math.min(outline, header, rings, check);
}

/** Coverage of the glyph in each pixel, 4×4 samples per pixel. */
function coverage(size: number, weight: number, inset: number): Float64Array {
  const out = new Float64Array(size * size);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          // Map the unit glyph into the square minus the inset on each side.
          const p: Point = [(u - inset) / (1 - 2 * inset), (v - inset) / (1 - 2 * inset)];
          if (glyph(p, weight) < 0) hits++;
        }
      }
      out[y * size + x] = hits / (samples * samples);
    }
  }
  return out;
}

function hexColor(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** 192×192, full-bleed accent colour with the white glyph. */
export function colorIcon(size = 192, accent = ACCENT_COLOR): Buffer {
  const [r, g, b] = hexColor(accent);
  const cover = coverage(size, 1, 0.06);
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const c = cover[i]!;
    rgba[i * 4] = Math.round(r + (255 - r) * c);
    rgba[i * 4 + 1] = Math.round(g + (255 - g) * c);
    rgba[i * 4 + 2] = Math.round(b + (255 - b) * c);
    rgba[i * 4 + 3] = 255;
  }
  return encodePng(size, size, rgba);
}

/** 32×32, white glyph on transparent: only white pixels, with alpha for the anti-aliased edges. */
export function outlineIcon(size = 32): Buffer {
  const cover = coverage(size, 1.5, 0);
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    rgba[i * 4] = 255;
    rgba[i * 4 + 1] = 255;
    rgba[i * 4 + 2] = 255;
    rgba[i * 4 + 3] = Math.round(255 * cover[i]!);
  }
  return encodePng(size, size, rgba);
}
