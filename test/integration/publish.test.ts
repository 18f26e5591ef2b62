// Publishing end to end with the real CLI and real repositories: a bare "remote", the repository
// that first published to it, and a fresh `git clone` of it (one local branch, the others only as
// origin/*). Checks that a fresh clone builds every branch, that a publish which would remove
// builds is refused naming them (exit 3, nothing moved), that `publish.allowRemove`
// and --force let it through, and that a rejected push says how to recover, in words that work.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Pub',
  GIT_AUTHOR_EMAIL: 'pub@example.org',
  GIT_COMMITTER_NAME: 'Pub',
  GIT_COMMITTER_EMAIL: 'pub@example.org',
};

let work: string;
let origin: TestRepo;
let remote: string;
let fresh: string;
let out: string;

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...GIT_ENV },
  }).toString();
}

const tip = (dir: string, ref: string) =>
  spawnSync('git', ['rev-parse', '-q', '--verify', ref], { cwd: dir, encoding: 'utf8' }).stdout.trim();
const folders = (dir: string, ref: string) =>
  git(dir, 'ls-tree', '-d', '--name-only', ref)
    .split('\n')
    .filter((n) => n && !n.startsWith('_') && n !== 'tags');

test.before(() => {
  work = makeTempDir('bp-publish-');
  origin = makeRepo();
  origin.commit('main', { 'index.ipynb': notebookJson([md('# Welcome\n\nStart here.')]) }, 'main');
  origin.commit('course-a', { 'a.ipynb': notebookJson([md('# Course A')]) }, 'course a');
  origin.commit('course-b', { 'b.ipynb': notebookJson([md('# Course B')]) }, 'course b');
  origin.git('checkout', '-q', 'main');
  origin.git('branch', '-q', '-D', 'root');
  remote = join(work, 'remote.git');
  git(work, 'init', '-q', '--bare', remote);
  git(remote, 'symbolic-ref', 'HEAD', 'refs/heads/main'); // what a clone checks out
  origin.git('remote', 'add', 'origin', remote);
  origin.git('push', '-q', 'origin', 'main', 'course-a', 'course-b');
  // the full repository publishes every branch
  const first = cli(origin.dir, 'publish', '--no-cache', '--out', join(work, 'origin-site'), '--push');
  assert.is(first.code, 0, first.stderr);
  fresh = join(work, 'fresh');
  git(work, 'clone', '-q', remote, fresh);
  out = join(work, 'fresh-site');
});

test.after(() => {
  origin.remove();
  rmSync(work, { recursive: true, force: true });
});

test('a fresh clone has one local branch, yet builds every branch; the site branch is no build', () => {
  assert.equal(git(fresh, 'for-each-ref', '--format=%(refname:short)', 'refs/heads').trim(), 'main');
  const r = cli(fresh, 'build', '--no-cache', '--out', out);
  assert.is(r.code, 0, r.stderr);
  assert.equal(
    readdirSync(out)
      .filter((n) => !n.startsWith('.') && !n.startsWith('_') && n !== 'tags' && !n.includes('.'))
      .sort(),
    ['course-a', 'course-b', 'main'],
  );
  assert.not.ok(existsSync(join(out, 'gh-pages')));
  // the "available branches" hint sees origin's branches too, and suggests no site branch
  const bad = cli(fresh, 'build', '--no-cache', '--out', out, '--branches', 'nope');
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /available branches: course-a, course-b, main\n/);
});

test('publishing the same site from the fresh clone changes nothing and starts gh-pages at the remote copy', () => {
  const before = tip(remote, 'refs/heads/gh-pages');
  const r = cli(fresh, 'publish', '--no-cache', '--out', out, '--push');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /no change: gh-pages already holds this site/);
  assert.is(tip(fresh, 'refs/heads/gh-pages'), before);
  assert.is(tip(remote, 'refs/heads/gh-pages'), before);
});

