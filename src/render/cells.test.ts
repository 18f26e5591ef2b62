import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRenderContext } from './context.js';
import { fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { renderNotebook } from './notebook.js';
import { cellAnchor } from './sink.js';

const nb = parseFixture(
  readFileSync(new URL('../../test/fixtures/render/tags.ipynb', import.meta.url)),
  'tags.ipynb',
).nb;
const render = async () => {
  const out = renderNotebook(nb, fixtureEnv('tags.ipynb'), await createRenderContext());
  return { out, doc: JSDOM.fragment(out.html) };
};

const Tags = suite('cell tags');

Tags('remove-cell, remove-input, remove-output and remove-stderr drop those parts', async () => {
  const { out, doc } = await render();
  assert.not.match(out.html, /SECRET|REMOVED-OUT(?!PUT)|DROP-STDERR/);
  assert.is(doc.querySelector('#cell-c02'), null);
  const noInput = doc.querySelector('#cell-c03');
  assert.is(noInput?.querySelector('.cell-input'), null);
  assert.is(noInput?.querySelector('pre.output-stream.stdout')?.textContent, 'visible output\n');
  const noOutput = doc.querySelector('#cell-c04');
  assert.match(noOutput?.querySelector('.cell-input')?.textContent ?? '', /REMOVED-OUTPUT-INPUT/);
  assert.is(noOutput?.querySelector('.cell-outputs'), null);
  assert.is(doc.querySelector('#cell-c09 pre.stdout')?.textContent, 'KEEP-STDOUT\n');
});

Tags('hide-input, hide-input-open, hide-output and hide-cell fold into <details class="hidden-cell">', async () => {
  const { doc } = await render();
  const hidden = doc.querySelector('#cell-c05 > details.hidden-cell');
  assert.is(hidden?.querySelector('summary')?.textContent, 'Show code');
  assert.not.ok(hidden?.hasAttribute('open'));
  assert.ok(hidden?.querySelector('.cell-input'));
  assert.ok(doc.querySelector('#cell-c05 > .cell-outputs'), 'output stays visible');
  assert.ok(doc.querySelector('#cell-c06 > details.hidden-cell[open] .cell-input'));
  const output = doc.querySelector('#cell-c07 > details.hidden-cell');
  assert.is(output?.querySelector('summary')?.textContent, 'Show output');
  assert.match(output?.textContent ?? '', /HIDDEN-OUTPUT-3/);
  assert.ok(doc.querySelector('#cell-c07 > .cell-input'));
  const whole = doc.querySelector('#cell-c08 > details.hidden-cell');
  assert.ok(whole?.querySelector('.cell-input') && whole.querySelector('.cell-outputs'));
});

const Raw = suite('raw cells');

Raw('HTML sanitized, markdown and LaTeX rendered, other formats hidden', async () => {
  const { out, doc } = await render();
  assert.is(doc.querySelector('#cell-c10 .raw-html b.raw-bold')?.textContent, 'raw html');
  assert.is(doc.querySelectorAll('script').length, 0);
  assert.is(doc.querySelector('#cell-c11 strong')?.textContent, 'raw markdown');
  assert.ok(doc.querySelector('#cell-c12 .raw-latex .katex'));
  assert.not.match(out.html, /RST-HIDDEN|RAW-NO-FORMAT/);
  assert.is(doc.querySelector('#cell-c13'), null);
  assert.is(doc.querySelector('#cell-c14'), null);
});

const Sections = suite('cell sections');

Sections('one section per shown cell, in order, with type class and id; empty cells left out', async () => {
  const { out, doc } = await render();
  const ids = [...doc.querySelectorAll('article.notebook > section.cell')].map((s) => `${s.id} ${s.className}`);
  assert.equal(ids, [
    'cell-c01 cell cell-markdown',
    'cell-c03 cell cell-code',
    'cell-c04 cell cell-code',
    'cell-c05 cell cell-code',
    'cell-c06 cell cell-code',
    'cell-c07 cell cell-code',
    'cell-c08 cell cell-code',
    'cell-c09 cell cell-code',
    'cell-c10 cell cell-raw',
    'cell-c11 cell cell-raw',
    'cell-c12 cell cell-raw',
    'cell-c15 cell cell-code',
    'cell-c17 cell cell-code',
  ]);
  assert.is(doc.querySelector('#cell-c15 .input-prompt')?.textContent, 'In [ ]:');
  assert.equal(
    out.headings.map((h) => [h.level, h.text]),
    [[1, 'Tags and raw cells']],
  );
});

Sections('a %%bash cell is highlighted as shell; the notebook language otherwise', async () => {
  const { doc } = await render();
  const pre = doc.querySelector('#cell-c17 pre');
  assert.not.match(pre?.className ?? '', /plain/);
  assert.ok(
    [...(pre?.querySelectorAll('span') ?? [])].some((s) => s.textContent === 'echo'),
    'echo is a token of the shell grammar',
  );
});

Sections('a cell whose id starts with cell- is anchored at that id, not #cell-cell-…', () => {
  assert.is(cellAnchor('cell-0'), 'cell-0');
  assert.is(cellAnchor('cell-3-2'), 'cell-3-2');
  assert.is(cellAnchor('c15'), 'cell-c15');
  assert.is(cellAnchor('9a1b'), 'cell-9a1b');
});

Tags.run();
Raw.run();
Sections.run();
