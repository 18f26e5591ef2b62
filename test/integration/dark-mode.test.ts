// Output images in both colour schemes, in Debian's chromium: transparent matplotlib-style plots
// (black strokes, no background) and SVG outputs must stay legible on the dark page. Pixels are
// read back from screenshots of the images themselves; whole-page screenshots at 390 and 1280 px
// in both schemes go to test-artifacts/screenshots/.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import sharp from 'sharp';
import { chromium, type Browser } from 'playwright-core';
import { buildServed } from './demo-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');

// A plot as matplotlib's inline backend saves it: transparent background, black axes and label.
const PLOT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">
<path d="M20 10 V100 H230" fill="none" stroke="#000" stroke-width="2"/>
<path d="M20 90 L80 60 L140 70 L200 20" fill="none" stroke="#1f77b4" stroke-width="3"/>
<text x="100" y="116" font-size="12" fill="#000">time (s)</text></svg>`;

// Code highlighted once for both schemes: the page's CSS picks each token's light or dark colour.
const SOURCE = 'def area(r):\n    return 3.14 * r ** 2  # circle\n';

let browser: Browser;
let origin = '';
const work = makeTempDir('bp-dark-');
const repo = makeRepo();

test.before(async () => {
  const png = (await sharp(Buffer.from(PLOT_SVG)).png().toBuffer()).toString('base64');
  const outputs = [
    { output_type: 'display_data', data: { 'image/png': png, 'text/plain': '<Figure>' }, metadata: {} },
    { output_type: 'display_data', data: { 'image/svg+xml': PLOT_SVG, 'text/plain': '<Figure>' }, metadata: {} },
  ];
  repo.commit(
    'main',
    {
      'plots.ipynb': notebookJson([md('# Plots\n\nA line over time.'), code('plot()', outputs)]),
      'code.ipynb': notebookJson([md('# Code'), code(SOURCE)]),
    },
    'plots',
  );
  ({ origin } = await buildServed(repo.dir, work));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
});

test.after(async () => {
  await browser?.close();
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Mean luminance (0–255) of a PNG screenshot. */
async function luminance(png: Buffer): Promise<number> {
  const stats = await sharp(png).removeAlpha().greyscale().stats();
  return stats.channels[0]!.mean;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} scheme: output images keep a light backdrop behind their strokes`, async () => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const offsite: string[] = [];
    await context.route(
      (u) => u.origin !== new URL(origin).origin && u.protocol !== 'data:',
      (route) => {
        offsite.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    await page.goto(`${origin}main/plots.html`);
    const images = page.locator('.output img');
    assert.is(await images.count(), 2);
    const pageBg = await luminance(await page.screenshot({ clip: { x: 0, y: 0, width: 20, height: 20 } }));
    for (let i = 0; i < 2; i++) {
      const shot = await images.nth(i).screenshot();
      // Mostly background with thin strokes: light when the backdrop is white, dark when the page shows through.
      assert.ok(
        (await luminance(shot)) > 200,
        `image ${i + 1} reads as light in ${scheme} mode (page ${pageBg.toFixed(0)})`,
      );
    }
    if (scheme === 'dark') assert.ok(pageBg < 60, 'the page itself is dark');
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `dark-mode-outputs-${scheme}-${width}.png`), fullPage: true });
    }
    assert.equal(offsite, []);
    await context.close();
  });
}

/** The computed colour of each highlighted token of the code cell, by its text. */
async function tokenColours(scheme: 'light' | 'dark'): Promise<Record<string, string>> {
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${origin}main/code.html`);
  const colours = await page
    .locator('.cell-input pre.shiki .line span')
    .evaluateAll((spans) => Object.fromEntries(spans.map((s) => [s.textContent!.trim(), getComputedStyle(s).color])));
  await context.close();
  return colours;
}

test('code is coloured by scheme: each token has its own colour in light and in dark', async () => {
  const light = await tokenColours('light');
  const dark = await tokenColours('dark');
  for (const token of ['def', 'area', '3.14', '# circle']) {
    assert.ok(light[token] && dark[token], `${token} is a highlighted token (${JSON.stringify(light)})`);
    assert.is.not(light[token], dark[token], `${token}: ${light[token]} in light, ${dark[token]} in dark`);
  }
  // github-light's keyword red (darkened to Primer's accessible #cf222e) and github-dark's #F97583.
  assert.is(light.def, 'rgb(207, 34, 46)');
  assert.is(dark.def, 'rgb(249, 117, 131)');
  assert.is.not(light.def, light['3.14'], 'keywords and numbers differ');
});

test.run();
