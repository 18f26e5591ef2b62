import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeCell, DisplayOutput } from '../types.js';
import { createRenderContext } from './context.js';
import { diagramLookup, drawnDiagram, fixtureEnv, parseFixture } from '../../test/support/render-fixtures.js';
import { renderNotebook } from './notebook.js';
import { hasVisibleContent } from './outputs.js';

const load = (name: string) =>
  parseFixture(readFileSync(new URL(`../../test/fixtures/render/${name}`, import.meta.url)), name).nb;

const Visible = suite('hasVisibleContent');

Visible('text or visible elements count; empty containers and styles do not', () => {
  assert.ok(hasVisibleContent('<p>x</p>'));
  assert.ok(hasVisibleContent('<div><img src="a.png"></div>'));
  assert.ok(hasVisibleContent('<table></table>'));
  assert.not.ok(hasVisibleContent('<div id="vis"></div>\n'));
  assert.not.ok(hasVisibleContent('<style>.a{}</style><div>&nbsp;</div>'));
});

const Reps = suite('output representations');

Reps('JSON, LaTeX, markdown, HTML and plain text each have their renderer', async () => {
  const out = renderNotebook(load('representations.ipynb'), fixtureEnv('r.ipynb'), await createRenderContext());
  const doc = JSDOM.fragment(out.html);
  const json = doc.querySelector('#cell-c01 .output-json pre.shiki');
  assert.ok(json, 'highlighted JSON');
  assert.equal(JSON.parse(json.textContent ?? ''), { name: 'binderpress', list: [1, 2] });
  assert.ok(doc.querySelector('#cell-c02 .output-latex .katex'), 'KaTeX from text/latex');
  assert.is(doc.querySelector('#cell-c02 .output-prompt')?.textContent, 'Out[2]:');
  assert.is(doc.querySelector('#cell-c03 .output-markdown strong')?.textContent, 'bold');
  assert.is(doc.querySelector('#cell-c04 .output-html p.greeting em')?.textContent, 'world');
  assert.is(doc.querySelector('#cell-c05 pre.output-text')?.textContent, '42');
  assert.is(
    doc.querySelector('#cell-c06 .output-note')?.textContent,
    'This output needs a live kernel: Run this notebook in Binder to see it',
  );
  assert.equal(out.diagnostics, []);
});

Reps('prompts follow options.showExecutionCount', async () => {
  const nb = load('representations.ipynb');
  const withPrompts = JSDOM.fragment(renderNotebook(nb, fixtureEnv('r.ipynb'), await createRenderContext()).html);
  assert.is(withPrompts.querySelector('#cell-c05 .input-prompt')?.textContent, 'In [5]:');
  assert.is(withPrompts.querySelector('#cell-c05 .output-prompt')?.textContent, 'Out[5]:');
  const without = JSDOM.fragment(
    renderNotebook(nb, fixtureEnv('r.ipynb'), await createRenderContext({ showExecutionCount: false })).html,
  );
  assert.is(without.querySelectorAll('.prompt').length, 0);
  assert.is(without.querySelector('#cell-c05 pre.output-text')?.textContent, '42');
});

Reps('a user MIME priority changes the representation', async () => {
  const ctx = await createRenderContext({ mimePriority: ['text/plain', 'text/html'] });
  const doc = JSDOM.fragment(renderNotebook(load('representations.ipynb'), fixtureEnv('r.ipynb'), ctx).html);
  assert.is(doc.querySelector('#cell-c04 pre.output-text')?.textContent, '<HTML>');
  assert.is(doc.querySelector('#cell-c04 .output-html'), null);
});

const Diagrams = suite('diagram outputs');

Diagrams('drawn diagrams become figures with SVG src and PNG data-png, assets added', async () => {
  const mermaid = drawnDiagram('mermaid output', 300, 120);
  const vl = drawnDiagram('vega-lite chart');
  const nb = load('diagrams.ipynb');
  const cell = nb.cells[2] as CodeCell;
  const spec = (cell.outputs[0] as DisplayOutput).data['application/vnd.vegalite.v5+json'];
  const diagrams = diagramLookup([
    ['mermaid', 'graph LR; X-->Y', mermaid],
    ['vega-lite', JSON.stringify(spec), vl],
    ['vega-lite', JSON.stringify({ mark: 'nope' }), { ok: false, error: 'Invalid mark "nope" <b>' }],
    ['mermaid', 'this is not mermaid', { ok: false, error: 'Parse error on line 1' }],
  ]);
  const out = renderNotebook(nb, fixtureEnv('d.ipynb'), await createRenderContext({}, { diagrams }));
  const doc = JSDOM.fragment(out.html);
  const img = doc.querySelector('#cell-c02 figure.diagram img');
  assert.ok(img);
  assert.is(img.getAttribute('src'), `_assets/${mermaid.ok ? mermaid.image.svg : ''}`);
  assert.is(img.getAttribute('data-png'), `_assets/${mermaid.ok ? mermaid.image.png : ''}`);
  assert.equal([img.getAttribute('width'), img.getAttribute('height')], ['300', '120']);
  assert.is(img.getAttribute('alt'), 'Mermaid diagram: graph LR; X-->Y');
  assert.is(doc.querySelector('#cell-c03 figure img')?.getAttribute('alt'), 'Vega-Lite chart: Bars of a and b');
  const names = out.assets.map((a) => a.name);
  for (const d of [mermaid, vl]) if (d.ok) for (const a of d.image.assets) assert.ok(names.includes(a.name));
  const error = doc.querySelector('#cell-c04 .diagram-error');
  assert.match(error?.textContent ?? '', /Invalid mark "nope" <b>/);
  assert.match(error?.querySelector('pre')?.textContent ?? '', /"mark":"nope"/);
  const invalid = out.diagnostics.filter((d) => d.rule === 'diagram-invalid');
  assert.equal(
    invalid.map((d) => d.cell),
    [0, 3],
  );
});

Diagrams('diagrams not drawn fall back to the next representation (PNG, then text)', async () => {
  const out = renderNotebook(load('diagrams.ipynb'), fixtureEnv('d.ipynb'), await createRenderContext());
  const doc = JSDOM.fragment(out.html);
  assert.is(doc.querySelectorAll('figure.diagram').length, 0);
  assert.is(doc.querySelector('#cell-c02 pre.output-text')?.textContent, '<Mermaid>');
  assert.ok(doc.querySelector('#cell-c03 .output-image img[src$=".png"]'));
  assert.is(doc.querySelector('#cell-c03 .output-note'), null, 'a diagram is not an interactive output');
  assert.equal(out.diagnostics, []);
});

Visible.run();
Reps.run();
Diagrams.run();
