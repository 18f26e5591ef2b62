// The page shell every page shares. `h.html` escapes what it interpolates; `content` is already safe.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: https:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default function layout({ site, page, content }, h) {
  const fullTitle = page.kind === 'home' ? site.title : `${page.title} · ${site.title}`;
  return h.html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${fullTitle}</title>
<meta name="description" content="${page.description}">
<link rel="canonical" href="${page.canonical}">
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${h.url('_static/style.css')}">
<link rel="stylesheet" href="${h.url('_static/katex/katex.min.css')}">
<link rel="icon" href="${h.url('_static/favicon.svg')}" type="image/svg+xml">
${page.feeds.map(
  (f) => h.html`<link rel="alternate" type="application/rss+xml" title="${f.title} (RSS)" href="${h.url(f.rss)}">
<link rel="alternate" type="application/atom+xml" title="${f.title} (Atom)" href="${h.url(f.atom)}">
<link rel="alternate" type="application/feed+json" title="${f.title} (JSON Feed)" href="${h.url(f.json)}">
`,
)}<meta property="og:type" content="${page.kind === 'notebook' ? 'article' : 'website'}">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description}">
<meta property="og:url" content="${page.canonical}">
<meta property="og:site_name" content="${site.title}">
${
  page.image
    ? h.html`<meta property="og:image" content="${page.image}">
<meta name="twitter:card" content="summary_large_image">
`
    : ''
}<script src="${h.url('_static/site.js')}" defer></script>
${(page.scripts ?? []).map(
  (s) => h.html`<script src="${h.url(s)}" defer></script>
`,
)}</head>
<body class="page-${page.kind}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="site-header-inner">
    <a class="site-title" href="${h.url('index.html')}">${site.title}</a>
    ${
      site.builds.length > 0
        ? h.html`<nav class="build-switcher" aria-label="Builds">
      <details>
        <summary>${page.build ? (site.builds.find((b) => b.slug === page.build)?.title ?? 'Builds') : 'Builds'}</summary>
        <ul>${site.builds.map((b) => h.html`<li><a href="${h.url(b.indexPath)}"${b.slug === page.build ? h.trusted(' aria-current="page"') : ''}>${b.title}</a></li>`)}</ul>
      </details>
    </nav>`
        : ''
    }
    <div class="site-search" role="search" data-index="${h.url('search-index.json')}" data-root="${h.url('index.html').replace(/index\.html$/, '')}">
      <label class="visually-hidden" for="search-input">Search notebooks in every build</label>
      <input id="search-input" type="search" placeholder="Search notebooks" autocomplete="off" aria-controls="search-results" disabled>
      <div id="search-results" class="search-results" aria-live="polite" hidden></div>
    </div>
  </div>
</header>
<main id="main">
${content}
</main>
<footer class="site-footer">
  <p>${page.feeds.length ? h.html`Subscribe: <a href="${h.url(page.feeds[0].rss)}">RSS</a> · <a href="${h.url(page.feeds[0].atom)}">Atom</a> · <a href="${h.url(page.feeds[0].json)}">JSON Feed</a> · ` : ''}<a href="${h.url('feeds.opml')}">All feeds (OPML)</a></p>
  <p>Made with binderpress.</p>
</footer>
</body>
</html>
`;
}
