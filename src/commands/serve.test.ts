import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromium } from 'playwright-core';
import { resolveConfig, type Config } from '../config.js';
import { chromiumPath } from '../io/browser.js';
import { BUILTIN_TEMPLATES } from '../io/templates.js';
import { buildSlug } from '../site/paths.js';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';
import { EVENTS_PATH, SCRIPT_PATH } from './serve-http.js';
import { createRebuilder, runServe, type PreviewServer } from './serve.js';

let repo: TestRepo;
let work: string;
let server: PreviewServer | undefined;
let lines: string[];
const log = (line: string) => void lines.push(line);
const SCRIPT_TAG = `<script src="${SCRIPT_PATH}" defer></script>`;

function config(extra: Parameters<typeof resolveConfig>[1] = {}): Config {
  return resolveConfig(
    { title: 'Preview' },
    { repo: repo.dir, out: join(work, 'public'), siteUrl: 'https://example.org/', cache: false, ...extra },
  );
}

/** Reads a Server-Sent Events stream; `next(name)` waits for the next event of that name. */
async function openEvents(url: string) {
  const abort = new AbortController();
  const res = await fetch(new URL(EVENTS_PATH, url), { signal: abort.signal });
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const read = async (): Promise<boolean> => {
    const { done, value } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    return !done;
  };
  await read(); // the greeting: the server has registered this client
  return {
    // How long to wait for an event, not how fast it must come: a rebuild starts its render
    // processes afresh, and with the whole suite running on two cores it once took over 8 s.
    async next(name: string, timeoutMs = 60_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frames = buffer.split('\n\n');
        const index = frames.findIndex((f) => f.split('\n').includes(`event: ${name}`));
        if (index >= 0 && index < frames.length - 1) {
          buffer = frames.slice(index + 1).join('\n\n');
          return (frames[index] as string)
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
        }
        if (Date.now() > deadline)
          throw new Error(`no "${name}" event within ${timeoutMs} ms; got ${JSON.stringify(buffer)}`);
        const more = await Promise.race([read(), new Promise<boolean>((r) => setTimeout(() => r(true), 100))]);
        if (!more) throw new Error(`event stream ended before "${name}"`);
      }
    },
    /** Resolves true when the server ends the stream. */
    async ended(): Promise<boolean> {
      for (let i = 0; i < 50; i++) if (!(await read())) return true;
      return false;
    },
    close: () => abort.abort(),
  };
}

function rawStatus(base: string, path: string): Promise<number | undefined> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, method: 'GET', agent: false }, (res) => {
      res.resume();
      done(res.statusCode);
    });
    req.on('error', fail);
    req.end();
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

test.before.each(() => {
  lines = [];
  work = makeTempDir();
  repo = makeRepo('https://github.com/octo-org/course.git');
  repo.commit('main', { 'intro.ipynb': notebookJson([md('# Intro\n\nHello.')]) }, 'first');
});

