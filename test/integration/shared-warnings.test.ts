// End to end: a notebook copied from branch to branch has the same problems in each. The build
// log says each problem once, naming every branch it is in, and counts it once; a problem of one
// branch alone still names that branch.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

/** nbformat 4.5 without cell ids: a `cell-id-missing` warning, the same in every copy. */
function withoutIds(cells: object[]): string {
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

test('a problem several branches share is one line naming them all, counted once', () => {
  const repo = makeRepo();
  const work = makeTempDir('bp-shared-');
  const lesson = withoutIds([md('# Lesson'), code('x = 1')]);
  for (const branch of ['main', 'spring', 'autumn'])
    repo.commit(branch, { 'lesson.ipynb': lesson }, `${branch}: the lesson`);
  repo.commit('autumn', { 'extra.ipynb': withoutIds([md('# Extra')]) }, 'autumn: one more');
  const r = spawnSync(process.execPath, [BIN, 'build', '--repo', repo.dir, '--out', join(work, 'site'), '--no-cache'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.is(r.status, 0, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.includes('[cell-id-missing]'));
  assert.equal(lines, [
    'warning (branch autumn, extra.ipynb, cell 1): the cell has no `id` (required since nbformat 4.5) [cell-id-missing]',
    'warning (branches autumn, main, spring, lesson.ipynb): none of the 2 cells has an `id` (required since nbformat 4.5) [cell-id-missing]',
  ]);
  // Counted as printed: the summary's count is the number of warning lines.
  const printed = r.stderr.split('\n').filter((l) => /^warning[ :]/.test(l)).length;
  assert.ok(printed >= 2);
  assert.match(r.stderr, new RegExp(`· 0 errors, ${printed} warnings ·`));
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test.run();
