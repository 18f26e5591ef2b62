// "On this page" in Debian's chromium, on a chapter built by the real CLI: three part headings and a
// summary at level 1 after the title, skipped levels, and a notebook of 200 headings. At 390 px the
// contents is one closed line that opens and closes; at 1280 px it is shown beside the text, with
// or without JavaScript, and the page header lines up with the text. Screenshots at both widths in
// both colour schemes go to test-artifacts/screenshots/.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { buildWithCli, launchChromium, serveFolder } from './demo-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PROSE =
  'A paragraph of the chapter, long enough to take a few lines on a phone and push the next heading down the page. '.repeat(
    3,
  );

const CHAPTER = [
  '# Chapter 3: Linear models',
  '## Learning goals',
  '# Part I: Foundations',
  '## 3.1 Regression',
  '### Least squares',
  '#### Normal equations',
  '### Residuals',
  '## 3.2 Geometry',
  '# Part II: Inference',
  '### A skipped level',
  '## 3.3 Confidence',
  '# Part III: Practice',
  '## 3.4 A worked example',
  '##### Deep detail',
  '# Summary',
];
interface Entry {
  text: string;
  children: Entry[];
}
type Tree = Entry[];
const leaf = (text: string, children: Tree = []) => ({ text, children });
// Every heading but the title, nested by level: a skipped level is one step in.
const EXPECTED: Tree = [
  leaf('Learning goals'),
  leaf('Part I: Foundations', [
    leaf('3.1 Regression', [leaf('Least squares', [leaf('Normal equations')]), leaf('Residuals')]),
    leaf('3.2 Geometry'),
  ]),
  leaf('Part II: Inference', [leaf('A skipped level'), leaf('3.3 Confidence')]),
  leaf('Part III: Practice', [leaf('3.4 A worked example', [leaf('Deep detail')])]),
  leaf('Summary'),
];

let browser: Browser;
let origin = '';
const offsite: string[] = [];
const work = makeTempDir('bp-contents-');
const repo = makeRepo();

