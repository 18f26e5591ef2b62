import { JSDOM } from 'jsdom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { xmllint } from '../../test/support/feed-parsers.js';
import { buildOpml } from './opml.js';

const FEEDS = [
  {
    title: 'Notes & co: main',
    xmlUrl: 'https://o.github.io/n/main/atom.xml',
    htmlUrl: 'https://o.github.io/n/main/',
    type: 'atom' as const,
  },
  {
    title: 'Notes: course/intro <b>\u001b[1m',
    xmlUrl: 'https://o.github.io/n/course-intro/rss.xml?a=1&b=2',
    htmlUrl: 'https://o.github.io/n/course-intro/',
  },
];

test('buildOpml: OPML 2.0 outlines a parser reads back', () => {
  const opml = buildOpml('Notes “feeds” \u0000', FEEDS);
  assert.is(xmllint(opml), '');
  const doc = new JSDOM(opml, { contentType: 'application/xml' }).window.document;
  assert.is(doc.documentElement.tagName, 'opml');
  assert.is(doc.documentElement.getAttribute('version'), '2.0');
  assert.is(doc.querySelector('head > title')?.textContent, 'Notes “feeds” ');
  const outlines = [...doc.querySelectorAll('body > outline')].map((o) =>
    ['type', 'text', 'title', 'xmlUrl', 'htmlUrl'].map((a) => o.getAttribute(a)),
  );
  assert.equal(outlines, [
    ['atom', 'Notes & co: main', 'Notes & co: main', FEEDS[0]?.xmlUrl, FEEDS[0]?.htmlUrl],
    ['rss', 'Notes: course/intro <b>', 'Notes: course/intro <b>', FEEDS[1]?.xmlUrl, FEEDS[1]?.htmlUrl],
  ]);
});

test('buildOpml: no clock, same bytes every time', () => {
  const a = buildOpml('T', FEEDS);
  assert.is(a, buildOpml('T', FEEDS));
  assert.not.match(a, /date/i);
});

test.run();
