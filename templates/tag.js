// Every notebook that carries one tag, across builds.
export default function tag({ site, tag }, h) {
  return h.html`<div class="container">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="${h.url('index.html')}">${site.title}</a></li><li aria-current="page">Topic: ${tag.tag}</li></ol></nav>
<h1>Topic: ${tag.tag}</h1>
<p class="meta">${tag.notebooks.length} notebook${tag.notebooks.length === 1 ? '' : 's'}, newest first.</p>
<ul class="card-list">
${tag.notebooks.map((n) => {
  const b = site.builds.find((x) => x.slug === n.build);
  return h.html`<li class="card">
<h2><a href="${h.url(n.pagePath)}">${n.title}</a></h2>
<p class="meta">${b ? h.html`<a href="${h.url(b.indexPath)}">${b.title}</a>` : n.build} · <time datetime="${n.date}">${h.date(n.date)}</time></p>
${n.summary ? h.html`<p>${n.summary}</p>` : ''}
</li>`;
})}
</ul>
<p class="feeds">Follow this topic: <a href="${h.url(tag.feeds.rss)}">RSS</a> · <a href="${h.url(tag.feeds.atom)}">Atom</a> · <a href="${h.url(tag.feeds.json)}">JSON Feed</a></p>
</div>`;
}