test.before(async () => {
  const chapter = CHAPTER.flatMap((heading, i) => [
    md(`${heading}\n\n${PROSE}`),
    ...(i % 4 === 2 ? [code(`fit(x, y, degree=${i})`)] : []),
  ]);
  const long = [
    md('# A reference of 200 sections'),
    ...Array.from({ length: 200 }, (_, i) => md(`${i % 5 ? '###' : '##'} Entry ${i + 1}\n\nText.`)),
  ];
  repo.commit(
    'main',
    { '03-linear-models.ipynb': notebookJson(chapter), 'reference.ipynb': notebookJson(long) },
    'a chapter',
  );
  const out = join(work, 'site');
  mkdirSync(out);
  origin = (await serveFolder(out)).origin;
  buildWithCli(repo.dir, out, origin, work);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

test.after(async () => {
  await browser?.close();
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

async function open(path: string, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  await context.route(
    (u) => u.origin !== new URL(origin).origin && u.protocol !== 'data:',
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  await page.goto(`${origin}main/${path}`);
  return page;
}

/** The contents as the page shows it: link texts, nested as the lists nest. */
async function contentsTree(page: Page): Promise<Tree> {
  // Depth of each link (its lists inside the contents) read in the page, the tree made here.
  const flat = await page
    .locator('nav.toc a')
    .evaluateAll((as) =>
      as.map(
        (a) =>
          [
            [...a.closest('details')!.querySelectorAll('ol')].filter((ol) => ol.contains(a)).length,
            a.textContent ?? '',
          ] as const,
      ),
    );
  const top: Tree = [];
  const path: Tree[] = [top];
  for (const [depth, text] of flat) {
    path.length = depth;
    const entry = leaf(text);
    path[depth - 1]!.push(entry);
    path[depth] = entry.children;
  }
  return top;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    // heading-order is about the notebook's own headings: the chapter skips levels on purpose.
    return result.violations
      .filter((v) => v.id !== 'heading-order')
      .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

test('every heading below the title is in the contents, nested by level, each linking to its heading', async () => {
  const page = await open('03-linear-models.html', { viewport: { width: 1280, height: 900 } });
  assert.is(await page.locator('.notebook-header h1').textContent(), 'Chapter 3: Linear models');
  assert.equal(await contentsTree(page), EXPECTED);
  for (const href of await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
    assert.is(await page.locator(`.notebook-body [id="${decodeURIComponent(href.slice(1))}"]`).count(), 1, href);
  }
  assert.match(await page.locator('nav.toc summary').innerText(), /On this page.*14 sections/);
  await page.context().close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`390 px, ${colorScheme}: the contents is one closed line above the text that opens and closes`, async () => {
    const page = await open('03-linear-models.html', {
      viewport: { width: 390, height: 844 },
      colorScheme,
      bypassCSP: true,
    });
    const box = page.locator('nav.toc');
    const summary = box.locator('summary');
    assert.not.ok(await box.locator('details').evaluate((d: HTMLDetailsElement) => d.open), 'closed at first');
    assert.not.ok(await box.locator('a').first().isVisible());
    const closed = (await box.boundingBox())!;
    const body = (await page.locator('.notebook-body').boundingBox())!;
    assert.ok(closed.height < 60, `closed contents ${closed.height} px tall`);
    assert.ok(body.y - closed.y < 120, `${body.y - closed.y} px from the contents to the text`);
    await page.screenshot({ path: join(SHOTS, `contents-390-${colorScheme}-closed.png`) });
    await summary.click();
    assert.ok(
      (await box.locator('a', { hasText: 'Deep detail' }).isVisible()) || (await box.locator('a').first().isVisible()),
    );
    assert.ok((await box.boundingBox())!.height > 120, 'opened, the list shows');
    await page.screenshot({ path: join(SHOTS, `contents-390-${colorScheme}-open.png`) });
    assert.equal(await axeViolations(page), [], 'opened');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.not.ok(await box.locator('a').first().isVisible(), 'closed again from the keyboard');
    assert.equal(await axeViolations(page), [], 'closed');
    await page.context().close();
  });

  test(`1280 px, ${colorScheme}: the contents sits beside the text and the header lines up with the text`, async () => {
    const page = await open('03-linear-models.html', {
      viewport: { width: 1280, height: 900 },
      colorScheme,
      bypassCSP: true,
    });
    const links = page.locator('nav.toc a');
    for (const text of ['Learning goals', 'Normal equations', 'Deep detail', 'Summary'])
      assert.ok(await links.filter({ hasText: text }).isVisible(), text);
    const toc = (await page.locator('nav.toc').boundingBox())!;
    const body = (await page.locator('.notebook-body').boundingBox())!;
    assert.ok(toc.x >= body.x + body.width, 'the contents is right of the text');
    const left = async (selector: string) => (await page.locator(selector).boundingBox())!.x;
    const text = await left('.notebook-body');
    for (const selector of ['.site-title', '.breadcrumbs', '.notebook-header h1']) {
      assert.ok(
        Math.abs((await left(selector)) - text) <= 1,
        `${selector} at x=${await left(selector)}, text at x=${text}`,
      );
    }
    await page.screenshot({ path: join(SHOTS, `contents-1280-${colorScheme}.png`) });
    assert.equal(await axeViolations(page), []);
    await page.context().close();
  });
}

test('without JavaScript the contents is shown at 1280 px and closed at 390 px', async () => {
  const wide = await open('03-linear-models.html', {
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: false,
  });
  assert.ok(await wide.locator('nav.toc a', { hasText: 'Summary' }).isVisible());
  await wide.context().close();
  const narrow = await open('03-linear-models.html', {
    viewport: { width: 390, height: 844 },
    javaScriptEnabled: false,
  });
  assert.not.ok(await narrow.locator('nav.toc a').first().isVisible());
  await narrow.locator('nav.toc summary').click();
  assert.ok(await narrow.locator('nav.toc a').first().isVisible());
  await narrow.context().close();
});

test('200 headings: the contents scrolls inside a box that fits the screen, and its last entry is reachable', async () => {
  const page = await open('reference.html', { viewport: { width: 1280, height: 800 } });
  const list = page.locator('nav.toc details > ol');
  assert.is(await page.locator('nav.toc a').count(), 200);
  const box = (await page.locator('nav.toc').boundingBox())!;
  assert.ok(box.y + box.height <= 800, `contents ends at y=${box.y + box.height}`);
  assert.ok(await list.evaluate((ol) => ol.scrollHeight > ol.clientHeight + 100), 'the list scrolls inside its box');
  const last = page.locator('nav.toc a', { hasText: 'Entry 200' });
  await last.click();
  assert.ok(page.url().endsWith('#entry-200'), page.url());
  assert.ok(await page.locator('.notebook-body [id="entry-200"]').isVisible());
  await page.context().close();
});

test('no page asked another host for anything', () => {
  assert.equal(offsite, []);
});

test.run();
