// findEarlierVersions on real repositories: what a notebook was at each earlier commit of a branch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo } from '../../test/support/git-repo.js';
import { findEarlierVersions } from './notebook-history.js';

const blobAt = (repo: ReturnType<typeof makeRepo>, rev: string, path: string) =>
  repo.git('rev-parse', `${rev}:${path}`).trim();

test('findEarlierVersions: each earlier blob once, newest first, tip and deletions skipped, paths literal', async () => {
  const repo = makeRepo();
  const path = '[draft] :one.ipynb';
  const c1 = repo.commit('main', { [path]: 'v1', 'other.ipynb': 'o1', 'd.ipynb': 'x' }, 'one');
  const c2 = repo.commit('main', { [path]: 'v2', 'd.ipynb': 'y' }, 'two');
  repo.git('rm', '-q', '--', path);
  repo.git('commit', '-q', '-m', 'deleted');
  const c4 = repo.commit('main', { [path]: 'v1' }, 'back as v1');
  repo.commit('main', { [path]: 'v3', 'other.ipynb': 'o2' }, 'three');
  const tips = new Map([
    [path, blobAt(repo, 'main', path)],
    ['other.ipynb', blobAt(repo, 'main', 'other.ipynb')],
  ]);
  const found = await findEarlierVersions(repo.dir, repo.git('rev-parse', 'main').trim(), tips);
  const shown = (p: string) => (found.get(p) ?? []).map((v) => [v.blob, v.commit.sha]);
  // v1 came back in c4: its newest commit names it, and the older copy from c1 is not tried again.
  assert.equal(shown(path), [
    [blobAt(repo, c4, path), c4],
    [blobAt(repo, c2, path), c2],
  ]);
  assert.equal(shown('other.ipynb'), [[blobAt(repo, c1, 'other.ipynb'), c1]]);
  assert.is(found.has('d.ipynb'), false, 'only the paths asked for');
  const first = found.get(path)?.[0];
  assert.match(first?.commit.date ?? '', /^2026-01-05T\d\d:00:00\+00:00$/);
  assert.is(first?.commit.author, 'Test Author');
  repo.remove();
});

test('findEarlierVersions: follows first parents only, and stops at the limit', async () => {
  const repo = makeRepo();
  const base = repo.commit('main', { 'a.ipynb': 'a1' }, 'a1');
  repo.commit('main', { 'a.ipynb': 'a2' }, 'a2');
  repo.git('checkout', '-q', '-b', 'topic', base);
  repo.commit('topic', { 'a.ipynb': 'topic draft' }, 'draft');
  repo.commit('topic', { 'a.ipynb': 'topic final' }, 'final');
  repo.git('checkout', '-q', 'main');
  repo.git('merge', '-q', '--no-ff', '-X', 'theirs', '-m', 'merge topic', 'topic');
  const merge = repo.git('rev-parse', 'HEAD').trim();
  repo.commit('main', { 'a.ipynb': 'a3' }, 'a3');
  const tip = repo.git('rev-parse', 'main').trim();
  const all = await findEarlierVersions(repo.dir, tip, new Map([['a.ipynb', blobAt(repo, tip, 'a.ipynb')]]));
  const versions = all.get('a.ipynb') ?? [];
  assert.equal(
    versions.map((v) => v.commit.sha),
    [merge, repo.git('rev-parse', 'main~2').trim(), base],
    'the merge stands for the topic branch; its draft is not a version of main',
  );
  assert.is(versions[0]?.blob, blobAt(repo, 'topic', 'a.ipynb'));
  const two = await findEarlierVersions(repo.dir, tip, new Map([['a.ipynb', blobAt(repo, tip, 'a.ipynb')]]), 2);
  assert.equal(
    (two.get('a.ipynb') ?? []).map((v) => v.commit.sha),
    versions.slice(0, 2).map((v) => v.commit.sha),
  );
  repo.remove();
});

test('findEarlierVersions: a notebook with no earlier version has none', async () => {
  const repo = makeRepo();
  repo.commit('main', { 'new.ipynb': 'only' }, 'only');
  const tip = repo.git('rev-parse', 'main').trim();
  const found = await findEarlierVersions(repo.dir, tip, new Map([['new.ipynb', blobAt(repo, tip, 'new.ipynb')]]));
  assert.equal(found.get('new.ipynb'), []);
  assert.equal(await findEarlierVersions(repo.dir, tip, new Map()), new Map());
  repo.remove();
});

test.run();
