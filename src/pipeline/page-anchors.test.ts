// Links from one notebook to a section of another, written as Jupyter names anchors
// (`b.ipynb#Section-Two`), land on the heading's id on the other page, on a real git repository
// built end to end: whatever thread renders which notebook, from the cache or not, and again
// when only the other notebook's headings change.
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { build } from '../build.js';
import { resolveConfig, type Config } from '../config.js';
import { assertSameSite } from '../../test/support/same-site.js';
import { makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';

let repo: TestRepo;
let work: string;

const partA = notebookJson([
  md(
    '# Part A\n\nSee [two](b.ipynb#Section-Two), [the fit](b.ipynb#Fit:-part-2), [ours](b.ipynb#section-two), [missing](b.ipynb#No-Such-Part), [with a query](b.ipynb?v=1#Section-Two), [the top](b.ipynb) and [here](#Local-Section).',
  ),
  md('## Local Section\n\nText.'),
]);
const partB = (second: string) =>
  notebookJson([md('# Part B'), md('filler\n\n'.repeat(50)), md(`## ${second}\n\nHere.\n\n## Fit: part 2\n\nMore.`)]);
const partC = notebookJson([md('# Part C\n\nBack to [section two](../course/b.ipynb#Section-Two).')]);

test.before(() => {
  repo = makeRepo('https://github.com/octo/anchors.git');
  work = makeTempDir('bp-page-anchors-');
  repo.commit(
    'main',
    { 'course/a.ipynb': partA, 'course/b.ipynb': partB('Section Two'), 'extra/c.ipynb': partC },
    'course',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

function config(out: string, cache: string | false): Config {
  return resolveConfig(
    {},
    {
      repo: repo.dir,
      out: join(work, out),
      cache: cache === false ? false : join(work, cache),
      siteUrl: 'https://example.org/a/',
    },
  );
}

const page = (out: string, path: string) =>
  new JSDOM(readFileSync(join(work, out, 'main', path), 'utf8')).window.document;
const hrefs = (out: string, path: string) =>
  [...page(out, path).querySelectorAll('article p a')].map((a) => a.getAttribute('href'));
const ids = (out: string, path: string) => new Set([...page(out, path).querySelectorAll('[id]')].map((e) => e.id));

test("links to a Jupyter-style anchor of another notebook point at that heading's id on its page", async () => {
  await build(config('fresh', false), { jobs: 1 });
  assert.equal(hrefs('fresh', 'course/a.html'), [
    'b.html#section-two',
    'b.html#fit-part-2',
    'b.html#section-two',
    'b.html#No-Such-Part',
    'b.html?v=1#section-two',
    'b.html',
    '#local-section',
  ]);
  assert.equal(hrefs('fresh', 'extra/c.html'), ['../course/b.html#section-two']);
  const onB = ids('fresh', 'course/b.html');
  for (const id of ['section-two', 'fit-part-2']) assert.ok(onB.has(id), `b.html has id="${id}"`);
  const feed = readFileSync(join(work, 'fresh', 'main', 'feed.json'), 'utf8');
  assert.ok(
    feed.includes('course/b.html#section-two') && !feed.includes('#Section-Two'),
    'feed items link to the same ids',
  );
});

test('two render processes and the cache give the same pages, byte for byte', async () => {
  await build(config('threads', 'cache'), { jobs: 2 });
  assertSameSite(join(work, 'fresh'), join(work, 'threads'));
  const again = await build(config('threads', 'cache'), { jobs: 1 });
  assert.equal(again.notebooks, { rendered: 0, cached: 3, skipped: 0 });
  assert.is(again.written, 0);
  assertSameSite(join(work, 'fresh'), join(work, 'threads'));
});

test("when only the other notebook's heading changes, the cached page's link follows it", async () => {
  repo.commit('main', { 'course/b.ipynb': partB('Part Two') }, 'rename the section');
  const r = await build(config('threads', 'cache'), { jobs: 1 });
  assert.equal(r.notebooks, { rendered: 1, cached: 2, skipped: 0 }, 'a.ipynb and c.ipynb come from the cache');
  const links = hrefs('threads', 'course/a.html');
  assert.is(links[0], 'b.html#Section-Two', 'no heading of b.ipynb matches any more: the anchor stays as written');
  assert.is(links[1], 'b.html#fit-part-2');
  assert.equal(hrefs('threads', 'extra/c.html'), ['../course/b.html#Section-Two']);
  await build(config('renamed', false), { jobs: 1 });
  assertSameSite(join(work, 'renamed'), join(work, 'threads'));
});

test('in a plain folder, where pages carry no commit, a page written before is not reused with its old link', async () => {
  const dir = join(work, 'folder');
  const put = (path: string, text: string) => {
    const full = join(dir, 'course', path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    utimesSync(full, new Date('2024-03-01T10:00:00Z'), new Date('2024-03-01T10:00:00Z'));
  };
  put('a.ipynb', partA);
  put('b.ipynb', partB('Section Two'));
  const folderConfig = (out: string, cache: string | false) =>
    resolveConfig(
      {},
      {
        dir,
        out: join(work, out),
        cache: cache === false ? false : join(work, cache),
        siteUrl: 'https://example.org/f/',
      },
    );
  await build(folderConfig('folder-site', 'folder-cache'), { jobs: 1 });
  const links = () =>
    [
      ...new JSDOM(
        readFileSync(join(work, 'folder-site', 'course', 'a.html'), 'utf8'),
      ).window.document.querySelectorAll('article p a'),
    ].map((a) => a.getAttribute('href'));
  assert.is(links()[0], 'b.html#section-two');
  put('b.ipynb', partB('Part Two'));
  const r = await build(folderConfig('folder-site', 'folder-cache'), { jobs: 1 });
  assert.equal(r.notebooks, { rendered: 1, cached: 1, skipped: 0 });
  assert.is(links()[0], 'b.html#Section-Two', 'the link follows the heading it named, now gone');
  await build(folderConfig('folder-fresh', false), { jobs: 1 });
  assertSameSite(join(work, 'folder-fresh'), join(work, 'folder-site'));
});

test.run();
