// Issue 3, point 6, end to end: hostile notebooks (test/fixtures/hostile, see the fixtures README), hostile file
// and branch names, built by the real CLI from a real git repository, served on 127.0.0.1 and
// opened page by page in Debian's chromium. No script from a notebook may run (no dialog, no
// console marker, no `window.__pwned`, no navigation, no request to a `pwned` URL), every page
// carries a restrictive Content-Security-Policy that chromium enforces, and every file written
// stays inside the output folder.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { chromium, type Browser } from 'playwright-core';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';
import { isInertData, OWN_SCRIPT } from '../support/own-scripts.js';
import { filesUnder, serveFolder } from './demo-site.js';

const ROOT = resolve(import.meta.dirname, '../..');
const HOSTILE = join(import.meta.dirname, '../fixtures/hostile');
const MARKER = 'XSS-MARKER';
const PAYLOAD = `<img src=x onerror="alert(1);console.log('${MARKER}');window.__pwned=1">`;
const EVIL_BRANCH = 'evil/"><script>alert(1)</script>';
const EVIL_FILES = [
  '"><img src=x onerror=alert(1)>.ipynb',
  "'; alert(1); '.ipynb",
  '..\\..\\..\\outside.ipynb',
  '%2e%2e%2f%2e%2e%2foutside.ipynb',
  'dir <script>/index.ipynb',
];

let repo: TestRepo;
let work: string;
let out: string;
let origin: string;
let server: Server;
let log = '';

