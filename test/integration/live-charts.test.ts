// Live charts end to end. Plotly: the fixture notebook holds figures plotly.py wrote in a real kernel
// (scripts/make-plotly-fixtures.py), one of them hostile; Vega-Lite: Altair's outputs and a hostile
// spec. Built by the real CLI and served: the page
// shows each figure as a drawn SVG with its PNG for feeds, feeds carry the PNG and no script, and in
// Debian's chromium the page loads the site's own plotly.js, the pictures become live charts that
// answer the mouse, with no CSP violation, no request to another host, and no script of the figure run.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServed, launchChromium } from './demo-site.js';
import { feedparse } from '../support/feed-parsers.js';
import { code, makeRepo, makeTempDir, notebookJson } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/render/plotly.ipynb');
const notebook = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  cells: { outputs?: { data: Record<string, unknown> }[] }[];
};
const figureOf = (cell: number): unknown => notebook.cells[cell]?.outputs?.[0]?.data['application/vnd.plotly.v1+json'];
const ALTAIR = join(ROOT, 'test/fixtures/diagrams/altair.ipynb');
const HOSTILE_VEGA = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: '<img src=x onerror="window.__bpOwned=5">',
  data: { values: [{ a: '<img src=x onerror="window.__bpOwned=6">', b: 3, u: 'javascript:window.__bpOwned=4' }] },
  mark: 'bar',
  encoding: {
    x: { field: 'a', type: 'nominal' },
    y: { field: 'b', type: 'quantitative' },
    tooltip: { field: 'a' },
    href: { field: 'u' },
  },
  usermeta: { embedOptions: { ast: false, actions: true } },
};
const BROKEN = {
  output_type: 'display_data',
  metadata: {},
  data: { 'application/vnd.plotly.v1+json': '{"data": [', 'text/plain': 'Figure()' },
};

let browser: Browser;
let origin = '';
let log = '';
const work = makeTempDir('bp-plotly-');
const out = join(work, 'site');
const repo = makeRepo();
const read = (path: string): string => readFileSync(join(out, path), 'utf8');

test.before(async () => {
  const broken = notebookJson([code('fig.show()', [BROKEN])]);
  const plain = notebookJson([
    code('1 + 1', [{ output_type: 'execute_result', metadata: {}, execution_count: 1, data: { 'text/plain': '2' } }]),
  ]);
  const altair = JSON.parse(readFileSync(ALTAIR, 'utf8')) as { cells: object[] };
  const hostileVega = {
    ...code('chart', [
      {
        output_type: 'display_data',
        metadata: {},
        data: { 'application/vnd.vegalite.v5+json': HOSTILE_VEGA, 'text/plain': 'alt.Chart(...)' },
      },
    ]),
    id: 'hostile',
    metadata: {},
  };
  const vega = JSON.stringify({ ...altair, cells: [...altair.cells, hostileVega] });
  repo.commit(
    'main',
    {
      'plotly.ipynb': readFileSync(FIXTURE, 'utf8'),
      'broken.ipynb': broken,
      'plain.ipynb': plain,
      'altair.ipynb': vega,
    },
    'charts',
  );
  ({ origin, log } = await buildServed(repo.dir, work));
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

const figures = (page: string) => [
  ...page.matchAll(
    /<figure class="diagram diagram-plotly"><img src="(_assets\/[0-9a-f]{16}\.svg)" data-png="(_assets\/[0-9a-f]{16}\.png)" alt="([^"]*)"[^>]*><script type="application\/json" data-bp-live="plotly">([^<]*)<\/script><\/figure>/g,
  ),
];

