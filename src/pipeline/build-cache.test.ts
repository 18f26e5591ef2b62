// The incremental and parallel build end to end, on a real git repository with real notebooks:
// a cached rebuild, a rebuild after one change, a damaged cache and a threaded build all give a
// site byte-identical to a fresh single-thread build; a rebuild with nothing changed writes nothing.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../build.js';
import { resolveConfig, type Config } from '../config.js';
import { assertSameSite } from '../../test/support/same-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/real/${name}`, import.meta.url), 'utf8');
let repo: TestRepo;
let work: string;

const lesson = (n: number) =>
  notebookJson([
    md(
      `# Lesson ${n}\n\nSee [the next lesson](lesson-${n + 1}.ipynb) and $e^{i\\pi} + ${n} = ${n - 1}$.\n\n\`\`\`dot\ndigraph { a -> b${n % 2} }\n\`\`\``,
    ),
    code(`print(${n})`, [{ output_type: 'stream', name: 'stdout', text: [`${n}\n`] }], 1),
  ]);

test.before(() => {
  repo = makeRepo('https://github.com/octo/course.git');
  work = makeTempDir('bp-incr-');
  const files: Record<string, string> = {
    'intro.ipynb': fixture('fastpages-2020-02-21-introducing-fastpages.ipynb'),
    'plot.ipynb': fixture('mystmd-plot.ipynb'),
    'broken.ipynb': '{"cells": [',
  };
  for (let n = 1; n <= 4; n++) files[`lessons/lesson-${n}.ipynb`] = lesson(n);
  repo.commit('main', files, 'course');
  repo.commit(
    'extra',
    { 'lessons/lesson-1.ipynb': lesson(1), 'other.ipynb': notebookJson([md('# Other\n\nText.')]) },
    'extra',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

function config(out: string, cache: string | false): Config {
  return resolveConfig(
    { feeds: { limit: 3 } },
    {
      repo: repo.dir,
      out: join(work, out),
      cache: cache === false ? false : join(work, cache),
      siteUrl: 'https://example.org/c/',
    },
  );
}

test('a cached rebuild is byte-identical and, with nothing changed, writes nothing', async () => {
  const cold = await build(config('fresh', false), { jobs: 1 });
  assert.is(cold.notebooks.rendered, 8);
  assert.is(cold.notebooks.skipped, 1, 'broken.ipynb skipped with a diagnostic');
  assert.ok(cold.diagnostics.some((d) => d.branch === 'main' && d.path === 'broken.ipynb'));
  const first = await build(config('site', 'cache'), { jobs: 1 });
  assert.is(first.notebooks.cached, 0);
  assertSameSite(join(work, 'fresh'), join(work, 'site'));
  const stamp = statSync(join(work, 'site', 'index.html'));
  const again = await build(config('site', 'cache'), { jobs: 1 });
  assert.equal(again.notebooks, { rendered: 0, cached: 8, skipped: 1 });
  assert.is(again.written, 0);
  assert.equal(again.diagnostics, first.diagnostics, 'diagnostics come back from the cache');
  const after = statSync(join(work, 'site', 'index.html'));
  assert.is(after.ino, stamp.ino, 'the output folder was not replaced');
  assert.is(after.mtimeMs, stamp.mtimeMs);
  assertSameSite(join(work, 'fresh'), join(work, 'site'));
});

test('after one notebook changes only it is rendered, and the site equals a fresh build', async () => {
  repo.commit(
    'main',
    { 'lessons/lesson-3.ipynb': notebookJson([md('# Lesson three, revised\n\nNew text.')]) },
    'revise',
  );
  const page = statSync(join(work, 'site', 'extra', 'other.html'));
  const feeds = ['extra/atom.xml', 'extra/feed.xml', 'extra/feed.json', 'main/atom.xml'].map(
    (f) => statSync(join(work, 'site', f)).ino,
  );
  const r = await build(config('site', 'cache'), { jobs: 1 });
  assert.is(r.notebooks.rendered, 1);
  assert.is(r.notebooks.cached, 7);
  assert.ok(r.written > 0 && r.written < r.files / 2, `${r.written} of ${r.files} files written`);
  assert.is(
    statSync(join(work, 'site', 'extra', 'other.html')).ino,
    page.ino,
    'a page of another branch is linked, not rewritten',
  );
  const after = ['extra/atom.xml', 'extra/feed.xml', 'extra/feed.json', 'main/atom.xml'].map(
    (f) => statSync(join(work, 'site', f)).ino,
  );
  assert.equal(after.slice(0, 3), feeds.slice(0, 3), "the other branch's feeds are linked, not made again");
  assert.is.not(after[3], feeds[3], "the changed branch's feed is made again");
  await build(config('fresh2', false), { jobs: 1 });
  assertSameSite(join(work, 'fresh2'), join(work, 'site'));
});

test('a damaged cache is detected and ignored: truncated entries and flipped bytes', async () => {
  const root = join(work, 'cache', 'render');
  const all = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  const entries = all.filter((p) => p.includes(`${join('render', 'entry')}`));
  const htmls = all.filter((p) => p.includes(`${join('render', 'html')}`));
  const assets = all.filter((p) => p.includes(`${join('render', 'asset')}`));
  assert.ok(entries.length >= 8 && htmls.length >= 8 && assets.length >= 1);
  const first = entries[0] as string;
  writeFileSync(first, readFileSync(first).subarray(0, 40)); // truncated
  for (const p of [htmls[0], assets[0]]) {
    const bytes = readFileSync(p as string);
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 0x20; // one flipped bit
    writeFileSync(p as string, bytes);
  }
  rmSync(join(work, 'site'), { recursive: true, force: true });
  const r = await build(config('site', 'cache'), { jobs: 1 });
  assert.ok(r.notebooks.rendered >= 1 && r.notebooks.rendered <= 4, `re-rendered ${r.notebooks.rendered}`);
  assertSameSite(join(work, 'fresh2'), join(work, 'site'));
  const r2 = await build(config('site', 'cache'), { jobs: 1 });
  assert.is(r2.notebooks.rendered, 0, 'the damaged entries were rewritten');
});

test('a cache folder that cannot be written: a warning, and the same site built without it', async () => {
  const file = join(work, 'not-a-folder');
  writeFileSync(file, 'a file where the cache should be');
  const r = await build(
    resolveConfig(
      { feeds: { limit: 3 } },
      { repo: repo.dir, out: join(work, 'uncached'), cache: join(file, 'cache'), siteUrl: 'https://example.org/c/' },
    ),
    { jobs: 1 },
  );
  const warning = r.diagnostics.find((d) => d.rule === 'cache-unwritable');
  assert.ok(warning, 'the build says the cache cannot be used');
  assert.match(warning.message, /not-a-folder\/cache cannot be written/);
  assert.is(warning.severity, 'warning');
  assert.is(r.notebooks.rendered, 8);
  assertSameSite(join(work, 'fresh2'), join(work, 'uncached'));
});

test('three render processes give the same site as one', async () => {
  const threaded = await build(config('threads', 'cache-threads'), { jobs: 3 });
  assert.is(threaded.notebooks.rendered, 8);
  assertSameSite(join(work, 'fresh2'), join(work, 'threads'));
  const single = await build(config('single', 'cache-single'), { jobs: 1 });
  assert.equal(threaded.diagnostics, single.diagnostics);
  const reused = await build(config('threads', 'cache-single'), { jobs: 3 });
  assert.is(reused.notebooks.cached, 8, 'entries made by one render process serve a build of three');
});

test.run();
