// Assembles HTML pages from the site model and the templates. Pure: templates are passed in.
import { escapeHtml, html, trusted, type SafeHtml } from '../util/html.js';
import type { BuildPage, NotebookPage, SiteModel } from './model.js';
import type { PageMeta, TemplateHelpers, Templates } from './templates.js';
import { absoluteUrl, relativeUrl } from './paths.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11-25T10:00:00+01:00` → `25 November 2026`: the date as the author's clock showed it. */
function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

function helpers(site: SiteModel, fromPath: string, rootRelative = false): TemplateHelpers {
  const base = new URL(site.siteUrl).pathname;
  return {
    html,
    trusted,
    escapeHtml,
    url: (to) => (rootRelative ? absoluteUrl(base, to) : relativeUrl(fromPath, to)),
    abs: (to) => absoluteUrl(site.siteUrl, to),
    date: formatDate,
  };
}

/** A page of the site, rendered when asked (a large site keeps thousands of pages planned at once). */
export interface PagePlan {
  readonly path: string;
  readonly origin: string;
  render(): string;
}

function page(
  site: SiteModel,
  t: Templates,
  meta: PageMeta,
  body: (h: TemplateHelpers) => SafeHtml | string,
  rootRelative = false,
): PagePlan {
  return {
    path: meta.path,
    origin: `page ${meta.path}`,
    render: () => {
      const h = helpers(site, meta.path, rootRelative);
      const content = trusted(String(body(h)));
      return String(t.layout({ site, page: meta, content }, h));
    },
  };
}

function siteFeeds(site: SiteModel) {
  return { title: site.title, ...site.feeds };
}

/** Every page of the site, each rendered when its `render` is called; `htmlOf` gives a notebook page its body. */
export function planSitePages(site: SiteModel, t: Templates, htmlOf: (nb: NotebookPage) => string): PagePlan[] {
  const files: PagePlan[] = [];
  const common = { description: site.description, feeds: [siteFeeds(site)] };
  files.push(
    page(site, t, { ...common, kind: 'home', path: 'index.html', title: site.title, canonical: site.siteUrl }, (h) =>
      t.home({ site }, h),
    ),
  );
  files.push(
    page(
      site,
      t,
      {
        ...common,
        kind: 'not-found',
        path: '404.html',
        title: 'Page not found',
        canonical: absoluteUrl(site.siteUrl, '404.html'),
      },
      (h) => t.notFound({ site }, h),
      true,
    ),
  );
  for (const build of site.builds) files.push(...renderBuildPages(site, t, build, htmlOf));
  for (const tag of site.tags) {
    const meta: PageMeta = {
      kind: 'tag',
      path: tag.indexPath,
      title: `Topic: ${tag.tag}`,
      description: `Notebooks about ${tag.tag}`,
      canonical: absoluteUrl(site.siteUrl, tag.indexPath),
      feeds: [{ title: `${site.title}: ${tag.tag}`, ...tag.feeds }, siteFeeds(site)],
    };
    files.push(page(site, t, meta, (h) => t.tag({ site, tag }, h)));
  }
  return files;
}

function renderBuildPages(
  site: SiteModel,
  t: Templates,
  build: BuildPage,
  htmlOf: (nb: NotebookPage) => string,
): PagePlan[] {
  const buildFeeds = { title: `${site.title}: ${build.title}`, ...build.feeds };
  const files: PagePlan[] = [];
  const indexMeta: PageMeta = {
    kind: 'build',
    build: build.slug,
    path: build.indexPath,
    title: build.title,
    description: `${build.notebooks.length} notebooks from branch ${build.branch}`,
    canonical: absoluteUrl(site.siteUrl, build.indexPath),
    feeds: [buildFeeds, siteFeeds(site)],
  };
  files.push(page(site, t, indexMeta, (h) => t.build({ site, build }, h)));
  build.notebooks.forEach((nb, i) => {
    const prev = build.notebooks[i - 1];
    const next = build.notebooks[i + 1];
    files.push(
      page(site, t, notebookMeta(site, build, nb, [buildFeeds, siteFeeds(site)]), (h) =>
        t.notebook(
          { site, build, notebook: { ...nb, html: htmlOf(nb) }, ...(prev ? { prev } : {}), ...(next ? { next } : {}) },
          h,
        ),
      ),
    );
  });
  return files;
}

function notebookMeta(site: SiteModel, build: BuildPage, nb: NotebookPage, feeds: PageMeta['feeds']): PageMeta {
  return {
    kind: 'notebook',
    build: build.slug,
    path: nb.pagePath,
    title: nb.title,
    description: nb.description ?? nb.summary,
    canonical: absoluteUrl(site.siteUrl, nb.pagePath),
    feeds,
    ...(nb.image ? { image: absoluteUrl(site.siteUrl, nb.image) } : {}),
    ...(nb.scripts ? { scripts: nb.scripts } : {}),
  };
}
