import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRenderContext } from './context.js';
import { DIAGRAM_FENCES, diagramKind, diagramSource, drawDiagram, renderFenceDiagram } from './diagram-html.js';
import { diagramLookup, drawnDiagram, fixtureEnv } from '../../test/support/render-fixtures.js';
import { createSink } from './sink.js';
import { createSlugger } from './slugger.js';

const Kind = suite('diagramKind and diagramSource');

Kind('fence languages and output MIME types map to diagram kinds', () => {
  const cases: [string, string | undefined][] = [
    ['mermaid', 'mermaid'],
    ['{mermaid}', 'mermaid'],
    ['Mermaid', 'mermaid'],
    ['dot', 'graphviz'],
    ['graphviz', 'graphviz'],
    ['vega-lite', 'vega-lite'],
    ['vega', 'vega'],
    ['text/vnd.mermaid', 'mermaid'],
    ['application/vnd.vegalite.v3+json', 'vega-lite'],
    ['application/vnd.vegalite.v4+json', 'vega-lite'],
    ['application/vnd.vegalite.v5+json', 'vega-lite'],
    ['application/vnd.vega.v5+json', 'vega'],
    ['python', undefined],
    ['text/html', undefined],
    ['"><script>', undefined],
  ];
  for (const [input, kind] of cases) assert.is(diagramKind(input), kind, input);
  assert.is(DIAGRAM_FENCES.dot, 'graphviz');
});

Kind('source: text as it is, specs as their JSON', () => {
  assert.is(diagramSource('graph TD; A-->B'), 'graph TD; A-->B');
  assert.is(diagramSource({ mark: 'bar', data: { values: [1] } }), '{"mark":"bar","data":{"values":[1]}}');
});

const Draw = suite('drawDiagram');

const target = (entries: Parameters<typeof diagramLookup>[0]) => {
  const sink = createSink('main', 'd.ipynb');
  return { sink, t: { diagrams: diagramLookup(entries), sink, env: fixtureEnv('sub/d.ipynb'), cell: 2 } };
};

Draw('a drawn diagram: figure with SVG src, PNG data-png, size, alt; its files in the sink', () => {
  const image = drawnDiagram('flow', 320.4, 90);
  const { sink, t } = target([['mermaid', 'graph TD; A-->B', image]]);
  const html = drawDiagram('mermaid', 'graph TD; A-->B', t);
  const img = JSDOM.fragment(html ?? '').querySelector('figure.diagram.diagram-mermaid > img');
  assert.ok(img && image.ok);
  assert.is(img.getAttribute('src'), `_assets/${image.image.svg}`);
  assert.is(img.getAttribute('data-png'), `_assets/${image.image.png}`);
  assert.equal(
    [img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('loading')],
    ['320', '90', 'lazy'],
  );
  assert.is(img.getAttribute('alt'), 'Mermaid diagram: graph TD; A-->B');
  assert.equal(
    sink.assets().map((a) => a.name),
    [image.image.svg, image.image.png],
  );
});

Draw('a failed diagram: escaped source and message in .diagram-error, a diagram-invalid diagnostic', () => {
  const { sink, t } = target([
    ['graphviz', 'digraph { <script> }', { ok: false, error: 'syntax error near <script>' }],
  ]);
  const html = drawDiagram('graphviz', 'digraph { <script> }', t) ?? '';
  const box = JSDOM.fragment(html).querySelector('.diagram-error');
  assert.match(box?.textContent ?? '', /Graphviz diagram could not be drawn: syntax error near <script>/);
  assert.is(box?.querySelector('pre code')?.textContent, 'digraph { <script> }');
  assert.is(JSDOM.fragment(html).querySelectorAll('script').length, 0);
  assert.equal(
    sink.diagnostics().map((d) => [d.rule, d.cell, d.branch, d.path]),
    [['diagram-invalid', 2, 'main', 'd.ipynb']],
  );
});

Draw('a diagram not drawn gives undefined', () => {
  const { t } = target([]);
  assert.is(drawDiagram('vega', '{}', t), undefined);
});

const Fence = suite('renderFenceDiagram');

Fence('diagram fences drawn, failed or highlighted; other fences left to the markdown renderer', async () => {
  const ctx = await createRenderContext();
  const highlight = ctx.highlight;
  const diagrams = diagramLookup([
    ['graphviz', 'digraph { a -> b }', drawnDiagram('g')],
    ['mermaid', 'nope', { ok: false, error: 'bad' }],
  ]);
  const sink = createSink('main', 'm.ipynb');
  const menv = { env: fixtureEnv('m.ipynb'), sink, slugger: createSlugger(), cell: 0 };
  assert.match(
    renderFenceDiagram('dot', 'digraph { a -> b }', { diagrams, highlight, menv }) ?? '',
    /^<figure class="diagram diagram-graphviz">/,
  );
  assert.match(renderFenceDiagram('{mermaid}', 'nope', { diagrams, highlight, menv }) ?? '', /class="diagram-error"/);
  const code = renderFenceDiagram('mermaid', 'graph LR; Q', { diagrams, highlight, menv }) ?? '';
  assert.match(code, /^<pre class="shiki/);
  assert.is(JSDOM.fragment(code).textContent, 'graph LR; Q');
  assert.is(renderFenceDiagram('python', 'x = 1', { diagrams, highlight, menv }), undefined);
  assert.equal(
    sink.diagnostics().map((d) => d.rule),
    ['diagram-invalid'],
  );
});

Kind.run();
Draw.run();
Fence.run();
