// Test-only: sample feed channel and items (real notebook bodies from test/fixtures/feeds, hostile
// text), and a check for executable HTML, shared by the feed tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import type { FeedChannel, FeedItem } from '../../src/feeds/types.js';

export const ATOM_RNC = fileURLToPath(new URL('../fixtures/schemas/atom.rnc', import.meta.url));
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');

export const SITE = 'https://octo.github.io/notes/';
const HUB = 'https://mybinder.org';
export const BADGE = `${HUB}/badge_logo.svg`;
export const launch = (path: string): string =>
  `${HUB}/v2/gh/octo/notes/main?urlpath=${encodeURIComponent(`lab/tree/${path}`)}`;

export const CHANNEL: FeedChannel = {
  title: 'Notes: course/intro',
  description: 'Every notebook of the course/intro branch',
  siteUrl: `${SITE}course-intro/`,
  feedUrls: {
    rss: `${SITE}course-intro/rss.xml`,
    atom: `${SITE}course-intro/atom.xml`,
    json: `${SITE}course-intro/feed.json`,
  },
  stylesheetUrl: '/notes/feed.xsl',
  language: 'en',
  generator: 'binderpress',
};

const HOSTILE = 'Plot \u001b[31mred\u001b[0m\u0000\u000b ]]> 🚀 שלום עולם <script>alert(1)</script> & done';

export function item(name: string, date: string, extra: Partial<FeedItem> = {}): FeedItem {
  const url = `${SITE}course-intro/${name}.html`;
  return {
    id: url,
    url,
    title: `Notebook ${name}`,
    summary: `About ${name}.`,
    contentHtml: `<p>Body of ${name} <a href="other.html">other</a></p>`,
    date,
    authors: [{ name: 'Ada Lovelace', email: 'ada@example.org', url: 'https://ada.example.org/' }],
    categories: ['course', name],
    launchUrl: launch(`${name}.ipynb`),
    badgeUrl: BADGE,
    ...extra,
  };
}

export const ITEMS: FeedItem[] = [
  item('fastpages', '2024-03-02T10:00:00+01:00', {
    published: '2023-12-24T08:00:00Z',
    contentHtml: fixture('introducing-fastpages.html'),
    image: `${SITE}course-intro/assets/0123456789abcdef.png`,
  }),
  item('linkcheck', '2024-04-10T12:30:00+02:00', {
    title: HOSTILE,
    summary: HOSTILE,
    contentHtml: `${fixture('linkcheck.html')}<p><img src="assets/d1.svg" data-png="assets/d1.png" alt="diagram"></p><pre>${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`,
    authors: [{ name: 'Grace <Hopper>' }, { name: 'ناصر' }],
    categories: ['<script>', 'ünï/ça'],
  }),
  // No usable date: falls back to `published`.
  item('inline-image', 'not a date', {
    published: '2024-01-15T00:00:00Z',
    contentHtml: fixture('inline-image.html'),
    authors: [],
  }),
];

/** Item ids of ITEMS, newest first. */
export const ORDER = ['linkcheck', 'fastpages', 'inline-image'].map((n) => `${SITE}course-intro/${n}.html`);

/** Elements in HTML that would run script: <script>, on* handlers, javascript: URLs. */
export function executable(htmlText: string): string[] {
  const doc = new JSDOM(htmlText).window.document;
  const found: string[] = [];
  for (const node of doc.querySelectorAll('*')) {
    if (['script', 'iframe', 'object', 'embed'].includes(node.tagName.toLowerCase())) found.push(node.tagName);
    for (const attr of node.getAttributeNames()) {
      if (/^on/i.test(attr)) found.push(`${node.tagName}@${attr}`);
      if (/^\s*javascript:/i.test(node.getAttribute(attr) ?? '')) found.push(`${node.tagName}@${attr}=javascript:`);
    }
  }
  return found;
}
