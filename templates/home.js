// The site's front page: every build with its notebooks in course order and where it runs.
function runsOn(env, h) {
  if (!env) return '';
  const what = [env.python ? `Python ${env.python}` : '', env.r ? `R ${env.r}` : '', env.files.join(', ')]
    .filter(Boolean)
    .join(' · ');
  return what ? h.html`<p class="meta runs-on">Runs in Binder: ${what}</p>` : '';
}

export default function home({ site }, h) {
  return h.html`<div class="container">
<h1>${site.title}</h1>
<p class="lead">${site.description}</p>
${
  site.builds.length === 0
    ? h.html`<p>No builds yet: no branch held a notebook that could be rendered.</p>`
    : h.html`<h2 class="visually-hidden">Builds</h2>
<ul class="card-list builds">
${site.builds.map(
  (b) => h.html`<li class="card">
<h3><a href="${h.url(b.indexPath)}">${b.title}</a></h3>
<p class="meta">Branch <code>${b.branch}</code> · ${b.notebooks.length} notebook${b.notebooks.length === 1 ? '' : 's'} · updated <time datetime="${b.updated}">${h.date(b.updated)}</time></p>
${runsOn(b.environment, h)}
<ol class="course-list">${b.notebooks.map((n) => h.html`<li><a href="${h.url(n.pagePath)}">${n.title}</a></li>`)}</ol>
</li>`,
)}
</ul>`
}
${
  site.tags.length
    ? h.html`<section class="tag-cloud" aria-labelledby="tags-heading"><h2 id="tags-heading">Topics</h2>
<ul class="tags">${site.tags.map((t) => h.html`<li><a class="tag" href="${h.url(t.indexPath)}">${t.tag} <span class="count">${t.notebooks.length}<span class="visually-hidden"> notebooks</span></span></a></li>`)}</ul></section>`
    : ''
}
</div>`;
}
