// Public API of the feeds stage.
export { buildFeeds } from './build-feeds.js';
export { buildOpml } from './opml.js';
export type { OpmlFeed } from './opml.js';
export type { FeedChannel, FeedFiles, FeedItem, FeedOptions, FeedPerson } from './types.js';