test('each figure is a drawn SVG with its PNG beside it, and its data inert beside them', () => {
  const page = read('main/plotly.html');
  const found = figures(page);
  assert.equal(
    found.map((m) => m[3]),
    [
      'Plotly chart: Growth by year',
      'Plotly chart: Fruit sold',
      'Plotly chart: Hostile click mewindow.__bpOwned=3&lt;!--',
    ],
  );
  found.forEach((m, i) => {
    const svg = read(`main/${m[1]}`);
    assert.match(svg, /^<svg[^>]* width="\d+" height="\d+"/);
    // The hostile figure's text shows its markup as text (`&lt;img … onerror=…`): only tags count.
    assert.not.match(svg, /<script|<foreignObject|<[^>]*\son[a-z]+=|<[^>]*javascript:/i, 'the SVG runs nothing');
    assert.equal([...readFileSync(join(out, 'main', m[2] ?? '')).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG');
    assert.equal(JSON.parse(m[4] ?? ''), figureOf([2, 3, 5][i] ?? 0), 'the data is the figure, unchanged');
  });
  assert.match(read(`main/${found[2]?.[1]}`), /Hostile/, 'the hostile figure is drawn, its text as text');
  assert.not.match(page, /This output needs a live kernel/);
});

test('only pages with a live chart load plotly.js and the page script, served by the site', () => {
  const tags = (page: string) => [...page.matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1]);
  assert.equal(tags(read('main/plotly.html')), [
    '../_static/site.js',
    '../_static/plotly/plotly.min.js',
    '../_static/live-charts.js',
  ]);
  for (const page of ['main/plain.html', 'main/broken.html', 'main/index.html', 'index.html'])
    assert.equal(tags(read(page)), page === 'index.html' ? ['_static/site.js'] : ['../_static/site.js'], page);
  assert.ok(read('_static/plotly/plotly.min.js').length > 1_000_000);
  assert.ok(read('_static/live-charts.js').includes('data-bp-live'));
  assert.equal(tags(read('main/altair.html')), [
    '../_static/site.js',
    '../_static/vega/vega.min.js',
    '../_static/vega/vega-lite.min.js',
    '../_static/vega/vega-embed.min.js',
    '../_static/live-charts.js',
  ]);
  for (const file of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'])
    assert.ok(read(`_static/vega/${file}`).length > 50_000, file);
  // No page has live widgets or Bokeh plots: their 2.1 MB and 1.8 MB of files are not written.
  assert.not.ok(existsSync(join(out, '_static/widgets')), 'no _static/widgets/');
  assert.not.ok(existsSync(join(out, '_static/bokeh')), 'no _static/bokeh/');
});

test('a figure plotly.js cannot draw is a warning naming branch, notebook and cell', () => {
  const warnings = log
    .split('\n')
    .filter((line) => line.includes('[diagram-invalid]') && line.includes('broken.ipynb'));
  assert.is(warnings.length, 1, log);
  assert.match(
    warnings[0] as string,
    /^warning \(branch main, broken\.ipynb, cell 1\): Plotly chart could not be drawn: /,
  );
  assert.match(
    read('main/broken.html'),
    /<div class="diagram-error"><p class="diagram-error-message">Plotly chart could not be drawn: /,
  );
});

test('feeds show the PNG and carry no script nor the chart data, as feedparser reads them', () => {
  for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
    const raw = read(`main/${file}`);
    const content =
      file === 'feed.json'
        ? ((JSON.parse(raw) as { items: { url: string; content_html: string }[] }).items.find((i) =>
            i.url.endsWith('plotly.html'),
          )?.content_html ?? '')
        : (feedparse(raw)[0]?.entries.find((e) => e.link?.endsWith('plotly.html'))?.content[0]?.value ?? '');
    const pngs = [...content.matchAll(/<img [^>]*src="([^"]+\.png)"/g)].map((m) => m[1]);
    assert.is(pngs.length, 3, `${file}: ${content.slice(0, 300)}`);
    for (const png of pngs) assert.ok(png?.startsWith(`${origin}main/_assets/`), png);
    assert.not.match(content, /<script|data-bp-live/, file);
  }
});

interface Watched {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly offsite: string[];
  readonly requested: string[];
  readonly fired: string[];
}

async function open(path: string): Promise<Watched> {
  const context = await browser.newContext();
  const offsite: string[] = [];
  const requested: string[] = [];
  const fired: string[] = [];
  await context.route(
    () => true,
    (route) => {
      const url = new URL(route.request().url());
      requested.push(url.pathname);
      if (url.origin === new URL(origin).origin || url.protocol === 'data:') return route.continue();
      offsite.push(url.href);
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && fired.push(`console: ${m.text()}`));
  page.on('dialog', (d) => (fired.push(`dialog: ${d.message()}`), void d.dismiss()));
  page.on('pageerror', (e) => fired.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.log(`Refused to: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${origin}${path}`);
  return { page, context, offsite, requested, fired };
}

test('in chromium every figure becomes a live chart that answers the mouse, with nothing from elsewhere', async () => {
  const w = await open('main/plotly.html');
  await w.page.waitForFunction(
    () => document.querySelectorAll('figure.diagram-plotly.is-live .live-plotly .main-svg').length >= 3,
    undefined,
    { timeout: 30_000 },
  );
  assert.is(await w.page.locator('figure.diagram-plotly img').count(), 0, 'the pictures are replaced');
  const chart = w.page.locator('figure.diagram-plotly').first();
  assert.is(await chart.locator('.hoverlayer .hovertext').count(), 0);
  // The third point of "Growth by year" (x=3, y=4).
  await chart.scrollIntoViewIfNeeded();
  const point = (await chart.locator('.scatterlayer .point').nth(2).boundingBox())!;
  await w.page.mouse.move(point.x + point.width / 2, point.y + point.height / 2);
  await chart.locator('.hoverlayer .hovertext').first().waitFor({ timeout: 10_000 });
  assert.match(
    (await chart.locator('.hoverlayer .hovertext').first().textContent()) ?? '',
    /4/,
    'the hover label shows the point',
  );
  assert.equal(w.offsite, []);
  assert.equal(w.fired, []);
  await w.context.close();
});

test('a hostile figure runs no script in the live chart: hover, legend and links included', async () => {
  const w = await open('main/plotly.html');
  await w.page.waitForFunction(
    () => document.querySelectorAll('figure.diagram-plotly.is-live').length >= 3,
    undefined,
    { timeout: 30_000 },
  );
  const hostile = w.page.locator('figure.diagram-plotly').nth(2);
  await hostile.scrollIntoViewIfNeeded();
  // The first point's hover label holds the hostile text (its second point is under the legend).
  const at = (await hostile.locator('.scatterlayer .point').first().boundingBox())!;
  await w.page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await hostile.locator('.hoverlayer .hovertext').first().waitFor({ timeout: 10_000 });
  assert.ok(
    ((await hostile.locator('.hoverlayer').textContent()) ?? '').includes('<img src=x onerror="window.__bpOwned=1">'),
    'the markup is shown as text',
  );
  const links = await hostile.locator('.live-plotly a').all();
  assert.ok(links.length >= 3, 'the links of title, axis title and annotation are drawn');
  for (const link of links) await link.click({ force: true, noWaitAfter: true });
  await w.page.waitForTimeout(300);
  assert.is(await w.page.evaluate(() => (window as unknown as { __bpOwned?: number }).__bpOwned), undefined);
  assert.is(
    await hostile.locator('.live-plotly').locator('img, script, iframe, foreignObject').count(),
    0,
    'no element of the figure text became HTML',
  );
  assert.is(
    await hostile.locator('.live-plotly a[href^="javascript:" i], .live-plotly a[*|href^="javascript:" i]').count(),
    0,
    'no javascript: link',
  );
  assert.ok(w.page.url().endsWith('main/plotly.html'), w.page.url());
  assert.equal(w.offsite, []);
  assert.equal(w.fired, []);
  await w.context.close();
});

test('Vega-Lite charts (Altair) become live charts in chromium, with no CSP violation and nothing from elsewhere', async () => {
  const w = await open('main/altair.html');
  // Altair's chart and the hostile one; Altair's chart of a URL's data is not drawn, so not live either.
  await w.page.waitForFunction(
    () => document.querySelectorAll('figure.diagram-vega-lite.is-live .live-vega svg').length >= 2,
    undefined,
    { timeout: 30_000 },
  );
  assert.is(await w.page.locator('figure.diagram-vega-lite').count(), 2);
  assert.is(await w.page.locator('figure.diagram-vega-lite img').count(), 0, 'the pictures are replaced');
  assert.is(
    await w.page.locator('.vega-actions, details[title="Click to view actions"]').count(),
    0,
    'no action menu (it links to the Vega editor)',
  );
  assert.equal(w.offsite, []);
  assert.equal(w.fired, []);
  await w.context.close();
});

test('a hostile Vega-Lite spec runs no script live: its title, tooltip and javascript: link are inert', async () => {
  const w = await open('main/altair.html');
  const hostile = w.page.locator('#cell-hostile figure.diagram-vega-lite');
  await hostile.locator('.live-vega svg').waitFor({ timeout: 30_000 });
  await hostile.scrollIntoViewIfNeeded();
  const bar = hostile.locator('.mark-rect path').first();
  const at = (await bar.boundingBox())!;
  await w.page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await w.page.locator('#vg-tooltip-element.visible').waitFor({ timeout: 10_000 });
  assert.ok(
    ((await w.page.locator('#vg-tooltip-element').textContent()) ?? '').includes(
      '<img src=x onerror="window.__bpOwned=6">',
    ),
    'the tooltip shows the markup as text',
  );
  assert.is(await w.page.locator('#vg-tooltip-element img').count(), 0);
  await w.page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
  await w.page.waitForTimeout(300);
  assert.is(await w.page.evaluate(() => (window as unknown as { __bpOwned?: number }).__bpOwned), undefined);
  assert.is(await hostile.locator('.live-vega').locator('img, foreignObject').count(), 0);
  assert.ok(w.page.url().endsWith('main/altair.html'), w.page.url());
  assert.is(w.page.context().pages().length, 1, 'no window was opened');
  assert.equal(w.offsite, []);
  assert.equal(w.fired, []);
  await w.context.close();
});

test('a page without a live chart requests no chart library', async () => {
  const w = await open('main/plain.html');
  await w.page.waitForLoadState('load');
  assert.ok(w.requested.includes('/_static/site.js'), w.requested.join(' '));
  assert.equal(
    w.requested.filter((p) => /plotly|vega|live-charts/.test(p)),
    [],
  );
  assert.equal(w.fired, []);
  await w.context.close();
});

test.run();
