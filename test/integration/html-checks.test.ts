// Every page of the demo site, built by the real CLI, passes html-validate with the project's
// `.htmlvalidate.json`, and linkinator crawling it from the home page finds no broken internal link.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { LinkChecker, LinkState } from 'linkinator';
import { demoSite, filesUnder } from './demo-site.js';

const CONFIG_FILE = resolve(import.meta.dirname, '../../.htmlvalidate.json');

/**
 * Why each rule of `html-validate:recommended` is off (JSON has no comments, so the reasons live
 * here, and a test keeps this list and the config in step):
 */
const JUSTIFIED_OFF: Record<string, string> = {
  // shiki colours every token with `style="--shiki-light:…;--shiki-dark:…"` (the dark theme
  // switches on those variables), KaTeX positions glyphs with inline heights and margins, and the
  // sanitizer keeps inline styles of notebook HTML outputs (DataFrame tables, ANSI 256 colours).
  // The CSP allows `style-src 'unsafe-inline'` for exactly these; the templates themselves use none.
  'no-inline-style': 'syntax highlighting, KaTeX and notebook HTML outputs style inline',
  // `<th>` without `scope` comes from notebook outputs (pandas `DataFrame.to_html` and friends),
  // which are shown as the kernel produced them; the templates themselves have no tables.
  'wcag/h63': 'DataFrame tables from notebook outputs',
};

const config = JSON.parse(readFileSync(CONFIG_FILE, 'utf8')) as ConfigData;

const validation = suite('html-validate');

validation('the config is the recommended preset with only the justified rules turned off', () => {
  assert.equal(config.extends, ['html-validate:recommended']);
  const off = Object.entries(config.rules ?? {})
    .filter(([, v]) => v === 'off' || v === 0 || (Array.isArray(v) && (v[0] === 'off' || v[0] === 0)))
    .map(([k]) => k);
  assert.equal(off.sort(), Object.keys(JUSTIFIED_OFF).sort());
});

validation('every generated page is valid', async () => {
  const { out } = await demoSite();
  const pages = filesUnder(out, '.html');
  assert.ok(pages.length >= 12, `only ${pages.length} pages`);
  for (const kind of [
    'index.html',
    '404.html',
    'intro/index.html',
    'intro/01-getting-started.html',
    'tags/statistics/index.html',
  ])
    assert.ok(pages.includes(kind), kind);
  const validator = new HtmlValidate({ ...config, root: true });
  const problems: string[] = [];
  for (const page of pages) {
    const report = await validator.validateString(readFileSync(join(out, page), 'utf8'), page);
    for (const r of report.results)
      for (const m of r.messages) problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  assert.equal(problems, []);
});

validation('the validator does catch a broken page (the check can fail)', async () => {
  const validator = new HtmlValidate({ ...config, root: true });
  const report = await validator.validateString(
    '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><img src="a.png"><div><p>unclosed</div></main></body></html>',
    'bad.html',
  );
  const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
  assert.ok(rules.includes('wcag/h37'), `missing alt not reported: ${rules.join(', ')}`);
  assert.is(report.valid, false);
});

validation.run();

const links = suite('linkinator');

links('crawling the site from the home page finds no broken internal link', async () => {
  const { origin } = await demoSite();
  const checker = new LinkChecker();
  const result = await checker.check({
    path: origin,
    recurse: true,
    concurrency: 8,
    timeout: 10_000,
    // Only this site: Binder, GitHub and feed-reader links leave localhost and are not fetched.
    linksToSkip: (link: string) => Promise.resolve(!link.startsWith(origin)),
  });
  const checked = result.links.filter((l) => l.state !== LinkState.SKIPPED);
  const broken = checked
    .filter((l) => l.state === LinkState.BROKEN)
    .map((l) => `${l.url} (${l.status}) from ${l.parent}`);
  assert.equal(broken, []);
  const urls = new Set(checked.map((l) => l.url));
  for (const path of [
    'intro/01-getting-started.html',
    'intro/02-summary-statistics.html',
    'tags/statistics/',
    'statistics/01-distributions.html',
    '_static/style.css',
    '_static/site.js',
    'feeds.opml',
  ]) {
    assert.ok(
      [...urls].some((u) => u.startsWith(origin + path)),
      `the crawl never reached ${path}`,
    );
  }
  assert.ok(checked.length > 40, `only ${checked.length} links checked`);
});

links.run();
