// End to end: a real git repository with several branches, the real CLI (bin/binderpress.js →
// dist/), and the output checked with real parsers (Debian's feedparser, xmllint, jsdom).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEIGBn+MzAwAAAw7gP9bq2fLQAAAABJRU5ErkJggg==';

function cli(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function feedparser(path: string): {
  bozo: number;
  version: string;
  entries: { id: string; link: string; title: string; updated: string; content: string; links: string[] }[];
} {
  const script = `import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({"bozo": int(d.bozo), "version": d.version, "entries": [{"id": e.get("id"), "link": e.get("link"), "title": e.get("title"), "updated": e.get("updated"), "content": (e.get("content") or [{}])[0].get("value", e.get("summary", "")), "links": [l.get("href") for l in e.get("links", [])]} for e in d.entries]}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
}

function xmllint(path: string): void {
  execFileSync('xmllint', ['--noout', path], { stdio: 'pipe' });
}

let repo: TestRepo;
let work: string;
const cleanup: string[] = [];
const good = notebookJson([
  md(
    '# Intro to Data\n\nA first look at **data** with $x^2$ math.\n\n## Part two\n\nSee [the next one](next.ipynb#top).',
  ),
  code('print("hello")', [{ output_type: 'stream', name: 'stdout', text: ['hello\n'] }], 1),
  code(
    'plot()',
    [{ output_type: 'display_data', data: { 'image/png': PNG_B64, 'text/plain': ['<Figure>'] }, metadata: {} }],
    2,
  ),
  code(
    '1/0',
    [
      {
        output_type: 'error',
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        traceback: ['\u001b[0;31mZeroDivisionError\u001b[0m: division by zero'],
      },
    ],
    3,
  ),
]);

test.before(() => {
  repo = makeRepo('git@github.com:octo-org/course-repo.git');
  work = makeTempDir('bp-work-');
  repo.commit(
    'main',
    { 'index.ipynb': notebookJson([md('# Welcome\n\nStart here.')]), 'requirements.txt': 'numpy\n' },
    'main build',
  );
  repo.commit(
    'course/intro',
    { 'lessons/01 intro.ipynb': good, 'lessons/next.ipynb': notebookJson([md('# Next\n\nMore.')]) },
    'intro build',
  );
  repo.commit(
    'broken',
    {
      'good.ipynb': notebookJson([md('# Fine\n\nThis one is fine.')]),
      'bad.ipynb': '{"cells": [',
      'conflict.ipynb': '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n',
    },
    'broken build',
  );
  repo.git('checkout', '-q', 'main');
  writeFileSync(join(repo.dir, 'uncommitted.txt'), 'work in progress');
});

test.after(() => {
  repo.remove();
  for (const dir of [work, ...cleanup]) rmSync(dir, { recursive: true, force: true });
});

test('builds every branch: pages, assets, downloads, and diagnostics for the broken notebooks', () => {
  const out = join(work, 'site');
  const statusBefore = repo.git('status', '--porcelain');
  const head = readFileSync(join(repo.dir, '.git', 'HEAD'), 'utf8');
  const r = cli(['build', '--repo', repo.dir, '--out', out, '--site-url', 'https://example.org/course/']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /branch broken, bad\.ipynb/);
  assert.match(r.stderr, /branch broken, conflict\.ipynb/);
  assert.match(r.stderr, /merge/i);
  assert.is(repo.git('status', '--porcelain'), statusBefore, 'working tree untouched');
  assert.is(readFileSync(join(repo.dir, '.git', 'HEAD'), 'utf8'), head, 'HEAD untouched');

  const home = new JSDOM(readFileSync(join(out, 'index.html'), 'utf8')).window.document;
  const buildLinks = [...home.querySelectorAll('.builds a')].map((a) => a.getAttribute('href'));
  assert.ok(buildLinks.includes('course-intro/index.html'), buildLinks.join());
  assert.ok(buildLinks.includes('main/index.html'));
  assert.ok(buildLinks.includes('broken/index.html'));

  const page = join(out, 'course-intro', 'lessons', '01 intro.html');
  const doc = new JSDOM(readFileSync(page, 'utf8')).window.document;
  assert.is(doc.querySelector('h1')?.textContent, 'Intro to Data');
  const sha = repo.git('rev-parse', 'course/intro').trim();
  const run = doc.querySelector('a.run-button')?.getAttribute('href');
  // the path is encoded inside urlpath, then urlpath as a whole (BinderHub appends the decoded value as a URL path)
  assert.is(
    run,
    `https://mybinder.org/v2/gh/octo-org/course-repo/${sha}?urlpath=lab%2Ftree%2Flessons%2F01%2520intro.ipynb`,
  );
  assert.ok(doc.querySelector('a[download]')?.getAttribute('href')?.endsWith('01%20intro.ipynb'));
  assert.is(
    readFileSync(join(out, 'course-intro', 'lessons', '01 intro.ipynb'), 'utf8'),
    good,
    'source notebook copied for download',
  );
  assert.ok(doc.querySelector('link[rel="alternate"][type="application/atom+xml"]'));
  // the .ipynb link goes to the other notebook's page, keeping the anchor
  assert.ok([...doc.querySelectorAll('a')].some((a) => a.getAttribute('href') === 'next.html#top'));
  // the PNG output is a content-hashed file next to the page, with the exact bytes
  const img = doc.querySelector('.notebook-body img')?.getAttribute('src') ?? '';
  assert.match(img, /^\.\.\/_assets\/[0-9a-f]{16}\.png$/);
  const bytes = readFileSync(resolve(join(out, 'course-intro', 'lessons'), decodeURIComponent(img)));
  assert.ok(bytes.equals(Buffer.from(PNG_B64, 'base64')));
  assert.is(img.slice(11, 27), createHash('sha256').update(bytes).digest('hex').slice(0, 16));
  // the traceback keeps its colour as escaped HTML, the code is highlighted
  assert.ok(doc.querySelector('.notebook-body pre span[style*="color"]'), 'ANSI colour kept');
  assert.ok(!readFileSync(page, 'utf8').includes('\u001b'), 'no raw escape characters');

  // the preview's live-reload script never reaches a built site
  assert.not.ok(existsSync(join(out, '_static', 'live-reload.js')));
  // broken notebooks are left out, the good one of that branch stays
  assert.ok(existsSync(join(out, 'broken', 'good.html')));
  assert.not.ok(existsSync(join(out, 'broken', 'bad.html')));
  assert.not.ok(readFileSync(join(out, 'broken', 'index.html'), 'utf8').includes('bad.ipynb'));
});

