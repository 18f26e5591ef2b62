import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { liveChartData, liveScripts, plotlyTitle, scriptSafeJson, withoutLiveData } from './live-charts.js';

const HOSTILE = {
  layout: { title: { text: 'a</script><script>alert(1)</script><!--<script>' } },
  data: [{ text: ['&amp; \u2028 </SCRIPT >'] }],
};

test('scriptSafeJson: no `<`, `>` or `&` is left, and the JSON value is the same', () => {
  const safe = scriptSafeJson(JSON.stringify(HOSTILE));
  assert.not.match(safe, /[<>&\u2028\u2029]/);
  assert.equal(JSON.parse(safe), HOSTILE);
});

test('liveChartData: an HTML parser sees one inert script element whose text is the figure', () => {
  const element = liveChartData('plotly', JSON.stringify(HOSTILE));
  const dom = new JSDOM(`<!doctype html><figure>${element}<p id="after">after</p></figure>`);
  const scripts = dom.window.document.querySelectorAll('script');
  assert.is(scripts.length, 1, 'the figure text neither ends the element nor opens another');
  assert.is(scripts[0]?.getAttribute('type'), 'application/json');
  assert.equal(JSON.parse(scripts[0]?.textContent ?? ''), HOSTILE);
  assert.ok(dom.window.document.getElementById('after'), 'what follows is still markup');
});

test('liveChartData: kinds without a live chart get nothing', () => {
  assert.is(liveChartData('mermaid', 'graph TD; A-->B'), '');
  assert.is(liveChartData('graphviz', 'digraph { a -> b }'), '');
  assert.match(liveChartData('vega-lite', '{}'), /^<script type="application\/json" data-bp-live="vega-lite">/);
});

test('liveScripts: each library once, in load order, then the page script; nothing without a live chart', () => {
  const vegaLite = liveChartData('vega-lite', '{}');
  assert.equal(liveScripts(`${vegaLite}${liveChartData('vega', '{}')}${liveChartData('plotly', '{}')}`), [
    '_static/plotly/plotly.min.js',
    '_static/vega/vega.min.js',
    '_static/vega/vega-lite.min.js',
    '_static/vega/vega-embed.min.js',
    '_static/live-charts.js',
  ]);
  assert.equal(liveScripts(liveChartData('vega', '{}')), [
    '_static/vega/vega.min.js',
    '_static/vega/vega-embed.min.js',
    '_static/live-charts.js',
  ]);
  const page = `<p>x</p><figure>${liveChartData('plotly', '{}')}</figure><figure>${liveChartData('plotly', '{"data":[]}')}</figure>`;
  assert.equal(liveScripts(page), ['_static/plotly/plotly.min.js', '_static/live-charts.js']);
  assert.equal(liveScripts(`${liveChartData('bokeh', '{}')}${vegaLite}`), [
    '_static/vega/vega.min.js',
    '_static/vega/vega-lite.min.js',
    '_static/vega/vega-embed.min.js',
    '_static/bokeh/bokeh.min.js',
    '_static/bokeh/bokeh-widgets.min.js',
    '_static/live-charts.js',
  ]);
  assert.equal(liveScripts('<p>no chart; &lt;script type="application/json" data-bp-live="plotly"&gt;</p>'), []);
  assert.equal(liveScripts('<figure><script type="application/json" data-bp-live="unknown">{}</script></figure>'), []);
});

test('withoutLiveData: the data elements go, the pictures stay', () => {
  const figure = `<figure class="diagram"><img src="a.svg" data-png="a.png" alt="x">${liveChartData('plotly', JSON.stringify(HOSTILE))}</figure>`;
  assert.is(
    withoutLiveData(`<p>a</p>${figure}${figure}`),
    `<p>a</p>${'<figure class="diagram"><img src="a.svg" data-png="a.png" alt="x"></figure>'.repeat(2)}`,
  );
  assert.is(withoutLiveData('<p>plain</p>'), '<p>plain</p>');
});

test('plotlyTitle: a string or `{text}` title as plain text; none for anything else', () => {
  assert.is(plotlyTitle(JSON.stringify({ layout: { title: 'Sales <b>2024</b>' } })), 'Sales 2024');
  assert.is(plotlyTitle(JSON.stringify({ layout: { title: { text: 'Growth<br>by year' } } })), 'Growth by year');
  assert.is(plotlyTitle(JSON.stringify({ layout: { title: { font: {} } } })), '');
  assert.is(plotlyTitle('not json'), '');
  assert.is(plotlyTitle('null'), '');
});

test.run();
