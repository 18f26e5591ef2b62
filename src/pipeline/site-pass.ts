// Pass 2 of the build: the site model from the notebook summaries, then every output file as a
// planned file whose bytes are made when written. Notebook pages are rendered with a placeholder
// where the notebook's HTML goes, filled in from the render store as each page is written; feeds
// read the HTML of the few newest items they show. Links to other notebooks' sections are mapped
// to the ids on those pages here (`page-anchors.ts`). Pure but for reading the render store.
import type { Config } from '../config.js';
import type { PlannedFile } from '../io/write-site.js';
import type { RenderStore } from '../io/render-cache.js';
import type { Templates } from '../site/templates.js';
import type { NotebookPage, SiteModel } from '../site/model.js';
import { feedGroups, feedsOpml, type FeedGroup } from '../site/feed-files.js';
import { codeGraphFingerprint } from '../io/code-graph.js';
import { planSitePages } from '../site/pages.js';
import { absoluteUrl, buildSlug } from '../site/paths.js';
import { searchIndexBytes } from '../site/search-index.js';
import { buildRobots, buildSitemap } from '../site/sitemap.js';
import type { OutputFile } from '../types.js';
import { sha256 } from '../util/hash.js';
import { assetKey, DamagedCacheError, loadHtmlBytes } from './entry-store.js';
import type { BuildSummary, NotebookSummary } from './render-pass.js';
import { trimForFeeds } from './feed-subset.js';
import { pageAnchors, withPageAnchors, type PageAnchors } from './page-anchors.js';
import { branchFileOutput } from './branch-file.js';

export interface SitePassInput {
  readonly config: Config;
  readonly site: SiteModel;
  readonly summaries: readonly BuildSummary[];
  readonly store: RenderStore;
  readonly templates: Templates;
  readonly staticFiles: readonly OutputFile[];
}

const eager = (file: OutputFile): PlannedFile => ({
  path: file.path,
  origin: file.origin,
  fingerprint: `s:${sha256(file.content)}`,
  content: () => file.content,
});

/** A file fingerprinted by its bytes (`first`, if made already), which are made again when written instead of kept. */
const remade = (file: Omit<OutputFile, 'content'>, make: () => string | Uint8Array, first = make()): PlannedFile => ({
  path: file.path,
  origin: file.origin,
  fingerprint: `s:${sha256(first)}`,
  content: make,
});

/** Every file of the site, in no particular order (the writer sorts and checks collisions). */
export function planSiteFiles(input: SitePassInput): PlannedFile[] {
  const { site, store } = input;
  const byPage = new Map<string, NotebookSummary>();
  for (const b of input.summaries)
    for (const s of b.notebooks) byPage.set(`${buildSlug(b.build.branch.name)}\u0000${s.ref.path}`, s);
  const summaryOf = (nb: NotebookPage): NotebookSummary => {
    const found = byPage.get(`${nb.build}\u0000${nb.path}`);
    if (!found) throw new Error(`internal: no summary for ${nb.build}/${nb.path}`);
    return found;
  };
  const maps: Parameters<typeof pageAnchors>[2] = new WeakMap();
  const anchorsOf = (nb: NotebookPage): PageAnchors =>
    pageAnchors(summaryOf(nb), (path) => byPage.get(`${nb.build}\u0000${path}`), maps);
  /**
   * The notebook's HTML (`hash`: the page's, or the feeds' copy) with links to other pages'
   * sections mapped (only then decoded).
   */
  const htmlBytesOf = (nb: NotebookPage, hash = summaryOf(nb).entry.htmlHash): Buffer => {
    const s = summaryOf(nb);
    const html = loadHtmlBytes(store, s.entry, hash);
    if (html === undefined)
      throw new DamagedCacheError(
        [
          { kind: 'entry', key: s.key },
          { kind: 'html', key: hash },
        ],
        `HTML of ${nb.branch} ${nb.path}`,
      );
    return withPageAnchors(html, anchorsOf(nb));
  };
  /** What the notebook's mapped HTML is made from: its hash, and the anchors it was mapped to. */
  const htmlKeyOf = (nb: NotebookPage, hash = summaryOf(nb).entry.htmlHash): string => {
    const key = anchorsOf(nb).key;
    return key === '' ? hash : `${hash}\u0000${sha256(key)}`;
  };
  // Feeds carry the page's HTML, or its copy with long outputs cut when the notebook has one.
  const feedHashOf = (nb: NotebookPage): string => summaryOf(nb).entry.feedHtmlHash ?? summaryOf(nb).entry.htmlHash;
  const feedHtmlOf = (nb: NotebookPage): string => htmlBytesOf(nb, feedHashOf(nb)).toString('utf8');
  const feedKeyOf = (nb: NotebookPage): string => htmlKeyOf(nb, feedHashOf(nb));
  /** The page's bytes: its frame around the notebook's HTML, spliced as bytes. */
  const pageBytes = (chrome: string, token: string, nb: NotebookPage): Buffer => {
    const html = htmlBytesOf(nb);
    return Buffer.concat(
      chrome.split(token).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [html, Buffer.from(part)])),
    );
  };
  // Notebook pages are rendered with a token where the notebook's HTML goes (see `pageBytes`).
  const holes = new Map<string, { token: string; nb: NotebookPage }>();
  const htmlOf = (nb: NotebookPage): string => {
    const hole = holes.get(nb.pagePath) ?? { token: `<bp-notebook-html ${holes.size}>`, nb };
    holes.set(nb.pagePath, hole);
    return hole.token;
  };
  // Pages are rendered once to be fingerprinted and again when written: at 10,000 notebooks their
  // frames would hold 60 MB for the whole write, and a frame takes 0.1 ms to render.
  const files: PlannedFile[] = planSitePages(site, input.templates, htmlOf).map((page) => {
    const chrome = page.render();
    const hole = holes.get(page.path);
    if (!hole || !chrome.includes(hole.token)) return remade(page, page.render, chrome);
    return {
      path: page.path,
      origin: page.origin,
      fingerprint: `p:${sha256(`${chrome}\u0000${htmlKeyOf(hole.nb)}`)}`,
      content: () => pageBytes(page.render(), hole.token, hole.nb),
    };
  });
  const groups = feedGroups(trimForFeeds(site, input.config.feeds.limit), input.config, feedHtmlOf, feedKeyOf);
  files.push(...groups.flatMap(feedFiles), eager(feedsOpml(site)));
  files.push(...input.staticFiles.map(eager), ...branchFiles(input.summaries, store));
  files.push(
    remade({ path: 'search-index.json', origin: 'search index' }, () =>
      searchIndexBytes(site, (nb) => summaryOf(nb).searchJson),
    ),
    eager({ path: 'sitemap.xml', content: buildSitemap(sitemapUrls(site)), origin: 'sitemap' }),
    eager({ path: 'robots.txt', content: buildRobots(site.siteUrl), origin: 'robots.txt' }),
  );
  return files;
}

