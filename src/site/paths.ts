// Where everything lands in the output folder. Pure: names in, `/`-separated relative paths out.
// Layout:
//   index.html, feed.xml, atom.xml, feed.json, feeds.opml, _static/…, tags/{tag}/…
//   {build}/index.html, {build}/feed.xml|atom.xml|feed.json
//   {build}/{notebook path without .ipynb}.html   (the page)
//   {build}/{notebook path}                       (the .ipynb, for download)
//   {build}/_assets/{sha256-16}.{ext}             (images decoded from outputs, diagrams)

/** Names at the root of the output that a build folder may not take. */
export const RESERVED_ROOT = new Set([
  'index.html',
  '404.html',
  'feed.xml',
  'atom.xml',
  'feed.json',
  'feeds.opml',
  'sitemap.xml',
  'robots.txt',
  'search-index.json',
  '_static',
  'tags',
  'cname',
  '.nojekyll',
]);

/** Names at the root of a build folder that a notebook page may not take. */
const RESERVED_BUILD = new Set(['index.html', 'feed.xml', 'atom.xml', 'feed.json', '_assets', 'tags']);

/**
 * Folder name for a build: lowercase, unicode letters and digits kept, everything else `-`.
 * `course/intro` → `course-intro`. Two branches may map to one slug: the output plan reports it.
 */
export function buildSlug(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  if (slug === '') return 'build';
  // A branch named like a site-wide file (`index.html`, `tags`, `feed.xml`) gets its own folder.
  return RESERVED_ROOT.has(slug) ? `${slug}-build` : slug;
}

/** Page path of a notebook inside its build folder: `a/b.ipynb` → `a/b.html`. */
export function notebookPagePath(nbPath: string): string {
  const page = `${nbPath.replace(/\.ipynb$/i, '')}.html`;
  return RESERVED_BUILD.has(page.toLowerCase()) || RESERVED_BUILD.has(page.split('/')[0]!.toLowerCase())
    ? `${nbPath}.html`
    : page;
}

export function assetPath(buildDir: string, name: string): string {
  return `${buildDir}/_assets/${name}`;
}

/** Relative URL from the page at `fromPath` to `toPath` (both output-relative), each segment encoded. */
export function relativeUrl(fromPath: string, toPath: string): string {
  const from = fromPath.split('/').slice(0, -1);
  const to = toPath.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.length - i;
  const rest = to.slice(i).map(encodeSegment);
  const url = '../'.repeat(up) + rest.join('/');
  return url === '' ? './' : url;
}

/** Absolute URL of an output path under the site URL (which ends in `/`). */
export function absoluteUrl(siteUrl: string, outPath: string): string {
  const path = outPath
    .split('/')
    .map(encodeSegment)
    .join('/')
    .replace(/(^|\/)index\.html$/, '$1');
  return siteUrl + path;
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%40/g, '@').replace(/%2C/g, ',');
}

/** Tag to folder name (`Machine Learning` → `machine-learning`). */
export function tagSlug(tag: string): string {
  return buildSlug(tag);
}
