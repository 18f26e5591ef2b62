import { test } from 'uvu';
import * as assert from 'uvu/assert';
import sharp from 'sharp';
import { JSDOM } from 'jsdom';
import { loadNotebook } from '../../test/support/load-notebook.js';
import {
  createPixelBudget,
  decodeImage,
  downscale,
  endsWhole,
  HUGE_BYTES,
  imagesVersion,
  sharedPixelBudget,
  measureImage,
  svgToPng,
  textWidthEm,
  titleCard,
  titleCardSvg,
  webpIfSmaller,
  wrapText,
} from './images.js';

/** The first image/png output of a fixture notebook, decoded. */
function pngFrom(name: string): Uint8Array {
  for (const cell of loadNotebook(name).cells) {
    if (cell.type !== 'code') continue;
    for (const o of cell.outputs) {
      const png = o.type === 'display_data' || o.type === 'execute_result' ? o.data['image/png'] : undefined;
      if (typeof png === 'string') return new Uint8Array(Buffer.from(png, 'base64'));
    }
  }
  throw new Error(`no PNG in ${name}`);
}

const LABEL_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" fill="#fff"/><text x="10" y="28" font-family="DejaVu Sans" font-size="20" fill="#000">Label</text></svg>';

test('svgToPng: size follows the SVG, scaled; text is drawn', async () => {
  const one = await svgToPng(LABEL_SVG);
  assert.equal([one.width, one.height], [120, 40]);
  const meta = await sharp(one.png).metadata();
  assert.equal([meta.format, meta.width, meta.height], ['png', 120, 40]);
  const two = await svgToPng(LABEL_SVG, 2);
  assert.equal([two.width, two.height], [240, 80]);
  const stats = await sharp(two.png).stats();
  assert.ok(stats.channels[0]!.min < 60, 'dark text pixels on the white background');
  const again = await svgToPng(LABEL_SVG, 2);
  assert.equal(Buffer.compare(Buffer.from(two.png), Buffer.from(again.png)), 0, 'deterministic');
});

test('svgToPng: drawn within the pixel budget (the shared one by default), weighed at its scaled size', async () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="750"><rect width="1000" height="750" fill="#369"/></svg>';
  const budget = createPixelBudget(5_000_000);
  const { width, height } = await svgToPng(svg, 2, budget);
  assert.equal([width, height], [2000, 1500]);
  assert.is(budget.peak, 3_000_000);
  assert.is(budget.held, 0);
  await svgToPng(svg, 1);
  assert.ok(sharedPixelBudget.peak >= 750_000 && sharedPixelBudget.held === 0);
});

test('svgToPng: an SVG that does not parse rejects', async () => {
  const error = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>').then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, Error);
});

test('measureImage: real notebook PNGs; EXIF orientation is applied', async () => {
  assert.equal(await measureImage(pngFrom('real/nbclient-inline-image.ipynb')), {
    width: 200,
    height: 80,
    format: 'png',
  });
  assert.equal(await measureImage(pngFrom('real/mystmd-interactive-notebooks.ipynb')), {
    width: 562,
    height: 455,
    format: 'png',
  });
  const rotated = await sharp(pngFrom('real/nbclient-inline-image.ipynb'))
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  assert.equal(await measureImage(rotated), { width: 80, height: 200, format: 'jpeg' });
});

test('webpIfSmaller: a matplotlib PNG gets a smaller lossless WebP of the same size', async () => {
  const png = pngFrom('real/mystmd-interactive-notebooks.ipynb');
  const webp = await webpIfSmaller(png);
  assert.ok(webp && webp.byteLength < png.byteLength, `${webp?.byteLength} < ${png.byteLength}`);
  const meta = await sharp(webp).metadata();
  assert.equal([meta.format, meta.width, meta.height], ['webp', 562, 455]);
  const a = await sharp(png).raw().toBuffer();
  const b = await sharp(webp)
    .ensureAlpha(meta.hasAlpha ? undefined : 1)
    .raw()
    .toBuffer();
  assert.is(a.byteLength, b.byteLength);
  assert.ok(a.equals(b), 'lossless: same pixels');
});

