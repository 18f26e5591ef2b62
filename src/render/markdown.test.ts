import { readFileSync } from 'node:fs';
import { createHighlighter } from 'shiki';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Asset, Diagnostic } from '../types.js';
import { sha256 } from '../util/hash.js';
import { escapeHtml } from '../util/html.js';
import { assertInert, parseHtml } from '../../test/support/assert-inert.js';
import { createMarkdownRenderer } from './markdown.js';
import { createSlugger } from './slugger.js';
import type { MarkdownEnv, RenderEnv, RenderSink } from './types.js';

interface TestSink extends RenderSink {
  readonly assets: Asset[];
  readonly diagnostics: Omit<Diagnostic, 'branch' | 'path'>[];
}

function testSink(): TestSink {
  const assets: Asset[] = [];
  const diagnostics: Omit<Diagnostic, 'branch' | 'path'>[] = [];
  return {
    assets,
    diagnostics,
    addAsset(bytes, mime) {
      const name = `${sha256(bytes, 16)}.${mime.split('/')[1]?.replace('svg+xml', 'svg') ?? 'bin'}`;
      if (!assets.some((a) => a.name === name)) assets.push({ name, mime, bytes });
      return name;
    },
    report: (d) => void diagnostics.push(d),
  };
}

const FILES = ['lessons/01-intro.ipynb', 'lessons/02-next.ipynb', 'lessons/img/plot.png', 'data.csv'];

/** The notebook `lessons/01-intro.ipynb` of branch `main`; pages sit beside their notebooks. */
function renderEnv(): RenderEnv {
  return {
    branch: 'main',
    path: 'lessons/01-intro.ipynb',
    language: 'python',
    urlFor: (p) => (FILES.includes(p) ? `../${p.replace(/\.ipynb$/, '.html')}` : undefined),
    assetUrl: (name) => `../_assets/${name}`,
  };
}

function menvFor(extra: Partial<MarkdownEnv> = {}): MarkdownEnv & { sink: TestSink } {
  return { env: renderEnv(), sink: testSink(), slugger: createSlugger(), cell: 3, ...extra } as MarkdownEnv & {
    sink: TestSink;
  };
}

const plainHighlight = (code: string, lang: string) =>
  `<pre class="shiki" data-lang="${escapeHtml(lang)}"><code>${escapeHtml(code)}</code></pre>`;
