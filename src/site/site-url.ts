// The address the site is made for (feeds, canonical links, sitemap): the configured one, else
// the custom domain of a `CNAME` file where the site is published, else GitHub Pages' address for
// the repository, else a local one. Pure: the CNAME file is read by source/site-cname.ts.
import type { CnameFile } from '../source/site-cname.js';
import type { RepoSpec } from '../source/remote.js';
import type { Diagnostic } from '../types.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The hostname a CNAME file names (its first line that is not blank, trimmed, in lowercase), or
 * undefined when that line is not a hostname of two labels or more (a URL, a path, an IP address,
 * several words). GitHub Pages reads the same line.
 */
export function cnameHost(text: string): string | undefined {
  const line = (
    text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)[0] ?? ''
  )
    .trim()
    .toLowerCase();
  const labels = line.split('.');
  if (line.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  // A top-level label is never all digits: `10.0.0.1` is an address, not a name.
  return /[a-z]/.test(labels.at(-1) as string) ? line : undefined;
}

function githubPages(repo: RepoSpec | undefined): string | undefined {
  if (repo?.provider !== 'gh') return undefined;
  const owner = repo.owner.toLowerCase();
  return repo.repo.toLowerCase() === `${owner}.github.io`
    ? `https://${owner}.github.io/`
    : `https://${owner}.github.io/${repo.repo}/`;
}

const LOCAL = 'http://localhost:8080/';

/** The start of a CNAME file's first line, quoted for a message (a stray file can hold anything). */
function shown(text: string): string {
  const first = text.trim().split(/\r?\n/)[0] ?? '';
  return JSON.stringify(first.length > 60 ? `${first.slice(0, 60)}…` : first);
}

function fromCname(cname: CnameFile, fallback: string, diagnostics: Diagnostic[]): string | undefined {
  const host = cname.text === undefined ? undefined : cnameHost(cname.text);
  if (host) {
    diagnostics.push({
      rule: 'site-url-from-cname',
      severity: 'info',
      branch: cname.where,
      path: 'CNAME',
      message: `the site address is https://${host}/, from the CNAME file of ${cname.where}: feeds, canonical links and the sitemap use it`,
      hint: 'pass --site-url URL (or set siteUrl in binderpress.yml) to make the site for another address',
    });
    return `https://${host}/`;
  }
  const what =
    cname.text === undefined ? `${cname.size} bytes` : cname.text.trim() === '' ? 'nothing' : shown(cname.text);
  diagnostics.push({
    rule: 'site-url-cname-invalid',
    severity: 'warning',
    branch: cname.where,
    path: 'CNAME',
    message: `the CNAME file of ${cname.where} holds ${what}, which is not a hostname; the site is made for ${fallback} instead`,
    hint: 'write the domain alone on the first line of CNAME (docs.example.org, no https:// nor path), or pass --site-url URL',
  });
  return undefined;
}

/** The site URL, with a diagnostic saying where it came from when it was not configured. */
export function chooseSiteUrl(
  configured: string | undefined,
  repo: RepoSpec | undefined,
  cname: CnameFile | undefined,
): { url: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (configured) return { url: configured, diagnostics };
  const fallback = githubPages(repo);
  const custom = cname ? fromCname(cname, fallback ?? LOCAL, diagnostics) : undefined;
  if (custom) return { url: custom, diagnostics };
  if (fallback) return { url: fallback, diagnostics };
  diagnostics.push({
    rule: 'site-url-missing',
    severity: 'warning',
    branch: '',
    path: '',
    message: `no site URL is known, so feeds and canonical links point at ${LOCAL}`,
    hint: 'pass --site-url https://example.org/course/ (or set siteUrl in binderpress.yml)',
  });
  return { url: LOCAL, diagnostics };
}

/**
 * The `CNAME` file the output carries: the one the site address came from, as it is. GitHub Pages
 * serves a published branch at the domain its own root `CNAME` names, so a domain found only in
 * the default branch would otherwise be lost at the first `publish`, and the feeds would point at
 * a host that does not serve the site. Nothing when the address was configured or did not come
 * from a CNAME.
 */
export function outputCname(siteUrl: string, cname: CnameFile | undefined): string | undefined {
  const host = cname?.text === undefined ? undefined : cnameHost(cname.text);
  return host !== undefined && siteUrl === `https://${host}/` ? cname?.text : undefined;
}
