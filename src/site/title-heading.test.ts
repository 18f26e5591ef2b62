import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { extractMetadata } from '../notebook/metadata.js';
import { parseNotebook } from '../notebook/parse.js';
import { createRenderContext } from '../render/context.js';
import { renderNotebook } from '../render/notebook.js';
import { notebookJson } from '../../test/support/git-repo.js';
import { headingSpan, titleHeading, titleHeadingId } from './title-heading.js';

const headings = [
  { level: 1, text: 'Café ≥ 2 ✓', id: 'café-≥-2-✓', opens: true as const },
  { level: 2, text: 'Next', id: 'next' },
];
const html =
  '<p>Intro: π ≈ 3.14 😀</p><h1 id="café-≥-2-✓">Café ≥ 2 ✓<a href="#café-≥-2-✓">¶</a></h1><p>Text ✓</p><h2 id="next">Next</h2>';

test('titleHeading: the opening heading that repeats the title is dropped, its id kept', () => {
  const { html: body, titleId } = titleHeading(html, headings, 'Café ≥ 2 ✓');
  assert.is(titleId, 'café-≥-2-✓');
  assert.is(body, '<p>Intro: π ≈ 3.14 😀</p><p>Text ✓</p><h2 id="next">Next</h2>');
  assert.equal(titleHeading(html, headings, 'Another title'), { html });
  assert.is(titleHeadingId([{ level: 2, text: 'Café ≥ 2 ✓', id: 'x', opens: true }], 'Café ≥ 2 ✓'), undefined);
  assert.is(
    titleHeadingId([{ level: 1, text: 'Café ≥ 2 ✓', id: 'x' }], 'Café ≥ 2 ✓'),
    undefined,
    'a heading that does not open the notebook stays',
  );
});

test('headingSpan: the heading, with the cell that holds only it; none when missing or unclosed', () => {
  const [s0, s1] = headingSpan(html, 'café-≥-2-✓')!;
  assert.is(html.slice(0, s0) + html.slice(s1), '<p>Intro: π ≈ 3.14 😀</p><p>Text ✓</p><h2 id="next">Next</h2>');
  const cell = '<section class="cell"><div class="md"><h1 id="t">T</h1></div></section><p>after</p>';
  assert.equal(headingSpan(cell, 't'), [0, cell.indexOf('<p>')]);
  assert.is(headingSpan(html, 'missing'), undefined);
  assert.is(headingSpan('<h1 id="open">never closed', 'open'), undefined);
});

/** A notebook through the real stages: parse, metadata, render. */
async function throughStages(cells: object[], metadata: object = {}) {
  const parsed = parseNotebook({
    branch: 'main',
    path: 'n.ipynb',
    bytes: new TextEncoder().encode(notebookJson(cells, metadata)),
  });
  if (!parsed.notebook) throw new Error('did not parse');
  const { meta, notebook } = extractMetadata(parsed.notebook, 'n.ipynb', 'main');
  const env = {
    branch: 'main',
    path: 'n.ipynb',
    language: 'python',
    urlFor: () => undefined,
    assetUrl: (n: string) => n,
  };
  return { meta, rendered: renderNotebook(notebook, env, await createRenderContext()) };
}

test('titleHeading: a heading with math is the title too, shown once, its math rendered in the header', async () => {
  const cases: [source: string, metadata: object, title: string, math: boolean][] = [
    ['# Vectors in $\\mathbb{R}^n$\n\nText.', {}, 'Vectors in \\mathbb{R}^n', true],
    ['# The \\(\\alpha\\) and $$\\beta$$ of $x_1$ *now*', {}, 'The \\alpha and \\beta of x_1 now', true],
    ['# Costs $5 and $10', {}, 'Costs $5 and $10', false],
    ['# Sets: $\\mathbb{N}$', { title: 'Sets: $\\mathbb{N}$' }, 'Sets: \\mathbb{N}', true],
  ];
  for (const [source, metadata, title, math] of cases) {
    const { meta, rendered } = await throughStages([{ cell_type: 'markdown', source }], metadata);
    assert.is(meta.title, title);
    const folded = titleHeading(rendered.html, rendered.headings, meta.title);
    assert.is(folded.titleId, rendered.headings[0]?.id, `${title}: the heading repeats the title`);
    assert.not.match(folded.html, /<h1/, `${title}: and is shown once`);
    const header = JSDOM.fragment(folded.titleHtml ?? '');
    assert.is(header.querySelector('.katex') !== null, math, `${title}: the header's math is rendered`);
    if (math) assert.not.match(header.textContent ?? '', /\$/);
  }
  // Only the opening heading, the one that can stand in for the header, keeps its HTML.
  const { rendered } = await throughStages([{ cell_type: 'markdown', source: '# On $x$\n\n## With $y$' }]);
  assert.equal(
    rendered.headings.map((h) => [h.text, h.html !== undefined]),
    [
      ['On x', true],
      ['With y', false],
    ],
  );
});

test('a title heading after an attribution stays in its place; a cell holding only the title goes', async () => {
  const attribution = [
    {
      cell_type: 'markdown',
      source:
        '[Sebastian Raschka](http://sebastianraschka.com), 2015\n\nhttps://github.com/rasbt/python-machine-learning-book',
    },
    { cell_type: 'markdown', source: '# Python Machine Learning - Code Examples' },
    { cell_type: 'markdown', source: '# Chapter 2 - Training Machine Learning Algorithms' },
  ];
  const late = await throughStages(attribution);
  assert.is(late.meta.title, 'Python Machine Learning - Code Examples', 'the first level-1 heading is the title');
  assert.is(late.rendered.headings[0]?.opens, undefined);
  const kept = titleHeading(late.rendered.html, late.rendered.headings, late.meta.title);
  assert.is(kept.html, late.rendered.html, 'the heading is not moved above the attribution');
  assert.is(kept.titleId, undefined);

  const opening = await throughStages([
    { cell_type: 'markdown', source: '# Fitting a line' },
    { cell_type: 'markdown', source: 'Least squares.' },
  ]);
  assert.is(opening.rendered.headings[0]?.opens, true);
  const folded = titleHeading(opening.rendered.html, opening.rendered.headings, opening.meta.title);
  const sections = [...JSDOM.fragment(folded.html).querySelectorAll('section')];
  assert.is(sections.length, 1, 'no empty section is left where the title cell was');
  assert.match(sections[0]!.textContent ?? '', /Least squares/);
  // A title heading with more text in its cell leaves the rest of the cell in place.
  const shared = await throughStages([{ cell_type: 'markdown', source: '# Fitting a line\n\nLeast squares.' }]);
  const rest = titleHeading(shared.rendered.html, shared.rendered.headings, shared.meta.title);
  assert.match(JSDOM.fragment(rest.html).querySelector('section')?.textContent ?? '', /Least squares/);
  assert.not.match(rest.html, /<h1/);
});

test.run();
