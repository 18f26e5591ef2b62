import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRenderContext } from './context.js';
import { fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { INTERACTIVE, isInteractiveMime, LIVE_KERNEL_NOTE, rankMimes, renderBundle } from './mime.js';
import { renderNotebook } from './notebook.js';
import { DEFAULT_MIME_PRIORITY } from './types.js';

const Rank = suite('rankMimes');

Rank('first: the type of the priority list that the bundle has', () => {
  const cases: [Record<string, unknown>, string | undefined][] = [
    [{ 'text/plain': 'x', 'text/html': '<b>x</b>' }, 'text/html'],
    [{ 'text/plain': 'x', 'image/png': 'AAAA' }, 'image/png'],
    [{ 'image/png': 'AAAA', 'image/svg+xml': '<svg/>' }, 'image/svg+xml'],
    [{ 'text/plain': 'x', 'application/vnd.jupyter.widget-view+json': {} }, 'application/vnd.jupyter.widget-view+json'],
    [{ 'application/json': {}, 'text/plain': 'x' }, 'application/json'],
    [{ 'text/latex': '$x$', 'image/png': 'AAAA' }, 'text/latex'],
    [{ 'application/x-unknown': 'x' }, undefined],
    [{ 'text/plain': null }, undefined],
    [{}, undefined],
  ];
  for (const [bundle, expected] of cases)
    assert.is(rankMimes(bundle, DEFAULT_MIME_PRIORITY)[0], expected, JSON.stringify(bundle));
});

Rank('honours a user priority list', () => {
  assert.equal(rankMimes({ 'text/plain': 'x', 'text/html': 'y' }, ['text/plain', 'text/html']), [
    'text/plain',
    'text/html',
  ]);
  assert.equal(rankMimes({ 'image/png': 'a', 'text/plain': 'b', 'x/y': 'c' }, DEFAULT_MIME_PRIORITY), [
    'image/png',
    'text/plain',
  ]);
});

const Interactive = suite('isInteractiveMime');

Interactive(
  'widgets, JavaScript, bokeh and unknown vendor JSON are interactive; diagrams and Plotly figures are not',
  () => {
    for (const m of [
      'application/vnd.jupyter.widget-view+json',
      'application/javascript',
      'application/vnd.bokehjs_exec.v0+json',
      'application/vnd.vegalite.v2+json',
      'application/vnd.holoviews_load.v0+json',
    ]) {
      assert.ok(isInteractiveMime(m), m);
    }
    for (const m of [
      'text/html',
      'image/png',
      'text/plain',
      'application/json',
      'application/vnd.vegalite.v5+json',
      'application/vnd.vega.v5+json',
      'text/vnd.mermaid',
      'application/vnd.plotly.v1+json',
      'application/pdf',
    ]) {
      assert.not.ok(isInteractiveMime(m), m);
    }
  },
);

const Bundle = suite('renderBundle');

const attempt = (mime: string, value: unknown) =>
  mime === 'text/html' && String(value).includes('<script') ? INTERACTIVE : `[${mime}:${String(value)}]`;

Bundle('static bundles render their richest type without a note', () => {
  assert.is(renderBundle({ 'text/plain': 'p', 'text/html': 'h' }, DEFAULT_MIME_PRIORITY, attempt), '[text/html:h]');
});

Bundle('an interactive richest type falls back to the next static one, with a note', () => {
  const out = renderBundle(
    { 'application/vnd.jupyter.widget-view+json': {}, 'image/png': 'P', 'text/plain': 't' },
    DEFAULT_MIME_PRIORITY,
    attempt,
  );
  assert.is(out, '<p class="output-note">Interactive output shown as a static image</p>[image/png:P]');
  const text = renderBundle({ 'application/javascript': 'x', 'text/plain': 't' }, DEFAULT_MIME_PRIORITY, attempt);
  assert.is(text, '<p class="output-note">Interactive output shown as static text</p>[text/plain:t]');
});

Bundle('HTML that is all script counts as interactive; nothing static leaves the note alone', () => {
  assert.is(
    renderBundle(
      { 'application/vnd.holoviews_exec.v0+json': {}, 'text/html': '<script>x</script>' },
      DEFAULT_MIME_PRIORITY,
      attempt,
    ),
    LIVE_KERNEL_NOTE,
  );
  assert.is(
    renderBundle({ 'application/vnd.jupyter.widget-view+json': {} }, DEFAULT_MIME_PRIORITY, attempt),
    LIVE_KERNEL_NOTE,
  );
  assert.is(renderBundle({ 'application/x-unknown': 'z' }, DEFAULT_MIME_PRIORITY, attempt), LIVE_KERNEL_NOTE);
  assert.is(renderBundle({}, DEFAULT_MIME_PRIORITY, attempt), '');
});

Bundle('a representation that fails falls through to the next; all failing still shows a note', () => {
  const failPng = (mime: string, value: unknown) => (mime === 'image/png' ? undefined : `[${mime}:${String(value)}]`);
  assert.is(renderBundle({ 'image/png': 'bad', 'text/plain': 't' }, DEFAULT_MIME_PRIORITY, failPng), '[text/plain:t]');
  assert.match(renderBundle({ 'image/png': 'bad' }, DEFAULT_MIME_PRIORITY, failPng), /class="output-note"/);
});

Bundle('fixture: widget, JavaScript, plotly and bokeh outputs fall back to PNG/text with the note', async () => {
  const nb = parseFixture(
    readFileSync(new URL('../../test/fixtures/render/interactive.ipynb', import.meta.url)),
    'interactive.ipynb',
  ).nb;
  const ctx = await createRenderContext();
  const out = renderNotebook(nb, fixtureEnv('interactive.ipynb'), ctx);
  const doc = JSDOM.fragment(out.html);
  const cell = (n: number) => doc.querySelectorAll('section.cell-code')[n];
  const note = (n: number) => cell(n)?.querySelector('.output-note')?.textContent;
  assert.is(note(0), 'Interactive widget: the notebook was saved without widget state. Run it in Binder to use it.');
  assert.is(cell(0)?.querySelector('pre.output-text')?.textContent, 'IntSlider(value=5)');
  assert.is(note(1), 'Interactive widget: the notebook was saved without widget state. Run it in Binder to use it.');
  assert.ok(cell(1)?.querySelector('img[src$=".png"]'));
  assert.is(note(2), 'This output needs a live kernel: Run this notebook in Binder to see it');
  assert.is(note(3), 'This output needs a live kernel: Run this notebook in Binder to see it');
  assert.is(note(4), 'Interactive output shown as static text');
  assert.is(cell(4)?.querySelector('pre.output-text')?.textContent, 'Figure(id=1002)');
  assert.is(note(5), 'Interactive widget: the notebook was saved without widget state. Run it in Binder to use it.');
  assert.is(note(6), undefined, 'a static HTML table has no note');
  assert.ok(cell(6)?.querySelector('.output-html table'));
  assert.is(doc.querySelectorAll('script').length, 0);
});

Rank.run();
Interactive.run();
Bundle.run();