const md = createMarkdownRenderer({ highlight: plainHighlight });
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/markdown/${name}`, import.meta.url), 'utf8');

test('GFM: tables, task lists, strikethrough, autolinks', () => {
  const src =
    '| a | b |\n|:--|--:|\n| 1 | ~~2~~ |\n\n- [x] done\n- [ ] todo\n\nSee www.example.com and https://example.org/x.';
  const { html } = md.render(src, menvFor());
  const el = parseHtml(html);
  assert.is(el.querySelectorAll('table thead th').length, 2);
  assert.is(el.querySelector('tbody td:last-child')?.getAttribute('align'), 'right');
  assert.is(el.querySelector('td del')?.textContent, '2');
  const items = Array.from(el.querySelectorAll('li.task-list-item'));
  assert.is(items.length, 2);
  assert.is(items[0]?.querySelector('.task-checkbox')?.getAttribute('aria-label'), 'done');
  assert.is(items[1]?.querySelector('.task-checkbox')?.getAttribute('aria-label'), 'not done');
  assert.equal(
    Array.from(el.querySelectorAll('p a')).map((a) => a.getAttribute('href')),
    ['http://www.example.com', 'https://example.org/x'],
  );
  assertInert(html);
});

test('math: every form renders with KaTeX and survives sanitizing', () => {
  const src = [
    'Inline $x^2$ and \\(y_1\\), display \\[z\\] and $$w$$ in a line.',
    '',
    '$$',
    'E = mc^2',
    '$$',
    '',
    '\\begin{align}',
    'a &= b \\\\',
    'c &= d',
    '\\end{align}',
    '',
    'Text then \\begin{equation}f(x)\\end{equation} then text.',
    '',
    '\\[',
    '\\sqrt{2}',
    '\\]',
  ].join('\n');
  const { html } = md.render(src, menvFor());
  const el = parseHtml(html);
  const annotations = Array.from(el.querySelectorAll('annotation')).map((a) => a.textContent?.trim());
  assert.equal(annotations, [
    'x^2',
    'y_1',
    'z',
    'w',
    'E = mc^2',
    '\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}',
    '\\begin{equation}f(x)\\end{equation}',
    '\\sqrt{2}',
  ]);
  assert.is(el.querySelectorAll('p > .katex-display').length, 3, 'display math inside paragraphs');
  assert.is(el.querySelectorAll('div.math-display > .katex-display').length, 3, 'display math blocks');
  assert.is(el.querySelectorAll('.katex-error, [mathcolor="#cc0000"]').length, 0);
  assert.ok(el.querySelector('.katex-html svg path'), 'the square root keeps its SVG');
  assertInert(html, { allowKatexSvg: true });
});

test('math: currency dollars, escaped dollars and code stay text; emphasis does not reach into math', () => {
  const { html } = md.render(
    'It costs $5 and $10, or \\$3 and \\$4. Code: `$x$`. Math: $a_1 * b_2$ and *c $d*e$ f*.',
    menvFor(),
  );
  const el = parseHtml(html);
  assert.match(el.textContent ?? '', /It costs \$5 and \$10, or \$3 and \$4\./);
  assert.is(el.querySelector('code')?.textContent, '$x$');
  assert.equal(
    Array.from(el.querySelectorAll('annotation')).map((a) => a.textContent),
    ['a_1 * b_2', 'd*e'],
  );
  assert.is(el.querySelectorAll('.katex em, annotation em').length, 0);
  assert.is(
    el.querySelector('p > em')?.querySelectorAll('.katex').length,
    1,
    '*c $d*e$ f* is one emphasis around the math',
  );
});

test("math: \\newcommand in one cell is known in the next cell of the notebook, through the notebook's macros", () => {
  const menv = menvFor({ macros: {} });
  md.render('$\\newcommand{\\myset}{\\mathbb{Q}}$', menv);
  assert.ok('\\myset' in (menv.macros ?? {}), 'the definition is in the macros the call was given');
  const { html } = md.render('$x \\in \\myset$', { ...menv, slugger: createSlugger() });
  assert.ok(parseHtml(html).querySelector('mi[mathvariant="double-struck"]'));
  const other = md.render('$x \\in \\myset$', menvFor({ macros: {} })).html;
  assert.ok(parseHtml(other).querySelector('[mathcolor="#cc0000"]'), 'another notebook does not see it');
  // Without macros, a definition holds within its own text only, whatever the sink.
  const alone = menvFor();
  const within = md.render('$\\newcommand{\\myq}{\\mathbb{Q}}$ and $x \\in \\myq$', alone).html;
  assert.ok(parseHtml(within).querySelector('mi[mathvariant="double-struck"]'), 'later math of the same text sees it');
  const after = md.render('$x \\in \\myq$', { ...alone, slugger: createSlugger() }).html;
  assert.ok(parseHtml(after).querySelector('[mathcolor="#cc0000"]'), 'a later text does not');
});

test('math: each span KaTeX cannot render is one math-invalid diagnostic, with its cell, message and a hint', () => {
  const menv = menvFor({ cell: 4, macros: {} });
  const src = 'Fine $x^2$, broken $\\frac{1}{$ and $\\norm{x}$.\n\n$$\n\\left( y\n$$\n\n```math\n\\sqrt{2}\n```';
  const { html } = md.render(src, menv);
  const el = parseHtml(html);
  assert.is(el.querySelector('.katex-error')?.textContent, '\\frac{1}{', 'the page still shows the source in red');
  assert.is(el.querySelector('[mathcolor="#cc0000"]')?.textContent, '\\norm');
  const found = menv.sink.diagnostics;
  assert.equal(
    found.map((d) => [d.rule, d.severity, d.cell]),
    [
      ['math-invalid', 'warning', 4],
      ['math-invalid', 'warning', 4],
      ['math-invalid', 'warning', 4],
    ],
  );
  assert.match(
    found[0]?.message ?? '',
    /^Cell 5 has math that KaTeX cannot render: Unexpected end of input in a macro argument, expected '}', in `\\frac\{1\}\{`\.$/,
  );
  assert.match(found[1]?.message ?? '', /Undefined control sequence: \\norm, in `\\norm\{x\}`/);
  assert.match(found[1]?.hint ?? '', /Define \\norm with \\newcommand in this cell or an earlier one/);
  assert.match(found[2]?.message ?? '', /Expected '\\right', got 'EOF', in `\\left\( y`/);
  assert.match(found[2]?.hint ?? '', /katex\.org/);
  // Defined in an earlier cell, the same command is no longer a problem.
  md.render('$\\newcommand{\\norm}[1]{\\lVert #1 \\rVert}$', menv);
  md.render('Now $\\norm{x}$ works.', menv);
  assert.is(menv.sink.diagnostics.length, 3);
});

test('headings: ids from the slugger, anchors, plain text', () => {
  const menv = menvFor();
  const first = md.render('# Intro\n\n## The $\\alpha$ *parameter*\n\n## Intro', menv);
  const second = md.render('### Intro', menv);
  // A heading with math also carries its HTML (for the page header): its math as the body has it.
  const h2 = parseHtml(first.html).querySelector('h2');
  const mathHtml = h2?.querySelector('.katex')?.outerHTML ?? 'no math';
  assert.equal(first.headings, [
    { level: 1, text: 'Intro', id: 'intro' },
    { level: 2, text: 'The \\alpha parameter', id: 'the-alpha-parameter', html: `The ${mathHtml} parameter` },
    { level: 2, text: 'Intro', id: 'intro-1' },
  ]);
  assert.equal(second.headings, [{ level: 3, text: 'Intro', id: 'intro-2' }]);
  assert.is(h2?.id, 'the-alpha-parameter');
  assert.is(h2?.querySelector('a.anchor')?.getAttribute('href'), '#the-alpha-parameter');
  assert.ok(h2?.querySelector('.katex em, em'), 'the heading keeps its markup');
});

test('headings: one with math carries HTML of its text, escaped, with the math rendered once', () => {
  const menv = menvFor();
  const src =
    '# Vectors in $\\mathbb{R}^n$ & <b>bold</b> <img src=x onerror="alert(1)"> [a link](https://x.org) `a<b`\n\n## Broken $\\nosuch$\n\n## Plain < text';
  const { html, headings } = md.render(src, menv);
  const [vectors, broken, plain] = headings;
  assert.is(vectors?.text, 'Vectors in \\mathbb{R}^n & bold a link a<b');
  const el = parseHtml(vectors?.html ?? '');
  assert.is(el.querySelector('.katex annotation')?.textContent, '\\mathbb{R}^n');
  assert.is(
    el.querySelector('.katex')?.outerHTML,
    parseHtml(html).querySelector('h1 .katex')?.outerHTML,
    'the math as the body shows it',
  );
  assert.is(
    el.textContent?.replace(/\s+/g, ' '),
    `Vectors in ${el.querySelector('.katex')?.textContent} & bold a link a<b`,
  );
  assert.is(el.querySelectorAll('img, b, a, code').length, 0, 'text only: no raw HTML, no markup');
  assertInert(vectors?.html ?? '', { allowKatexSvg: true });
  assert.ok(parseHtml(broken?.html ?? '').querySelector('[mathcolor="#cc0000"]'), 'math in error shows as in the body');
  assert.is(menv.sink.diagnostics.filter((d) => d.rule === 'math-invalid').length, 1, 'and is reported once');
  assert.equal(plain, { level: 2, text: 'Plain < text', id: 'plain--text' }, 'no math, no HTML');
});

test('fences: highlighted by language; diagrams go to the diagram hook first', () => {
  const calls: string[][] = [];
  const renderer = createMarkdownRenderer({
    highlight: plainHighlight,
    diagram(lang, code, menv) {
      calls.push([lang, code]);
      if (lang === 'dot') return undefined;
      return `<figure class="diagram"><img src="${menv.env.assetUrl('0123456789abcdef.svg')}" alt="diagram"></figure>`;
    },
  });
  const menv = menvFor();
  const src =
    '```python\nprint("<b>")\n```\n\n```mermaid\ngraph TD; A-->B\n```\n\n```dot\ndigraph { a -> b }\n```\n\n```\nplain\n```';
  const el = parseHtml(renderer.render(src, menv).html);
  assert.equal(calls, [
    ['mermaid', 'graph TD; A-->B'],
    ['dot', 'digraph { a -> b }'],
  ]);
  assert.equal(
    Array.from(el.querySelectorAll('pre.shiki')).map((p) => p.getAttribute('data-lang')),
    ['python', 'dot', ''],
  );
  assert.is(el.querySelector('pre[data-lang="python"] code')?.textContent, 'print("<b>")');
  assert.is(el.querySelector('figure.diagram img')?.getAttribute('src'), '../_assets/0123456789abcdef.svg');
  assert.equal(menv.sink.diagnostics, [], 'diagram asset URLs are not mistaken for missing branch images');
});

test('fences: real shiki output survives sanitizing', async () => {
  const hl = await createHighlighter({ langs: ['python'], themes: ['github-light', 'github-dark'] });
  const renderer = createMarkdownRenderer({
    highlight: (code, lang) =>
      hl.codeToHtml(code, { lang: lang || 'text', themes: { light: 'github-light', dark: 'github-dark' } }),
  });
  const code = 'def f(x):\n    return x < 1  # "quoted"';
  const html = renderer.render(`\`\`\`python\n${code}\n\`\`\``, menvFor()).html;
  const pre = parseHtml(html).querySelector('pre.shiki');
  assert.is(pre?.textContent, code);
  assert.match(pre?.querySelector('span[style]')?.getAttribute('style') ?? '', /--shiki-dark:/);
  hl.dispose();
});