function buildSite(): void {
  repo = makeRepo('https://github.com/octo-org/"><script>alert(1)</script>.git');
  const fixtures: Record<string, string> = {};
  for (const name of readdirSync(HOSTILE)
    .filter((n) => n.endsWith('.ipynb'))
    .sort())
    fixtures[name] = readFileSync(join(HOSTILE, name), 'utf8');
  repo.commit('main', { ...fixtures, 'requirements.txt': 'numpy\n' }, 'hostile notebooks');
  const named = notebookJson([md(`# Named ${PAYLOAD}\n\n![leak](leak.png) [up](../../../../etc/passwd)`)]);
  const files = Object.fromEntries(EVIL_FILES.map((f) => [f, named]));
  repo.commit(EVIL_BRANCH, files, 'hostile names');
  // A symbolic link committed to the branch: its blob is the link text, never the file it names.
  // (`commit` left the branch checked out.)
  spawnSync('ln', ['-s', '/etc/passwd', join(repo.dir, 'leak.png')]);
  repo.git('add', 'leak.png');
  repo.git('commit', '-q', '-m', 'symlink');
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
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  log = r.stderr;
  if (r.status !== 0) throw new Error(`binderpress build failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
}

/** uvu does not report an error thrown in a `before` hook: print it, then fail every test. */
const setup = async () => {
  try {
    await buildOnce();
  } catch (error) {
    console.error(error);
    throw error;
  }
};
const buildOnce = async () => {
  if (work) return;
  work = makeTempDir('bp-');
  out = join(work, 'site');
  mkdirSync(out);
  ({ origin, server } = await serveFolder(out));
  buildSite();
};
const teardown = () => {
  server?.closeAllConnections();
  server?.close();
  repo?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
};

const pages = () => filesUnder(out, '.html');
const read = (rel: string) => readFileSync(join(out, ...rel.split('/')), 'utf8');
const notebookPages = () => pages().filter((p) => read(p).includes('<article class="notebook">'));

// ─── files and markup ──────────────────────────────────────────────────────────────────────

const files = suite('output files and markup');
files.before(setup);

files('every hostile notebook and every hostile file name became a page', () => {
  const titles = notebookPages().map((p) => new JSDOM(read(p)).window.document.querySelector('h1')?.textContent ?? '');
  const hostile = readdirSync(HOSTILE).filter((n) => n.endsWith('.ipynb'));
  assert.ok(
    titles.length >= hostile.length + EVIL_FILES.length,
    `${titles.length} notebook pages:\n${pages().join('\n')}`,
  );
  assert.is(titles.filter((t) => t.startsWith('Named')).length, EVIL_FILES.length, titles.join('\n'));
});

files('every file written is a regular file or folder inside the output folder, and nothing else was written', () => {
  const real = realpathSync(out) + sep;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const st = lstatSync(abs);
      assert.ok(st.isFile() || st.isDirectory(), `${abs} is neither a file nor a folder`);
      assert.ok(realpathSync(abs).startsWith(real), `${abs} is outside ${out}`);
      assert.not.ok(name === '..' || name === 'outside.html', abs);
      if (st.isDirectory()) walk(abs);
    }
  };
  walk(out);
  assert.equal(readdirSync(work), ['site'], 'the build wrote beside the output folder');
  const assets = filesUnder(out, '').filter((p) => p.includes('/_assets/'));
  for (const a of assets)
    assert.match(a.split('/').pop() ?? '', /^[0-9a-f]{16}\.[a-z0-9]+$/, `asset ${a} is not named by its hash`);
  for (const p of filesUnder(out, ''))
    assert.not.match(readFileSync(join(out, ...p.split('/')), 'latin1'), /root:x:0:0/, `${p} holds /etc/passwd`);
  // the committed symlink is reported by name, not followed
  assert.match(log, /leak\.png[^\n]*symbolic link|symbolic link[^\n]*leak\.png/, log);
});

files('every page carries a restrictive Content-Security-Policy', () => {
  for (const p of pages()) {
    const doc = new JSDOM(read(p)).window.document;
    const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]');
    assert.is(metas.length, 1, p);
    const csp = new Map(
      (metas[0]?.getAttribute('content') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );
    assert.is(csp.get('script-src'), "'self'", `${p}: script-src`);
    assert.is(csp.get('default-src'), "'self'", `${p}: default-src`);
    for (const [directive, value] of [
      ['object-src', "'none'"],
      ['base-uri', "'none'"],
      ['form-action', "'none'"],
      ['frame-src', "'none'"],
    ]) {
      assert.is(csp.get(directive!), value, `${p}: ${directive}`);
    }
    assert.not.match(csp.get('img-src') ?? '', /\*|http:/, `${p}: img-src`);
    // The policy comes before any content the browser could act on.
    assert.ok(
      doc.head.firstElementChild?.outerHTML.includes('charset') && doc.head.children[2] === metas[0],
      `${p}: CSP meta is not first`,
    );
  }
});

/** A data element of a live chart or widget (see test-support/own-scripts.ts). */
const isChartData = (s: Element): boolean =>
  isInertData({
    type: s.getAttribute('type') ?? undefined,
    src: s.getAttribute('src') ?? undefined,
    live: s.hasAttribute('data-bp-live'),
    text: s.textContent ?? '',
  });

files('no page holds script, handlers, frames, forms, <base>, refresh or a script URL from a notebook', () => {
  for (const p of pages()) {
    const doc = new JSDOM(read(p)).window.document;
    const scripts = [...doc.querySelectorAll('script')]
      .filter((s) => !isChartData(s))
      .map((s) => s.getAttribute('src') ?? `inline: ${s.textContent}`);
    assert.ok(
      scripts.every((s) => OWN_SCRIPT.test(s)),
      `${p}: ${scripts.join(', ')}`,
    );
    for (const sel of [
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'base',
      'meta[http-equiv="refresh" i]',
      'link[rel="import" i]',
      '[srcdoc]',
      '[formaction]',
      'foreignObject',
      'template',
      'noscript',
    ]) {
      assert.is(doc.querySelectorAll(sel).length, 0, `${p}: ${sel}`);
    }
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        assert.not.ok(attr.name.toLowerCase().startsWith('on'), `${p}: <${el.localName} ${attr.name}>`);
        if (/^(href|src|xlink:href|action|poster|data|srcset|background)$/i.test(attr.name)) {
          assert.not.match(
            attr.value.replace(/[\u0000-\u0020]/g, ''),
            /^(javascript:|vbscript:|data:text|data:image\/svg)/i,
            `${p}: <${el.localName} ${attr.name}="${attr.value.slice(0, 60)}">`,
          );
        }
      }
    }
  }
});

files('hostile titles reach <title>, <h1>, breadcrumbs and tag links as plain text', () => {
  for (const page of notebookPages()) {
    const doc = new JSDOM(read(page)).window.document;
    assert.is(doc.querySelector('title')?.children.length, 0, page);
    const head = [...doc.head.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? '');
    assert.ok(head.length >= 1 && head.every((s) => OWN_SCRIPT.test(s)), `${page}: ${head.join(', ')}`);
    const h1 = doc.querySelector('h1')!;
    assert.ok(doc.title.startsWith(h1.textContent!.trim()), `${page}: ${doc.title} / ${h1.textContent}`);
    assert.is(doc.querySelector('.breadcrumbs [aria-current="page"]')?.children.length, 0, page);
  }
  const meta = new JSDOM(read('main/cve-metadata.html')).window.document;
  // The markup of the title is dropped, and what a <script> holds is not text: this metadata title
  // holds none, so the notebook's opening heading (its <img> dropped) gives the title.
  assert.is(meta.querySelector('h1')?.textContent, 'Metadata');
  assert.match(meta.title, /^Metadata · /);
  const front = new JSDOM(read('main/front-matter.html')).window.document;
  const tags = [...front.querySelectorAll('.notebook-header .tag')].map((t) => t.textContent);
  assert.ok(
    tags.includes('<script>alert(1)</script>') && tags.includes('x" onclick="alert(1)'),
    `front-matter tags are shown as text: ${tags.join(' | ')}`,
  );
});

files.run();

// ─── in the browser ────────────────────────────────────────────────────────────────────────

const browserSuite = suite('in chromium');
let browser: Browser;
browserSuite.before(async () => {
  await setup();
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
});
browserSuite.after(async () => {
  await browser?.close();
  teardown();
});

interface Seen {
  readonly fired: string[];
  readonly cspViolations: string[];
}

/** Opens every path in one context, scrolled top to bottom, and reports whatever a payload did. */
async function visit(paths: readonly string[]): Promise<Seen> {
  const seen: Seen = { fired: [], cspViolations: [] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const host = new URL(origin).host;
  await context.route(
    (u) => u.host !== host && u.protocol !== 'data:' && u.protocol !== 'blob:',
    (route) => {
      seen.fired.push(`offsite request ${route.request().url()}`);
      return route.abort();
    },
  );
  context.on('request', (req) => {
    if (/\/pwned[./]/i.test(req.url())) seen.fired.push(`request ${req.url()}`);
  });
  const page = await context.newPage();
  let current = '';
  page.on('dialog', (d) => {
    seen.fired.push(`${current}: ${d.type()} dialog "${d.message()}"`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.text().includes(MARKER)) seen.fired.push(`${current}: console marker`);
    if (/Content Security Policy/i.test(m.text())) seen.cspViolations.push(`${current}: ${m.text()}`);
  });
  page.on('popup', (p) => seen.fired.push(`${current}: popup ${p.url()}`));
  page.on('frameattached', (f) => seen.fired.push(`${current}: frame attached ${f.url()}`));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && f.url() !== current) seen.fired.push(`${current}: navigated to ${f.url()}`);
  });
  for (const path of paths) {
    current = origin + path.split('/').map(encodeURIComponent).join('/');
    await page.goto(current, { waitUntil: 'load' });
    // Lazy images load (and their error handlers would run) only near the viewport.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 800) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(r));
      }
    });
    await page.waitForTimeout(120);
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    if (pwned !== undefined) seen.fired.push(`${current}: window.__pwned = ${String(pwned)}`);
    if (page.url() !== current) seen.fired.push(`${current}: ended at ${page.url()}`);
  }
  await context.close();
  return seen;
}

browserSuite(
  'no script from the notebooks runs on any page: no dialog, console marker, navigation or pwned request',
  async () => {
    const all = pages();
    assert.ok(all.length > 20, `${all.length} pages`);
    const seen = await visit(all);
    assert.equal(seen.fired, [], seen.fired.join('\n'));
    // Nothing even tried: a violation report would mean a payload got past the sanitizer.
    assert.equal(seen.cspViolations, [], seen.cspViolations.join('\n'));
  },
);

browserSuite('the watchers work, and the Content-Security-Policy is the second wall behind the sanitizer', async () => {
  const page = notebookPages()[0]!;
  const source = read(page);
  const inject = (html: string) =>
    html.replace('<main id="main">', `<main id="main"><script>console.log('${MARKER}');alert(1)</script>${PAYLOAD}`);
  const withCsp = inject(source);
  const withoutCsp = inject(source.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
  assert.is.not(withCsp, source);
  assert.is.not(withoutCsp, withCsp);
  const dir = page.replace(/[^/]+$/, '');
  const probes = { [`${dir}_probe-csp.html`]: withCsp, [`${dir}_probe-no-csp.html`]: withoutCsp };
  for (const [rel, html] of Object.entries(probes)) writeFileSync(join(out, ...rel.split('/')), html);
  try {
    // Without the policy the same payloads fire, and every watcher sees them: the test can fail.
    const open = await visit([`${dir}_probe-no-csp.html`]);
    const fired = open.fired.join('\n');
    for (const what of ['alert dialog', 'console marker', 'window.__pwned = 1']) assert.match(fired, what, fired);
    const walled = await visit([`${dir}_probe-csp.html`]);
    assert.equal(walled.fired, [], walled.fired.join('\n'));
    assert.ok(
      walled.cspViolations.length >= 2,
      `chromium should refuse the inline script and the handler: ${walled.cspViolations.join('\n')}`,
    );
  } finally {
    for (const rel of Object.keys(probes)) rmSync(join(out, ...rel.split('/')));
  }
});

browserSuite.run();
