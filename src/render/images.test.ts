import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeCell, DisplayOutput } from '../types.js';
import { createRenderContext } from './context.js';
import { fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { decodeBase64, imageMetadata, imgTag, pixelSize, svgSize } from './images.js';
import { renderNotebook } from './notebook.js';
import { assetHash } from './sink.js';
import type { ImageInfo, ImageLookup } from './types.js';

const nb = parseFixture(
  readFileSync(new URL('../../test/fixtures/render/images.ipynb', import.meta.url)),
  'images.ipynb',
).nb;
const pngOf = (cell: number) => ((nb.cells[cell] as CodeCell).outputs[0] as DisplayOutput).data['image/png'] as string;
const env = fixtureEnv('figures/images.ipynb');

const Helpers = suite('image helpers');

Helpers('decodeBase64: whitespace and data: prefixes tolerated, garbage rejected', () => {
  assert.equal(decodeBase64('AQID\nBA==\n'), new Uint8Array([1, 2, 3, 4]));
  assert.equal(decodeBase64('data:image/png;base64,AQID'), new Uint8Array([1, 2, 3]));
  assert.equal(decodeBase64('DATA:image/png;base64,AQ=='), new Uint8Array([1]));
  for (const bad of ['not base64!!', 'A', '', 42, null, 'AQID"><script>', 'AQ=D', 'A===', '=AQI', 'AQ==\nAQ=='])
    assert.is(decodeBase64(bad), undefined, String(bad));
});

Helpers('pixelSize and imageMetadata accept numbers only', () => {
  assert.is(pixelSize(40.4), 40);
  for (const bad of ['100', '100" onerror="x', -1, 0, Infinity, NaN, null, {}])
    assert.is(pixelSize(bad), undefined, String(bad));
  const meta = imageMetadata({ width: 10, 'image/png': { height: 5, unconfined: true, alt: 'A' } }, 'image/png');
  assert.equal(meta, { width: 10, height: 5, unconfined: true, alt: 'A' });
});

Helpers('imgTag escapes every attribute', () => {
  const tag = String(imgTag({ src: 'a" onerror="x', alt: '"><script>', width: 3 }));
  const img = JSDOM.fragment(tag).querySelector('img');
  assert.is(img?.getAttribute('src'), 'a" onerror="x');
  assert.is(img?.getAttribute('onerror'), null);
  assert.is(img?.getAttribute('width'), '3');
  assert.is(img?.getAttribute('height'), null);
  assert.is(img?.getAttribute('loading'), 'lazy');
});

Helpers('svgSize reads px/pt sizes or the viewBox', () => {
  assert.equal(svgSize('<svg width="120pt" height="60pt">'), { width: 160, height: 80 });
  assert.equal(svgSize('<svg height="100" width="100">'), { width: 100, height: 100 });
  assert.equal(svgSize('<svg viewBox="0 0 30 20" width="100%">'), { width: 30, height: 20 });
  assert.is(svgSize('<svg>'), undefined);
});

const Render = suite('image outputs in a notebook');

Render('PNG assets hold the decoded bytes; width/height from metadata; hostile sizes ignored', async () => {
  const out = renderNotebook(nb, env, await createRenderContext());
  const doc = JSDOM.fragment(out.html);
  const imgs = [...doc.querySelectorAll('img')];
  const red = out.assets.find((a) => a.name === imgs[0]?.getAttribute('src')?.replace('_assets/', ''));
  assert.ok(red);
  assert.equal(red.bytes, new Uint8Array(Buffer.from(pngOf(1).replace(/\s/g, ''), 'base64')));
  assert.is(red.mime, 'image/png');
  assert.is(red.name, `${assetHash(red.bytes)}.png`);
  assert.is(imgs[0]?.getAttribute('width'), '40');
  assert.is(imgs[0]?.getAttribute('height'), '30');
  assert.is(imgs[1]?.getAttribute('width'), '64', 'top-level metadata width');
  assert.is(imgs[2]?.getAttribute('width'), null, 'a string width is ignored');
  assert.is(imgs[2]?.getAttribute('height'), '20');
  assert.is(imgs[2]?.getAttribute('onerror'), null);
  assert.is(imgs[2]?.className, 'unconfined');
  assert.ok(imgs.every((img) => img.getAttribute('loading') === 'lazy'));
});

Render('alt text: output metadata, then cell metadata, then a generated description', async () => {
  const out = renderNotebook(nb, env, await createRenderContext());
  const alts = [...JSDOM.fragment(out.html).querySelectorAll('img')].map((i) => i.getAttribute('alt'));
  assert.is(alts[0], 'Figure 1 from Image outputs: output of cell 2');
  assert.is(alts[1], 'A blue square');
  assert.is(alts[2], 'Cell alt text');
});

Render('invalid base64: a diagnostic naming the cell, the next representation shown', async () => {
  const out = renderNotebook(nb, env, await createRenderContext());
  const d = out.diagnostics.find((x) => x.rule === 'output-image-invalid');
  assert.ok(d);
  assert.equal([d.branch, d.path, d.cell], ['main', 'figures/images.ipynb', 4]);
  const cell = JSDOM.fragment(out.html).querySelector('#cell-c05');
  assert.is(cell?.querySelector('pre.output-text')?.textContent, 'fallback text');
});

Render('JPEG, GIF and SVG become assets; identical images share one; SVG sized from pt', async () => {
  const out = renderNotebook(nb, env, await createRenderContext());
  const doc = JSDOM.fragment(out.html);
  assert.equal(
    out.assets.map((a) => a.mime),
    ['image/png', 'image/png', 'image/png', 'image/jpeg', 'image/svg+xml', 'image/gif'],
  );
  assert.is(
    doc.querySelector('#cell-c08 img')?.getAttribute('src'),
    doc.querySelector('#cell-c02 img')?.getAttribute('src'),
  );
  const svg = doc.querySelector('#cell-c07 img');
  assert.match(svg?.getAttribute('src') ?? '', /^_assets\/[0-9a-f]{16}\.svg$/);
  assert.equal([svg?.getAttribute('width'), svg?.getAttribute('height')], ['160', '80']);
  assert.is(doc.querySelectorAll('svg').length, 0, 'SVG never inline');
  assert.is(out.firstImage, out.assets[0]?.name);
  assert.ok(doc.querySelector('#cell-c06 img[src$=".jpg"]'));
  assert.ok(doc.querySelector('#cell-c09 img[src$=".gif"]'));
});

Render('measured images: sizes, a WebP <source>, a downscaled display copy linking to the original', async () => {
  const red = new Uint8Array(Buffer.from(pngOf(1).replace(/\s/g, ''), 'base64'));
  const blue = new Uint8Array(Buffer.from(pngOf(2).replace(/\s/g, ''), 'base64'));
  const webp = { name: 'w.webp', mime: 'image/webp', bytes: new Uint8Array([82, 73, 70, 70, 1]) };
  const display = { name: 'd.png', mime: 'image/png', bytes: new Uint8Array([9, 9, 9]), width: 1000, height: 500 };
  const infos = new Map<string, ImageInfo>([
    [assetHash(red), { width: 4, height: 3, webp }],
    [
      assetHash(blue),
      { width: 2000, height: 1000, display, webp: { ...webp, bytes: new Uint8Array([82, 73, 70, 70, 2]) } },
    ],
  ]);
  const images: ImageLookup = { get: (hash) => infos.get(hash) };
  const out = renderNotebook(nb, env, await createRenderContext({}, { images }));
  const doc = JSDOM.fragment(out.html);
  const picture = doc.querySelector('#cell-c02 picture');
  assert.ok(picture);
  assert.is(picture.querySelector('source')?.getAttribute('type'), 'image/webp');
  assert.match(picture.querySelector('source')?.getAttribute('srcset') ?? '', /^_assets\/[0-9a-f]{16}\.webp$/);
  assert.equal(
    [picture.querySelector('img')?.getAttribute('width'), picture.querySelector('img')?.getAttribute('height')],
    ['40', '30'],
  );
  const link = doc.querySelector('#cell-c03 a.image-full');
  const original = out.assets.find((a) => a.name === link?.getAttribute('href')?.replace('_assets/', ''));
  assert.equal(original?.bytes, blue);
  const shown = link?.querySelector('img');
  assert.is(shown?.getAttribute('width'), '64');
  assert.is(shown?.getAttribute('height'), '32', 'height from the measured aspect ratio');
  assert.is(out.assets.filter((a) => a.mime === 'image/webp').length, 1, 'no WebP of a huge original');
  assert.is(link?.querySelector('source'), null);
  assert.ok(out.assets.some((a) => a.bytes === display.bytes || String(a.bytes) === String(display.bytes)));
  assert.is(shown?.getAttribute('src'), `_assets/${assetHash(display.bytes)}.png`);
});

Helpers.run();
Render.run();
