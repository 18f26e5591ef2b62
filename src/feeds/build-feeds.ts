// The feeds of one page (a build, a tag, the whole site): RSS 2.0, Atom 1.0 and JSON Feed 1.1
// from the same items. Pure and deterministic: dates come from the items (or the channel), never
// from the clock, so identical input gives byte-identical files.
//
// Written with our own small XML writer rather than the `feed` package (6.0.0), which leaves `&`
// unescaped in attribute values (invalid XML for any URL with a query), splits only the first
// `]]>` in CDATA, writes control characters raw, has no extension point for Atom (no Media RSS,
// no `rel="related"` link), marks RSS guids `isPermaLink="false"` whenever an id is given, types
// every Atom title and summary as HTML, throws on relative URLs and invalid dates, and writes
// JSON Feed 1.0 only.
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './json-feed.js';
import { prepareFeed } from './prepare.js';
import { renderRss } from './rss.js';
import { DEFAULT_FEED_OPTIONS } from './types.js';
import type { FeedChannel, FeedFiles, FeedItem, FeedOptions } from './types.js';

export function buildFeeds(
  channel: FeedChannel,
  items: readonly FeedItem[],
  options: FeedOptions = DEFAULT_FEED_OPTIONS,
): FeedFiles {
  const feed = prepareFeed(channel, items, options);
  return { rss: renderRss(feed), atom: renderAtom(feed), json: renderJsonFeed(feed) };
}
