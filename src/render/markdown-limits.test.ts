// Markdown no cell can take a build down with: nesting thousands deep, and text that made the
// math extension's start search rescan the rest of the cell at every piece of text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../types.js';
import { escapeHtml } from '../util/html.js';
import { parseHtml } from '../../test/support/assert-inert.js';
import { createMarkdownRenderer } from './markdown.js';
import { MAX_MARKDOWN_NESTING, markdownNesting } from './markdown-nesting.js';
import { createSlugger } from './slugger.js';
import type { MarkdownEnv } from './types.js';

const md = createMarkdownRenderer({ highlight: (code) => `<pre><code>${escapeHtml(code)}</code></pre>` });

function render(source: string): { html: string; diagnostics: Omit<Diagnostic, 'branch' | 'path'>[] } {
  const diagnostics: Omit<Diagnostic, 'branch' | 'path'>[] = [];
  const env = {
    branch: 'main',
    path: 'deep.ipynb',
    language: 'python',
    urlFor: () => undefined,
    assetUrl: (n: string) => n,
  };
  const menv: MarkdownEnv = {
    env,
    sink: { addAsset: () => 'x', report: (d) => void diagnostics.push(d) },
    slugger: createSlugger(),
    cell: 4,
  };
  return { html: md.render(source, menv).html, diagnostics };
}

test('a list nested 600 deep is its source in <pre> and one markdown-too-deep warning for its cell', () => {
  // marked took 3 s at 300 levels and ran out of memory (the process aborted) at 1,000.
  const source = Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- item <b>${i}</b>`).join('\n');
  const { html, diagnostics } = render(source);
  assert.equal(
    diagnostics.map((d) => [d.rule, d.cell]),
    [['markdown-too-deep', 4]],
  );
  assert.match(diagnostics[0]!.message, `over the limit of ${MAX_MARKDOWN_NESTING}`);
  assert.is(html, `<pre class="markdown-source">${escapeHtml(source)}</pre>\n`);
});

test('blockquotes thousands deep on one line or hundreds on many, and 3,000 `- ` on one line, are too deep as well', () => {
  for (const source of [
    `${'>'.repeat(5000)} deep`,
    Array.from({ length: 600 }, (_, i) => `${'> '.repeat(i + 1)}x`).join('\n'),
    `${'- '.repeat(3000)}x`,
  ]) {
    const { diagnostics } = render(source);
    assert.equal(
      diagnostics.map((d) => d.rule),
      ['markdown-too-deep'],
    );
  }
});

test('nesting a notebook really uses renders as markdown', () => {
  const source = `> quote\n> - item\n>   1. one\n>      - deeper\n\n\`\`\`\n${'- '.repeat(100)}\n\`\`\`\n`;
  assert.ok(markdownNesting(source) <= 4);
  const { html, diagnostics } = render(source);
  assert.equal(diagnostics, []);
  assert.is(parseHtml(html).querySelectorAll('blockquote ul ol ul li').length, 1);
});

test('100,000 `*a ` render with the math after them (the start search rescanned the rest every time)', () => {
  const { html, diagnostics } = render(`${'*a '.repeat(100_000)}and $x^2$ at the end`);
  assert.equal(diagnostics, []);
  assert.ok(html.startsWith('<p>*a *a '));
  assert.is(parseHtml(html).querySelectorAll('.katex').length, 1);
});

test('20,000 paragraphs and 40,000 hard-broken lines render whole', () => {
  // Counted in the HTML text: jsdom takes minutes over 20,000 elements.
  assert.is(render('a\n\n'.repeat(20_000)).html, '<p>a</p>\n'.repeat(20_000));
  const lines = render(`${'a  \n'.repeat(40_000)}end`).html;
  assert.is(lines, `<p>${'a<br>'.repeat(40_000)}end</p>\n`);
});

test('math, hard breaks and links far into a long paragraph are found as before', () => {
  const words = 'word '.repeat(400);
  const source = `${words}$y_1$ ${words}https://example.org/far ${words}end  \nnext line\nprose\n$$\nz\n$$\n`;
  const el = parseHtml(render(source).html);
  assert.is(el.querySelectorAll('p .katex').length, 1);
  assert.is(el.querySelectorAll('p br').length, 1);
  assert.equal(
    Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href')),
    ['https://example.org/far'],
  );
  assert.is(el.querySelectorAll('.math-display .katex-display').length, 1);
});

test.run();
