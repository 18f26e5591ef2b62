// The site's front page: every build with its last update.
export default function home({ site }, h) {
  return h.html`<div class="container">
<h1>${site.title}</h1>
<p class="lead">${site.description}</p>
${site.builds.length === 0 ? h.html`<p>No builds yet: no branch held a notebook that could be rendered.</p>` : h.html`
<ul class="card-list builds">
${site.builds.map((b) => h.html`<li class="card">
  <h2><a href="${h.url(b.indexPath)}">${b.title}</a></h2>
  <p class="meta">Branch <code>${b.branch}</code> · ${b.notebooks.length} notebook${b.notebooks.length === 1 ? '' : 's'} · updated <time datetime="${b.updated}">${h.date(b.updated)}</time></p>
  ${b.notebooks[0] ? h.html`<p>Starts with <a href="${h.url(b.notebooks[0].pagePath)}">${b.notebooks[0].title}</a></p>` : ''}
</li>`)}
</ul>`}
${site.tags.length ? h.html`<section class="tag-cloud" aria-labelledby="tags-heading"><h2 id="tags-heading">Topics</h2>
<ul class="tags">${site.tags.map((t) => h.html`<li><a class="tag" href="${h.url(t.indexPath)}">${t.tag} <span class="count">${t.notebooks.length}</span></a></li>`)}</ul></section>` : ''}
</div>`;
}
