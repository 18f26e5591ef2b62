// The demo site in a real browser: Debian's chromium driven by playwright-core, the site built by
// the real CLI and served on 127.0.0.1. Navigation, search, the Run-this link, accessibility
// (axe-core), console errors, requests that leave localhost, pages without JavaScript, a page of
// long words, URLs and code at 320 px, and screenshots at phone and desktop widths saved to
// test-artifacts/screenshots/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { demoSite, launchChromium, serveFolder, type DemoSite } from './demo-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PAGES = {
  home: 'index.html',
  build: 'intro/index.html',
  notebook: 'intro/01-getting-started.html',
  tag: 'tags/statistics/index.html',
} as const;

let site: DemoSite;
let browser: Browser;

/** What a context saw: console errors, uncaught exceptions, and every request not to the site. */
interface Watch {
  readonly errors: string[];
  readonly offsite: string[];
  readonly hosts: Set<string>;
}

async function open(
  options: BrowserContextOptions = {},
  origin = site.origin,
): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const watch: Watch = { errors: [], offsite: [], hosts: new Set() };
  // Anything not served by the test server is refused before it leaves the machine, and recorded.
  await context.route(
    (url) => url.host !== new URL(origin).host && url.protocol !== 'data:',
    (route) => {
      watch.offsite.push(route.request().url());
      return route.abort();
    },
  );
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol !== 'data:') watch.hosts.add(url.hostname);
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`${page.url()}: ${e.message}`));
  return { context, page, watch };
}

const url = (path: string) => site.origin + path;

// One chromium for the five suites (each test opens its own context): a launch costs ≈1 CPU
// second. The last suite closes it.
let launched: Promise<Browser> | undefined;
const setup = async () => {
  site = await demoSite();
  browser = await (launched ??= launchChromium());
  mkdirSync(SHOTS, { recursive: true });
};
const closeBrowser = async () => {
  await (await launched)?.close();
};

// ─── navigation ────────────────────────────────────────────────────────────────────────────

const navigation = suite('navigation');
navigation.before(setup);

navigation('build switcher, course order, previous/next, breadcrumbs and tag pages', async () => {
  const { context, page, watch } = await open();
  await page.goto(url(PAGES.home));
  await page.locator('.build-switcher summary').click();
  await page.locator('.build-switcher a', { hasText: 'statistics' }).click();
  await page.waitForURL(url('statistics/index.html'));
  assert.equal(await page.locator('ol.course-order h2').allTextContents(), [
    'Probability distributions',
    'Fitting a line',
  ]);
  await page.locator('.build-switcher summary').click();
  assert.is(await page.locator('.build-switcher a[aria-current="page"]').textContent(), 'statistics');
  await page.locator('.build-switcher a', { hasText: 'intro' }).click();
  await page.waitForURL(url(PAGES.build));
  await page.locator('ol.course-order h2 a').first().click();
  await page.waitForURL(url(PAGES.notebook));
  assert.is(await page.locator('h1').textContent(), 'Getting started with data');
  await page.locator('.pager a[rel="next"]').click();
  await page.waitForURL(url('intro/02-summary-statistics.html'));
  await page.locator('.pager a[rel="prev"]').click();
  await page.waitForURL(url(PAGES.notebook));
  await page.locator('.breadcrumbs a', { hasText: 'intro' }).click();
  await page.waitForURL(url(PAGES.build));
  await page.locator('.breadcrumbs a').first().click();
  await page.waitForURL(url(PAGES.home));
  await page.goto(url('intro/02-summary-statistics.html'));
  await page.locator('.notebook-header a.tag', { hasText: 'statistics' }).click();
  await page.waitForURL(url(PAGES.tag));
  const listed = await page.locator('.card h2').allTextContents();
  assert.ok(listed.includes('Summary statistics') && listed.includes('Fitting a line'), listed.join(', '));
  assert.equal(watch.errors, []);
  await context.close();
});

