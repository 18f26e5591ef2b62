import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHANNEL, ITEMS, ORDER, SITE, executable, launch } from '../../test/support/feed-samples.js';
import { buildFeeds } from './build-feeds.js';

const json = JSON.parse(buildFeeds(CHANNEL, ITEMS, { limit: 50, content: 'full' }).json) as Record<string, unknown> & {
  items: Record<string, unknown>[];
};

const jsonFeed = suite('buildFeeds: JSON Feed 1.1');

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const FEED_KEYS = [
  'version',
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'user_comment',
  'next_url',
  'icon',
  'favicon',
  'authors',
  'language',
  'expired',
  'hubs',
  'items',
];
const ITEM_KEYS = [
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'authors',
  'tags',
  'language',
  'attachments',
];

function absolute(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value);
}

function checkAuthors(where: string, authors: unknown, errors: string[]): void {
  if (authors === undefined) return;
  if (!Array.isArray(authors) || authors.length === 0) return void errors.push(`${where}.authors: non-empty array`);
  for (const a of authors as Record<string, unknown>[]) {
    if (typeof a.name !== 'string' && !absolute(a.url)) errors.push(`${where}.authors: name or url`);
    if (a.url !== undefined && !absolute(a.url)) errors.push(`${where}.authors.url: absolute URL`);
  }
}

/** The field rules of https://www.jsonfeed.org/version/1.1/ that a feed of ours can break. */
function checkJsonFeed(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const unknown = (keys: string[], obj: object, where: string): void => {
    for (const k of Object.keys(obj))
      if (!keys.includes(k) && !k.startsWith('_')) errors.push(`${where}: unknown key ${k}`);
  };
  if (doc.version !== 'https://jsonfeed.org/version/1.1') errors.push('version');
  if (typeof doc.title !== 'string' || !doc.title) errors.push('title');
  for (const k of ['home_page_url', 'feed_url'] as const) if (doc[k] !== undefined && !absolute(doc[k])) errors.push(k);
  unknown(FEED_KEYS, doc, 'feed');
  checkAuthors('feed', doc.authors, errors);
  if (!Array.isArray(doc.items)) return [...errors, 'items: array'];
  for (const [i, it] of (doc.items as Record<string, unknown>[]).entries()) {
    const where = `items[${i}]`;
    unknown(ITEM_KEYS, it, where);
    if (typeof it.id !== 'string' || !it.id) errors.push(`${where}.id: non-empty string`);
    for (const k of ['url', 'external_url', 'image'])
      if (it[k] !== undefined && !absolute(it[k])) errors.push(`${where}.${k}`);
    if (typeof it.content_html !== 'string' && typeof it.content_text !== 'string')
      errors.push(`${where}: content_html or content_text`);
    for (const k of ['title', 'summary', 'content_html'])
      if (it[k] !== undefined && typeof it[k] !== 'string') errors.push(`${where}.${k}`);
    for (const k of ['date_published', 'date_modified']) {
      if (it[k] !== undefined && !(typeof it[k] === 'string' && RFC3339.test(it[k] as string)))
        errors.push(`${where}.${k}: RFC 3339`);
    }
    if (it.tags !== undefined && !(Array.isArray(it.tags) && it.tags.every((t) => typeof t === 'string')))
      errors.push(`${where}.tags`);
    checkAuthors(where, it.authors, errors);
  }
  return errors;
}

jsonFeed('follows the JSON Feed 1.1 field rules', () => {
  assert.equal(checkJsonFeed(json), []);
  assert.is(json.home_page_url, CHANNEL.siteUrl);
  assert.is(json.feed_url, CHANNEL.feedUrls.json);
});

jsonFeed('the checker catches broken feeds', () => {
  const broken = {
    version: 'https://jsonfeed.org/version/1',
    title: '',
    author: {},
    items: [{ id: 1, date_published: 'Tue, 1 May', url: 'a.html' }],
  };
  assert.equal(checkJsonFeed(broken), [
    'version',
    'title',
    'feed: unknown key author',
    'items[0].id: non-empty string',
    'items[0].url',
    'items[0]: content_html or content_text',
    'items[0].date_published: RFC 3339',
  ]);
});

jsonFeed('items: order, Binder link as external_url, dates, content, image', () => {
  assert.equal(
    json.items.map((i) => i.id),
    ORDER,
  );
  const [hostile, fastpages, inline] = json.items;
  assert.is(hostile?.external_url, launch('linkcheck.ipynb'));
  assert.equal([fastpages?.date_published, fastpages?.date_modified], ['2023-12-24T08:00:00Z', '2024-03-02T09:00:00Z']);
  assert.equal([inline?.date_published, inline?.date_modified], ['2024-01-15T00:00:00Z', '2024-01-15T00:00:00Z']);
  assert.is(fastpages?.image, `${SITE}course-intro/assets/0123456789abcdef.png`);
  assert.is(inline?.authors, undefined);
  assert.equal(fastpages?.authors, [{ name: 'Ada Lovelace', url: 'https://ada.example.org/' }]);
  assert.is(hostile?.title, 'Plot red ]]> 🚀 שלום עולם <script>alert(1)</script> & done');
  assert.equal(executable(String(hostile?.content_html)), []);
  assert.ok(
    String(fastpages?.content_html).startsWith(`<p><a href="${launch('fastpages.ipynb').replace(/&/g, '&amp;')}">`),
  );
});

jsonFeed('a feed without items is valid too', () => {
  const empty = JSON.parse(buildFeeds(CHANNEL, [], { limit: 50, content: 'summary' }).json) as Record<string, unknown>;
  assert.equal(checkJsonFeed(empty), []);
  assert.equal(empty.items, []);
});

jsonFeed.run();
