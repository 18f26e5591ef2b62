// The data a feed is made from: one channel (the page it describes) and its items. Pure values.
import type { RecentContent } from './content.js';

export interface FeedPerson {
  name: string;
  email?: string;
  url?: string;
}

export interface FeedItem {
  /** Canonical absolute page URL (stable; never changes). */
  id: string;
  /** Absolute page URL. */
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Sanitized page body HTML, URLs relative to `url`. */
  contentHtml: string;
  /**
   * Names `contentHtml`: items with the same key have the same HTML (a notebook copied to several
   * branches), so its tags are found once, and `contentHtml` is not read again. Optional.
   */
  contentKey?: string;
  /** Where items made together keep the HTML of the last keys they read (see feeds/content.ts). */
  recentContent?: RecentContent;
  /** ISO 8601: last commit that changed this notebook's content. */
  date: string;
  /** ISO 8601: first commit. */
  published?: string;
  authors: FeedPerson[];
  categories: string[];
  /** Binder "Run this" URL. */
  launchUrl: string;
  /** `{hub}/badge_logo.svg`. */
  badgeUrl: string;
  /** Absolute URL of a PNG thumbnail. */
  image?: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the HTML page this feed describes. */
  siteUrl: string;
  /** Absolute self URLs. */
  feedUrls: { rss: string; atom: string; json: string };
  /** Absolute or root-relative URL of feed.xsl. */
  stylesheetUrl?: string;
  language?: string;
  author?: FeedPerson;
  generator?: string;
  /** ISO 8601 date for a feed with no items (e.g. the branch tip's commit date); never the clock. */
  updated?: string;
}

export interface FeedOptions {
  limit: number;
  content: 'full' | 'summary';
}

export interface FeedFiles {
  rss: string;
  atom: string;
  json: string;
}

/** 20 items: with full notebook pages as content, 50 made feed files of 5 MB, which readers fetch on every poll. */
export const DEFAULT_FEED_OPTIONS: FeedOptions = { limit: 20, content: 'full' };
