import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createPixelBudget } from '../io/images.js';
import { sha256 } from '../util/hash.js';
import { loadNotebook } from '../../test/support/load-notebook.js';
import { measureImages } from './stage.js';
import type { RasterInput } from './stage.js';

function png(name: string): Uint8Array {
  for (const cell of loadNotebook(name).cells) {
    for (const o of cell.type === 'code' ? cell.outputs : []) {
      const data = o.type === 'display_data' || o.type === 'execute_result' ? o.data['image/png'] : undefined;
      if (typeof data === 'string') return new Uint8Array(Buffer.from(data, 'base64'));
    }
  }
  throw new Error(name);
}
const input = (bytes: Uint8Array, mime: string): RasterInput => ({ hash: sha256(bytes, 16), bytes, mime });

const dir = mkdtempSync(join(tmpdir(), 'bp-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('measureImages: sizes, WebP copies when asked and smaller, display copies of huge images', async () => {
  const plot = input(png('real/mystmd-interactive-notebooks.ipynb'), 'image/png');
  const small = input(png('real/nbclient-inline-image.ipynb'), 'image/png');
  const wideBytes = new Uint8Array(
    await sharp({ create: { width: 2400, height: 600, channels: 3, background: '#20406a' } })
      .jpeg()
      .toBuffer(),
  );
  const wide = input(wideBytes, 'image/jpeg');
  const svg = input(
    new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5"/>'),
    'image/svg+xml',
  );
  const junk = input(new TextEncoder().encode('not an image at all'), 'image/png');
  const logs: string[] = [];
  const lookup = await measureImages([plot, small, wide, svg, junk, plot], { log: (m) => logs.push(m), webp: true });

  const p = lookup.get(plot.hash)!;
  assert.equal([p.width, p.height, p.display], [562, 455, undefined]);
  assert.ok(p.webp && p.webp.bytes.byteLength < plot.bytes.byteLength);
  assert.is(p.webp.mime, 'image/webp');
  assert.is(p.webp.name, `${sha256(p.webp.bytes, 16)}.webp`);
  assert.equal([lookup.get(small.hash)?.width, lookup.get(small.hash)?.height], [200, 80]);

  const w = lookup.get(wide.hash)!;
  assert.equal([w.width, w.height], [2400, 600]);
  assert.ok(w.display);
  assert.equal([w.display.width, w.display.height, w.display.mime], [1600, 400, 'image/jpeg']);
  assert.is(w.display.name, `${sha256(w.display.bytes, 16)}.jpg`);
  assert.equal((await sharp(w.display.bytes).metadata()).width, 1600);

  assert.is(lookup.get(svg.hash), undefined, 'SVG is not a raster image');
  assert.is(lookup.get(junk.hash), undefined, 'undecodable bytes: no info, no throw');
  assert.is(logs.length, 1);
  assert.match(logs[0]!, new RegExp(`^image ${junk.hash}: `));
});

test('measureImages: no WebP copy unless asked; a cached answer with WebP is not reused without, nor the other way', async () => {
  const cacheDir = join(dir, 'images-webp');
  const plot = input(png('real/mystmd-interactive-notebooks.ipynb'), 'image/png');
  const plain = await measureImages([plot], { cacheDir });
  assert.equal([plain.get(plot.hash)?.width, plain.get(plot.hash)?.webp], [562, undefined]);
  assert.ok(
    (await measureImages([plot], { cacheDir, webp: true })).get(plot.hash)?.webp,
    'asked: made, though the cache holds the answer without',
  );
  assert.is(
    (await measureImages([plot], { cacheDir })).get(plot.hash)?.webp,
    undefined,
    'not asked: the cached answer with WebP is not used',
  );
});

test('measureImages: cached by content; a second run gives the same answers', async () => {
  const cacheDir = join(dir, 'images');
  const images = [
    input(png('real/mystmd-interactive-notebooks.ipynb'), 'image/png'),
    input(png('real/nbclient-inline-image.ipynb'), 'image/png'),
  ];
  const a = await measureImages(images, { cacheDir });
  assert.is(
    readdirSync(cacheDir, { recursive: true })
      .map(String)
      .filter((f) => /[0-9a-f]{64}$/.test(f)).length,
    2,
  );
  const b = await measureImages(images, { cacheDir });
  for (const image of images) assert.equal(b.get(image.hash), a.get(image.hash));
});

test('measureImages: images are decoded within the pixel budget, never more pixels at once; all are measured', async () => {
  // Twelve distinct 600×400 noise PNGs (240,000 pixels each) with room for two at a time.
  const noise = (seed: number) =>
    Buffer.from(Array.from({ length: 600 * 400 * 3 }, (_, i) => (i * 7919 + seed * 104729) % 251));
  const images = await Promise.all(
    Array.from({ length: 12 }, async (_, i) =>
      input(
        new Uint8Array(
          await sharp(noise(i), { raw: { width: 600, height: 400, channels: 3 } })
            .png()
            .toBuffer(),
        ),
        'image/png',
      ),
    ),
  );
  const budget = createPixelBudget(2 * 240_000);
  // With WebP copies (decoding work that overlaps); without, there is nothing to decode for these.
  const lookup = await measureImages(images, { pixelBudget: budget, webp: true });
  assert.is(budget.peak, 2 * 240_000, 'two at a time, never three');
  assert.is(budget.held, 0, 'every image gave its pixels back');
  for (const image of images) assert.equal([lookup.get(image.hash)?.width, lookup.get(image.hash)?.height], [600, 400]);
});

test('measureImages: an image larger than the whole budget is worked on alone, and still measured', async () => {
  const big = input(
    new Uint8Array(
      await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#336699' } })
        .png()
        .toBuffer(),
    ),
    'image/png',
  );
  const small = input(png('real/nbclient-inline-image.ipynb'), 'image/png');
  const budget = createPixelBudget(1_000_000);
  const lookup = await measureImages([big, small], { pixelBudget: budget });
  assert.is(budget.peak, 1_000_000);
  assert.is(lookup.get(big.hash)?.display?.width, 1600, 'its display copy is made');
  assert.ok(lookup.get(small.hash));
});

test.run();