test.after.each(async () => {
  await server?.close();
  server = undefined;
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('serves the built site on 127.0.0.1, pages with the reload script, files as built', async () => {
  server = await runServe(config(), { port: 0, host: '127.0.0.1', watchWorktree: false, log, debounceMs: 50 });
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const home = await fetch(server.url);
  assert.is(home.status, 200);
  assert.match(home.headers.get('content-type') ?? '', /^text\/html/);
  const body = await home.text();
  assert.ok(body.includes(SCRIPT_TAG), 'reload script added');
  assert.ok(body.indexOf(SCRIPT_TAG) < body.lastIndexOf('</body>'));
  assert.not.ok(readFileSync(join(work, 'public', 'index.html'), 'utf8').includes('__binderpress'), 'not on disk');

  const page = await fetch(new URL('main/intro.html', server.url));
  assert.is(page.status, 200);
  assert.match(await page.text(), /<h1[^>]*>Intro<\/h1>/);
  const folder = await fetch(new URL('main', server.url), { redirect: 'manual' });
  assert.is(folder.status, 301);
  assert.is(folder.headers.get('location'), '/main/');
  assert.match(await (await fetch(new URL('main/', server.url))).text(), /__binderpress/);
  const css = await fetch(new URL('_static/style.css', server.url));
  assert.is(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  assert.is(await css.text(), readFileSync(join(work, 'public', '_static', 'style.css'), 'utf8'));
  const script = await fetch(new URL(SCRIPT_PATH, server.url));
  assert.is(await script.text(), readFileSync(join(BUILTIN_TEMPLATES, 'static', 'live-reload.js'), 'utf8'));
  const missing = await fetch(new URL('no/such/page.html', server.url));
  assert.is(missing.status, 404);
  // sent raw: fetch() would normalize the dots away before they reach the server
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/main%2f..%2f..%2fx', '/main/%E0%A4%A']) {
    assert.is(await rawStatus(server.url, path), 400, path);
  }
  assert.is((await fetch(server.url, { method: 'POST' })).status, 405);
});

test('a new commit rebuilds the site and open pages get a reload event', async () => {
  server = await runServe(config(), { port: 0, host: '127.0.0.1', watchWorktree: false, log, debounceMs: 50 });
  const events = await openEvents(server.url);
  assert.is((await fetch(new URL('main/second.html', server.url))).status, 404);
  repo.commit('main', { 'second.ipynb': notebookJson([md('# Second\n\nNew.')]) }, 'second');
  const data = JSON.parse(await events.next('reload')) as { files: number };
  assert.ok(data.files > 0);
  const page = await fetch(new URL('main/second.html', server.url));
  assert.is(page.status, 200, 'served from the new output folder');
  assert.match(await page.text(), /Second/);

  repo.commit('course/new', { 'a.ipynb': notebookJson([md('# A branch')]) }, 'new branch');
  await events.next('reload');
  assert.is((await fetch(new URL('course-new/a.html', server.url))).status, 200, 'a new branch is built');
  events.close();
});

test('in Chromium, an open page reloads itself after a commit, within the page CSP', async () => {
  server = await runServe(config(), { port: 0, host: '127.0.0.1', watchWorktree: false, log, debounceMs: 50 });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    page.on('pageerror', (e) => void problems.push(e.message));
    const connected = page.waitForResponse((r) => r.url().endsWith(EVENTS_PATH));
    await page.goto(new URL('main/intro.html', server.url).href);
    assert.is((await connected).status(), 200);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    // The same minute the event stream is given (above): the rebuild behind the reload took more
    // than 10 s with the suite sharing a 2-core machine at load 10.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    repo.commit('main', { 'intro.ipynb': notebookJson([md('# Intro, edited\n\nHello again.')]) }, 'edit');
    await reloaded;
    assert.is(await page.evaluate(() => (window as unknown as { marker?: number }).marker), undefined, 'a fresh page');
    assert.is(await page.textContent('h1'), 'Intro, edited');
    assert.equal(
      problems.filter((p) => !/favicon/.test(p)),
      [],
      'no CSP or script errors',
    );
  } finally {
    await browser.close();
  }
});

test('a failed rebuild keeps the previous site and reports a build-error event', async () => {
  repo.commit('feature-a', { 'f.ipynb': notebookJson([md('# F')]) }, 'feature');
  repo.git('checkout', '-q', 'main');
  server = await runServe(config({ branches: ['feature-*'] }), {
    port: 0,
    host: '127.0.0.1',
    watchWorktree: false,
    log,
    debounceMs: 50,
  });
  const events = await openEvents(server.url);
  repo.git('branch', '-D', 'feature-a');
  assert.match(await events.next('build-error'), /no branch .* matches/);
  assert.ok(
    lines.some((l) => l.startsWith('rebuild failed, still serving the previous site')),
    lines.join('\n'),
  );
  assert.is((await fetch(new URL('feature-a/f.html', server.url))).status, 200);
  events.close();
});

test('--watch-worktree rebuilds when a file in the working tree changes; rebuild() can be called', async () => {
  server = await runServe(config(), { port: 0, host: '127.0.0.1', watchWorktree: true, log, debounceMs: 50 });
  const events = await openEvents(server.url);
  writeFileSync(join(repo.dir, 'draft.ipynb'), notebookJson([md('# Draft not yet committed')]));
  await events.next('reload');
  // the uncommitted notebook of the checked-out branch is on the rebuilt site
  const slug = buildSlug(repo.git('symbolic-ref', '--short', 'HEAD').trim());
  const page = await fetch(`${server.url}${slug}/draft.html`);
  assert.is(page.status, 200);
  assert.match(await page.text(), /Draft not yet committed/);
  await server.rebuild();
  await events.next('reload');
  events.close();
});

test('--watch-worktree never reads an old site binderpress wrote as notebooks of the branch', async () => {
  // A site built earlier into another folder of the working tree (its marker names it).
  const old = join(repo.dir, 'old-site');
  mkdirSync(join(old, 'main'), { recursive: true });
  writeFileSync(
    join(old, '.binderpress-site'),
    'This folder is written by binderpress; it is replaced whole on every build.\n',
  );
  writeFileSync(join(old, 'main', 'copy.ipynb'), notebookJson([md('# A copy in an old output folder')]));
  writeFileSync(join(repo.dir, 'draft.ipynb'), notebookJson([md('# Draft not yet committed')]));
  try {
    server = await runServe(config(), { port: 0, host: '127.0.0.1', watchWorktree: true, log });
    const slug = buildSlug(repo.git('symbolic-ref', '--short', 'HEAD').trim());
    assert.is((await fetch(`${server.url}${slug}/old-site/main/copy.html`)).status, 404);
    assert.is((await fetch(`${server.url}${slug}/draft.html`)).status, 200, 'the working tree is still read');
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
});

test('a config file that changes or appears is read again and the site rebuilt with it', async () => {
  const file = join(work, 'binderpress.yml');
  rmSync(file, { force: true });
  const readConfig = () => {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const title = /^title: (.*)$/m.exec(text)?.[1] ?? 'Preview';
    if (/^bad/m.test(text)) throw new Error('binderpress.yml: `bad` is not a setting');
    return resolveConfig(
      { title },
      { repo: repo.dir, out: join(work, 'public'), siteUrl: 'https://example.org/', cache: false },
    );
  };
  server = await runServe(readConfig(), {
    port: 0,
    host: '127.0.0.1',
    watchWorktree: false,
    log,
    debounceMs: 50,
    configFiles: [file],
    readConfig,
  });
  const events = await openEvents(server.url);
  const home = async () => (await (await fetch(server!.url)).text()).match(/<title>([^<]*)<\/title>/)?.[1];
  assert.is(await home(), 'Preview');
  writeFileSync(file, 'title: Course notes\n'); // appears
  await events.next('reload');
  assert.is(await home(), 'Course notes');
  writeFileSync(file, 'title: Course notes, 2nd term\n'); // changes
  await events.next('reload');
  assert.is(await home(), 'Course notes, 2nd term');
  writeFileSync(file, 'bad: true\n');
  await events.next('build-error');
  assert.ok(
    lines.some((l) => l.startsWith('binderpress.yml cannot be used, still serving with the previous settings')),
    lines.join('\n'),
  );
  assert.is(await home(), 'Course notes, 2nd term');
  events.close();
  rmSync(file, { force: true });
});

test('takes the next port when the asked one is in use; close() frees it and ends event streams', async () => {
  const blocker = createServer();
  const taken = await new Promise<number>((done) =>
    blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
  );
  try {
    server = await runServe(config(), { port: taken, host: '127.0.0.1', watchWorktree: false, log });
  } finally {
    blocker.close();
  }
  const port = Number(new URL(server.url).port);
  assert.is.not(port, taken);
  assert.ok(port > taken && port <= taken + 20, `${port} after ${taken}`);
  assert.ok(lines.includes(`port ${taken} is in use, trying ${taken + 1}`));
  const events = await openEvents(server.url);
  const keepAlive = await fetch(server.url); // an idle keep-alive connection must not hold the port
  await keepAlive.text();
  await server.close();
  server = undefined;
  assert.ok(await events.ended(), 'event stream ended by the server');
  assert.ok(await portIsFree(port), 'port released');
});

test('aborting the signal stops the server (what Ctrl-C does through the CLI)', async () => {
  const abort = new AbortController();
  const s = await runServe(config(), { port: 0, host: '127.0.0.1', watchWorktree: false, log, signal: abort.signal });
  const port = Number(new URL(s.url).port);
  assert.is((await fetch(s.url)).status, 200);
  abort.abort();
  await s.close(); // the same close, already under way
  assert.ok(await portIsFree(port));
  await runServe(config(), { port: -1, host: '127.0.0.1', watchWorktree: false, log }).then(
    () => assert.unreachable('bad port'),
    (e: Error) => assert.match(e.message, /not a port number/),
  );
});

test('createRebuilder: a burst of changes is one build; changes during a build queue exactly one more', async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let runs = 0;
  let active = 0;
  let most = 0;
  const r = createRebuilder(async () => {
    runs++;
    most = Math.max(most, ++active);
    await sleep(60);
    active--;
  }, 30);
  for (let i = 0; i < 5; i++) {
    r.schedule();
    await sleep(5);
  }
  await sleep(60);
  assert.is(runs, 1, 'debounced');
  const first = r.rebuild(); // joins the running build and asks for one more
  r.rebuild();
  r.rebuild();
  await first;
  assert.is(runs, 2);
  assert.is(most, 1, 'never two builds at once');
  r.schedule();
  await r.stop();
  await sleep(60);
  assert.is(runs, 2, 'nothing runs after stop');
  await r.rebuild();
  assert.is(runs, 2);
});

test.run();
