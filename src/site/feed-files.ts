// Feed files for the whole site, each build and each tag, and the OPML list of them all. Pure.
// `feedGroups` describes each feed before it is written: its inputs (with each notebook's HTML
// as a hash) fingerprint it, and its three files are made only when the output needs them, so a
// rebuild that changes no feed serializes none.
import type { Config } from '../config.js';
import { buildFeeds, buildOpml } from '../feeds/index.js';
import type { FeedChannel, FeedItem } from '../feeds/types.js';
import type { RecentContent } from '../feeds/content.js';
import type { OutputFile } from '../types.js';
import { hubBadgeUrl } from './launch.js';
import type { FeedPaths, NotebookPage, SiteModel } from './model.js';
import { absoluteUrl } from './paths.js';

function feedItem(site: SiteModel, nb: NotebookPage, contentHtml: string): FeedItem {
  const url = absoluteUrl(site.siteUrl, nb.pagePath);
  return {
    id: url,
    url,
    title: nb.title,
    summary: nb.summary,
    contentHtml,
    date: nb.date,
    authors: nb.authors.map((name) => ({ name })),
    categories: [...nb.tags],
    launchUrl: nb.launch?.binder ?? url,
    badgeUrl: hubBadgeUrl(nb.launch?.hub ?? 'https://mybinder.org'),
    ...(nb.image && /\.(png|jpe?g|gif|webp)$/i.test(nb.image) ? { image: absoluteUrl(site.siteUrl, nb.image) } : {}),
  };
}

function channel(
  site: SiteModel,
  title: string,
  description: string,
  pagePath: string,
  paths: FeedPaths,
  updated: string,
): FeedChannel {
  return {
    title,
    description,
    siteUrl: absoluteUrl(site.siteUrl, pagePath),
    feedUrls: {
      rss: absoluteUrl(site.siteUrl, paths.rss),
      atom: absoluteUrl(site.siteUrl, paths.atom),
      json: absoluteUrl(site.siteUrl, paths.json),
    },
    stylesheetUrl: absoluteUrl(site.siteUrl, '_static/feed.xsl'),
    updated,
    generator: 'binderpress',
  };
}

/**
 * The (new) item with its HTML read when first asked for: a feed lists more pages than it shows (the
 * site's feed lists the newest of every build), and only the ones it shows need their HTML.
 */
function withLazyContent(item: FeedItem, content: () => string): FeedItem {
  let html: string | undefined;
  return Object.defineProperty(item, 'contentHtml', { get: () => (html ??= content()), enumerable: true });
}

/** One feed (the site's, a build's or a tag's): its files' paths, and how to make them. */
export interface FeedGroup {
  readonly paths: FeedPaths;
  readonly origin: string;
  /** Everything the files are made from, with each item's HTML replaced by `contentKey(page)`. */
  readonly inputs: string;
  /** The three files' contents (reads each item's HTML through `contentOf`). */
  make(): { readonly rss: string; readonly atom: string; readonly json: string };
}

/**
 * The site's feeds. `contentOf(page)` gives an item's HTML (read when a feed is made);
 * `contentKey(page)` names that HTML in the fingerprint inputs (its hash).
 */
export function feedGroups(
  site: SiteModel,
  config: Config,
  contentOf: (nb: NotebookPage) => string,
  contentKey: (nb: NotebookPage) => string,
): FeedGroup[] {
  // One item per page, whichever feeds list it: its content HTML is then made once, and let go
  // when the last feed listing it has been made.
  const items = new Map<NotebookPage, FeedItem>();
  const uses = new Map<NotebookPage, number>();
  // The content key names the HTML `contentOf` gives, in this call only (one cache per call):
  // pages of copied notebooks then share the work on it.
  const recentContent: RecentContent = new Map();
  const item = (nb: NotebookPage): FeedItem =>
    items.get(nb) ??
    (items.set(
      nb,
      withLazyContent({ ...feedItem(site, nb, ''), contentKey: contentKey(nb), recentContent }, () => contentOf(nb)),
    ),
    items.get(nb) as FeedItem);
  const release = (nb: NotebookPage): void => {
    const left = (uses.get(nb) ?? 0) - 1;
    if (left > 0) uses.set(nb, left);
    else uses.delete(nb), items.delete(nb);
  };
  const options = { limit: config.feeds.limit, content: config.feeds.content };
  const group = (paths: FeedPaths, origin: string, ch: FeedChannel, pages: readonly NotebookPage[]): FeedGroup => {
    for (const nb of pages) uses.set(nb, (uses.get(nb) ?? 0) + 1);
    return {
      paths,
      origin,
      inputs: JSON.stringify([ch, options, pages.map((nb) => feedItem(site, nb, contentKey(nb)))]),
      make: () => {
        const files = buildFeeds(ch, pages.map(item), options);
        pages.forEach(release);
        return files;
      },
    };
  };
  const result = [
    group(
      site.feeds,
      'site feeds',
      channel(site, site.title, site.description, 'index.html', site.feeds, site.updated),
      site.builds.flatMap((b) => b.notebooks),
    ),
  ];
  for (const build of site.builds) {
    const ch = channel(
      site,
      `${site.title}: ${build.title}`,
      `Notebooks from branch ${build.branch}`,
      build.indexPath,
      build.feeds,
      build.updated,
    );
    result.push(group(build.feeds, `feeds of branch ${build.branch}`, ch, build.notebooks));
  }
  for (const tag of site.tags) {
    const updated = tag.notebooks[0]?.date ?? site.updated;
    const ch = channel(
      site,
      `${site.title}: ${tag.tag}`,
      `Notebooks about ${tag.tag}`,
      tag.indexPath,
      tag.feeds,
      updated,
    );
    result.push(group(tag.feeds, `feeds of tag ${tag.tag}`, ch, tag.notebooks));
  }
  return result;
}

/** The OPML list of every feed of the site. */
export function feedsOpml(site: SiteModel): OutputFile {
  return { path: 'feeds.opml', content: opml(site), origin: 'feeds.opml' };
}

function opml(site: SiteModel): string {
  const entries = [
    { title: site.title, paths: site.feeds, page: 'index.html' },
    ...site.builds.map((b) => ({ title: `${site.title}: ${b.title}`, paths: b.feeds, page: b.indexPath })),
    ...site.tags.map((t) => ({ title: `${site.title}: ${t.tag}`, paths: t.feeds, page: t.indexPath })),
  ];
  return buildOpml(
    `${site.title}: feeds`,
    entries.flatMap((e) => [
      {
        title: `${e.title} (Atom)`,
        xmlUrl: absoluteUrl(site.siteUrl, e.paths.atom),
        htmlUrl: absoluteUrl(site.siteUrl, e.page),
        type: 'atom' as const,
      },
      {
        title: `${e.title} (RSS)`,
        xmlUrl: absoluteUrl(site.siteUrl, e.paths.rss),
        htmlUrl: absoluteUrl(site.siteUrl, e.page),
        type: 'rss' as const,
      },
    ]),
  );
}
