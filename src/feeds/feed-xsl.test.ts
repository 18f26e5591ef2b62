import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { xmllint, xslt } from '../../test/support/feed-parsers.js';
import { buildFeeds } from './build-feeds.js';
import type { FeedChannel, FeedItem } from './types.js';

const XSL = fileURLToPath(new URL('../../templates/static/feed.xsl', import.meta.url));
const SITE = 'https://o.github.io/n/main/';
const LAUNCH = 'https://mybinder.org/v2/gh/o/n/main?urlpath=lab%2Ftree%2Fa.ipynb';

const CHANNEL: FeedChannel = {
  title: 'Notes: main & more',
  description: 'All notebooks of main',
  siteUrl: SITE,
  feedUrls: { rss: `${SITE}rss.xml`, atom: `${SITE}atom.xml`, json: `${SITE}feed.json` },
  stylesheetUrl: '/n/feed.xsl',
  language: 'de',
};

const SUMMARY = `Fish & chips <script>alert(1)</script> "quoted" it's &lt;literal&gt; &amp;amp;`;

const ITEMS: FeedItem[] = ['a', 'b'].map((n, i) => ({
  id: `${SITE}${n}.html`,
  url: `${SITE}${n}.html`,
  title: n === 'a' ? `Title <img src=x onerror=alert(1)> ${n}` : `Second ${n}`,
  summary: n === 'a' ? SUMMARY : `Summary ${n}`,
  contentHtml: '<p>body</p>',
  date: `2024-0${i + 3}-05T12:00:00Z`,
  authors: [],
  categories: [],
  launchUrl: n === 'a' ? LAUNCH : 'javascript:alert(1)',
  badgeUrl: 'https://mybinder.org/badge_logo.svg',
}));

const files = buildFeeds(CHANNEL, ITEMS, { limit: 50, content: 'full' });

function page(feedXml: string): Document {
  return new JSDOM(xslt(XSL, feedXml)).window.document;
}

const xsl = suite('templates/static/feed.xsl');

xsl('is well-formed XSLT 1.0 with no external resources and no disable-output-escaping', () => {
  const text = readFileSync(XSL, 'utf8');
  assert.is(xmllint(text), '');
  assert.match(text, /<xsl:stylesheet version="1.0"/);
  assert.not.match(text, /disable-output-escaping\s*=/);
  assert.not.match(text, /<script|<link|<img|@import|url\(|src=/i);
  const urls = text.match(/https?:\/\/[^\s"'<]+/g) ?? [];
  assert.equal([...new Set(urls)].sort(), ['http://www.w3.org/1999/XSL/Transform', 'http://www.w3.org/2005/Atom']);
});

for (const [format, xml, self, date] of [
  ['RSS', files.rss, `${SITE}rss.xml`, '05 Apr 2024'],
  ['Atom', files.atom, `${SITE}atom.xml`, '2024-04-05'],
] as const) {
  xsl(`renders ${format} as a readable page`, () => {
    const doc = page(xml);
    assert.is(doc.documentElement.getAttribute('lang'), 'de');
    assert.is(doc.title, 'Notes: main & more (feed)');
    assert.is(doc.querySelector('h1')?.textContent, 'Notes: main & more');
    assert.match(doc.body.textContent ?? '', 'All notebooks of main');
    const notice = doc.querySelector('.notice')?.textContent ?? '';
    assert.match(notice, 'This is a web feed');
    assert.match(notice, 'feed reader');
    assert.is(doc.querySelector('.notice code')?.textContent, self);
    assert.is(doc.querySelector('main > p > a')?.getAttribute('href'), SITE);
    const items = [...doc.querySelectorAll('li')];
    assert.equal(
      items.map((li) => li.querySelector('h2')?.textContent),
      ['Second b', 'Title <img src=x onerror=alert(1)> a'],
    );
    assert.equal(
      items.map((li) => li.querySelector('h2 a')?.getAttribute('href')),
      [`${SITE}b.html`, `${SITE}a.html`],
    );
    assert.is(items[0]?.querySelector('time')?.textContent, date);
    assert.is(items[1]?.querySelector('p')?.textContent, SUMMARY);
    assert.is(items[1]?.querySelector('p:last-child a')?.getAttribute('href'), LAUNCH);
    assert.is(items[1]?.querySelector('p:last-child a')?.textContent, 'Run this notebook');
  });

  xsl(`${format}: feed text never becomes markup; only http(s) URLs become links`, () => {
    const doc = page(xml);
    assert.is(doc.querySelectorAll('script, img, iframe').length, 0);
    for (const node of doc.querySelectorAll('*')) {
      assert.equal(
        node.getAttributeNames().filter((a) => /^on/i.test(a)),
        [],
      );
    }
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    assert.ok(
      hrefs.every((h) => /^https?:\/\//.test(h)),
      hrefs.join(' '),
    );
    assert.match(doc.querySelector('li')?.textContent ?? '', 'Run this notebook');
  });
}

xsl.run();
