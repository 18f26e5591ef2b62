// Markdown cells without raw HTML skip the sanitizer (everything is escaped by construction),
// so their link and image URLs are checked as they are rendered: these are the payloads that
// need no HTML at all.
import { createHighlighter } from 'shiki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertInert, parseHtml } from '../../test/support/assert-inert.js';
import { createMarkdownRenderer } from './markdown.js';
import { sanitizeHtml } from './sanitize.js';
import { createSlugger } from './slugger.js';
import type { MarkdownEnv } from './types.js';

const highlighter = await createHighlighter({ themes: ['github-light'], langs: ['python'] });
const md = createMarkdownRenderer({
  highlight: (code, lang) =>
    highlighter.codeToHtml(code, { lang: lang === 'python' ? 'python' : 'text', theme: 'github-light' }),
});

function menv(): MarkdownEnv {
  return {
    env: {
      branch: 'main',
      path: 'a/nb.ipynb',
      language: 'python',
      urlFor: (p) => (p === 'a/other.ipynb' ? 'other.html' : p === 'a/img.png' ? 'img.png' : undefined),
      assetUrl: (name) => `../_assets/${name}`,
    },
    sink: { addAsset: () => 'x.png', report: () => {} },
    slugger: createSlugger(),
  };
}

const PAYLOADS = [
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](java%09script:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[a](x "title\\" onmouseover=\\"alert(1)")',
  '[a](<x" onclick="alert(1)>)',
  '# heading" onclick="alert(1)\n\n$\\href{javascript:alert(1)}{x}$',
  '```python" onload="alert(1)\nprint(1)\n```',
];

for (const payload of PAYLOADS) {
  test(`no raw HTML, still inert: ${payload.slice(0, 50)}`, () => {
    const { html } = md.render(payload, menv());
    assertInert(html);
    // the payload may remain as visible text, never in an attribute
    const attributes = [...parseHtml(html).querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].map((a) => `${a.name}=${a.value}`),
    );
    for (const a of attributes) assert.not.match(a, /javascript:|vbscript:|data:text|data:image\/svg|^on/i, a);
  });
}

test('cells without raw HTML come out as the sanitizer would leave them', () => {
  const source =
    '# Title\n\nSee [the other](other.ipynb#part), ![plot](img.png), $x^2$ and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint("<b>")\n```';
  const { html } = md.render(source, menv());
  assert.match(html, /href="other\.html#part"/);
  assert.match(html, /src="img\.png"/);
  assert.is(parseHtml(sanitizeHtml(html)).innerHTML, parseHtml(html).innerHTML);
});

test('a cell with raw HTML still goes through the sanitizer', () => {
  const { html } = md.render('text <img src=x onerror=alert(1)> [a](javascript:alert(1))', menv());
  assertInert(html);
  assert.not.match(html, /onerror/);
});

test.run();
