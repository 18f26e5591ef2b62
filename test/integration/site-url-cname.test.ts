// The site address follows the host: a `CNAME` file where the site is published (the local
// gh-pages, or origin/gh-pages in a fresh `git clone`) or at the root of the default branch makes
// the site https://{cname}/, in feeds (read back by Debian's feedparser), canonical links and the
// sitemap. A CNAME that is not a hostname is a warning and the usual address is used;
// `--site-url` wins over any CNAME; `publish --branch` reads the CNAME of the branch it commits to.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { feedparse } from '../support/feed-parsers.js';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Pub',
  GIT_AUTHOR_EMAIL: 'pub@example.org',
  GIT_COMMITTER_NAME: 'Pub',
  GIT_COMMITTER_EMAIL: 'pub@example.org',
};
const NOTEBOOK = notebookJson([md('# Lesson one\n\nWhere it starts.')]);

let work: string;
const repos: TestRepo[] = [];

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--no-cache'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' },
  });
  return { code: r.status, stderr: r.stderr };
}

/** A repository whose `main` holds one notebook (and `mainFiles`), checked out on main. */
function courseRepo(mainFiles: Record<string, string> = {}, origin?: string): TestRepo {
  const repo = makeRepo(origin);
  repos.push(repo);
  repo.commit('main', { 'lesson.ipynb': NOTEBOOK, ...mainFiles }, 'lesson');
  repo.git('branch', '-q', '-D', 'root');
  return repo;
}

/** The addresses a built site points at: its feeds' links, a page's canonical link, the sitemap. */
function addresses(out: string) {
  const [rss, atom] = feedparse(
    readFileSync(join(out, 'feed.xml'), 'utf8'),
    readFileSync(join(out, 'main', 'atom.xml'), 'utf8'),
  );
  const page = readFileSync(join(out, 'main', 'lesson.html'), 'utf8');
  return {
    feed: rss!.link,
    entry: rss!.entries[0]!.link,
    atomEntry: atom!.entries[0]!.link,
    canonical: /<link rel="canonical" href="([^"]+)">/.exec(page)?.[1],
    sitemap: [...readFileSync(join(out, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!),
  };
}

function assertSiteAt(out: string, base: string) {
  const a = addresses(out);
  assert.is(a.entry, `${base}main/lesson.html`);
  assert.is(a.atomEntry, `${base}main/lesson.html`);
  assert.is(a.canonical, `${base}main/lesson.html`);
  assert.ok(a.feed?.startsWith(base), a.feed ?? '');
  assert.ok(a.sitemap.length > 0 && a.sitemap.every((u) => u.startsWith(base)), a.sitemap.join(' '));
}

const lines = (stderr: string, rule: string) => stderr.split('\n').filter((l) => l.includes(`[${rule}]`));

test.before(() => {
  work = makeTempDir('bp-cname-');
});

test.after(() => {
  for (const r of repos) r.remove();
  rmSync(work, { recursive: true, force: true });
});

test('CNAME on the local gh-pages: feeds, canonical links and sitemap use https://{cname}/, with a notice', () => {
  const repo = courseRepo({}, 'https://github.com/owner/course.git');
  repo.commit('gh-pages', { CNAME: '  Docs.Example.org  \nsecond line is ignored\n' }, 'pages');
  repo.git('checkout', '-q', 'main');
  const out = join(work, 'local');
  const r = cli(repo.dir, 'build', '--out', out);
  assert.is(r.code, 0, r.stderr);
  assertSiteAt(out, 'https://docs.example.org/');
  const notice = lines(r.stderr, 'site-url-from-cname');
  assert.is(notice.length, 1, r.stderr);
  assert.match(notice[0]!, /gh-pages/);
  assert.match(notice[0]!, /https:\/\/docs\.example\.org\//);
  assert.is(lines(r.stderr, 'site-url-missing').length, 0);
});

test('a fresh clone reads the CNAME of origin/gh-pages', () => {
  const repo = courseRepo();
  repo.commit('gh-pages', { CNAME: 'course.example.net\n' }, 'pages');
  repo.git('checkout', '-q', 'main');
  const bare = join(work, 'remote.git');
  execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare]);
  const clone = join(work, 'clone');
  execFileSync('git', ['clone', '-q', bare, clone]);
  assert.is(
    spawnSync('git', ['rev-parse', '-q', '--verify', 'refs/heads/gh-pages'], { cwd: clone }).status,
    1,
    'the clone has no local gh-pages',
  );
  const out = join(work, 'clone-site');
  const r = cli(clone, 'build', '--out', out);
  assert.is(r.code, 0, r.stderr);
  assertSiteAt(out, 'https://course.example.net/');
  assert.match(lines(r.stderr, 'site-url-from-cname')[0] ?? '', /origin\/gh-pages/);
});

