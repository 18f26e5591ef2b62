// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Strings get the same cleaning as XML ones, so
// the three formats carry the same text.
import { rfc3339 } from './dates.js';
import { isHttpUrl } from './prepare.js';
import type { PreparedFeed, PreparedItem } from './prepare.js';
import type { FeedPerson } from './types.js';
import { cleanText } from './xml.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** JSON Feed authors have a name and/or url (no email in the format). */
function jsonAuthor(p: FeedPerson): { name: string; url?: string } {
  return { name: p.name, ...(isHttpUrl(p.url) ? { url: p.url } : {}) };
}

function jsonItem(item: PreparedItem): Json {
  return {
    id: item.id,
    url: item.url,
    external_url: item.launchUrl,
    title: item.title,
    content_html: item.contentHtml,
    summary: item.summary,
    image: item.image,
    date_published: rfc3339(item.published ?? item.updated),
    date_modified: rfc3339(item.updated),
    authors: item.authors.length > 0 ? item.authors.map(jsonAuthor) : undefined,
    tags: item.categories.length > 0 ? [...item.categories] : undefined,
  };
}

/** Every string cleaned, but items' `content_html`: `PreparedItem.contentHtml` is clean already. */
function clean(value: Json | undefined): Json | undefined {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map((v) => clean(v) as Json);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    const cleaned = key === 'content_html' ? v : clean(v);
    if (cleaned !== undefined) out[key] = cleaned;
  }
  return out;
}

export function renderJsonFeed(feed: PreparedFeed): string {
  const { channel } = feed;
  const doc: Json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.siteUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description || undefined,
    language: channel.language,
    authors: channel.author ? [jsonAuthor(channel.author)] : undefined,
    items: feed.items.map(jsonItem),
  };
  return `${JSON.stringify(clean(doc), null, 2)}\n`;
}