test('feeds parse in feedparser with no bozo flag and in xmllint, for the site and each build', () => {
  const out = join(work, 'site');
  for (const dir of ['', 'course-intro', 'main', 'broken']) {
    for (const name of ['feed.xml', 'atom.xml']) {
      const path = join(out, dir, name);
      xmllint(path);
      const feed = feedparser(path);
      assert.is(feed.bozo, 0, `${dir}/${name} bozo`);
      assert.ok(feed.entries.length > 0, `${dir}/${name} has entries`);
    }
  }
  const atom = feedparser(join(out, 'course-intro', 'atom.xml'));
  const entry = atom.entries.find((e) => e.title === 'Intro to Data');
  assert.ok(entry, 'entry for the notebook');
  assert.is(entry!.id, 'https://example.org/course/course-intro/lessons/01%20intro.html');
  assert.match(entry!.content, /Run this/);
  assert.match(entry!.content, /https:\/\/mybinder\.org\/v2\/gh\/octo-org\/course-repo\//);
  assert.match(entry!.content, /src="https:\/\/example\.org\/course\/course-intro\/_assets\/[0-9a-f]{16}\.png"/);
  const date = repo.git('log', '-1', '--format=%aI', 'course/intro', '--', 'lessons/01 intro.ipynb').trim();
  assert.is(Date.parse(entry!.updated), Date.parse(date));
  const site = feedparser(join(out, 'feed.xml'));
  assert.not.ok(
    site.entries.some((e) => /bad|conflict/.test(e.link)),
    'broken notebooks are not in feeds',
  );
  const json = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8'));
  assert.is(json.version, 'https://jsonfeed.org/version/1.1');
  assert.ok(json.items.length >= 4);
  const opml = readFileSync(join(out, 'feeds.opml'), 'utf8');
  xmllint(join(out, 'feeds.opml'));
  assert.match(opml, /course-intro\/atom\.xml/);
});

test('a site under a sub-path: sitemap, robots, 404 page and feeds all point under --site-url', () => {
  const out = join(work, 'site');
  const sitemap = readFileSync(join(out, 'sitemap.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
  assert.ok(locs.length >= 6);
  assert.ok(
    locs.every((u) => u.startsWith('https://example.org/course/')),
    locs.join('\n'),
  );
  assert.ok(locs.includes('https://example.org/course/course-intro/lessons/01%20intro.html'));
  assert.match(readFileSync(join(out, 'robots.txt'), 'utf8'), /Sitemap: https:\/\/example\.org\/course\/sitemap\.xml/);
  // the 404 page is served at any depth, so its links are absolute from the site's path
  const notFound = new JSDOM(readFileSync(join(out, '404.html'), 'utf8')).window.document;
  const hrefs = [...notFound.querySelectorAll('link[href], a[href], script[src]')].map(
    (e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '',
  );
  assert.ok(
    hrefs.filter((h) => !/^(https?:|#)/.test(h)).every((h) => h.startsWith('/course/')),
    hrefs.join(' '),
  );
  // every other page links relatively, so it works under any path
  const page = new JSDOM(readFileSync(join(out, 'course-intro', 'index.html'), 'utf8')).window.document;
  const own = [...page.querySelectorAll('a[href], link[href], script[src], img[src]')].map(
    (e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '',
  );
  assert.ok(
    own.filter((h) => !/^(https?:|#)/.test(h)).every((h) => !h.startsWith('/')),
    own.join(' '),
  );
});

test('the same commits give a byte-identical site', () => {
  const again = join(work, 'again');
  const r = cli(['build', '--repo', repo.dir, '--out', again, '--site-url', 'https://example.org/course/', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  const list = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
  const a = list(join(work, 'site'));
  assert.equal(list(again), a);
  for (const f of a.filter((p) => /\.(html|xml|json|opml)$/.test(p))) {
    assert.ok(readFileSync(join(again, f)).equals(readFileSync(join(work, 'site', f))), `${f} identical`);
  }
});

test('--branches takes names and globs; --strict fails on a broken notebook', () => {
  const out = join(work, 'some');
  const r = cli(['build', '--repo', repo.dir, '--out', out, '--branches', 'main', 'course/*', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(
    readdirSync(out)
      .filter((n) => !n.includes('.') && n !== '_static' && n !== 'tags')
      .sort(),
    ['course-intro', 'main'],
  );
  const strict = cli(['build', '--repo', repo.dir, '--out', join(work, 'strict'), '--branches', 'broken', '--strict']);
  assert.is(strict.code, 1);
});

test('branch name with ref mode "branch" is percent-encoded in the Binder link', () => {
  const cfgDir = makeTempDir('bp-cfg-');
  writeFileSync(join(cfgDir, 'binderpress.yml'), 'title: Course\nbinder:\n  ref: branch\n');
  const out = join(cfgDir, 'public');
  const r = cli(['build', '--repo', repo.dir, '--branches', 'course/intro'], cfgDir);
  assert.is(r.code, 0, r.stderr);
  const html = readFileSync(join(out, 'course-intro', 'lessons', 'next.html'), 'utf8');
  assert.match(
    html,
    /https:\/\/mybinder\.org\/v2\/gh\/octo-org\/course-repo\/course%2Fintro\?urlpath=lab%2Ftree%2Flessons%2Fnext\.ipynb/,
  );
  rmSync(cfgDir, { recursive: true, force: true });
});

test('fatal problems are one-line errors with a hint and exit code 2', () => {
  const notRepo = makeTempDir('bp-norepo-');
  cleanup.push(notRepo);
  let r = cli(['build', '--repo', notRepo, '--out', join(work, 'x')]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /not a git repository/i);
  assert.match(r.stderr, /hint:/);
  r = cli(['build', '--repo', repo.dir, '--out', join(work, 'x'), '--branches', 'nope/*']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /nope\/\*/);
  // unwritable even for root: the output's parent is a file
  writeFileSync(join(notRepo, 'a-file'), 'x');
  r = cli(['build', '--repo', repo.dir, '--out', join(notRepo, 'a-file', 'site')]);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot write the output folder/);
  assert.match(r.stderr, /hint: choose a writable folder with --out DIR/);
  r = cli(['build', '--bogus']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown option --bogus/);
  writeFileSync(join(notRepo, 'binderpress.yml'), 'titel: x\n');
  r = cli(['build'], notRepo);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown key `titel` \(did you mean `title`\?\)/);
  writeFileSync(join(notRepo, 'binderpress.yml'), 'binder:\n  hubb: https://hub.example.org\n');
  r = cli(['build'], notRepo);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown key `hubb` in binder \(did you mean `hub`\?\)/);
  rmSync(notRepo, { recursive: true, force: true });
});

test('two branches that land in one folder are an error naming both', () => {
  const r2 = makeRepo();
  r2.commit('Course/Intro', { 'a.ipynb': notebookJson([md('# A')]) }, 'a');
  r2.commit('course-intro', { 'b.ipynb': notebookJson([md('# B')]) }, 'b');
  const r = cli(['build', '--repo', r2.dir, '--out', join(work, 'collide'), '--quiet']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /Course\/Intro/);
  assert.match(r.stderr, /course-intro/);
  r2.remove();
});

test('of two branches that land in one folder, the one HEAD names is kept', () => {
  const r2 = makeRepo();
  r2.commit('Main', { 'stray.ipynb': notebookJson([md('# Stray copy')]) }, 'stray');
  r2.commit('main', { 'course.ipynb': notebookJson([md('# The course')]) }, 'course');
  r2.git('symbolic-ref', 'HEAD', 'refs/heads/main');
  const out = join(work, 'collide-head');
  const r = cli(['build', '--repo', r2.dir, '--out', out, '--quiet']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /branches `main` and `Main` would both be published in the folder main\/; `Main` is left out/);
  assert.match(readFileSync(join(out, 'main', 'course.html'), 'utf8'), /The course/);
  assert.not.ok(existsSync(join(out, 'main', 'stray.html')), 'the other branch is left out');
  r2.remove();
});

test('--dir builds plain folders without git', () => {
  const dir = makeTempDir('bp-dir-');
  mkdirSync(join(dir, 'week-1'));
  writeFileSync(join(dir, 'week-1', 'hello.ipynb'), notebookJson([md('# Hello folders')]));
  const out = join(work, 'dirsite');
  const r = cli(['build', '--dir', dir, '--out', out, '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.match(readFileSync(join(out, 'week-1', 'hello.html'), 'utf8'), /Hello folders/);
  rmSync(dir, { recursive: true, force: true });
});

test('--dir on a folder that holds notebooks itself builds it as one build, named after the folder', () => {
  const base = makeTempDir('bp-flat-');
  const dir = join(base, 'notebooks');
  mkdirSync(dir);
  writeFileSync(join(dir, 'hello.ipynb'), notebookJson([md('# Hello flat folder')]));
  writeFileSync(join(dir, 'factorials.ipynb'), notebookJson([md('# Factorials'), code('print(1)', [], 1)]));
  const out = join(base, 'site');
  const r = cli(['build', '--dir', dir, '--out', out, '--no-cache']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /built 2 notebooks/);
  assert.match(readFileSync(join(out, 'notebooks', 'hello.html'), 'utf8'), /Hello flat folder/);
  assert.match(readFileSync(join(out, 'notebooks', 'factorials.html'), 'utf8'), /Factorials/);
  // From inside the folder, with the default output and cache folders there: a rebuild does not
  // take the site it wrote for a build folder, nor read it or the cache as notebooks.
  for (let run = 0; run < 2; run++) {
    const again = cli(['build', '--dir', '.'], dir);
    assert.is(again.code, 0, again.stderr);
    assert.match(again.stderr, /built 2 notebooks/);
    assert.not.match(again.stderr, /source-outside-build/);
    assert.equal(
      readdirSync(join(dir, 'public', 'notebooks'))
        .filter((f) => f.endsWith('.html'))
        .sort(),
      ['factorials.html', 'hello.html', 'index.html'],
    );
  }
  rmSync(base, { recursive: true, force: true });
});

test('--dir: a notebook directly in a folder of build folders is warned about by name', () => {
  const dir = makeTempDir('bp-mixed-');
  mkdirSync(join(dir, 'week-1'));
  writeFileSync(join(dir, 'week-1', 'hello.ipynb'), notebookJson([md('# Hello week')]));
  writeFileSync(join(dir, 'stray.ipynb'), notebookJson([md('# Stray')]));
  const out = join(work, 'mixedsite');
  const r = cli(['build', '--dir', dir, '--out', out, '--no-cache']);
  assert.is(r.code, 0, r.stderr);
  assert.ok(
    r.stderr.includes(
      `warning (stray.ipynb): skipped a notebook directly in ${dir}: only its subfolders are builds, so the notebook is in none [source-outside-build]`,
    ),
    r.stderr,
  );
  assert.ok(
    r.stderr.includes(
      `hint: move it into one of the build folders (week-1), or into a new subfolder of ${dir} to make a build of its own`,
    ),
    r.stderr,
  );
  assert.match(r.stderr, /built 1 notebook /);
  assert.ok(existsSync(join(out, 'week-1', 'hello.html')));
  const strict = cli(['build', '--dir', dir, '--out', out, '--no-cache', '--strict']);
  assert.is(strict.code, 1, strict.stderr);
  rmSync(dir, { recursive: true, force: true });
});

test('--dir: messages call a folder build a folder, not a branch', () => {
  const dir = makeTempDir('bp-folders-');
  for (const name of ['Week 1', 'week-1']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'hello.ipynb'), notebookJson([md(`# Hello ${name}`)]));
  }
  const r = cli(['build', '--dir', dir, '--out', join(work, 'foldercollide'), '--no-cache']);
  assert.is(r.code, 1, r.stderr);
  assert.ok(
    r.stderr.includes(
      'error (folder week-1): folders `Week 1` and `week-1` would both be published in the folder week-1/; `week-1` is left out [output-collision]',
    ),
    r.stderr,
  );
  assert.ok(
    r.stderr.includes('hint: rename one of the folders, or choose with --branches which one to build'),
    r.stderr,
  );
  assert.match(r.stderr, /warning \(folder Week 1\): no Binder environment files/);
  assert.not.match(r.stderr.replaceAll('--branches', ''), /\bbranch(es)?\b/);
  rmSync(dir, { recursive: true, force: true });
});

test.run();
