// plotly.js in the build's browser: real figures plotly.py wrote (test/fixtures/render/
// plotly.ipynb), drawn twice to the same SVG, their text as SVG text, and bad figures as errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { closeBrowser } from '../io/browser.js';
import { finish } from './finish.js';
import { createPlotlyRenderer } from './plotly.js';
import type { PlotlyRenderer } from './plotly.js';

const notebook = JSON.parse(
  readFileSync(new URL('../../test/fixtures/render/plotly.ipynb', import.meta.url), 'utf8'),
) as { cells: { outputs?: { data: Record<string, unknown> }[] }[] };
const figure = (cell: number): string =>
  JSON.stringify(notebook.cells[cell]?.outputs?.[0]?.data['application/vnd.plotly.v1+json']);

let renderer: PlotlyRenderer;

test.before(async () => {
  renderer = await createPlotlyRenderer();
});

test.after(async () => {
  await renderer?.close();
  await closeBrowser();
});

test('a figure is drawn at its layout size, the same SVG every time', async () => {
  const first = await renderer.render(figure(2));
  const second = await renderer.render(figure(2));
  assert.ok(first.ok, JSON.stringify(first));
  assert.ok(second.ok);
  assert.is(first.svg, second.svg, 'clip-path ids and all');
  assert.match(first.svg, /^<svg[^>]* width="600" height="400"/);
  assert.match(first.svg, />Growth by year</);
});

test('a hostile figure: its markup is SVG text, and nothing of it runs or links out once finished', async () => {
  const drawn = await renderer.render(figure(5));
  assert.ok(drawn.ok, JSON.stringify(drawn));
  const { entry } = await finish('plotly', drawn);
  assert.ok(entry.ok);
  assert.match(entry.svg, /&lt;img src=x onerror="window.__bpOwned=1"&gt;/, 'the <img> is text');
  assert.not.match(entry.svg, /<img|<script|<foreignObject|<[^>]*\son[a-z]+=|<[^>]*javascript:/i);
  assert.equal([...entry.png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});

test('figures plotly.js cannot draw are errors with its message, and the page goes on drawing', async () => {
  const broken = await renderer.render('{"data": [');
  assert.is(broken.ok, false);
  assert.match(!broken.ok ? broken.error : '', /JSON/);
  const notObject = await renderer.render('[1, 2]');
  assert.equal(notObject, { ok: false, error: 'a Plotly figure must be a JSON object' });
  assert.ok((await renderer.render(figure(3))).ok, 'the next figure draws');
});

test.run();
