// End to end: notebooks that stop their render process (one renders forever, one needs more than
// the heap limit) beside ordinary notebooks of the same and another branch. The build finishes
// with exit code 0 (1 under --strict), every other notebook has its page, the stopped ones are one
// problem each naming branch, notebook and cell, and nothing reaches stderr as a stack trace. No
// real input is known to hang marked, KaTeX, shiki or DOMPurify within the input limits, so the
// endless render comes from the test-only BINDERPRESS_TEST_RENDER_HANG (src/workers/render-worker.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const work = makeTempDir('bp-render-limits-');
const repo = makeRepo();
const printed = (text: string) => code('print(1)', [{ output_type: 'stream', name: 'stdout', text }]);
/** Five outputs of 9 million characters: rendering them takes far more than a 96 MB heap. */
const huge = notebookJson([
  md('# Huge outputs'),
  ...[1, 2, 3, 4, 5].map(() => printed(`${'y'.repeat(89)}\n`.repeat(100_000))),
]);
const endless = notebookJson([md('# Never ends'), md('Stuck *here*.'), md('Never reached.')]);
repo.commit(
  'course/a',
  { 'hang.ipynb': endless, 'good.ipynb': notebookJson([md('# Good one'), printed('fine\n')]) },
  'two notebooks',
);
repo.commit(
  'course/b',
  { 'other.ipynb': notebookJson([md('# Other branch'), md('$e^{i\\pi} + 1 = 0$')]), 'hang.ipynb': endless },
  'another branch',
);
repo.commit(
  'course/c',
  { 'huge.ipynb': notebookJson([md('# Huge outputs, before'), printed('small\n')]) },
  'small first',
);
repo.commit('course/c', { 'huge.ipynb': huge, 'fine.ipynb': notebookJson([md('# Fine beside it')]) }, 'outputs grew');

const build = (site: string, env: Record<string, string>, ...extra: string[]) =>
  spawnSync(
    process.execPath,
    [
      BIN,
      'build',
      '--repo',
      repo.dir,
      '--out',
      join(work, site),
      '--cache',
      join(work, `${site}-cache`),
      '--jobs',
      '2',
      ...extra,
    ],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1', ...env } },
  );
const HANG = { BINDERPRESS_RENDER_TIMEOUT: '3', BINDERPRESS_TEST_RENDER_HANG: 'hang.ipynb' };
const page = (path: string): string => readFileSync(join(work, path), 'utf8');
const pages = (site: string): string[] =>
  readdirSync(join(work, site), { recursive: true })
    .map(String)
    .filter((p) => /^course-.*\.html$/.test(p))
    .sort();
const noCrash = (stderr: string) =>
  assert.not.match(stderr, /\n\s+at |Error:|unexpected error/, 'no stack trace, no crash');

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('a notebook whose render never ends: stopped at the time limit, one error, the rest is built', () => {
  const r = build('hang', HANG, '--branches', 'course/a', 'course/b');
  assert.is(r.status, 0, r.stderr);
  noCrash(r.stderr);
  assert.equal(pages('hang'), [
    'course-a/good.html',
    'course-a/index.html',
    'course-b/index.html',
    'course-b/other.html',
  ]);
  assert.match(page('hang/course-a/good.html'), /Good one/);
  assert.match(page('hang/course-b/other.html'), /class="katex"/);
  assert.not.ok(existsSync(join(work, 'hang/course-a/hang.html')), 'the stopped notebook is left out');
  // its copy in the other branch shares the stop (rendered once, like any notebook several branches hold)
  const stopped = r.stderr.split('\n').filter((l) => l.includes('hang.ipynb'));
  assert.equal(stopped, [
    'error (branches course/a, course/b, hang.ipynb, cell 2): rendering the notebook was stopped: it took longer than the 3 s time limit [render-timeout]',
  ]);
});

test('--strict: a stopped notebook fails the build', () => {
  const r = build('hang', HANG, '--branches', 'course/a', '--strict');
  assert.is(r.status, 1, r.stderr);
  noCrash(r.stderr);
  assert.match(r.stderr, /hang\.ipynb, cell 2\): .*\[render-timeout\]/);
});

test('a notebook over the heap limit: its process dies, its page shows the commit before, the rest is built', () => {
  const r = build('memory', { BINDERPRESS_RENDER_MEMORY_MB: '96' }, '--branches', 'course/b', 'course/c');
  assert.is(r.status, 0, r.stderr);
  noCrash(r.stderr);
  assert.equal(pages('memory'), [
    'course-b/hang.html',
    'course-b/index.html',
    'course-b/other.html',
    'course-c/fine.html',
    'course-c/huge.html',
    'course-c/index.html',
  ]);
  assert.match(page('memory/course-c/huge.html'), /Huge outputs, before/);
  const lines = r.stderr.split('\n').filter((l) => l.includes('huge.ipynb') && !l.startsWith('  hint'));
  assert.is(lines.length, 1, r.stderr);
  assert.match(
    lines[0] as string,
    /^warning \(branch course\/c, huge\.ipynb\): the latest commit of this notebook cannot be read \((cell \d: )?rendering the notebook was stopped: it needed more than the 96 MB memory limit\), so its page shows the version of .* \[notebook-earlier-version\]$/,
  );
});

test.run();