navigation('the table of contents links to headings of the page, and following one scrolls there', async () => {
  const { context, page } = await open({ viewport: { width: 390, height: 844 } });
  await page.goto(url(PAGES.notebook));
  const hrefs = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  assert.ok(hrefs.length >= 3, hrefs.join(' '));
  for (const href of hrefs)
    assert.is(await page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`).count(), 1, href);
  await page.locator('nav.toc summary').click(); // closed at phone width
  const last = page.locator('nav.toc a').last();
  await last.click();
  assert.ok(page.url().endsWith(hrefs.at(-1)!));
  const target = page.locator(`[id="${decodeURIComponent(hrefs.at(-1)!.slice(1))}"]`);
  assert.ok(await target.isVisible());
  const box = (await target.boundingBox())!;
  assert.ok(box.y >= -1 && box.y < 844, `heading at y=${box.y}`);
  await context.close();
});

navigation.run();

// ─── search ────────────────────────────────────────────────────────────────────────────────

const search = suite('search');
search.before(setup);

search("a word only in one notebook's body finds it, names its build, and the keyboard follows it", async () => {
  const index = JSON.parse(readFileSync(join(site.out, 'search-index.json'), 'utf8')) as {
    entries: { t: string; x: string }[];
  };
  assert.equal(
    index.entries.filter((e) => e.x.includes('carriage')).map((e) => e.t),
    ['Getting started with data'],
  );
  assert.not.ok(
    index.entries.some((e) => e.t.toLowerCase().includes('carriage')),
    'the word must be in the body, not a title',
  );
  const { context, page, watch } = await open({ viewport: { width: 390, height: 844 } });
  await page.goto(url(PAGES.tag));
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // site title
  await page.keyboard.press('Tab'); // build switcher
  await page.keyboard.press('Tab'); // search box
  assert.is(await page.evaluate(() => document.activeElement?.id), 'search-input');
  await page.keyboard.type('carriage');
  const results = page.locator('#search-results a');
  await results.first().waitFor();
  assert.is(await results.count(), 1);
  const text = await results.first().innerText();
  assert.match(text, 'Getting started with data');
  assert.is(await results.first().locator('.build-name').textContent(), 'intro');
  await page.keyboard.press('ArrowDown');
  assert.is(
    await page.evaluate(() => document.activeElement?.textContent?.startsWith('Getting started with data')),
    true,
  );
  await page.keyboard.press('Enter');
  await page.waitForURL(url(PAGES.notebook));
  await page.locator('#search-input').fill('zzzz-no-such-word');
  await page.locator('#search-results p').waitFor();
  assert.match(await page.locator('#search-results').innerText(), 'No notebook matches');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#search-results').isHidden());
  await page.locator('#search-input').fill('histograms');
  await page.locator('#search-results a').first().waitFor();
  assert.equal(await page.locator('#search-results .build-name').allTextContents(), ['statistics']);
  assert.equal(watch.errors, []);
  await context.close();
});

search.run();

// ─── run this ──────────────────────────────────────────────────────────────────────────────

const run = suite('Run this');
run.before(setup);

run('the Run-this link is the expected Binder URL and is in the first viewport on phones and laptops', async () => {
  const commit = execFileSync('git', ['rev-parse', 'intro'], { cwd: site.repo, encoding: 'utf8' }).trim();
  const expected = `https://mybinder.org/v2/gh/binderpress/binderpress-demo/${commit}?urlpath=${encodeURIComponent('lab/tree/01-getting-started.ipynb')}`;
  for (const viewport of [
    { width: 320, height: 568 },
    { width: 390, height: 844 },
    { width: 1280, height: 720 },
  ]) {
    const { context, page } = await open({ viewport });
    await page.goto(url(PAGES.notebook));
    const button = page.locator('a.run-button');
    assert.is(await button.count(), 1);
    assert.is(await button.getAttribute('href'), expected);
    const box = (await button.boundingBox())!;
    assert.ok(
      box.y >= 0 && box.y + box.height <= viewport.height,
      `at ${viewport.width}px the button ends at y=${box.y + box.height}`,
    );
    assert.ok(
      box.x >= 0 && box.x + box.width <= viewport.width,
      `at ${viewport.width}px the button ends at x=${box.x + box.width}`,
    );
    assert.is(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      true,
      `horizontal scroll at ${viewport.width}px`,
    );
    await context.close();
  }
});

run.run();

// ─── narrow screens ────────────────────────────────────────────────────────────────────────

const narrow = suite('narrow screens');
narrow.before(setup);

const LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(2);
const LONG_URL = 'https://data.worldbank.org/indicator/NY.GDP.PCAP.CD?locations=CI-ST&most_recent_year_desc=true';
const LONG_CODE =
  'pd.read_csv("https://raw.githubusercontent.com/owid/covid-19-data/master/public/data/owid-covid-data.csv")';
const WIDE_TABLE = (cols: number) =>
  `<table class="dataframe"><tr>${Array.from({ length: cols }, (_, i) => `<th>column_number_${i}</th>`).join('')}</tr></table>`;

narrow(
  'at 320 px a long URL, inline code span and title word wrap; code blocks and tables scroll in their own box',
  async () => {
    const repo = makeRepo('https://github.com/octo/narrow.git');
    const work = makeTempDir('bp-narrow-');
    try {
      const cells = [
        md(`# ${LONG_WORD}\n\nData: ${LONG_URL}\n\nLoad \`${LONG_CODE}\` first.`),
        md(
          `## Section ${LONG_WORD}\n\n| ${Array.from({ length: 8 }, (_, i) => `column_number_${i}`).join(' | ')} |\n|${' --- |'.repeat(8)}\n| ${Array.from({ length: 8 }, (_, i) => `value_${i}`).join(' | ')} |`,
        ),
        code(`print("${'x'.repeat(200)}")`, [
          { output_type: 'display_data', metadata: {}, data: { 'text/html': WIDE_TABLE(12), 'text/plain': 'a table' } },
        ]),
      ];
      repo.commit(
        'main',
        {
          'long.ipynb': notebookJson(cells, { tags: ['narrow'] }),
          'next.ipynb': notebookJson([md('# After\n\nText.')], { tags: ['narrow'] }),
        },
        'narrow',
      );
      const out = join(work, 'site');
      const args = [
        join(ROOT, 'bin/binderpress.js'),
        'build',
        '--repo',
        repo.dir,
        '--out',
        out,
        '--no-cache',
        '--quiet',
      ];
      const r = spawnSync(process.execPath, args, {
        cwd: work,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', CI: '1' },
      });
      assert.is(r.status, 0, r.stderr);
      const { origin, server } = await serveFolder(out);
      const { context, page, watch } = await open({ viewport: { width: 320, height: 568 } }, origin);
      const paths = ['main/long.html', 'main/next.html', 'main/index.html', 'index.html', 'tags/narrow/index.html'];
      for (const path of paths) {
        await page.goto(origin + path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 320, `${path} is ${width} px wide at a 320 px viewport`);
      }
      await page.goto(`${origin}main/long.html`);
      assert.match(await page.locator('.notebook-header h1').innerText(), 'Pneumono');
      assert.is(await page.locator('.cell-markdown p code').innerText(), LONG_CODE);
      assert.is(await page.locator('.cell-markdown p a').getAttribute('href'), LONG_URL);
      // Still wider than their box, and scrolled inside it instead of wrapped.
      const scrolls = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate(
            (e) => e.scrollWidth > e.clientWidth + 20 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX),
          );
      assert.ok(await scrolls('.cell-input pre, .input pre'), 'the long line of code scrolls in its block');
      assert.ok(await scrolls('.output-html'), 'the wide output table scrolls in its box');
      assert.ok(await scrolls('.cell-markdown table'), 'the wide markdown table scrolls in its box');
      await page.screenshot({ path: join(SHOTS, 'narrow-320.png'), fullPage: true });
      assert.equal(watch.errors, []);
      await context.close();
      server.close();
    } finally {
      repo.remove();
      rmSync(work, { recursive: true, force: true });
    }
  },
);

