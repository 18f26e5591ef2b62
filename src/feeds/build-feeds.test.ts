import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { feedparse, jing, xmllint } from '../../test/support/feed-parsers.js';
import type { ParsedFeed } from '../../test/support/feed-parsers.js';
import {
  ATOM_RNC,
  BADGE,
  CHANNEL,
  ITEMS,
  ORDER,
  SITE,
  executable,
  item,
  launch,
} from '../../test/support/feed-samples.js';
import { buildFeeds } from './build-feeds.js';

const files = buildFeeds(CHANNEL, ITEMS, { limit: 50, content: 'full' });
const [rss, atom] = feedparse(files.rss, files.atom) as [ParsedFeed, ParsedFeed];

const xmlFeeds = suite('buildFeeds: RSS and Atom through real parsers');

xmlFeeds('well-formed (xmllint) and bozo-free (feedparser)', () => {
  assert.is(xmllint(files.rss), '');
  assert.is(xmllint(files.atom), '');
  assert.equal([rss.bozo, rss.bozo_exception, rss.version], [0, null, 'rss20']);
  assert.equal([atom.bozo, atom.bozo_exception, atom.version], [0, null, 'atom10']);
});

xmlFeeds('Atom is valid against our RFC 4287 schema (jing)', () => {
  assert.equal(jing(ATOM_RNC, files.atom), ['']);
});

xmlFeeds('channel: title, link, self link, language, updated = newest item', () => {
  for (const feed of [rss, atom]) {
    assert.is(feed.title, CHANNEL.title);
    assert.is(feed.subtitle, CHANNEL.description);
    assert.is(feed.link, CHANNEL.siteUrl);
    assert.is(feed.updated, '2024-04-10T10:30:00Z');
    assert.is(feed.language, 'en');
  }
  assert.ok(rss.links.some((l) => l.rel === 'self' && l.href === CHANNEL.feedUrls.rss));
  assert.ok(atom.links.some((l) => l.rel === 'self' && l.href === CHANNEL.feedUrls.atom));
});

xmlFeeds('entries newest first with ids, links, Binder link, dates, authors, tags, thumbnails', () => {
  for (const feed of [rss, atom]) {
    assert.equal(
      feed.entries.map((e) => e.id),
      ORDER,
    );
    assert.equal(
      feed.entries.map((e) => e.link),
      ORDER,
    );
    assert.equal(
      feed.entries.map((e) => e.updated),
      ['2024-04-10T10:30:00Z', '2024-03-02T09:00:00Z', '2024-01-15T00:00:00Z'],
    );
    const [hostile, fastpages, inline] = feed.entries;
    assert.ok(hostile?.links.some((l) => l.rel === 'related' && l.href === launch('linkcheck.ipynb')));
    assert.equal(fastpages?.tags, ['course', 'fastpages']);
    assert.equal(hostile?.tags, ['<script>', 'ünï/ça']);
    assert.equal(fastpages?.thumbnails, [`${SITE}course-intro/assets/0123456789abcdef.png`]);
    assert.equal(inline?.thumbnails, []);
    assert.equal(
      hostile?.authors.map((a) => a.name),
      ['Grace <Hopper>', 'ناصر'],
    );
    assert.is(fastpages?.authors[0]?.name, 'Ada Lovelace');
  }
  // Atom carries both dates and the author's address; RSS dates an item by its last change.
  assert.is(atom.entries[1]?.published, '2023-12-24T08:00:00Z');
  assert.equal(atom.entries[1]?.authors[0], {
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    href: 'https://ada.example.org/',
  });
  assert.is(rss.entries[1]?.published, '2024-03-02T09:00:00Z');
});

