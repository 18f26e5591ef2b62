// sitemap.xml (sitemaps.org protocol 0.9) and robots.txt. Pure: URLs in, text out. No <lastmod>:
// the URLs alone are what crawlers need, and leaving dates out keeps the file stable across builds.

/** The sitemaps.org entity escapes: `&`, `'`, `"`, `<`, `>`. */
function escapeSitemap(text: string): string {
  return text.replace(
    /[&'"<>]/g,
    (c) => `&${{ '&': 'amp', "'": 'apos', '"': 'quot', '<': 'lt', '>': 'gt' }[c] as string};`,
  );
}

/** Characters XML 1.0 cannot carry; a URL built by `absoluteUrl` never has them, but be sure. */
const NOT_XML =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A sitemap listing `urls` (absolute http(s) URLs) once each, in the order given. Anything that is
 * not an absolute http(s) URL is left out: the protocol allows nothing else.
 */
export function buildSitemap(urls: readonly string[]): string {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const raw of urls) {
    const url = raw.replace(NOT_XML, '');
    if (seen.has(url) || !/^https?:\/\/[^/\s]+/i.test(url)) continue;
    seen.add(url);
    entries.push(`  <url><loc>${escapeSitemap(url)}</loc></url>\n`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</urlset>\n`;
}

/**
 * robots.txt allowing everything and naming the sitemap. Crawlers only read it at the root of a
 * host; for a site under a path (a GitHub project site) it is harmless and documents the sitemap.
 */
export function buildRobots(siteUrl: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return `User-agent: *\nAllow: /\n\nSitemap: ${base.replace(/[\r\n]/g, '')}sitemap.xml\n`;
}
