import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadNotebook } from '../../test/support/load-notebook.js';
import { collectDiagrams } from './collect.js';
import { graphvizVersion, renderGraphviz } from './graphviz.js';
import { deepSpec } from '../../test/support/hostile-specs.js';
import { findUrls, offlineLoader, renderVega, stripLinks, urlRefusal, vegaVersion } from './vega.js';

const diagrams = collectDiagrams(loadNotebook('diagrams/diagrams.ipynb'));
const broken = collectDiagrams(loadNotebook('diagrams/broken.ipynb'));
const altair = collectDiagrams(loadNotebook('diagrams/altair.ipynb'));
const textOf = (svg: string): string => svg.replace(/<[^>]*>/g, ' ');

test('renderGraphviz: a dot graph from a fence becomes SVG with its node labels', async () => {
  const dot = diagrams.find((d) => d.kind === 'graphviz')!;
  const r = await renderGraphviz(dot.source);
  assert.ok(r.ok);
  for (const label of ['parse', 'render', 'publish']) assert.match(textOf(r.svg), new RegExp(`\\b${label}\\b`));
  assert.match(r.svg, /<svg[^>]+viewBox=/);
  const again = await renderGraphviz(dot.source);
  assert.is(again.ok && again.svg, r.svg, 'deterministic');
});

test('renderGraphviz: a syntax error gives Graphviz’s message', async () => {
  const r = await renderGraphviz(broken[1]!.source);
  assert.equal(r, { ok: false, error: "syntax error in line 1 near '}'" });
  assert.match(await graphvizVersion(), /^@hpcc-js\/wasm-graphviz 1\.29\.2, graphviz \d+\./);
});

test('renderVega: vega-lite bar chart with inline values shows its categories', async () => {
  const vl = diagrams.find((d) => d.kind === 'vega-lite')!;
  const r = await renderVega('vega-lite', vl.source);
  assert.ok(r.ok, r.ok ? '' : r.error);
  for (const label of ['January', 'February', 'March', 'mm']) assert.ok(textOf(r.svg).includes(label), label);
  assert.match(r.svg, /^<svg[^>]+width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
});

test('renderVega: a vega spec and an Altair output (named datasets) render', async () => {
  const vega = diagrams.find((d) => d.kind === 'vega')!;
  const r = await renderVega('vega', vega.source);
  assert.ok(r.ok, r.ok ? '' : r.error);
  for (const label of ['Alpha', 'Beta', 'Gamma']) assert.ok(textOf(r.svg).includes(label), label);
  const fruit = diagrams.find((d) => d.cell === 3)!;
  const f = await renderVega('vega-lite', fruit.source);
  assert.ok(f.ok && ['Apples', 'Pears', 'Plums'].every((x) => textOf(f.svg).includes(x)));
  const movies = await renderVega('vega-lite', altair[0]!.source);
  assert.ok(movies.ok && textOf(movies.svg).includes('Rotten_Tomatoes_Rating'), movies.ok ? '' : movies.error);
});

test('renderVega: data from a URL is refused with the message, wherever the url is', async () => {
  const stocks = await renderVega('vega-lite', altair[1]!.source);
  assert.equal(stocks, {
    ok: false,
    error:
      'Vega spec loads data from a URL (https://vega.github.io/vega-datasets/data/stocks.csv); build time has no network: inline the data (`values`)',
  });
  const nested = {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    marks: [{ type: 'image', encode: { enter: { url: { value: 'file:///etc/passwd' } } } }],
  };
  const r = await renderVega('vega', JSON.stringify(nested));
  assert.equal(r, { ok: false, error: urlRefusal(['{"value":"file:///etc/passwd"}']) });
  assert.equal(
    findUrls({
      $schema: 'https://x/',
      data: { values: [{ url: 'a row, not a load' }] },
      layer: [{ data: { url: 'b.csv' } }],
    }),
    ['b.csv'],
  );
  assert.match(urlRefusal(['a', 'b', 'c', 'd']), /\(a, b, c, …\)/);
});

test('findUrls and stripLinks: walk a spec nested 100,000 deep without overflowing the stack', () => {
  const deep = { layer: [deepSpec(100_000)], data: { url: 'x.csv' } };
  assert.equal(findUrls(deep), ['x.csv']);
  const spec = {
    mark: { type: 'point', href: 'javascript:alert(1)' },
    encoding: { href: { field: 'link' }, x: { field: 'a' } },
    data: { values: [{ href: 'kept: data' }] },
    nested: deepSpec(100_000),
  };
  stripLinks(spec);
  assert.equal(spec.mark, { type: 'point' });
  assert.equal(spec.encoding, { x: { field: 'a' } } as typeof spec.encoding);
  assert.equal(spec.data.values, [{ href: 'kept: data' }]);
});

test('offlineLoader: loads, fetches, reads and sanitizes nothing', async () => {
  const loader = offlineLoader();
  for (const attempt of [
    loader.load('https://example.com/x.csv'),
    loader.http('https://example.com/', {}),
    loader.file('/etc/passwd'),
  ]) {
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, Error);
  }
  assert.match(vegaVersion('vega-lite'), /^vega-lite 6\.4\.3, vega 6\.4\.0$/);
});

test('renderVega: broken specs give the renderer’s message', async () => {
  const json = await renderVega('vega-lite', broken[2]!.source);
  assert.ok(!json.ok && json.error.startsWith('not valid JSON: '), JSON.stringify(json));
  const vega = await renderVega('vega', broken[3]!.source);
  assert.equal(vega, { ok: false, error: 'Undefined data set name: "missing"' });
  assert.equal(await renderVega('vega', '[1, 2]'), { ok: false, error: 'a Vega spec must be a JSON object' });
});

test.run();
