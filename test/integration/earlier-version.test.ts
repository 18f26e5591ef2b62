// End to end: a notebook that cannot be read at its branch's tip (merge-conflict markers, truncated
// JSON, a Git LFS pointer) keeps its page, built from its last commit on the branch that can be
// read, and says so; one never readable on its branch is left out as before. A real repository,
// the real CLI from dist/, feeds read back by feedparser, launch links read as BinderHub does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { parseBinderUrl } from '../support/binder-url.js';
import { feedparse } from '../support/feed-parsers.js';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
let repo: TestRepo;
let work: string;
/** Each branch's commits, oldest first. */
const commits: Record<string, string[]> = {};
let cold: { code: number | null; stderr: string };

const good = (text: string) => notebookJson([md(`# Alpha\n\n${text}`), md('See [Beta](b.ipynb).')]);
const conflicted = (text: string) => `<<<<<<< HEAD\n${good(text)}\n=======\n${good('theirs')}\n>>>>>>> topic\n`;
const truncated = (text: string) => good(text).slice(0, 150);
const LFS =
  'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';
const ENV = { 'requirements.txt': 'numpy\n' };

function commitAll(branch: string, versions: string[]): void {
  commits[branch] = versions.map((a, i) =>
    repo.commit(
      branch,
      { 'a.ipynb': a, ...(i === 0 ? { 'b.ipynb': notebookJson([md('# Beta\n\nSteady.')]), ...ENV } : {}) },
      `version ${i + 1}`,
    ),
  );
}

function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [BIN, 'build', '--repo', repo.dir, '--site-url', 'https://example.org/c/', '--cache', join(work, 'cache'), ...args],
    { encoding: 'utf8', cwd: work, env: { ...process.env, NO_COLOR: '1' } },
  );
  return { code: r.status, stderr: r.stderr };
}

const out = () => join(work, 'site');
const page = (branch: string, name = 'a') =>
  new JSDOM(readFileSync(join(out(), branch, `${name}.html`), 'utf8')).window.document;
const dateOf = (sha: string) => repo.git('show', '-s', '--format=%aI', sha).trim();
const runRef = (doc: Document) => {
  const parsed = parseBinderUrl(doc.querySelector('a.run-button')?.getAttribute('href') ?? '');
  return parsed.ref;
};

