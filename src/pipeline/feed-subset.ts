// Feeds show only the newest `limit` items of each list, so only those need their HTML read back.
// This cuts every list of the site (builds, tags) to a superset of what any feed can show, in the
// original order: feeds built from the cut site are byte-identical to feeds built from the whole.
import { parseDate } from '../feeds/dates.js';
import { absoluteUrl } from '../site/paths.js';
import type { NotebookPage, SiteModel } from '../site/model.js';

/**
 * The pages of `list` that can be among the newest `limit` of any feed holding them: the newest
 * `limit` by the feeds' order (date, then URL), every page whose date does not parse (the feed
 * falls back to a channel date for those), and the first page (a tag feed's date comes from it).
 */
export function newestForFeeds(site: SiteModel, list: readonly NotebookPage[], limit: number): NotebookPage[] {
  if (list.length <= limit) return [...list];
  const dated = list.map((nb) => ({ nb, at: parseDate(nb.date), id: absoluteUrl(site.siteUrl, nb.pagePath) }));
  const ranked = dated
    .filter((d): d is { nb: NotebookPage; at: number; id: string } => d.at !== undefined)
    .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, limit));
  const keep = new Set<NotebookPage>([
    ...ranked.map((d) => d.nb),
    ...dated.filter((d) => d.at === undefined).map((d) => d.nb),
  ]);
  if (list[0]) keep.add(list[0]);
  return list.filter((nb) => keep.has(nb));
}

export function trimForFeeds(site: SiteModel, limit: number): SiteModel {
  return {
    ...site,
    builds: site.builds.map((b) => ({ ...b, notebooks: newestForFeeds(site, b.notebooks, limit) })),
    tags: site.tags.map((t) => ({ ...t, notebooks: newestForFeeds(site, t.notebooks, limit) })),
  };
}
