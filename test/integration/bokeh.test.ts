// Bokeh end to end: a notebook Bokeh 3.4.1 ran in a real kernel (test/fixtures/interactive/,
// `output_notebook()` and `show()`) and one Bokeh 1.3.4 saved. Built by the real CLI and served:
// the page shows each plot as a picture drawn at build time with the site's own BokehJS, feeds
// carry its PNG and no script, and in Debian's chromium the page's BokehJS draws the same document
// live on a canvas, with no CSP violation and no request to another host. The old document, and one
// given a CustomJS formatter, are warnings naming branch, notebook and cell, and show their text.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { buildServed, launchChromium } from './demo-site.js';
import { feedparse } from '../support/feed-parsers.js';
import { makeRepo, makeTempDir } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures/interactive', name), 'utf8');

let browser: Browser;
let origin = '';
let log = '';
const work = makeTempDir('bp-bokeh-');
const out = join(work, 'site');
const repo = makeRepo();
const read = (path: string): string => readFileSync(join(out, path), 'utf8');

/** A notebook of the fixture's first plot with `find` in its document replaced by `replace`. */
function variant(find: string, replace: string): string {
  const nb = JSON.parse(fixture('bokeh-ticts.ipynb')) as { cells: { outputs?: { data: Record<string, unknown> }[] }[] };
  const cell = nb.cells[3]!;
  const data = cell.outputs![1]!.data;
  const script = (data['application/javascript'] as string[]).join('');
  assert.ok(script.includes(find));
  data['application/javascript'] = script.replace(find, replace);
  return JSON.stringify({ ...nb, cells: [cell] });
}

/** Its axis formatter made a CustomJS one: code from the notebook. */
const customJs = (): string =>
  variant(
    '"formatter":{"type":"object","name":"BasicTickFormatter","id":"p1032"}',
    '"formatter":{"type":"object","name":"CustomJSTickFormatter","id":"p1032","attributes":{"code":"window.__bpOwned = 1; return \'OWNED\'"}}',
  );

/** A map tile layer added under its glyphs: tiles come from a tile server on another host. */
const tiles = (): string =>
  variant(
    '"renderers":[',
    '"renderers":[{"type":"object","name":"TileRenderer","id":"t1","attributes":{"tile_source":{"type":"object","name":"WMTSTileSource","id":"t2","attributes":{"url":"https://tiles.example.org/{Z}/{X}/{Y}.png"}}}},',
  );

