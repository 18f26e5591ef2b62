// RSS 2.0 with the Atom (self link), content (full HTML), Dublin Core (creators) and Media RSS
// (thumbnails) namespaces.
import { escapeHtml } from '../util/html.js';
import { rfc822 } from './dates.js';
import { isHttpUrl } from './prepare.js';
import type { PreparedFeed, PreparedItem } from './prepare.js';
import { el, processingInstruction, serializeXml, textEl } from './xml.js';
import type { XmlElement } from './xml.js';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
} as const;

function rssItem(item: PreparedItem): XmlElement {
  return el(
    'item',
    {},
    el('title', {}, item.title),
    el('link', {}, item.url),
    el('guid', { isPermaLink: isHttpUrl(item.id) ? 'true' : 'false' }, item.id),
    el('pubDate', {}, rfc822(item.updated)),
    // RSS descriptions are HTML: the plain-text summary is escaped once as HTML, once as XML.
    el('description', {}, escapeHtml(item.summary)),
    el('content:encoded', {}, { cdata: item.contentHtml, clean: true }),
    // The Binder link as data too (feed.xsl shows it; readers list it among the item's links).
    el('atom:link', { rel: 'related', type: 'text/html', href: item.launchUrl, title: 'Run this notebook in Binder' }),
    ...item.authors.map((a) => el('dc:creator', {}, a.name)),
    ...item.categories.map((c) => el('category', {}, c)),
    item.image ? el('media:thumbnail', { url: item.image }) : undefined,
  );
}

export function renderRss(feed: PreparedFeed): string {
  const { channel } = feed;
  const root = el(
    'rss',
    { version: '2.0', 'xmlns:atom': NS.atom, 'xmlns:content': NS.content, 'xmlns:dc': NS.dc, 'xmlns:media': NS.media },
    el(
      'channel',
      {},
      el('title', {}, channel.title),
      el('link', {}, channel.siteUrl),
      el('description', {}, channel.description || channel.title),
      textEl('language', channel.language),
      textEl('generator', channel.generator),
      el('lastBuildDate', {}, rfc822(feed.updated)),
      el('atom:link', { href: channel.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }),
      ...feed.items.map(rssItem),
    ),
  );
  const pis = channel.stylesheetUrl
    ? [processingInstruction('xml-stylesheet', { type: 'text/xsl', href: channel.stylesheetUrl })]
    : [];
  return serializeXml(root, pis);
}