xmlFeeds('content: Run-this line on top, every URL absolute, PNG instead of SVG', () => {
  for (const feed of [rss, atom]) {
    for (const [i, entry] of feed.entries.entries()) {
      const content = entry.content[0];
      assert.is(content?.type, 'text/html');
      const doc = new JSDOM(content?.value ?? '').window.document;
      const first = doc.body.firstElementChild;
      assert.is(first?.tagName, 'P');
      const links = [...(first?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
      assert.equal(links, [
        launch(`${['linkcheck', 'fastpages', 'inline-image'][i]}.ipynb`),
        launch(`${['linkcheck', 'fastpages', 'inline-image'][i]}.ipynb`),
      ]);
      assert.is(first?.querySelector('img')?.getAttribute('src'), BADGE);
      assert.is(first?.textContent?.trim(), 'Run this notebook');
      for (const node of doc.querySelectorAll('[href], [src]')) {
        const value = node.getAttribute('href') ?? node.getAttribute('src') ?? '';
        assert.match(value, /^(https:\/\/|data:image\/png;base64,)/, value);
      }
    }
    const hostile = feed.entries[0]?.content[0]?.value ?? '';
    assert.match(hostile, `src="${SITE}course-intro/assets/d1.png"`);
    assert.not.match(hostile, 'd1.svg');
    assert.match(hostile, `src="${SITE}course-intro/fastlinkcheck_images/fastlinkcheck.png"`);
    assert.match(feed.entries[1]?.content[0]?.value ?? '', `href="${SITE}course-intro/fastpages.html#Code-Folding"`);
  }
});

xmlFeeds('hostile text: control characters and ANSI gone, script never executable', () => {
  const expected = 'Plot red ]]> 🚀 שלום עולם <script>alert(1)</script> & done';
  for (const feed of [rss, atom]) {
    const entry = feed.entries[0];
    assert.is(entry?.title, expected);
    assert.is(entry?.title_type, 'text/plain');
    for (const content of entry?.content ?? []) {
      assert.equal(executable(content.value), []);
      assert.match(content.value, 'Plot red ]]&gt; 🚀 שלום עולם &lt;script&gt;alert(1)&lt;/script&gt; &amp; done');
    }
  }
  assert.is(atom.entries[0]?.summary, expected);
  assert.is(atom.entries[0]?.summary_type, 'text/plain');
  // RSS descriptions are HTML: the summary arrives escaped, as text.
  assert.is(rss.entries[0]?.summary, 'Plot red ]]&gt; 🚀 שלום עולם &lt;script&gt;alert(1)&lt;/script&gt; &amp; done');
  for (const doc of [files.rss, files.atom, files.json]) {
    assert.not.match(doc, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|\\u00(0[0-8bcef]|1[0-9a-f])/i);
  }
  // In XML, markup from text only ever appears escaped.
  assert.not.match(files.rss + files.atom, /<script/i);
});

xmlFeeds('xml-stylesheet instruction only when a stylesheet is set', () => {
  const pi = '<?xml-stylesheet type="text/xsl" href="/notes/feed.xsl"?>';
  assert.is(files.rss.split('\n')[1], pi);
  assert.is(files.atom.split('\n')[1], pi);
  const { stylesheetUrl: _, ...plain } = CHANNEL;
  const bare = buildFeeds(plain, ITEMS, { limit: 50, content: 'full' });
  assert.not.match(bare.rss + bare.atom, 'xml-stylesheet');
});

xmlFeeds.run();

const behaviour = suite('buildFeeds: order, limit, dates, determinism');

behaviour('newest first, ties broken by id, cut to the limit', () => {
  const many = ['e', 'b', 'd', 'a', 'c'].map((n, i) =>
    item(n, i < 3 ? '2024-02-01T00:00:00Z' : `2024-01-0${i}T00:00:00Z`),
  );
  const out = JSON.parse(buildFeeds(CHANNEL, many, { limit: 4, content: 'full' }).json) as { items: { id: string }[] };
  assert.equal(
    out.items.map((i) => i.id.replace(/.*\/|\.html$/g, '')),
    ['b', 'd', 'e', 'c'],
  );
});

behaviour('byte-identical for identical input, whatever the input order', () => {
  const again = buildFeeds(CHANNEL, [...ITEMS].reverse(), { limit: 50, content: 'full' });
  assert.equal(again, files);
  assert.equal(buildFeeds(CHANNEL, ITEMS, { limit: 50, content: 'full' }), files);
});

behaviour('a feed with no items is dated by the channel (or the epoch), never the clock', () => {
  const empty = buildFeeds({ ...CHANNEL, updated: '2024-05-06T07:08:09+02:00' }, [], { limit: 50, content: 'full' });
  const [r, a] = feedparse(empty.rss, empty.atom) as [ParsedFeed, ParsedFeed];
  assert.equal(
    [r.bozo, a.bozo, r.updated, a.updated, r.entries.length],
    [0, 0, '2024-05-06T05:08:09Z', '2024-05-06T05:08:09Z', 0],
  );
  assert.equal(jing(ATOM_RNC, empty.atom), ['']);
  assert.match(buildFeeds(CHANNEL, [], { limit: 50, content: 'full' }).atom, '<updated>1970-01-01T00:00:00Z</updated>');
});

behaviour('summary mode: Run-this line and summary, no page body', () => {
  const short = buildFeeds(CHANNEL, ITEMS, { limit: 50, content: 'summary' });
  const [r, a] = feedparse(short.rss, short.atom) as [ParsedFeed, ParsedFeed];
  for (const feed of [r, a]) {
    assert.is(feed.bozo, 0);
    const html = feed.entries[1]?.content[0]?.value ?? '';
    assert.match(html, 'Run this notebook');
    assert.match(html, '<p>About fastpages.</p>');
    assert.not.match(html, 'Introducing fastpages');
  }
  assert.equal(jing(ATOM_RNC, short.atom), ['']);
});

behaviour.run();