test('attachments: a real pasted PNG becomes an asset; a missing one is a diagnostic', () => {
  const nb = JSON.parse(fixture('attachments.ipynb')) as {
    cells: { source: string[]; attachments: Record<string, Record<string, string>> }[];
  };
  const cell = nb.cells[0];
  assert.ok(cell);
  const menv = menvFor({ attachments: cell.attachments, cell: 0 });
  const { html } = md.render(cell.source.join(''), menv);
  const el = parseHtml(html);
  const asset = menv.sink.assets[0];
  assert.is(menv.sink.assets.length, 1);
  assert.is(asset?.mime, 'image/png');
  assert.equal(Array.from(asset?.bytes.slice(0, 8) ?? []), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const img = el.querySelector('img');
  assert.is(img?.getAttribute('src'), `../_assets/${asset?.name}`);
  assert.is(img?.getAttribute('alt'), 'a pasted figure');
  assert.is(el.querySelectorAll('img').length, 1);
  assert.is(el.querySelector('.image-missing')?.textContent, 'gone');
  assert.equal(
    menv.sink.diagnostics.map((d) => [d.rule, d.cell]),
    [['markdown-attachment-missing', 0]],
  );
  assert.match(menv.sink.diagnostics[0]?.message ?? '', /"missing\.png"/);
});

test('attachments: in raw HTML too; hostile names never become paths', () => {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2c2a4c80000000049454e44ae426082',
    'hex',
  ).toString('base64');
  const menv = menvFor({ attachments: { 'my image.png': { 'image/png': png } } });
  const src =
    '<img src="attachment:my%20image.png" width="50">\n\n![x](<attachment:../../etc/passwd>) <img src="attachment:../secret.png">';
  const el = parseHtml(md.render(src, menv).html);
  const srcs = Array.from(el.querySelectorAll('img')).map((i) => i.getAttribute('src'));
  assert.equal(srcs, [`../_assets/${menv.sink.assets[0]?.name}`, null]);
  assert.is(el.querySelector('img')?.getAttribute('width'), '50');
  assert.not.match(el.innerHTML, /etc\/passwd|secret\.png/);
  assert.equal(
    menv.sink.diagnostics.map((d) => d.rule),
    ['markdown-attachment-missing', 'markdown-attachment-missing'],
  );
});