/**
 * A feed's three files, fingerprinted by what they are made from (and the code that makes them):
 * a rebuild that changes no item of a feed neither reads its notebooks' HTML nor serializes it.
 * The files are made together when the first is written, and let go when the last is.
 */
function feedFiles(group: FeedGroup): PlannedFile[] {
  // The code a feed's bytes go through: everything this pass loads (writers, site model, escaping).
  const fingerprint = `f:${sha256(`${codeGraphFingerprint('bp-feeds-1', ['pipeline/site-pass'])}\u0000${group.inputs}`)}`;
  let made: ReturnType<FeedGroup['make']> | undefined;
  let taken = 0;
  const file = (format: 'rss' | 'atom' | 'json'): PlannedFile => ({
    path: group.paths[format],
    origin: group.origin,
    fingerprint: `${fingerprint}:${format}`,
    content: () => {
      made ??= group.make();
      const content = made[format];
      if (++taken === 3) made = undefined;
      return content;
    },
  });
  return [file('rss'), file('atom'), file('json')];
}

function sitemapUrls(site: SiteModel): string[] {
  const paths = [
    'index.html',
    ...site.builds.flatMap((b) => [b.indexPath, ...b.notebooks.map((n) => n.pagePath)]),
    ...site.tags.map((t) => t.indexPath),
  ];
  return paths.map((p) => absoluteUrl(site.siteUrl, p));
}

/** The source notebooks (for download), the branch's images (SVG sanitized), and the rendered assets. */
function branchFiles(summaries: readonly BuildSummary[], store: RenderStore): PlannedFile[] {
  const out: PlannedFile[] = [];
  for (const { build: b, notebooks } of summaries) {
    const slug = buildSlug(b.branch.name);
    const origin = `branch ${b.branch.name}`;
    for (const s of notebooks) {
      if (!s.entry.meta) continue;
      out.push({
        path: `${slug}/${s.ref.path}`,
        origin: `${origin}, notebook ${s.ref.path}`,
        fingerprint: `g:${s.ref.blob}`,
        contentAddressed: true,
        content: () => s.ref.read(),
      });
    }
    for (const f of b.files)
      out.push({
        path: `${slug}/${f.path}`,
        origin: `${origin}, file ${f.path}`,
        contentAddressed: true,
        ...branchFileOutput(f),
      });
    for (const s of notebooks) {
      for (const a of s.entry.assets) {
        out.push({
          path: `${slug}/_assets/${a.name}`,
          origin: `${origin}, output of ${s.ref.path}`,
          fingerprint: `a:${a.name}`,
          contentAddressed: true,
          content: () => assetBytes(store, a.name, s.key),
        });
      }
    }
  }
  return out;
}

function assetBytes(store: RenderStore, name: string, entryKey: string): Uint8Array {
  const bytes = store.read('asset', assetKey(name)); // verified: its hash starts with the key
  if (!bytes)
    throw new DamagedCacheError(
      [
        { kind: 'entry', key: entryKey },
        { kind: 'asset', key: assetKey(name) },
      ],
      `asset ${name}`,
    );
  return bytes;
}