test.before(() => {
  work = makeTempDir('bp-earlier-');
  repo = makeRepo('https://github.com/octo/course.git');
  commitAll('conflict', [good('Version one, the good one.'), conflicted('Version two.')]);
  commitAll('truncated', [good('Version one, the good one.'), truncated('Version two.')]);
  commitAll('lfs', [good('Version one, the good one.'), LFS]);
  commitAll('twice', [
    good('Version one.'),
    good('Version two, the last good one.'),
    truncated('Version three.'),
    conflicted('Version four.'),
  ]);
  commitAll('never', [truncated('Never read.'), conflicted('Still never read.')]);
  commitAll('clean', [good('Version one.'), good('Version two, the good one.')]);
  cold = cli('--out', out());
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('a notebook committed with conflict markers keeps its page, built from its last readable commit', () => {
  assert.is(cold.code, 0, cold.stderr);
  const [first, second] = commits['conflict'] as [string, string];
  const doc = page('conflict');
  assert.match(doc.querySelector('.notebook-body')?.textContent ?? '', 'Version one, the good one.');
  assert.not.match(doc.body.textContent ?? '', 'theirs');
  const note = doc.querySelector('.earlier-version')?.textContent ?? '';
  assert.match(
    note,
    `This page shows the version of 5 January 2026 (${first.slice(0, 7)}): the latest commit of this notebook cannot be read.`,
  );
  assert.is(
    doc.querySelector('.notebook-header time')?.getAttribute('datetime'),
    dateOf(first),
    'the page is dated by the version it shows',
  );
  assert.is(
    page('conflict', 'b').querySelector('.earlier-version'),
    null,
    'only the page from an earlier version says so',
  );
  assert.is(
    readFileSync(join(out(), 'conflict', 'a.ipynb'), 'utf8'),
    good('Version one, the good one.'),
    'the download is the version shown',
  );
  // Run this: opens the version shown, pinned to its commit; the other page opens the tip.
  assert.is(runRef(doc), first);
  assert.is(runRef(page('conflict', 'b')), second);
  assert.match(doc.querySelector('a.button[href*="github.com"]')?.getAttribute('href') ?? '', `/blob/${first}/a.ipynb`);
  assert.match(
    cold.stderr,
    `warning (branch conflict, a.ipynb): the latest commit of this notebook cannot be read (the notebook contains an unresolved git merge conflict: a "<<<<<<<" marker on line 1`,
  );
  assert.match(
    cold.stderr,
    `so its page shows the version of ${dateOf(first).slice(0, 10)} (commit ${first.slice(0, 7)}), the last one on this branch that can be read [notebook-earlier-version]`,
  );
  assert.match(
    cold.stderr,
    `To bring back the version the page shows: \`git checkout ${first.slice(0, 7)} -- "a.ipynb"\`, then commit.`,
  );
  assert.not.match(cold.stderr, 'error (branch conflict');
});

test('the feeds keep the item, dated by the version shown', () => {
  const [first] = commits['conflict'] as [string];
  const when = new Date(dateOf(first)).toISOString().replace('.000Z', 'Z');
  const read = (...path: string[]) => readFileSync(join(out(), ...path), 'utf8');
  const [rss, atom, site] = feedparse(read('conflict', 'feed.xml'), read('conflict', 'atom.xml'), read('feed.xml'));
  for (const feed of [rss, atom, site]) {
    const item = feed?.entries.find((e) => e.link === 'https://example.org/c/conflict/a.html');
    assert.ok(item, `the feed holds the page: ${JSON.stringify(feed?.entries.map((e) => e.link))}`);
    assert.is(item?.published ?? item?.updated, when);
    assert.match(item?.content[0]?.value ?? item?.summary ?? '', 'Version one, the good one.');
  }
  const json = JSON.parse(readFileSync(join(out(), 'conflict', 'feed.json'), 'utf8')) as { items: { url: string }[] };
  assert.ok(json.items.some((i) => i.url === 'https://example.org/c/conflict/a.html'));
});

test('truncated JSON and a Git LFS pointer fall back the same way, naming why', () => {
  for (const [branch, why] of [
    ['truncated', 'the notebook is not valid JSON: line'],
    ['lfs', 'the file is a Git LFS pointer, not the notebook itself'],
  ] as const) {
    const [first] = commits[branch] as [string];
    assert.match(page(branch).querySelector('.notebook-body')?.textContent ?? '', 'Version one, the good one.');
    assert.is(runRef(page(branch)), first);
    assert.match(
      cold.stderr,
      `warning (branch ${branch}, a.ipynb): the latest commit of this notebook cannot be read (${why}`,
    );
    assert.match(
      cold.stderr,
      `(commit ${first.slice(0, 7)}), the last one on this branch that can be read [notebook-earlier-version]`,
    );
  }
});

test('two broken commits in a row: the page is the newest version before them', () => {
  const second = (commits['twice'] as string[])[1] as string;
  const doc = page('twice');
  assert.match(doc.querySelector('.notebook-body')?.textContent ?? '', 'Version two, the last good one.');
  assert.match(doc.querySelector('.earlier-version')?.textContent ?? '', `(${second.slice(0, 7)})`);
  assert.is(runRef(doc), second);
  assert.match(
    cold.stderr,
    `warning (branch twice, a.ipynb): the latest commit of this notebook cannot be read (the notebook contains an unresolved git merge conflict`,
  );
  assert.match(cold.stderr, `(commit ${second.slice(0, 7)}), the last one on this branch that can be read`);
});

test('a notebook never readable on its branch is left out with its error, as before', () => {
  assert.is(existsSync(join(out(), 'never', 'a.html')), false);
  assert.is(existsSync(join(out(), 'never', 'a.ipynb')), false);
  assert.ok(existsSync(join(out(), 'never', 'b.html')), 'the rest of the branch is built');
  assert.match(cold.stderr, 'error (branch never, a.ipynb): the notebook contains an unresolved git merge conflict');
  assert.not.match(cold.stderr, /branch never, a\.ipynb\)[^\n]*notebook-earlier-version/);
  assert.not.ok(readFileSync(join(out(), 'never', 'feed.xml'), 'utf8').includes('never/a.html'));
  // Copies of one blob at one path in several branches render once (b.ipynb, and a.ipynb's first
  // version in three branches): four renders in all.
  assert.match(cold.stderr, 'built 11 notebooks (4 rendered, 7 from cache, 1 skipped)');
});

test('a rebuild renders nothing and writes nothing', () => {
  const again = cli('--out', out());
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, 'built 11 notebooks (0 rendered, 11 from cache, 1 skipped)');
  assert.match(again.stderr, '(unchanged, nothing written)');
  assert.match(again.stderr, '(commit ', 'the warning comes back on every build');
});

test('--strict fails on a page from an earlier version and on a notebook left out', () => {
  assert.is(
    cli('--out', join(work, 'strict-clean'), '--branches', 'clean', '--strict').code,
    0,
    'a clean branch passes',
  );
  assert.is(cli('--out', join(work, 'strict-never'), '--branches', 'never', '--strict').code, 1);
  // With `ref: branch`, too, the page from an earlier version opens its own commit.
  writeFileSync(join(work, 'binderpress.yml'), 'binder:\n  ref: branch\n');
  const fallback = cli('--out', join(work, 'strict-conflict'), '--branches', 'conflict', '--strict');
  rmSync(join(work, 'binderpress.yml'));
  assert.is(fallback.code, 1, fallback.stderr);
  assert.match(fallback.stderr, '[notebook-earlier-version]');
  const doc = (name: string) =>
    new JSDOM(readFileSync(join(work, 'strict-conflict', 'conflict', `${name}.html`), 'utf8')).window.document;
  assert.is(
    runRef(doc('a')),
    (commits['conflict'] as string[])[0],
    'the site is still written, and pins the version shown',
  );
  assert.is(runRef(doc('b')), 'conflict');
});

test.run();
