import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lengthToPx, prepareSvg } from './svg.js';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

test('prepareSvg: Graphviz-style pt sizes become CSS pixels; the viewBox stays', () => {
  const r = prepareSvg(
    `<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg width="62pt" height="116pt" viewBox="0.00 0.00 62.00 116.00" ${NS}><text x="5" y="20">node a</text></svg>`,
  );
  assert.ok(r.ok);
  assert.equal([r.width, r.height], [83, 155]);
  assert.match(r.svg, /^<svg[^>]* width="83" height="155"/);
  assert.match(r.svg, /viewBox="0.00 0.00 62.00 116.00"/);
  assert.match(r.svg, />node a</);
});

test('prepareSvg: mermaid-style width="100%" takes the viewBox size, rounded up; xml:space on request', () => {
  const r = prepareSvg(
    `<svg id="m" width="100%" ${NS} style="max-width: 213.19px;" viewBox="0 0 213.1875 311.8984375"><text><tspan>Is</tspan><tspan> it?</tspan></text></svg>`,
    { preserveSpace: true },
  );
  assert.ok(r.ok);
  assert.equal([r.width, r.height], [214, 312]);
  assert.match(r.svg, /xml:space="preserve"/);
  assert.match(r.svg, /<tspan> it\?<\/tspan>/);
});

test('prepareSvg: no viewBox → one is added from the pixel size', () => {
  const r = prepareSvg(`<svg ${NS} width="88" height="30"><rect width="88" height="30"/></svg>`);
  assert.ok(r.ok);
  assert.match(r.svg, /viewBox="0 0 88 30"/);
});

test('prepareSvg: refuses what is not a sized SVG document', () => {
  assert.equal(prepareSvg('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'), {
    ok: false,
    error: 'the renderer produced SVG that does not parse as XML',
  });
  assert.equal(prepareSvg('<html xmlns="http://www.w3.org/1999/xhtml"/>'), {
    ok: false,
    error: 'expected an <svg> root, found <html>',
  });
  assert.equal(prepareSvg(`<svg ${NS} width="100%"/>`), {
    ok: false,
    error: 'the SVG has neither a width and height nor a viewBox',
  });
  assert.equal(
    prepareSvg('<svg width="10" height="10"/>'),
    { ok: false, error: 'expected an <svg> root, found <svg>' },
    'no SVG namespace',
  );
});

test('prepareSvg: scripts, handlers, foreignObject and outside links are gone; labels stay', () => {
  const hostile =
    `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="20" onload="alert(1)">` +
    `<script>alert(2)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>` +
    `<a xlink:href="javascript:alert(3)"><text onclick="alert(4)">Label A</text></a>` +
    `<a href="https://evil.example/"><text>Label B</text></a>` +
    `<image href="file:///etc/passwd" width="5" height="5"/><use href="#ok"/></svg>`;
  const r = prepareSvg(hostile);
  assert.ok(r.ok);
  assert.not.match(r.svg, /<script|foreignObject|onload|onclick|javascript:|evil\.example|file:/i);
  assert.match(r.svg, /Label A/);
  assert.match(r.svg, /Label B/);
});

test('lengthToPx: absolute units convert; relative ones do not', () => {
  assert.equal(
    ['10', '10px', '72pt', '1in', '2.54cm', '1e2', '100%', '2em', '', 'auto', '-5'].map((v) => lengthToPx(v)),
    [10, 10, 96, 96, 96, 100, undefined, undefined, undefined, undefined, undefined],
  );
});

test.run();
