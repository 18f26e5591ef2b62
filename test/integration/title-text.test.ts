// End to end: the text of titles, summaries and headings. Character references come out as the
// characters they name in every place a notebook's text shows (page, build index, search index,
// feeds as feedparser reads them), and a title taken from a heading is that heading's text: a
// heading that opens with an image gives the same title, and the title shows once on its page.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { feedparse } from '../support/feed-parsers.js';
import { makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const repo = makeRepo();
const work = makeTempDir('bp-title-text-');
const out = join(work, 'out');
repo.commit(
  'main',
  {
    'fish.ipynb': notebookJson([
      md('# Fish &copy; chips\n\nCaf&eacute; &#233;t&#xE9; &frac12; portion'),
      md('## Sauce &amp; vinaigrette &Eacute;pic&eacute;e'),
    ]),
    'pic.ipynb': notebookJson([md('# ![img](a.png) Pic\n\nA picture of a picture.')]),
  },
  'notebooks',
);
const run = spawnSync(
  process.execPath,
  [
    resolve('bin/binderpress.js'),
    'build',
    '--repo',
    repo.dir,
    '--out',
    out,
    '--no-cache',
    '--site-url',
    'https://example.org/site/',
  ],
  { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
);
const doc = (path: string) => new JSDOM(readFileSync(join(out, path), 'utf8')).window.document;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/#$/, '').trim();

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('named and numeric references in a title, summary and heading are characters on the page', () => {
  assert.is(run.status, 0, run.stderr);
  const page = doc('main/fish.html');
  assert.is(page.title.split(' · ')[0], 'Fish © chips');
  const h1s = [...page.querySelectorAll('h1')].map(text);
  assert.equal(h1s, ['Fish © chips']);
  assert.equal([...page.querySelectorAll('article.notebook h2')].map(text), ['Sauce & vinaigrette Épicée']);
  const index = doc('main/index.html');
  const card = [...index.querySelectorAll('.card')].find((c) => c.textContent?.includes('Fish'));
  assert.match(card?.textContent ?? '', /Fish © chips/);
  assert.match(card?.textContent ?? '', /Café été ½ portion/);
  assert.not.match(index.documentElement.outerHTML, /&amp;(copy|eacute|frac12);/);
});

test('the search index holds the characters, in title, summary and text', () => {
  const entries = (
    JSON.parse(readFileSync(join(out, 'search-index.json'), 'utf8')) as {
      entries: { t: string; s: string; x: string }[];
    }
  ).entries;
  const fish = entries.find((e) => e.t.startsWith('Fish'));
  assert.is(fish?.t, 'Fish © chips');
  assert.is(fish?.s, 'Café été ½ portion');
  assert.match(fish?.x ?? '', /sauce & vinaigrette épicée/);
  assert.match(fish?.x ?? '', /café été ½ portion/);
});

test('feeds, as feedparser reads them, carry the characters', () => {
  const feeds = feedparse(...['feed.xml', 'atom.xml'].map((f) => readFileSync(join(out, f), 'utf8')));
  for (const feed of feeds) {
    const fish = feed.entries.find((e) => e.title?.startsWith('Fish'));
    assert.is(fish?.title, 'Fish © chips', feed.version);
    assert.match(fish?.summary ?? '', /Café été ½ portion/);
  }
  const json = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as {
    items: { title: string; summary?: string; content_html?: string }[];
  };
  const item = json.items.find((i) => i.title.startsWith('Fish'));
  assert.is(item?.title, 'Fish © chips');
  assert.match(item?.content_html ?? '', /Sauce &amp; vinaigrette/);
});

test('a heading that opens with an image: the title is its text, and shows once', () => {
  const page = doc('main/pic.html');
  const h1s = [...page.querySelectorAll('h1')].map(text);
  assert.equal(h1s, ['img Pic']);
  assert.is(page.title.split(' · ')[0], 'img Pic');
  const entries = (
    JSON.parse(readFileSync(join(out, 'search-index.json'), 'utf8')) as { entries: { t: string; u: string }[] }
  ).entries;
  assert.is(entries.find((e) => e.u === 'main/pic.html')?.t, 'img Pic');
});

test.run();
