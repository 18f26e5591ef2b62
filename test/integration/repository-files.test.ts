// What a repository and a theme hand the build, end to end: a real git repository with an SVG
// that holds script and a notebook whose outputs and markdown use every way CSS can load another
// host, a theme whose static/ links to the build's environment, and a user's folder beside the
// output, built by the real CLI and opened in Debian's chromium. No script may run (in a page or
// in the SVG opened on its own), no request may leave the test server, nothing outside the theme
// may be published, and the user's folder must survive.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';
import { filesUnder, launchChromium, serveFolder } from './demo-site.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MARKER = 'REPO-FILE-MARKER';
const SECRET = 'bp-secret-3f9a1c';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEIGBn+MzAwAAAw7gP9bq2fLQAAAABJRU5ErkJggg==',
  'base64',
);

/** A committed SVG that, served as it is, runs script and loads from another host when opened. */
const HOSTILE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" onload="window.__pwned='onload';console.log('${MARKER} onload')">
  <script>window.__pwned = 'script'; console.log('${MARKER} script'); fetch('https://tracker.example/svg-script');</script>
  <style>circle { fill: url(https://tracker.example/svg-style.svg#p) }</style>
  <image href="https://tracker.example/svg-image.png" width="10" height="10"/>
  <rect x="20" width="40" height="40" fill="teal"/>
  <circle cx="90" cy="20" r="15"/>
</svg>
`;

/** Every way CSS can load another host, in an HTML output. */
const CSS_OUTPUT = [
  '<style type="text/css">',
  '#T_s_row0_col0 { background-color: #440154; background-image: url(https://tracker.example/styler.png) }',
  '#T_s_row0_col1 { --bg: url(https://tracker.example/styler-var.png); background-image: var(--bg) }',
  '</style>',
  '<table id="T_s"><tr><td id="T_s_row0_col0">1</td><td id="T_s_row0_col1">2</td></tr></table>',
  ...[
    'background-image: url(https://tracker.example/bg.png)',
    "background-image: image-set('https://tracker.example/set.png' 1x)",
    'background-image: -webkit-image-set(url(https://tracker.example/wset.png) 1x)',
    'cursor: url(https://tracker.example/cursor.png), auto',
    '--x: url(https://tracker.example/var.png); background-image: var(--x)',
    'background-image: u\\72l(https://tracker.example/escape.png)',
    'BACKGROUND-IMAGE: URL(https://tracker.example/upper.png)',
    'background-image: &#x75;rl(https://tracker.example/entity.png)',
    'border: 8px solid; border-image: url(https://tracker.example/border.png) 30',
    'mask-image: url(https://tracker.example/mask.png)',
    'content: url(https://tracker.example/content.png)',
  ].map((css, i) => `<div class="v${i}" style="width: 40px; height: 20px; color: teal; ${css}">v${i}</div>`),
  '<ul style="list-style-image: url(https://tracker.example/list.png)"><li>item</li></ul>',
  '<table background="https://tracker.example/table.png"><tr><td>t</td></tr></table>',
  '<img alt="srcset" srcset="javascript:alert(1) 1x, data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+ 2x">',
  '<video poster="javascript:alert(1)" width="20" height="20"></video>',
].join('\n');

let repo: TestRepo;
let work: string;
let out: string;
let origin: string;
let server: Server;
let log = '';

function buildSite(): void {
  repo = makeRepo('https://github.com/octo-org/files.git');
  const notebook = notebookJson([
    md(
      '# Files\n\n![the diagram](diagram.svg) and [the diagram alone](diagram.svg), ![a plot](plot.png)\n\n<span style="background-image: url(https://tracker.example/markdown.png)">marked</span>',
    ),
    code('df.style', [
      {
        output_type: 'execute_result',
        execution_count: 1,
        metadata: {},
        data: { 'text/html': CSS_OUTPUT, 'text/plain': ['<Styler>'] },
      },
    ]),
  ]);
  repo.commit(
    'main',
    { 'lesson.ipynb': notebook, 'diagram.svg': HOSTILE_SVG, 'plot.png': PNG, 'requirements.txt': 'pandas\n' },
    'files',
  );
  // A theme whose static/ links to the build's environment and to a file outside the theme.
  mkdirSync(join(work, 'theme', 'static'), { recursive: true });
  writeFileSync(join(work, 'theme', 'static', 'extra.css'), 'p { color: teal }');
  symlinkSync('/proc/self/environ', join(work, 'theme', 'static', 'environ.txt'));
  symlinkSync('/etc/hostname', join(work, 'theme', 'static', 'hostname.txt'));
  writeFileSync(join(work, 'binderpress.yml'), 'templates: theme\n');
  // A user's folder beside the output, named like the folders a build makes.
  mkdirSync(join(work, '.site.backup'));
  writeFileSync(join(work, '.site.backup', 'notes.txt'), 'my notes');
  const args = [
    join(ROOT, 'bin/binderpress.js'),
    'build',
    '--repo',
    repo.dir,
    '--out',
    out,
    '--site-url',
    origin,
    '--no-cache',
    '--force-out',
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', BP_TEST_SECRET: SECRET },
  });
  log = r.stderr;
  if (r.status !== 0) throw new Error(`binderpress build failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
}

const setup = async () => {
  if (work) return;
  try {
    work = makeTempDir('bp-files-');
    out = join(work, 'site');
    mkdirSync(out);
    ({ origin, server } = await serveFolder(out));
    buildSite();
  } catch (error) {
    console.error(error); // uvu does not report an error thrown in a `before` hook
    throw error;
  }
};

const read = (rel: string) => readFileSync(join(out, ...rel.split('/')));

// ─── the files written ──────────────────────────────────────────────────────────────────────

const files = suite('files written');
files.before(setup);

files('the committed SVG is written sanitized, the PNG byte for byte', () => {
  const svg = read('main/diagram.svg').toString('utf8');
  for (const bad of [/<script/i, /\bon[a-z]+\s*=/i, /tracker\.example/, /__pwned/]) assert.not.match(svg, bad, svg);
  assert.match(svg, /<rect [^>]*fill="teal"/);
  assert.equal(read('main/plot.png'), PNG);
});

files("a symbolic link out of the theme is not published and is named in the log; the theme's own files are", () => {
  assert.is(read('_static/extra.css').toString('utf8'), 'p { color: teal }');
  assert.not.ok(existsSync(join(out, '_static', 'environ.txt')), 'environ.txt published');
  assert.not.ok(existsSync(join(out, '_static', 'hostname.txt')), 'hostname.txt published');
  for (const rel of filesUnder(out, ''))
    assert.not.ok(read(rel).includes(SECRET), `${rel} holds the build's environment`);
  for (const name of ['environ.txt', 'hostname.txt'])
    assert.match(
      log,
      new RegExp(
        `theme-link-outside[^\\n]*static/${name.replace('.', '\\.')}|static/${name.replace('.', '\\.')}[^\\n]*symbolic link`,
      ),
      log,
    );
});

files("a user's folder beside the output, named like a build's, is left alone", () => {
  assert.is(readFileSync(join(work, '.site.backup', 'notes.txt'), 'utf8'), 'my notes');
});

files.run();

// ─── in the browser ─────────────────────────────────────────────────────────────────────────

const browserSuite = suite('in chromium');
let browser: Browser;
browserSuite.before(async () => {
  await setup();
  browser = await launchChromium();
});
browserSuite.after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
  repo?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens `path` and reports what ran, what left the server, and the width of each image. */
async function visit(path: string): Promise<{ fired: string[]; offsite: string[]; images: Record<string, number> }> {
  const fired: string[] = [];
  const offsite: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const host = new URL(origin).host;
  await context.route(
    (u) => u.host !== host && u.protocol !== 'data:',
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.on('dialog', (d) => {
    fired.push(`dialog ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.text().includes(MARKER)) fired.push(`console ${m.text()}`);
  });
  await page.goto(origin + path, { waitUntil: 'load' });
  if ((await page.locator('.v3').count()) > 0) await page.hover('.v3'); // a cursor image loads on hover
  await page.waitForTimeout(300);
  const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
  if (pwned !== undefined) fired.push(`window.__pwned = ${String(pwned)}`);
  const images = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('img')].map((i) => [i.getAttribute('alt') ?? '', i.naturalWidth])),
  );
  await context.close();
  return { fired, offsite, images };
}

browserSuite('the notebook page: no CSS vector loads another host, and the committed images show', async () => {
  const seen = await visit('main/lesson.html');
  assert.equal(seen.fired, [], seen.fired.join('\n'));
  assert.equal(seen.offsite, [], seen.offsite.join('\n'));
  assert.is(seen.images['the diagram'], 120, 'the sanitized SVG still draws');
  assert.is(seen.images['a plot'], 2);
});

browserSuite('the committed SVG opened on its own runs no script and loads nothing from another host', async () => {
  const seen = await visit('main/diagram.svg');
  assert.equal(seen.fired, [], seen.fired.join('\n'));
  assert.equal(seen.offsite, [], seen.offsite.join('\n'));
});

browserSuite('the watchers see a payload: the hostile SVG served as committed fires them', async () => {
  writeFileSync(join(out, 'main', '_probe.svg'), HOSTILE_SVG);
  try {
    const seen = await visit('main/_probe.svg');
    assert.ok(
      seen.fired.some((f) => f.includes('__pwned')),
      seen.fired.join('\n'),
    );
    assert.ok(
      seen.offsite.some((u) => u.includes('tracker.example')),
      seen.offsite.join('\n'),
    );
  } finally {
    rmSync(join(out, 'main', '_probe.svg'));
  }
});

browserSuite.run();
