// Links between files of one branch: `other.ipynb#part` in a notebook becomes the URL of the
// other notebook's page (plus `#part`), `img/a.png` the URL of the copied image. External,
// absolute and in-page links are left alone, and so are relative links to files the branch lacks.
import type { RenderEnv } from './types.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `href` split into path, `?query` and `#fragment` (the separators kept). */
function splitHref(href: string): { path: string; query: string; fragment: string } {
  const hash = href.indexOf('#');
  const beforeHash = hash < 0 ? href : href.slice(0, hash);
  const fragment = hash < 0 ? '' : href.slice(hash);
  const q = beforeHash.indexOf('?');
  return q < 0
    ? { path: beforeHash, query: '', fragment }
    : { path: beforeHash.slice(0, q), query: beforeHash.slice(q), fragment };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Whether `href` points into the branch relative to the current file (no scheme, not `/…`, `#…`, `//…`). */
export function isRelativeHref(href: string): boolean {
  const h = href.trim();
  return (
    h !== '' && !SCHEME.test(h) && !h.startsWith('/') && !h.startsWith('\\') && !h.startsWith('#') && !h.startsWith('?')
  );
}

/**
 * The branch path a relative `href` in the file at `fromPath` points to (percent-decoded, `.` and
 * `..` resolved, query and fragment dropped); `undefined` for other hrefs and for paths that leave
 * the branch.
 */
export function resolveBranchPath(fromPath: string, href: string): string | undefined {
  if (!isRelativeHref(href)) return undefined;
  const path = decodePath(splitHref(href.trim()).path).replace(/\\/g, '/');
  if (path === '') return undefined;
  const parts = fromPath.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

/**
 * `href` as it should appear on the rendered page of `env.path`: a relative link to a file of the
 * branch goes through `env.urlFor` (keeping `?query` and `#fragment`); anything else is unchanged.
 */
export function rewriteHref(href: string, env: RenderEnv): string {
  const target = resolveBranchPath(env.path, href);
  if (target === undefined) return href;
  const url = env.urlFor(target);
  if (url === undefined) return href;
  const { query, fragment } = splitHref(href.trim());
  return url + query + fragment;
}
