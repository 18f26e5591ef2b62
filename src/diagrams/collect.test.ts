import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectDiagrams, collectFromMarkdown, collectRasterImages } from './collect.js';
import { sha256 } from '../util/hash.js';
import { loadNotebook } from '../../test/support/load-notebook.js';
import { deepSpec } from '../../test/support/hostile-specs.js';
import { bokehDocument } from '../render/bokeh.js';
import { TOO_DEEP_SOURCE } from '../render/diagram-html.js';

test('collectDiagrams: fences in markdown, lists, quotes, raw markdown and diagram outputs', () => {
  const found = collectDiagrams(loadNotebook('diagrams/diagrams.ipynb'));
  const summary = found.map((d) => `${d.cell}:${d.kind}:${d.source.split('\n')[0]}`);
  assert.equal(summary, [
    '0:mermaid:flowchart LR',
    '1:mermaid:sequenceDiagram',
    '1:graphviz:digraph pipeline { parse -> render -> publish }',
    '2:vega-lite:{',
    '2:vega:{',
    '3:vega-lite:{"$schema":"https://vega.github.io/schema/vega-lite/v5.17.0.json","config":{"view":{"continuousWidth":300,"continuousHeight":300}},"data":{"name":"data-5f3c1b8e"},"mark":{"type":"bar"},"encoding":{"x":{"field":"fruit","type":"nominal"},"y":{"field":"sold","type":"quantitative"}},"datasets":{"data-5f3c1b8e":[{"fruit":"Apples","sold":28},{"fruit":"Pears","sold":55},{"fruit":"Plums","sold":43}]}}',
    '4:mermaid:graph TD',
    '5:graphviz:graph { notebooks -- feeds }',
    '7:mermaid:flowchart TD',
    '7:mermaid:flowchart LR',
  ]);
});

test('collectDiagrams: fence text is the body marked hands the renderer (list indent removed)', () => {
  const found = collectDiagrams(loadNotebook('diagrams/diagrams.ipynb'));
  assert.is(found[1]?.source, 'sequenceDiagram\n    Alice->>Bob: Hello Bob\n    Bob-->>Alice: Hi Alice');
  assert.is(found[0]?.source, found[9]?.source, 'the same flowchart twice has the same source');
});

test('collectDiagrams: JSON outputs are keyed by JSON.stringify of the spec', () => {
  const nb = loadNotebook('diagrams/altair.ipynb');
  const found = collectDiagrams(nb);
  assert.is(found.length, 2);
  const cell = nb.cells[1];
  assert.ok(cell?.type === 'code' && cell.outputs[0]?.type === 'execute_result');
  const spec =
    cell.type === 'code' && cell.outputs[0]?.type === 'execute_result'
      ? cell.outputs[0].data['application/vnd.vegalite.v4+json']
      : undefined;
  assert.is(found[0]?.source, JSON.stringify(spec));
  assert.is(found[0]?.kind, 'vega-lite');
});

test('collectDiagrams: a notebook without diagrams (real corpus notebooks) gives nothing', () => {
  assert.equal(collectDiagrams(loadNotebook('real/mystmd-interactive-notebooks.ipynb')), []);
  assert.equal(collectDiagrams(loadNotebook('real/nbclient-inline-image.ipynb')), []);
});

test('collectFromMarkdown: info strings, MyST braces, tildes, unknown languages', () => {
  const md =
    '```mermaid title="x"\ngraph TD; A-->B\n```\n\n~~~{mermaid}\npie\n~~~\n\n```graphviz\ngraph{}\n```\n\n```js\nx\n```\n\n```\nplain\n```\n';
  assert.equal(
    collectFromMarkdown(md, 4).map((d) => [d.kind, d.source, d.cell]),
    [
      ['mermaid', 'graph TD; A-->B', 4],
      ['mermaid', 'pie', 4],
      ['graphviz', 'graph{}', 4],
    ],
  );
  assert.equal(collectFromMarkdown('    ```mermaid\n    indented\n    ```\n', 0), []);
  assert.equal(
    collectFromMarkdown('```{graphviz}\ndigraph{}\n```\n\n```vegalite\n{}\n```\n\n```Mermaid\npie\n```\n', 1).map(
      (d) => d.kind,
    ),
    ['graphviz', 'vega-lite', 'mermaid'],
    'the same fence names as src/render/diagram-html.ts',
  );
});

test('collectRasterImages: PNG outputs of real notebooks, keyed by the sha256 of their bytes', () => {
  const [image, ...rest] = collectRasterImages(loadNotebook('real/nbclient-inline-image.ipynb'));
  assert.equal(rest, []);
  assert.ok(image);
  assert.is(image.mime, 'image/png');
  assert.is(image.bytes.byteLength, 8758);
  assert.equal([...image.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
  assert.is(image.hash, sha256(image.bytes, 16));
  assert.is(collectRasterImages(loadNotebook('real/mystmd-interactive-notebooks.ipynb')).length, 1);
  assert.equal(collectRasterImages(loadNotebook('diagrams/diagrams.ipynb')), []);
});

test('collectDiagrams: a spec output nested 100,000 deep is one diagram with a stand-in source, no stack overflow', () => {
  const cell = {
    type: 'code' as const,
    id: 'c',
    source: '',
    metadata: {},
    tags: [],
    executionCount: 1,
    outputs: [
      {
        type: 'display_data' as const,
        data: { 'application/vnd.vega.v5+json': deepSpec(), 'text/plain': 'chart' },
        metadata: {},
      },
    ],
  };
  assert.equal(collectDiagrams({ nbformat: 4, nbformatMinor: 5, metadata: {}, cells: [cell] }), [
    { kind: 'vega', source: TOO_DEEP_SOURCE, cell: 0 },
  ]);
});

test('collectDiagrams: a Bokeh document per show(), the same source the renderer looks up; none from Bokeh 1.x', () => {
  const found = collectDiagrams(loadNotebook('interactive/bokeh-ticts.ipynb'));
  assert.equal(
    found.map((d) => [d.kind, d.cell]),
    [
      ['bokeh', 3],
      ['bokeh', 7],
    ],
  );
  const data = loadNotebook('interactive/bokeh-ticts.ipynb').cells[3];
  const output = data?.type === 'code' ? data.outputs[1] : undefined;
  const doc = output && output.type !== 'stream' && output.type !== 'error' ? bokehDocument(output.data) : undefined;
  assert.is(found[0]?.source, doc?.ok ? doc.source : 'no document');
  assert.equal(collectDiagrams(loadNotebook('interactive/bokeh-1.3.ipynb')), []);
});

test.run();
