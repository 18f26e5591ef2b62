// ipywidgets end to end: the fixture notebook saved with widget state
// (scripts/make-widget-fixtures.py), plus hostile models, built by the real CLI from a real git
// repository and served on 127.0.0.1. In Debian's chromium the saved widgets come alive from the
// site's own bundle under the page's Content-Security-Policy, with no violation and no request to
// another host; hostile HTML in the state runs nothing; feeds carry the text stand-ins and no
// script; a page without widgets loads no widget file.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { buildServed, launchChromium } from './demo-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/widgets/widgets.ipynb');
/** A real notebook of ipywidgets 7 Output widgets whose state nbclient saved. */
const NBCLIENT = join(ROOT, 'test/fixtures/real/nbclient-output.ipynb');
const MARKER = 'WIDGET-XSS';
const PAYLOAD = `<img src=x onerror="console.log('${MARKER}');window.__pwned=1">`;
const BREAKOUT = `</script><script>console.log('${MARKER}');window.__pwned=1</script><!--`;

interface Notebook {
  cells: object[];
  metadata: { widgets: Record<string, { state: Record<string, object> }> };
}

const CONTROLS = { model_module: '@jupyter-widgets/controls', model_module_version: '2.0.0' };
const controls = (name: string, view: string, state: object) => ({
  ...CONTROLS,
  model_name: name,
  state: {
    _model_module: CONTROLS.model_module,
    _model_module_version: '2.0.0',
    _model_name: name,
    _view_module: CONTROLS.model_module,
    _view_module_version: '2.0.0',
    _view_name: view,
    ...state,
  },
});
const view = (id: string, text: string) => ({
  output_type: 'display_data',
  metadata: {},
  data: {
    'application/vnd.jupyter.widget-view+json': { version_major: 2, version_minor: 0, model_id: id },
    'text/plain': text,
  },
});

/** The fixture with hostile models: HTML and a description that try to run script, a value that tries to close the state's `<script>`, and a model of another package. */
function hostileNotebook(): string {
  const nb = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Notebook;
  const state = nb.metadata.widgets['application/vnd.jupyter.widget-state+json']!.state;
  state.h1 = controls('HTMLModel', 'HTMLView', { value: `hostile html ${PAYLOAD}` });
  state.h2 = controls('ButtonModel', 'ButtonView', {
    description: `hostile button ${PAYLOAD}`,
    description_allow_html: true,
  });
  state.h3 = controls('LabelModel', 'LabelView', { value: BREAKOUT });
  state.h4 = controls('HBoxModel', 'HBoxView', { children: ['IPY_MODEL_h1', 'IPY_MODEL_h2', 'IPY_MODEL_h3'] });
  state.map = {
    model_name: 'LeafletMapModel',
    model_module: 'jupyter-leaflet',
    model_module_version: '^0.19',
    state: { _view_module: 'jupyter-leaflet' },
  };
  nb.cells.push(
    { ...code('hostile', [view('h4', 'HBox(hostile)')]), id: 'hostile' },
    { ...code('Map()', [view('map', 'Map(center=[0, 0])')]), id: 'map' },
  );
  return JSON.stringify(nb);
}

let browser: Browser;
let origin = '';
const work = makeTempDir('bp-widgets-');
const out = join(work, 'site');
const repo = makeRepo();
const read = (path: string): string => readFileSync(join(out, path), 'utf8');