test('a CNAME at the root of the default branch counts when nothing is published yet', () => {
  const repo = courseRepo({ CNAME: 'learn.example.com' });
  const out = join(work, 'default');
  const r = cli(repo.dir, 'build', '--out', out);
  assert.is(r.code, 0, r.stderr);
  assertSiteAt(out, 'https://learn.example.com/');
  assert.match(lines(r.stderr, 'site-url-from-cname')[0] ?? '', /main/);
  assert.is(readFileSync(join(out, 'CNAME'), 'utf8'), 'learn.example.com', 'the site carries the CNAME it is made for');
});

test('a CNAME found only in the default branch goes with the site to gh-pages, so the domain keeps serving it', () => {
  const repo = courseRepo({ CNAME: 'learn.example.com\n' });
  const r = cli(repo.dir, 'publish', '--out', join(work, 'publish-default'));
  assert.is(r.code, 0, r.stderr);
  assert.is(repo.git('show', 'gh-pages:CNAME'), 'learn.example.com\n');
  assert.match(
    repo.git('show', 'gh-pages:main/lesson.html'),
    /<link rel="canonical" href="https:\/\/learn\.example\.com\/main\/lesson\.html">/,
  );
});

test('a CNAME that is not a hostname is a warning; the GitHub Pages address is used', () => {
  for (const [i, text] of ['https://docs.example.org/course\n', '\n'].entries()) {
    const repo = courseRepo({}, 'https://github.com/owner/course.git');
    repo.commit('gh-pages', { CNAME: text }, 'pages');
    repo.git('checkout', '-q', 'main');
    const out = join(work, `invalid-${i}`);
    const r = cli(repo.dir, 'build', '--out', out);
    assert.is(r.code, 0, r.stderr);
    assertSiteAt(out, 'https://owner.github.io/course/');
    const warning = lines(r.stderr, 'site-url-cname-invalid');
    assert.is(warning.length, 1, `${JSON.stringify(text)}: ${r.stderr}`);
    assert.match(warning[0]!, /not a hostname/);
    assert.match(warning[0]!, /https:\/\/owner\.github\.io\/course\//);
    assert.is(lines(r.stderr, 'site-url-from-cname').length, 0);
    if (i === 0) assert.is(cli(repo.dir, 'build', '--out', out, '--strict').code, 1, 'a warning fails --strict');
  }
});

test('--site-url wins over a CNAME, without a notice', () => {
  const repo = courseRepo({ CNAME: 'learn.example.com' });
  repo.commit('gh-pages', { CNAME: 'docs.example.org' }, 'pages');
  repo.git('checkout', '-q', 'main');
  const out = join(work, 'flag');
  const r = cli(repo.dir, 'build', '--out', out, '--site-url', 'https://mirror.example.edu/notes');
  assert.is(r.code, 0, r.stderr);
  assertSiteAt(out, 'https://mirror.example.edu/notes/');
  assert.is(lines(r.stderr, 'site-url-from-cname').length, 0, r.stderr);
  assert.not.ok(existsSync(join(out, 'CNAME')), 'a configured address writes no CNAME');
});

test('publish --branch reads the CNAME of the branch it commits to, and keeps it', () => {
  const repo = courseRepo();
  repo.commit('gh-pages', { CNAME: 'docs.example.org' }, 'pages');
  repo.commit('site', { CNAME: 'published.example.org\n' }, 'site branch');
  repo.git('checkout', '-q', 'main');
  const r = cli(repo.dir, 'publish', '--branch', 'site', '--out', join(work, 'publish-site'));
  assert.is(r.code, 0, r.stderr);
  const show = (path: string) => repo.git('show', `site:${path}`);
  assert.is(show('CNAME'), 'published.example.org\n');
  assert.match(
    show('main/lesson.html'),
    /<link rel="canonical" href="https:\/\/published\.example\.org\/main\/lesson\.html">/,
  );
  assert.match(lines(r.stderr, 'site-url-from-cname')[0] ?? '', /\bsite\b/);
});

test.run();
