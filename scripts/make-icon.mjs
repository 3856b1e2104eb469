#!/usr/bin/env node
// Draws the extension icon (256×256 PNG): a teal rounded square, a white medical cross and an amber
// "squiggle" underline — a code with a diagnostic. Written with node:zlib only; run to regenerate images/icon.png.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const N = 256;
const px = new Uint8Array(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * N + x) * 4;
  const A = a / 255;
  px[i] = Math.round(px[i] * (1 - A) + r * A);
  px[i + 1] = Math.round(px[i + 1] * (1 - A) + g * A);
  px[i + 2] = Math.round(px[i + 2] * (1 - A) + b * A);
  px[i + 3] = Math.max(px[i + 3], a);
};
const inRounded = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    // 4× supersampling for smooth edges
    let cover = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inRounded(x + sx / 4, y + sy / 4, 8, 8, 248, 248, 44)) cover++;
    if (!cover) continue;
    const t = y / N;
    set(x, y, [Math.round(14 + 10 * t), Math.round(124 - 40 * t), Math.round(134 + 20 * t), Math.round((cover / 16) * 255)]);
  }
}
const rect = (x0, y0, x1, y1, c) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (inRounded(x, y, x0, y0, x1, y1, 10)) set(x, y, c);
};
const white = [255, 255, 255, 255];
rect(104, 44, 152, 172, white);
rect(60, 84, 196, 132, white);
// amber squiggle under the cross
for (let x = 56; x < 200; x++) {
  const yc = 204 + Math.sin((x - 56) / 9) * 7;
  for (let y = Math.floor(yc - 6); y <= Math.ceil(yc + 6); y++) {
    const d = Math.abs(y - yc);
    if (d <= 5) set(x, y, [255, 183, 3, Math.round(255 * Math.min(1, 5.5 - d))]);
  }
}

const crc = (buf) => {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${N}×${N}, ${png.length} bytes`);
