import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../config.js';
import { makeRepo, makeTempDir, type TestRepo } from '../../test/support/git-repo.js';
import { refsIgnore, watchSources, worktreeIgnore, type SourceWatcher } from './serve-watch.js';

let repo: TestRepo;
let watcher: SourceWatcher | undefined;
let seen: string[];
const settle = () => new Promise((r) => setTimeout(r, 400));

/** Runs `action`, waits for the watcher to report, and returns the changed paths (repo-relative). */
async function changes(action: () => void): Promise<string[]> {
  seen.length = 0;
  action();
  for (let waited = 0; seen.length === 0 && waited < 250; waited += 50) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 150)); // the rest of the burst
  return [...new Set(seen.map((p) => p.slice(repo.dir.length + 1)))].sort();
}

test.before.each(() => {
  seen = [];
  repo = makeRepo();
  repo.commit('main', { 'a.ipynb': '{}' }, 'a');
  repo.commit('feature', { 'f.ipynb': '{}' }, 'f');
  repo.git('checkout', '-q', 'main');
});

test.after.each(async () => {
  await watcher?.close();
  watcher = undefined;
  repo.remove();
});

test('watchSources: commits, new, deleted and packed branches are seen; status and worktree edits are not', async () => {
  watcher = await watchSources(resolveConfig({}, { repo: repo.dir }), {
    watchWorktree: false,
    onChange: (p) => seen.push(p),
  });
  assert.equal(await changes(() => repo.commit('main', { 'b.ipynb': '{}' }, 'b')), [
    '.git/HEAD',
    '.git/refs/heads/main',
  ]);
  assert.equal(await changes(() => repo.git('branch', 'course/intro')), ['.git/refs/heads/course/intro']);
  assert.ok((await changes(() => repo.git('branch', '-D', 'feature'))).includes('.git/refs/heads/feature'));
  assert.ok((await changes(() => repo.git('pack-refs', '--all'))).includes('.git/packed-refs'));
  assert.equal(
    await changes(() => repo.git('update-ref', 'refs/heads/main', 'main~1')),
    ['.git/refs/heads/main'],
    'a packed branch moved',
  );
  assert.equal(await changes(() => repo.git('status')), []);
  assert.equal(await changes(() => writeFileSync(join(repo.dir, 'draft.ipynb'), '{}')), [], 'worktree not watched');
});

test('watchSources with watchWorktree: notebook edits are seen, the output, hidden folders and node_modules are not', async () => {
  const config = resolveConfig({}, { repo: repo.dir, out: join(repo.dir, 'public'), cache: join(repo.dir, 'cache') });
  mkdirSync(join(repo.dir, 'public'));
  mkdirSync(join(repo.dir, 'node_modules'));
  mkdirSync(join(repo.dir, 'cache'));
  watcher = await watchSources(config, { watchWorktree: true, onChange: (p) => seen.push(p) });
  assert.equal(await changes(() => writeFileSync(join(repo.dir, 'draft.ipynb'), '{}')), ['draft.ipynb']);
  assert.equal(await changes(() => writeFileSync(join(repo.dir, 'public', 'index.html'), 'x')), []);
  assert.equal(await changes(() => writeFileSync(join(repo.dir, 'cache', 'x'), 'x')), []);
  assert.equal(await changes(() => writeFileSync(join(repo.dir, 'node_modules', 'x.ipynb'), 'x')), []);
  assert.equal(await changes(() => writeFileSync(join(repo.dir, '.ipynb_checkpoints.ipynb'), 'x')), []);
});

test('watchSources for --dir builds watches the folder', async () => {
  const dir = makeTempDir();
  try {
    watcher = await watchSources(resolveConfig({}, { dir, out: join(dir, 'out') }), {
      watchWorktree: false,
      onChange: (p) => seen.push(p),
    });
    mkdirSync(join(dir, 'course'));
    await settle();
    seen.length = 0;
    writeFileSync(join(dir, 'course', 'a.ipynb'), '{}');
    await settle();
    assert.equal([...new Set(seen)], [join(dir, 'course', 'a.ipynb')]);
  } finally {
    await watcher?.close();
    watcher = undefined;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refsIgnore and worktreeIgnore decide by path', () => {
  const refs = refsIgnore('/r/.git', '/r/.git');
  for (const p of [
    '/r/.git',
    '/r/.git/refs',
    '/r/.git/refs/heads',
    '/r/.git/refs/heads/a/b',
    '/r/.git/packed-refs',
    '/r/.git/HEAD',
  ])
    assert.not.ok(refs(p), p);
  for (const p of [
    '/r/.git/index',
    '/r/.git/objects',
    '/r/.git/refs/tags',
    '/r/.git/refs/heads/main.lock',
    '/r/.git/HEAD.lock',
    '/r/.git/logs/HEAD',
  ])
    assert.ok(refs(p), p);
  const linked = refsIgnore('/r/.git', '/r/.git/worktrees/w');
  assert.not.ok(linked('/r/.git/worktrees/w/HEAD'));
  assert.ok(linked('/r/.git/worktrees/w/index'));

  const work = worktreeIgnore('/r', resolveConfig({}, { repo: '/r', out: '/r/public', cache: '/r/tmp/cache' }));
  for (const p of ['/', '/r', '/r/a.ipynb', '/r/course/b.ipynb', '/r/publication.ipynb', '/r/tmp/x.png'])
    assert.not.ok(work(p), p);
  for (const p of [
    '/r/.git',
    '/r/.git/HEAD',
    '/r/.ipynb_checkpoints/a.ipynb',
    '/r/node_modules/x',
    '/r/public',
    '/r/public/index.html',
    '/r/tmp/cache/d',
    '/r/x/__pycache__',
  ])
    assert.ok(work(p), p);
});

test.run();
