import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { branchFileOutput, safeSvgBytes } from './branch-file.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const ref = (path: string, bytes: Uint8Array) => ({ path, blob: 'b'.repeat(40), read: async () => bytes });

const HOSTILE_SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" onload="fetch('https://evil.example/onload')">
  <script>fetch('https://evil.example/script')</script>
  <style>rect { fill: url(https://evil.example/fill.png) } circle { fill: url(#g) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <a xlink:href="javascript:alert(1)"><rect width="10" height="10"/></a>
  <circle cx="30" cy="10" r="5"/>
</svg>`;

test('safeSvgBytes: a committed SVG keeps its drawing and loses its script, handlers and other hosts', () => {
  const out = text(safeSvgBytes(utf8(HOSTILE_SVG)));
  for (const bad of [/<script/i, /onload/i, /evil\.example/, /javascript:/i]) assert.not.match(out, bad);
  const doc = new JSDOM(out, { contentType: 'image/svg+xml' }).window.document;
  assert.is(doc.getElementsByTagName('parsererror').length, 0, out);
  assert.is(doc.documentElement.getAttribute('width'), '40');
  assert.is(doc.getElementsByTagName('circle').length, 1);
  assert.is(doc.getElementsByTagName('rect').length, 1);
  assert.match(out, /circle \{ fill: url\(#g\) \}/);
});

test('safeSvgBytes: a real matplotlib SVG is still a standalone SVG file', () => {
  const input = readFileSync(new URL('../../test/fixtures/markdown/matplotlib.svg', import.meta.url));
  const out = text(safeSvgBytes(input));
  assert.match(out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*viewBox="0 0 144 108"/);
  assert.is(
    new JSDOM(out, { contentType: 'image/svg+xml' }).window.document.getElementsByTagName('parsererror').length,
    0,
  );
});

test('safeSvgBytes: a file named .svg with nothing usable in it becomes an empty image', () => {
  for (const junk of ['not an svg', '<script>alert(1)</script>', '', '\u0000\u0001binary']) {
    const out = text(safeSvgBytes(utf8(junk)));
    assert.is(
      out,
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
      JSON.stringify(junk),
    );
  }
});

test('branchFileOutput: raster images are copied byte for byte, SVGs sanitized under their own fingerprint', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const raster = branchFileOutput(ref('img/plot.png', png));
  assert.is(raster.fingerprint, `g:${'b'.repeat(40)}`);
  assert.equal(await raster.content(), png);
  for (const path of ['diagram.svg', 'img/Diagram.SVG']) {
    const svg = branchFileOutput(ref(path, utf8(HOSTILE_SVG)));
    assert.match(svg.fingerprint, /^svg:b{40}:[0-9a-f]{16}$/, path);
    assert.not.match(text(await svg.content()), /<script|evil\.example/, path);
  }
});

test.run();