test('attachments: SVG is sanitized before it is stored; unreadable data is a diagnostic', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" onload="alert(1)"><script>alert(1)</script><rect width="4" height="4"/></svg>';
  const menv = menvFor({
    attachments: {
      'd.svg': { 'image/svg+xml': svg },
      'bad.png': { 'image/png': 'not base64!' },
      'text.txt': { 'text/plain': 'hi' },
    },
  });
  const el = parseHtml(
    md.render('![d](attachment:d.svg) ![b](attachment:bad.png) ![t](attachment:text.txt)', menv).html,
  );
  const stored = new TextDecoder().decode(menv.sink.assets[0]?.bytes);
  assert.is(menv.sink.assets.length, 1);
  assert.is(menv.sink.assets[0]?.mime, 'image/svg+xml');
  assert.match(stored, /<rect/);
  assert.not.match(stored, /script|onload/);
  assert.is(el.querySelectorAll('img').length, 1);
  assert.equal(
    menv.sink.diagnostics.map((d) => d.rule),
    ['markdown-attachment-invalid', 'markdown-attachment-invalid'],
  );
});

test('render: the same input gives the same output; calls do not share diagnostics or ids', () => {
  const src = '# T\n\n$x$ ![m](attachment:none.png) [a](02-next.ipynb)';
  const a = menvFor();
  const b = menvFor();
  const first = md.render(src, a);
  const second = md.render(src, b);
  assert.is(first.html, second.html);
  assert.equal(first.headings, second.headings);
  assert.is(a.sink.diagnostics.length, 1);
  assert.is(b.sink.diagnostics.length, 1);
});

