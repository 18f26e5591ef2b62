import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../config.js';
import { feedGroups } from '../site/feed-files.js';
import type { NotebookPage, SiteModel } from '../site/model.js';
import { newestForFeeds, trimForFeeds } from './feed-subset.js';

/** Pages that carry their notebook's HTML, as feeds are given it. */
type Page = NotebookPage & { html: string };
const htmlOf = (nb: NotebookPage): string => (nb as Page).html;

const page = (build: string, i: number, date: string): Page => ({
  build,
  branch: build,
  path: `n${i}.ipynb`,
  pagePath: `${build}/n${i}.html`,
  downloadPath: `${build}/n${i}.ipynb`,
  title: `Notebook ${i}`,
  summary: `About ${i}`,
  authors: ['A'],
  tags: i % 2 ? ['odd'] : ['even'],
  date,
  lastCommit: { sha: 'a'.repeat(40), date, author: 'A', email: 'a@example.org' },
  blob: 'b'.repeat(40),
  html: `<p>body ${i}</p>`,
  headings: [],
  contents: [],
});

function site(): SiteModel {
  const dates = [
    '2026-01-05T10:00:00Z',
    '2026-01-03T10:00:00Z',
    '2026-01-05T10:00:00Z',
    'not a date',
    '2026-02-01T08:00:00+02:00',
    '2025-12-31T23:00:00Z',
    '2026-01-04T00:00:00Z',
  ];
  const builds = ['x', 'y'].map((b, k) => {
    const notebooks = dates.map((d, i) => page(b, i + k * 10, d));
    const feeds = { rss: `${b}/feed.xml`, atom: `${b}/atom.xml`, json: `${b}/feed.json` };
    return {
      slug: b,
      branch: b,
      title: b,
      commit: 'c'.repeat(40),
      updated: '2026-02-01T08:00:00+02:00',
      indexPath: `${b}/index.html`,
      feeds,
      notebooks,
      diagnostics: [],
    };
  });
  const all = builds.flatMap((b) => b.notebooks);
  const tags = ['even', 'odd'].map((t) => ({
    tag: t,
    slug: t,
    indexPath: `tags/${t}/index.html`,
    feeds: { rss: `tags/${t}/feed.xml`, atom: `tags/${t}/atom.xml`, json: `tags/${t}/feed.json` },
    notebooks: all.filter((n) => n.tags.includes(t)).reverse(),
  }));
  return {
    title: 'S',
    description: 'D',
    siteUrl: 'https://example.org/',
    builds,
    tags,
    feeds: { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' },
    updated: '2026-02-01T08:00:00+02:00',
  };
}

test('trimForFeeds: feeds from the cut site are byte-identical to feeds from the whole site', () => {
  for (const limit of [1, 2, 3, 5, 50]) {
    const config = resolveConfig({ feeds: { limit } }, {});
    const files = (s: SiteModel) =>
      feedGroups(
        s,
        config,
        (nb) => htmlOf(nb),
        (nb) => nb.path,
      ).map((g) => [g.paths, g.make()]);
    const whole = files(site());
    assert.ok(whole.length > 0);
    assert.equal(files(trimForFeeds(site(), limit)), whole, `limit ${limit}`);
  }
});

test('feedGroups: reads the HTML of the items a feed shows, once per page, and only those', () => {
  const config = resolveConfig({ feeds: { limit: 2 } }, {});
  const reads = new Map<string, number>();
  const groups = feedGroups(
    site(),
    config,
    (nb) => (reads.set(nb.pagePath, (reads.get(nb.pagePath) ?? 0) + 1), htmlOf(nb)),
    (nb) => nb.path,
  );
  const shown = new Set<string>();
  for (const g of groups) {
    const { json } = g.make();
    for (const item of (JSON.parse(json) as { items: { url: string }[] }).items)
      shown.add(new URL(item.url).pathname.slice(1));
  }
  assert.equal([...reads.keys()].sort(), [...shown].sort());
  assert.ok(
    [...reads.values()].every((n) => n === 1),
    'a page shown by several feeds is read once',
  );
  assert.ok(
    shown.size < site().builds.flatMap((b) => b.notebooks).length,
    'the limit leaves some pages out of every feed',
  );
});

test('newestForFeeds: keeps the newest, the undated and the first, in the original order', () => {
  const s = site();
  const list = s.builds[0]!.notebooks;
  const kept = newestForFeeds(s, list, 2).map((n) => n.path);
  assert.equal(kept, ['n0.ipynb', 'n3.ipynb', 'n4.ipynb']);
  assert.is(newestForFeeds(s, list, 100).length, list.length);
});

test('feedGroups: a notebook copied to several branches is read once for all their feeds, with the same feeds', () => {
  const config = resolveConfig({ feeds: { limit: 50 } }, {});
  // Branch y holds branch x's notebooks: the same HTML (with relative links) under other page URLs.
  const copied = (): SiteModel => {
    const s = site();
    const [x, y] = s.builds as [SiteModel['builds'][number], SiteModel['builds'][number]];
    const html = (i: number) =>
      `<p>body ${i % 10} <a href="n${(i + 1) % 10}.html">next</a> <img src="_assets/p${i % 10}.png" alt=""></p>`;
    for (const nb of [...x.notebooks, ...y.notebooks])
      Object.assign(nb, {
        html: html(Number(nb.path.slice(1, -6))),
        title: `Notebook ${Number(nb.path.slice(1, -6)) % 10}`,
      });
    return s;
  };
  const reads: string[] = [];
  const byContent = feedGroups(
    copied(),
    config,
    (nb) => (reads.push(nb.pagePath), htmlOf(nb)),
    (nb) => htmlOf(nb),
  );
  const perPage = feedGroups(
    copied(),
    config,
    (nb) => htmlOf(nb),
    (nb) => nb.pagePath,
  );
  const files = (groups: typeof byContent) => groups.map((g) => [g.paths, g.make()]);
  const made = files(byContent);
  assert.equal(made, files(perPage), 'the same bytes as when every page is read');
  const distinct = new Set(site().builds[0]!.notebooks.map((nb) => Number(nb.path.slice(1, -6)) % 10));
  assert.is(reads.length, distinct.size, `one read per distinct notebook (${reads.join(', ')})`);
  // Each branch's copy links within its own branch.
  const yFeed = made.find(([paths]) => (paths as { json: string }).json === 'y/feed.json')?.[1] as { json: string };
  assert.match(yFeed.json, 'https://example.org/y/n2.html');
  assert.match(yFeed.json, 'https://example.org/y/_assets/p1.png');
  assert.not.match(yFeed.json, 'https://example.org/x/');
});

test.run();
