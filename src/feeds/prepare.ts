// From caller data to what the writers print: items sorted newest first and cut to the limit,
// dates parsed once, content HTML assembled. Pure.
import { itemContentHtml } from './content.js';
import { EPOCH, parseDate } from './dates.js';
import { cleanText } from './xml.js';
import type { FeedChannel, FeedItem, FeedOptions, FeedPerson } from './types.js';

export interface PreparedItem {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  /**
   * Run-this line plus the page body (or summary), URLs absolute, already cleaned (`cleanText`):
   * the writers take it as it is instead of scanning the longest string of a feed once a format.
   */
  readonly contentHtml: string;
  /** Epoch milliseconds of `date` (falling back to `published`, the channel date, the epoch). */
  readonly updated: number;
  readonly published?: number;
  readonly authors: readonly FeedPerson[];
  readonly categories: readonly string[];
  readonly launchUrl: string;
  readonly image?: string;
}

export interface PreparedFeed {
  readonly channel: FeedChannel;
  readonly items: readonly PreparedItem[];
  /** Newest item date, else the channel's `updated`, else the epoch. */
  readonly updated: number;
}

/**
 * Content HTML per item object and mode, made and cleaned once: callers that list one page in
 * several feeds pass the same item. A memo of a pure function of an item, which is read-only: a hit
 * is what the item would give again, and the entry goes with the item.
 */
const contentOf = new WeakMap<FeedItem, { readonly mode: FeedOptions['content']; readonly html: string }>();

function contentHtml(item: FeedItem, mode: FeedOptions['content']): string {
  const known = contentOf.get(item);
  if (known?.mode === mode) return known.html;
  const html = cleanText(itemContentHtml(item, mode));
  contentOf.set(item, { mode, html });
  return html;
}

function prepareItem(item: FeedItem, mode: FeedOptions['content'], updated: number): PreparedItem {
  const published = parseDate(item.published);
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    contentHtml: contentHtml(item, mode),
    updated,
    ...(published === undefined ? {} : { published }),
    authors: item.authors,
    categories: [...new Set(item.categories.filter((c) => c.trim() !== ''))],
    launchUrl: item.launchUrl,
    ...(item.image ? { image: item.image } : {}),
  };
}

interface Dated {
  readonly item: FeedItem;
  readonly updated: number;
}

function newestFirst(a: Dated, b: Dated): number {
  if (a.updated !== b.updated) return b.updated - a.updated;
  return a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0;
}

export function prepareFeed(channel: FeedChannel, items: readonly FeedItem[], options: FeedOptions): PreparedFeed {
  const fallback = parseDate(channel.updated) ?? EPOCH;
  const limit = Math.max(0, Math.floor(options.limit));
  const dated = items.map((item) => ({ item, updated: parseDate(item.date) ?? parseDate(item.published) ?? fallback }));
  const chosen = dated.sort(newestFirst).slice(0, limit);
  const prepared = chosen.map(({ item, updated }) => prepareItem(item, options.content, updated));
  return { channel, items: prepared, updated: prepared[0]?.updated ?? fallback };
}

/** True for an absolute http(s) URL (what Atom `uri`/`href` and RSS `isPermaLink` need). */
export function isHttpUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\/[^\s/]/i.test(value) && URL.canParse(value);
}
