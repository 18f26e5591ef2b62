// One notebook in several branches (a course copied to next year's branch) is rendered once in a
// cold build: the other copies reuse its entry where their links resolve the same way, and render
// where they do not. The site equals one built from a cache another build filled beforehand.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../build.js';
import { resolveConfig, type Config } from '../config.js';
import { assertSameSite } from '../../test/support/same-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';

let repo: TestRepo;
let work: string;

const lesson = (n: number) =>
  notebookJson([
    md(`# Lesson ${n}\n\nGo on to [lesson ${n + 1}](lesson-${n + 1}.ipynb).`),
    code(`print(${n})`, [{ output_type: 'stream', name: 'stdout', text: [`${n}\n`] }], 1),
  ]);
const course = {
  'intro.ipynb': notebookJson([md('# Intro\n\nStart with [lesson 1](lessons/lesson-1.ipynb).')]),
  'lessons/lesson-1.ipynb': lesson(1),
  'lessons/lesson-2.ipynb': lesson(2),
  'lessons/lesson-3.ipynb': lesson(3),
};

test.before(() => {
  repo = makeRepo('https://github.com/octo/course.git');
  work = makeTempDir('bp-shared-');
  repo.commit('main', course, 'course');
  repo.commit('course/2027', course, 'the same course, next year');
  // lesson-2 links to lesson-3, which this branch lacks: its links resolve differently.
  repo.commit('short', { 'lessons/lesson-1.ipynb': lesson(1), 'lessons/lesson-2.ipynb': lesson(2) }, 'two lessons');
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

function config(out: string, cache: string, branches?: string[]): Config {
  return resolveConfig(
    {},
    {
      repo: repo.dir,
      out: join(work, out),
      cache: join(work, cache),
      siteUrl: 'https://example.org/c/',
      ...(branches ? { branches } : {}),
    },
  );
}

test('a notebook shared by branches is rendered once, unless its links resolve differently', async () => {
  const cold = await build(config('cold', 'cold-cache'), { jobs: 1 });
  // main: 4 rendered; course/2027: 4 reused; short: lesson-1 reused, lesson-2 rendered again.
  assert.equal(cold.notebooks, { rendered: 5, cached: 5, skipped: 0 });
  const page = (branch: string, name: string) => readFileSync(join(work, 'cold', branch, 'lessons', name), 'utf8');
  assert.match(page('course-2027', 'lesson-2.html'), /href="lesson-3\.html"/, 'the copy links to its own lesson 3');
  assert.not.match(
    page('short', 'lesson-2.html'),
    /href="lesson-3\.html"/,
    'a branch without lesson 3 does not link to a page it lacks',
  );
  assert.match(page('short', 'lesson-1.html'), /href="lesson-2\.html"/);

  // The same site from a cache filled by an earlier build of main alone.
  const warmed = await build(config('main-only', 'warm-cache', ['main']), { jobs: 1 });
  assert.is(warmed.notebooks.rendered, 4);
  const warm = await build(config('warm', 'warm-cache'), { jobs: 1 });
  assert.equal(warm.notebooks, { rendered: 1, cached: 9, skipped: 0 });
  assertSameSite(join(work, 'cold'), join(work, 'warm'));
});

test('shared notebooks rendered in two render processes give the same site', async () => {
  const threaded = await build(config('threaded', 'threaded-cache'), { jobs: 2 });
  assert.equal(threaded.notebooks, { rendered: 5, cached: 5, skipped: 0 });
  assertSameSite(join(work, 'cold'), join(work, 'threaded'));
});

test.run();