test('links and images: branch files through urlFor with their #anchor; others untouched', () => {
  const menv = menvFor();
  const src =
    '[next](02-next.ipynb#part-2) [data](../data.csv) [ext](https://example.org/a.ipynb) [top](#intro) [gone](missing.ipynb)\n\n![plot](img/plot.png) ![remote](https://example.org/p.png) ![lost](img/lost.png)\n\n<a href="02-next.ipynb#x">raw</a> <img src="img/plot.png" alt="raw">';
  const el = parseHtml(md.render(src, menv).html);
  assert.equal(
    Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href')),
    [
      '../lessons/02-next.html#part-2',
      '../data.csv',
      'https://example.org/a.ipynb',
      '#intro',
      'missing.ipynb',
      '../lessons/02-next.html#x',
    ],
  );
  assert.equal(
    Array.from(el.querySelectorAll('img')).map((i) => i.getAttribute('src')),
    ['../lessons/img/plot.png', 'https://example.org/p.png', 'img/lost.png', '../lessons/img/plot.png'],
  );
  assert.equal(
    menv.sink.diagnostics.map((d) => [d.rule, d.severity]),
    [['markdown-image-missing', 'warning']],
  );
  assert.match(menv.sink.diagnostics[0]?.message ?? '', /lessons\/img\/lost\.png/);
});

test('hostile markdown comes out inert', () => {
  const src = [
    '<script>alert(1)</script>',
    '[click](javascript:alert(1)) [tab](java&#x09;script:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
    '![x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe><form action="https://evil.example"><input></form>',
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<svg onload=alert(1)><script>alert(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<style>*{display:none}</style><div style="position:fixed;inset:0">overlay</div>',
    '$\\href{javascript:alert(1)}{x}$ and $\\url{javascript:alert(2)}$',
    '```mermaid\n<script>alert(1)</script>\n```',
    '# <img src=x onerror=alert(1)> heading',
    '</div></section><p>escape attempt',
  ].join('\n\n');
  const menv = menvFor();
  const { html, headings } = md.render(src, menv);
  assertInert(html, { allowKatexSvg: true });
  assert.is(parseHtml(html).querySelectorAll('a[href]').length, 1, 'only the heading anchor has an href');
  assert.is(headings[0]?.text, 'heading');
});

test('a real markdown-heavy notebook (fastpages) renders with its headings and no script', () => {
  const nb = JSON.parse(fixture('fastcore-markdown.ipynb')) as { cells: { source: string[] | string }[] };
  const menv = menvFor({ env: { ...renderEnv(), path: 'fastcore.ipynb' } });
  const start = performance.now();
  const results = nb.cells.map((c, i) =>
    md.render(Array.isArray(c.source) ? c.source.join('') : c.source, { ...menv, cell: i }),
  );
  const elapsed = performance.now() - start;
  const html = results.map((r) => r.html).join('\n');
  const headings = results.flatMap((r) => r.headings);
  assertInert(html, { allowKatexSvg: true });
  assert.not.match(html, /<script/i);
  const texts = headings.map((h) => h.text);
  for (const t of [
    'Background',
    'Why fastcore is interesting',
    'Type Dispatch',
    'Making **kwargs transparent',
    'A more useful repr',
    'Further Reading',
    'Shameless plug: fastpages',
  ]) {
    assert.ok(texts.includes(t), `heading ${t} in ${JSON.stringify(texts)}`);
  }
  assert.not.ok(
    texts.some((t) => t.startsWith('deal with asteroid')),
    'comments in code fences are not headings',
  );
  assert.is(new Set(headings.map((h) => h.id)).size, headings.length, 'ids are unique');
  const el = parseHtml(html);
  assert.is(el.querySelectorAll('h1[id], h2[id]').length, headings.length);
  assert.is(el.querySelectorAll('pre.shiki').length, 2, 'the two fenced code blocks');
  assert.ok(elapsed < 1500, `took ${elapsed.toFixed(0)} ms`);
});

test.run();
