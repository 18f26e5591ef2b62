// Atom 1.0 (RFC 4287) with Media RSS thumbnails. The feed always carries an author (the channel's,
// else its title), so entries without authors stay valid.
import { rfc3339 } from './dates.js';
import { isHttpUrl } from './prepare.js';
import type { PreparedFeed, PreparedItem } from './prepare.js';
import { NS } from './rss.js';
import type { FeedPerson } from './types.js';
import { el, processingInstruction, serializeXml, textEl } from './xml.js';
import type { XmlElement } from './xml.js';

function person(tag: 'author' | 'contributor', p: FeedPerson): XmlElement {
  return el(
    tag,
    {},
    el('name', {}, p.name),
    p.email && /.+@.+/.test(p.email) ? el('email', {}, p.email) : undefined,
    isHttpUrl(p.url) ? el('uri', {}, p.url) : undefined,
  );
}

function atomEntry(item: PreparedItem): XmlElement {
  return el(
    'entry',
    {},
    el('id', {}, item.id),
    el('title', { type: 'text' }, item.title),
    el('updated', {}, rfc3339(item.updated)),
    item.published === undefined ? undefined : el('published', {}, rfc3339(item.published)),
    ...item.authors.map((a) => person('author', a)),
    el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    el('link', { rel: 'related', type: 'text/html', href: item.launchUrl, title: 'Run this notebook in Binder' }),
    ...item.categories.map((c) => el('category', { term: c })),
    el('summary', { type: 'text' }, item.summary),
    el('content', { type: 'html' }, { cdata: item.contentHtml, clean: true }),
    item.image ? el('media:thumbnail', { url: item.image }) : undefined,
  );
}

export function renderAtom(feed: PreparedFeed): string {
  const { channel } = feed;
  const root = el(
    'feed',
    { xmlns: NS.atom, 'xmlns:media': NS.media, 'xml:lang': channel.language },
    el('id', {}, channel.feedUrls.atom),
    el('title', { type: 'text' }, channel.title),
    channel.description ? el('subtitle', { type: 'text' }, channel.description) : undefined,
    el('updated', {}, rfc3339(feed.updated)),
    person('author', channel.author ?? { name: channel.title }),
    textEl('generator', channel.generator),
    el('link', { rel: 'self', type: 'application/atom+xml', href: channel.feedUrls.atom }),
    el('link', { rel: 'alternate', type: 'text/html', href: channel.siteUrl }),
    ...feed.items.map(atomEntry),
  );
  const pis = channel.stylesheetUrl
    ? [processingInstruction('xml-stylesheet', { type: 'text/xsl', href: channel.stylesheetUrl })]
    : [];
  return serializeXml(root, pis);
}