narrow.run();

// ─── accessibility, console, network, screenshots ──────────────────────────────────────────

const quality = suite('accessibility and hygiene');
quality.before(setup);
quality.after(closeBrowser);

quality(
  'axe-core finds no serious or critical violation on home, build, notebook and tag pages, light and dark',
  async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // bypassCSP lets the axe script be injected into pages whose CSP allows only 'self' scripts.
      const { context, page } = await open({ colorScheme, bypassCSP: true });
      for (const path of Object.values(PAGES)) {
        await page.goto(url(path));
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
            }
          ).axe;
          const result = await axe.run();
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
        });
        assert.equal(violations, [], `${path} in ${colorScheme}`);
      }
      await context.close();
    }
  },
);

quality('every page loads with no console error and no request leaving 127.0.0.1', async () => {
  const { context, page, watch } = await open();
  const pages = [
    ...Object.values(PAGES),
    'intro/02-summary-statistics.html',
    'statistics/01-distributions.html',
    'statistics/02-regression.html',
    'diagrams/01-diagrams.html',
    'diagrams/index.html',
    '404.html',
  ];
  for (const path of pages) {
    await page.goto(url(path), { waitUntil: 'load' });
    await page.locator('#search-input').fill('data');
    await page.locator('#search-results a').first().waitFor();
    await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
  }
  assert.equal(watch.errors, []);
  assert.equal(watch.offsite, []);
  assert.equal([...watch.hosts], ['127.0.0.1']);
  await context.close();
});

quality('the guard does see a request to another host (the check can fail)', async () => {
  const { context, page, watch } = await open();
  await page.goto(url(PAGES.home));
  await page.goto('https://example.org/x').catch(() => undefined);
  assert.equal(watch.offsite, ['https://example.org/x']);
  assert.ok(watch.hosts.has('example.org'));
  await context.close();
});

quality('without JavaScript, pages still navigate, run, and show collapsed cells', async () => {
  const { context, page } = await open({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await page.goto(url('intro/02-summary-statistics.html'));
  assert.ok(await page.locator('a.run-button').isVisible());
  assert.ok(await page.locator('#search-input').isDisabled());
  const hidden = page.locator('details.hidden-cell').first();
  await hidden.locator('summary').click();
  assert.ok(await hidden.locator('pre').first().isVisible());
  await page.locator('.build-switcher summary').click();
  await page.locator('.build-switcher a', { hasText: 'diagrams' }).click();
  await page.waitForURL(url('diagrams/index.html'));
  await context.close();
});

quality('screenshots at phone and desktop widths', async () => {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page, watch } = await open({ viewport: { width, height }, colorScheme });
      for (const [name, path] of Object.entries(PAGES)) {
        await page.goto(url(path));
        const file = join(SHOTS, `${name}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(readFileSync(file).length > 5000, file);
      }
      assert.equal(watch.errors, []);
      await context.close();
    }
  }
});

quality.run();
