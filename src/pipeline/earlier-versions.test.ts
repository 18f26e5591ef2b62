// Notebooks that cannot be read at a branch's tip, built from earlier versions, in-process on a
// real repository: git's history is walked only when a notebook fails, once per branch however
// many fail there; two render processes give the same site as one.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../build.js';
import { resolveConfig, type Config } from '../config.js';
import { countingGitRuns } from '../../test/support/git-runs.js';
import { assertSameSite } from '../../test/support/same-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';

let repo: TestRepo;
let work: string;
const good = (n: number, v: number) =>
  notebookJson([
    md(`# Lesson ${n}\n\nVersion ${v}.`),
    code(`print(${n})`, [{ output_type: 'stream', name: 'stdout', text: [`${n}\n`] }], 1),
  ]);
const versions: Record<string, string> = {};

test.before(() => {
  repo = makeRepo('https://github.com/octo/course.git');
  work = makeTempDir('bp-earlier-pass-');
  repo.commit('good', { 'l1.ipynb': good(1, 1), 'l2.ipynb': good(2, 1) }, 'one');
  repo.commit('good', { 'l1.ipynb': good(1, 2) }, 'two');
  versions['first'] = repo.commit(
    'broken',
    { 'l1.ipynb': good(1, 1), 'l2.ipynb': good(2, 1), 'l3.ipynb': good(3, 1) },
    'one',
  );
  versions['second'] = repo.commit('broken', { 'l2.ipynb': good(2, 2) }, 'two');
  repo.commit('broken', { 'l1.ipynb': '{"cells": [', 'l2.ipynb': '', 'l3.ipynb': '' }, 'three broken at once');
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

function config(out: string, branches: string[], cache: string | false = false): Config {
  return resolveConfig(
    {},
    {
      repo: repo.dir,
      out: join(work, out),
      cache: cache && join(work, cache),
      siteUrl: 'https://example.org/c/',
      branches,
    },
  );
}

const historyWalks = (runs: readonly string[]) => runs.filter((r) => / log .*--raw/.test(r));

test('no history is walked when every notebook reads', async () => {
  const { result, runs } = await countingGitRuns(() => build(config('good', ['good']), { jobs: 1 }));
  assert.equal(result.notebooks, { rendered: 2, cached: 0, skipped: 0 });
  assert.equal(historyWalks(runs), [], runs.join('\n'));
  assert.not.ok(result.diagnostics.some((d) => d.rule === 'notebook-earlier-version'));
});

test('three notebooks broken in one branch: one walk, each from its own last readable commit', async () => {
  const { result, runs } = await countingGitRuns(() => build(config('broken', ['broken']), { jobs: 1 }));
  assert.is(historyWalks(runs).length, 1, runs.join('\n'));
  assert.equal(result.notebooks, { rendered: 3, cached: 0, skipped: 0 });
  const warnings = result.diagnostics.filter((d) => d.rule === 'notebook-earlier-version');
  const shown = (path: string) =>
    /\(commit ([0-9a-f]{7})\)/.exec(warnings.find((d) => d.path === path)?.message ?? '')?.[1];
  assert.equal(
    [shown('l1.ipynb'), shown('l2.ipynb'), shown('l3.ipynb')],
    [versions['first'], versions['second'], versions['first']].map((s) => s?.slice(0, 7)),
  );
  assert.match(warnings.find((d) => d.path === 'l2.ipynb')?.message ?? '', '(the notebook file is empty)');
  assert.not.ok(
    result.diagnostics.some((d) => d.severity === 'error'),
    "the tips' errors are told in the warnings",
  );
});

test('pages from earlier versions rendered in two render processes give the same site', async () => {
  const threaded = await build(config('threaded', ['broken'], 'threaded-cache'), { jobs: 2 });
  assert.equal(threaded.notebooks, { rendered: 3, cached: 0, skipped: 0 });
  assertSameSite(join(work, 'broken'), join(work, 'threaded'));
});

test.run();