test.before(async () => {
  repo.commit(
    'main',
    {
      'widgets.ipynb': hostileNotebook(),
      'output.ipynb': readFileSync(NBCLIENT, 'utf8'),
      'plain.ipynb': notebookJson([
        md('# Plain'),
        code('1 + 1', [
          { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': '2' } },
        ]),
      ]),
    },
    'widgets',
  );
  ({ origin } = await buildServed(repo.dir, work));
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('the page carries the saved state inertly and a picture of each live widget; the view without state shows its text and a note', () => {
  const page = read('main/widgets.html');
  const states = [...page.matchAll(/<script type="application\/vnd\.jupyter\.widget-state\+json">([^<]*)<\/script>/g)];
  assert.is(states.length, 1);
  const state = JSON.parse(states[0]![1]!) as { state: Record<string, { state: Record<string, unknown> }> };
  assert.ok(state.state[`${'0'.repeat(30)}11`], 'the slider');
  assert.is(state.state.h3?.state.value, BREAKOUT, 'the label keeps its text; only its escaping changed');
  assert.not.ok(state.state.map, 'no model of another package');
  assert.not.match(JSON.stringify(state), /onerror/, 'HTML in the state is sanitized');
  assert.not.ok(page.includes(BREAKOUT), 'the state cannot close its script');
  assert.match(
    page,
    /<p class="output-note">Interactive widget: no saved state for it\. Run the notebook in Binder to use it\.<\/p><pre class="output-text">FloatSlider\(value=0\.5\)<\/pre>/,
  );
  assert.match(
    page,
    /<p class="output-note">Interactive widget of jupyter-leaflet: only ipywidgets&#39; own controls are shown live\. Run it in Binder to use it\.<\/p><pre class="output-text">Map\(center=\[0, 0\]\)<\/pre>/,
  );
  assert.not.match(read('main/plain.html'), /widgets\//, 'a page without widgets names no widget file');
  const pictures = [
    ...page.matchAll(
      /<div class="widget-static"><img src="(_assets\/[0-9a-f]{16}\.svg)" data-png="(_assets\/[0-9a-f]{16}\.png)" alt="Picture of an interactive widget" width="(\d+)" height="(\d+)" class="widget-picture"/g,
    ),
  ];
  assert.is(pictures.length, 4, 'a picture stands in for each live widget');
  for (const [, svg, png, width] of pictures) {
    assert.match(read(`main/${svg}`), /^<svg[^>]*><image [^>]*href="data:image\/png;base64,/);
    assert.equal([...readFileSync(join(out, 'main', png ?? '')).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.ok(Number(width) > 50 && Number(width) <= 1000, width);
  }
});

test('feeds show pictures of the live widgets drawn at build time, and carry no script', () => {
  for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
    const feed = read(`main/${file}`);
    assert.is(
      feed.match(/Picture of an interactive widget/g)?.length,
      4 + 7,
      `${file}: a picture of each live widget (4 here, 7 in nbclient's)`,
    );
    assert.match(feed, /main\/_assets\/[0-9a-f]{16}\.png/, `${file}: as PNG`);
    assert.ok(feed.includes('FloatSlider(value=0.5)'), `${file}: the text of the widget without state`);
    assert.not.match(feed, /<script|&lt;script|\\u003cscript/i, `${file}: no script`);
  }
});

async function watch(page: Page): Promise<{ offsite: string[]; violations: string[]; markers: string[] }> {
  const seen = { offsite: [] as string[], violations: [] as string[], markers: [] as string[] };
  page.on(
    'request',
    (r) =>
      void (
        r.url().startsWith(origin) ||
        r.url().startsWith('data:') ||
        r.url().startsWith('blob:') ||
        seen.offsite.push(r.url())
      ),
  );
  page.on('console', (m) => void (m.text().includes(MARKER) && seen.markers.push(m.text())));
  page.on('dialog', (d) => (seen.markers.push(`dialog ${d.message()}`), void d.dismiss()));
  await page.exposeFunction('__violation', (v: string) => seen.violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __violation(v: string): void }).__violation(`${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  return seen;
}

test('chromium draws the saved widgets live, with no CSP violation, no other host and no hostile script', async () => {
  const page = await browser.newPage();
  const seen = await watch(page);
  await page.goto(`${origin}main/widgets.html`, { waitUntil: 'load' });
  await page.waitForSelector('.widget-subarea .widget-hslider', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll('.widget-subarea').length === 4, undefined, {
    timeout: 20_000,
  });
  const shown = await page.evaluate(() => ({
    slider: document.querySelector('.widget-subarea .widget-readout')?.textContent,
    html: document.querySelector('.widget-subarea .widget-html-content b')?.textContent,
    button: [...document.querySelectorAll('.widget-subarea button')].map((b) => b.textContent?.trim().slice(0, 14)),
    hidden: [...document.querySelectorAll('.output-widget > .widget-static')].map((s) => (s as HTMLElement).hidden),
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    images: document.querySelectorAll('.widget-subarea img[onerror]').length,
  }));
  await page.close();
  assert.is(shown.slider, '7', 'the slider at its saved value');
  assert.is(shown.html, 'Saved');
  assert.equal(shown.button, ['Press me', 'hostile button'], 'an ipywidgets 8 button shows its description as text');
  assert.equal(shown.hidden, [true, true, true, true], 'every stand-in hidden once its widget is drawn');
  assert.is(shown.pwned, undefined);
  assert.is(shown.images, 0);
  assert.equal(seen.markers, []);
  assert.equal(seen.violations, []);
  assert.equal(seen.offsite, []);
});

test('ipywidgets 7 Output widgets saved by nbclient show their text live', async () => {
  const page = await browser.newPage();
  const seen = await watch(page);
  await page.goto(`${origin}main/output.html`, { waitUntil: 'load' });
  await page.waitForFunction(
    () => [...document.querySelectorAll('.widget-subarea')].some((a) => a.textContent?.includes('in outer')),
    undefined,
    { timeout: 20_000 },
  );
  const text = await page.evaluate(() =>
    [...document.querySelectorAll('.widget-subarea')].map((a) => a.textContent ?? ''),
  );
  await page.close();
  assert.is(text.length, 7);
  assert.ok(text[0]?.includes('in output') && text[0].includes('trigger msg_type=error'), text[0]);
  assert.ok(text[6]?.includes('in outer'), text[6]);
  assert.equal(seen.violations, []);
  assert.equal(seen.offsite, []);
});

test('pages with live widgets name the loader and bundle among their scripts; the site writes them', () => {
  const tags = (page: string) => [...read(page).matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1]);
  assert.equal(tags('main/widgets.html'), [
    '../_static/site.js',
    '../_static/widgets/loader.js',
    '../_static/widgets/embed.js',
  ]);
  assert.equal(tags('main/plain.html'), ['../_static/site.js']);
  assert.ok(read('_static/widgets/embed.js').length > 1_000_000);
  assert.ok(read('_static/widgets/loader.js').includes('widget-subarea'));
  assert.ok(
    readdirSync(join(out, '_static/widgets')).some((f) => f.endsWith('.woff2')),
    'the icon fonts',
  );
});

test('a page without widgets loads no widget file', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => void requests.push(r.url()));
  await page.goto(`${origin}main/plain.html`, { waitUntil: 'load' });
  await page.close();
  assert.ok(
    requests.some((r) => r.endsWith('_static/site.js')),
    requests.join('\n'),
  );
  assert.not.ok(
    requests.some((r) => r.includes('_static/widgets/')),
    requests.join('\n'),
  );
});

test.run();