test.before(async () => {
  repo.commit(
    'main',
    {
      'ticts.ipynb': fixture('bokeh-ticts.ipynb'),
      'old.ipynb': fixture('bokeh-1.3.ipynb'),
      'custom.ipynb': customJs(),
      'tiles.ipynb': tiles(),
    },
    'bokeh',
  );
  ({ origin, log } = await buildServed(repo.dir, work));
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

const FIGURE =
  /<figure class="diagram diagram-bokeh"><img src="(_assets\/[0-9a-f]{16}\.svg)" data-png="(_assets\/[0-9a-f]{16}\.png)" alt="Bokeh plot" width="(\d+)" height="(\d+)"[^>]*><script type="application\/json" data-bp-live="bokeh">([^<]*)<\/script><\/figure>/g;

test('each show() is a picture drawn at build time, the document inert beside it', () => {
  const page = read('main/ticts.html');
  const found = [...page.matchAll(FIGURE)];
  assert.is(found.length, 2, page.slice(0, 500));
  // The figure is 400×220 CSS pixels, the row of three 3×(400×220) (fixture cells 6 and 12).
  assert.equal(
    found.map((m) => [Number(m[3]), Number(m[4])]),
    [
      [408, 228],
      [1208, 228],
    ],
  );
  for (const m of found) {
    const svg = read(`main/${m[1]}`);
    assert.match(svg, /^<svg[^>]*><image [^>]*href="data:image\/png;base64,/);
    assert.equal([...readFileSync(join(out, 'main', m[2] ?? '')).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG');
    const doc = JSON.parse(m[5] ?? '') as { docs_json: Record<string, { version: string }> };
    assert.is(Object.values(doc.docs_json)[0]?.version, '3.4.1');
  }
  assert.not.match(page, /root\._bokeh_onload_callbacks|embed_items_notebook/, 'nothing of the notebook script');
  assert.not.match(page, /This output could not be shown/, "Bokeh's empty placeholder <div> is left out");
});

test("a document's CustomJS does not run at build time: the plot is not drawn, its text stays", () => {
  const warnings = log.split('\n').filter((l) => l.includes('custom.ipynb'));
  assert.is(warnings.length, 1, log);
  assert.match(
    warnings[0] ?? '',
    /^warning \(branch main, custom\.ipynb, cell 1\): Bokeh plot could not be drawn: .*'unsafe-eval'.* \[diagram-invalid\]$/,
  );
  const page = read('main/custom.html');
  assert.not.match(page, /diagram-bokeh|data-bp-live|OWNED/);
  assert.match(page, /This output needs a live kernel/);
});

test('only the Bokeh page loads BokehJS, served by the site', () => {
  const tags = (p: string) => [...read(p).matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1]);
  assert.equal(tags('main/ticts.html'), [
    '../_static/site.js',
    '../_static/bokeh/bokeh.min.js',
    '../_static/bokeh/bokeh-widgets.min.js',
    '../_static/live-charts.js',
  ]);
  assert.equal(tags('main/old.html'), ['../_static/site.js']);
  assert.equal(tags('main/custom.html'), ['../_static/site.js']);
  assert.ok(read('_static/bokeh/bokeh.min.js').includes('embed_items'));
});

test('a document of Bokeh 1.3: a warning naming branch, notebook and cell, and its text', () => {
  const warnings = log.split('\n').filter((l) => l.includes('[bokeh-unreadable]'));
  assert.is(warnings.length, 1, log);
  assert.match(
    warnings[0] ?? '',
    /^warning \(branch main, old\.ipynb, cell 2\): Bokeh plot could not be read: it was saved by Bokeh 1\.3\.4/,
  );
  assert.not.match(read('main/old.html'), /diagram-bokeh|data-bp-live/);
  assert.not.match(read('main/old.html'), /This output could not be shown/);
});

test('feeds show the PNG and carry no script nor the document, as feedparser reads them', () => {
  for (const file of ['feed.xml', 'atom.xml']) {
    const entry = feedparse(read(`main/${file}`))[0]?.entries.find((e) => e.link?.endsWith('ticts.html'));
    const content = entry?.content[0]?.value ?? '';
    const pngs = [...content.matchAll(/<img [^>]*src="([^"]+\.png)"/g)].map((m) => m[1]);
    assert.is(pngs.length, 2, `${file}: ${content.slice(0, 300)}`);
    for (const png of pngs) assert.ok(png?.startsWith(`${origin}main/_assets/`), png);
    assert.not.match(content, /<script|data-bp-live|docs_json/, file);
  }
});

/** A page of the site in a fresh context: requests to other hosts are refused and kept, and so are console errors and CSP violations. */
async function open(path: string) {
  const context = await browser.newContext();
  const offsite: string[] = [];
  const fired: string[] = [];
  await context.route(
    () => true,
    (route) => {
      const url = new URL(route.request().url());
      if (url.origin === new URL(origin).origin || url.protocol === 'data:') return route.continue();
      offsite.push(url.href);
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) fired.push(m.text());
  });
  page.on('pageerror', (e) => fired.push(`page error: ${e.message}`));
  await page.goto(`${origin}${path}`);
  return { context, page, offsite, fired };
}

test('in chromium the page draws each plot live on a canvas, with nothing from elsewhere and no CSP violation', async () => {
  const { context, page, offsite, fired } = await open('main/ticts.html');
  await page.waitForFunction(() => document.querySelectorAll('figure.diagram-bokeh.is-live').length === 2, undefined, {
    timeout: 30_000,
  });
  assert.is(await page.locator('figure.diagram-bokeh img').count(), 0, 'the pictures are replaced');
  // BokehJS draws in shadow roots: count the canvases with painted pixels there.
  const painted = await page.evaluate(() => {
    const canvases: HTMLCanvasElement[] = [];
    const roots: ParentNode[] = [document.querySelector('figure.diagram-bokeh .live-bokeh')!];
    for (let root = roots.pop(); root; root = roots.pop())
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLCanvasElement) canvases.push(el);
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    return canvases.filter((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return false;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    }).length;
  });
  assert.ok(painted >= 1, `a canvas with pixels (${painted})`);
  assert.ok(await page.evaluate(() => (window as unknown as { Bokeh?: { version: string } }).Bokeh?.version));
  assert.equal(offsite, []);
  assert.equal(fired, []);
  await context.close();
});

test('a plot with map tiles is drawn at build time but stays a picture on the page: no tile is fetched', async () => {
  assert.match(read('main/tiles.html'), /<figure class="diagram diagram-bokeh"><img /);
  const { context, page, offsite, fired } = await open('main/tiles.html');
  const note = page.locator('figure.diagram-bokeh .output-note');
  await note.waitFor({ timeout: 30_000 });
  assert.match((await note.textContent()) ?? '', /Shown as a picture: .*map tiles or data from outside this site/);
  assert.is(await page.locator('figure.diagram-bokeh img').count(), 1, 'the picture stays');
  assert.equal(offsite, []);
  assert.equal(fired, []);
  await context.close();
});

test.run();