test('a publish that would remove builds is refused naming them; publish.allowRemove and --force let it through', () => {
  // course-b was deleted upstream and pruned here; main moved on
  git(fresh, 'branch', '-q', '-r', '-d', 'origin/course-b');
  writeFileSync(join(fresh, 'more.ipynb'), notebookJson([md('# More')]));
  git(fresh, 'add', 'more.ipynb');
  git(fresh, 'commit', '-q', '-m', 'more');
  const pages = tip(fresh, 'refs/heads/gh-pages');
  const published = tip(remote, 'refs/heads/gh-pages');

  const refused = cli(fresh, 'publish', '--no-cache', '--out', out, '--push');
  assert.is(refused.code, 3, refused.stderr);
  assert.match(
    refused.stderr,
    /refusing to publish to gh-pages: the published site \([0-9a-f]{7}\) holds 1 build that this one would remove: course-b\n/,
  );
  assert.match(refused.stderr, /publish\.allowRemove/);
  assert.is(tip(fresh, 'refs/heads/gh-pages'), pages, 'gh-pages unchanged');
  assert.is(tip(remote, 'refs/heads/gh-pages'), published, 'the remote unchanged');

  writeFileSync(join(fresh, 'binderpress.yml'), "publish:\n  allowRemove: ['course-b*']\n");
  const allowed = cli(fresh, 'publish', '--no-cache', '--out', out, '--push');
  assert.is(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stderr, /removed build course-b from the site \(publish\.allowRemove\)/);
  assert.equal(folders(remote, 'gh-pages'), ['course-a', 'main']);
  assert.is(
    git(remote, 'cat-file', '-t', `${published}:course-b/index.html`).trim(),
    'blob',
    'the old site stays in history',
  );

  const forced = cli(fresh, 'publish', '--no-cache', '--out', out, '--branches', 'main', '--force');
  assert.is(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /removed build course-a from the site \(--force\)/);
  assert.equal(folders(fresh, 'gh-pages'), ['main']);

  writeFileSync(join(fresh, 'binderpress.yml'), "publish:\n  allowRemove: ['course/b']\n");
  const badConfig = cli(fresh, 'publish', '--no-cache', '--out', out);
  assert.is(badConfig.code, 2, badConfig.stderr);
  assert.match(badConfig.stderr, /publish\.allowRemove\.0` must be build folder names or globs .*course-2023/);
  rmSync(join(fresh, 'binderpress.yml'));
});

test('a rejected push exits 4 with a hint that, run as printed, lets the next publish land', () => {
  // someone publishes from the full repository meanwhile: the remote's gh-pages moves away
  origin.git('fetch', '-q', 'origin', '+gh-pages:gh-pages');
  origin.commit('main', { 'news.ipynb': notebookJson([md('# News')]) }, 'news');
  const theirs = cli(
    origin.dir,
    'publish',
    '--no-cache',
    '--out',
    join(work, 'origin-site'),
    '--push',
    '--branches',
    'main',
    'course-a',
  );
  assert.is(theirs.code, 0, theirs.stderr);
  const published = tip(remote, 'refs/heads/gh-pages');

  writeFileSync(join(fresh, 'later.ipynb'), notebookJson([md('# Later')]));
  git(fresh, 'add', 'later.ipynb');
  git(fresh, 'commit', '-q', '-m', 'later');
  const rejected = cli(fresh, 'publish', '--no-cache', '--out', out, '--push');
  assert.is(rejected.code, 4, rejected.stderr);
  assert.is(tip(remote, 'refs/heads/gh-pages'), published, 'never forced');
  const fix = /^\s+(git fetch origin \+gh-pages:gh-pages)$/m.exec(rejected.stderr)?.[1];
  assert.ok(fix, rejected.stderr);
  assert.match(rejected.stderr, /git push origin \+gh-pages:gh-pages/);
  execFileSync('bash', ['-c', fix as string], { cwd: fresh, stdio: 'pipe' });
  assert.is(tip(fresh, 'refs/heads/gh-pages'), published);
  const again = cli(fresh, 'publish', '--no-cache', '--out', out, '--push');
  assert.is(again.code, 0, again.stderr);
  assert.is(tip(remote, 'refs/heads/gh-pages^'), published, 'published on top of the other site');
});

test.run();
