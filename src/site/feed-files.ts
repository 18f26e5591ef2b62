// Feed files for the whole site, each build and each tag, and the OPML list of them all. Pure.
import type { Config } from '../config.js';
import { buildFeeds, buildOpml } from '../feeds/index.js';
import type { FeedChannel, FeedItem } from '../feeds/types.js';
import type { OutputFile } from '../types.js';
import { hubBadgeUrl } from './launch.js';
import type { FeedPaths, NotebookPage, SiteModel } from './model.js';
import { absoluteUrl } from './paths.js';

function feedItem(site: SiteModel, nb: NotebookPage): FeedItem {
  const url = absoluteUrl(site.siteUrl, nb.pagePath);
  return {
    id: url,
    url,
    title: nb.title,
    summary: nb.summary,
    contentHtml: nb.html,
    date: nb.date,
    authors: nb.authors.map((name) => ({ name })),
    categories: [...nb.tags],
    launchUrl: nb.launch?.binder ?? url,
    badgeUrl: hubBadgeUrl(nb.launch?.hub ?? 'https://mybinder.org'),
    ...(nb.image && /\.(png|jpe?g|gif|webp)$/i.test(nb.image) ? { image: absoluteUrl(site.siteUrl, nb.image) } : {}),
  };
}

function channel(site: SiteModel, title: string, description: string, pagePath: string, paths: FeedPaths, updated: string): FeedChannel {
  return {
    title,
    description,
    siteUrl: absoluteUrl(site.siteUrl, pagePath),
    feedUrls: { rss: absoluteUrl(site.siteUrl, paths.rss), atom: absoluteUrl(site.siteUrl, paths.atom), json: absoluteUrl(site.siteUrl, paths.json) },
    stylesheetUrl: absoluteUrl(site.siteUrl, '_static/feed.xsl'),
    updated,
    generator: 'binderpress',
  };
}

function files(paths: FeedPaths, origin: string, ch: FeedChannel, items: FeedItem[], config: Config): OutputFile[] {
  const out = buildFeeds(ch, items, { limit: config.feeds.limit, content: config.feeds.content });
  return [
    { path: paths.rss, content: out.rss, origin },
    { path: paths.atom, content: out.atom, origin },
    { path: paths.json, content: out.json, origin },
  ];
}

export function renderFeedFiles(site: SiteModel, config: Config): OutputFile[] {
  // One item per page, whichever feeds list it: its content HTML is then made once.
  const items = new Map<NotebookPage, FeedItem>();
  const item = (nb: NotebookPage): FeedItem => items.get(nb) ?? (items.set(nb, feedItem(site, nb)), items.get(nb) as FeedItem);
  const all = site.builds.flatMap((b) => b.notebooks);
  const result = files(site.feeds, 'site feeds', channel(site, site.title, site.description, 'index.html', site.feeds, site.updated), all.map(item), config);
  for (const build of site.builds) {
    const ch = channel(site, `${site.title}: ${build.title}`, `Notebooks from branch ${build.branch}`, build.indexPath, build.feeds, build.updated);
    result.push(...files(build.feeds, `feeds of branch ${build.branch}`, ch, build.notebooks.map(item), config));
  }
  for (const tag of site.tags) {
    const updated = tag.notebooks[0]?.date ?? site.updated;
    const ch = channel(site, `${site.title}: ${tag.tag}`, `Notebooks about ${tag.tag}`, tag.indexPath, tag.feeds, updated);
    result.push(...files(tag.feeds, `feeds of tag ${tag.tag}`, ch, tag.notebooks.map(item), config));
  }
  result.push({ path: 'feeds.opml', content: opml(site), origin: 'feeds.opml' });
  return result;
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
      { title: `${e.title} (Atom)`, xmlUrl: absoluteUrl(site.siteUrl, e.paths.atom), htmlUrl: absoluteUrl(site.siteUrl, e.page), type: 'atom' as const },
      { title: `${e.title} (RSS)`, xmlUrl: absoluteUrl(site.siteUrl, e.paths.rss), htmlUrl: absoluteUrl(site.siteUrl, e.page), type: 'rss' as const },
    ]),
  );
}