test('webpIfSmaller: nothing when WebP is not smaller (noise) or the format is not PNG/JPEG', async () => {
  const noise = Buffer.alloc(64 * 64 * 3);
  let s = 7;
  for (let i = 0; i < noise.length; i++) noise[i] = (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 16;
  const png = await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  assert.is(await webpIfSmaller(png), undefined);
  const gif = await sharp(pngFrom('real/nbclient-inline-image.ipynb')).gif().toBuffer();
  assert.is(await webpIfSmaller(gif), undefined);
});

test('downscale: wide images get a 1600 px copy in the same format; small ones nothing', async () => {
  const wide = await sharp({ create: { width: 3200, height: 900, channels: 3, background: '#3b6ea8' } })
    .png()
    .toBuffer();
  const copy = await downscale(wide);
  assert.ok(copy);
  assert.equal([copy.mime, copy.width, copy.height], ['image/png', 1600, 450]);
  assert.equal((await sharp(copy.bytes).metadata()).width, 1600);
  assert.is(await downscale(pngFrom('real/mystmd-interactive-notebooks.ipynb')), undefined);
  const narrow = await downscale(wide, 800);
  assert.equal([narrow?.width, narrow?.height], [800, 225]);
});

test('downscale: an image over 4 MB but narrow is re-encoded smaller; a rotated JPEG comes out upright', async () => {
  const raw = Buffer.alloc(1200 * 1200 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) % 251;
  const big = await sharp(raw, { raw: { width: 1200, height: 1200, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  assert.ok(big.byteLength > HUGE_BYTES);
  const copy = await downscale(big);
  assert.ok(copy && copy.bytes.byteLength < big.byteLength);
  assert.equal([copy.width, copy.height], [1200, 1200]);
  const tall = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#888' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  const upright = await downscale(tall, 500);
  assert.equal([upright?.mime, upright?.width, upright?.height], ['image/jpeg', 500, 1000]);
});

test('titleCardSvg: text is escaped, cleaned and wrapped; the SVG parses', () => {
  const hostile = 'A </text><image href="file:///etc/passwd"/> & <script>alert(1)</script>\u0007 \ud800 title';
  const svg = titleCardSvg(hostile, 'branch <b> · nb.ipynb');
  const doc = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  assert.is(doc.getElementsByTagName('parsererror').length, 0);
  assert.is(doc.getElementsByTagName('image').length + doc.getElementsByTagName('script').length, 0);
  const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? '');
  assert.is(
    texts.slice(0, -1).join(' '),
    'A </text><image href="file:///etc/passwd"/> & <script>alert(1)</script> title',
  );
  assert.is(texts.at(-1), 'branch <b> · nb.ipynb');
});

test('titleCard: a 1200×630 PNG; the title changes the pixels', async () => {
  const card = await titleCard('Linear regression with scikit-learn', 'course/intro · 01 intro.ipynb');
  const meta = await sharp(card).metadata();
  assert.equal([meta.format, meta.width, meta.height], ['png', 1200, 630]);
  const blank = await titleCard('', '');
  assert.not.ok(Buffer.from(card).equals(Buffer.from(blank)));
});

test('titleCard: a title with noncharacters (U+FFFF, U+FFFE, U+FDD0, U+1FFFF) is drawn without them', async () => {
  const hostile = 'Bad \uffff\ufffe title\ufdd0 \u{1ffff}here';
  const card = await titleCard(hostile, 'main \uffff');
  assert.equal(Buffer.from(card), Buffer.from(await titleCard('Bad title here', 'main')));
  assert.not.match(titleCardSvg(hostile, ''), /[\uffff\ufffe\ufdd0]|\u{1ffff}/u);
});

test('wrapText: greedy wrapping, long words cut, ellipsis on the last line', () => {
  assert.equal(wrapText('one two three four', 9, 3), ['one two', 'three', 'four']);
  assert.equal(wrapText('abcdefghijkl', 5, 5), ['abcde', 'fghij', 'kl']);
  assert.equal(wrapText('one two three four five', 9, 2), ['one two', 'three…']);
  const lines = wrapText('WWWWWWWWWWWWWWWWWWWWWWWWW MMMMM', 1040 / 56, 3, textWidthEm);
  assert.ok(
    lines.every((l) => textWidthEm(l) <= 1040 / 56),
    lines.join('|'),
  );
});

test('imagesVersion: read from the package files, it says what loaded sharp says', () => {
  assert.is(imagesVersion(), `sharp ${sharp.versions.sharp} vips ${sharp.versions.vips}`);
});

test('endsWhole: whole PNGs and JPEGs end right; cut-off ones do not, and decoding says why', async () => {
  const make = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } });
  const png = await make().png().toBuffer();
  const jpeg = await make().jpeg({ progressive: true }).toBuffer();
  assert.ok(endsWhole(png, 'png'));
  assert.ok(endsWhole(jpeg, 'jpeg'));
  assert.ok(endsWhole(Buffer.concat([jpeg, Buffer.alloc(100)]), 'jpeg'), 'padding after the end marker');
  assert.ok(endsWhole(pngFrom('real/mystmd-interactive-notebooks.ipynb'), 'png'), 'a real plot');
  const cutJpeg = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
  assert.not.ok(endsWhole(cutJpeg, 'jpeg'));
  assert.not.ok(endsWhole(png.subarray(0, png.length - 20), 'png'));
  assert.equal(await measureImage(cutJpeg), { width: 64, height: 48, format: 'jpeg' }, 'the header alone reads fine');
  await decodeImage(cutJpeg).then(
    () => assert.unreachable('a cut-off JPEG decoded'),
    (e: Error) => assert.match(e.message, /^VipsJpeg: premature end/),
  );
});

test.run();
