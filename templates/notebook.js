// One notebook: title, "Run this" above the fold, table of contents, the cells, previous/next.
export default function notebook({ site, build, notebook: nb, prev, next }, h) {
  const toc = nb.headings.filter((x) => x.level >= 2 && x.level <= 3);
  return h.html`<div class="container notebook-layout">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="${h.url('index.html')}">${site.title}</a></li><li><a href="${h.url(build.indexPath)}">${build.title}</a></li><li aria-current="page">${nb.title}</li></ol></nav>
<header class="notebook-header">
  <h1>${nb.title}</h1>
  <p class="meta"><time datetime="${nb.date}">${h.date(nb.date)}</time>${nb.authors.length ? h.html` · ${nb.authors.join(', ')}` : ''} · <code>${nb.path}</code></p>
  ${nb.tags.length ? h.html`<ul class="tags">${nb.tags.map((t) => { const tag = site.tags.find((x) => x.tag === t); return h.html`<li>${tag ? h.html`<a class="tag" href="${h.url(tag.indexPath)}">${t}</a>` : h.html`<span class="tag">${t}</span>`}</li>`; })}</ul>` : ''}
  <div class="actions">
    ${nb.launch ? h.html`<a class="run-button" href="${nb.launch.binder}" rel="noopener">▶ Run this</a>` : ''}
    <a class="button" href="${h.url(nb.downloadPath)}" download>Download .ipynb</a>
    ${nb.sourceUrl ? h.html`<a class="button" href="${nb.sourceUrl}" rel="noopener">View source</a>` : ''}
    ${nb.launch && (nb.launch.alternatives.length || nb.launch.colab || nb.launch.jupyterhub) ? h.html`<details class="more-launch"><summary>Other ways to run</summary><ul>
      ${nb.launch.alternatives.map((a) => h.html`<li><a href="${a.url}" rel="noopener">Binder at ${new URL(a.hub).host}</a></li>`)}
      ${nb.launch.jupyterhub ? h.html`<li><a href="${nb.launch.jupyterhub}" rel="noopener">Your JupyterHub</a></li>` : ''}
      ${nb.launch.colab ? h.html`<li><a href="${nb.launch.colab}" rel="noopener">Google Colab</a></li>` : ''}
    </ul></details>` : ''}
  </div>
</header>
${toc.length > 1 ? h.html`<nav class="toc" aria-label="On this page"><h2>On this page</h2><ol>${toc.map((x) => h.html`<li class="toc-${x.level}"><a href="#${x.id}">${x.text}</a></li>`)}</ol></nav>` : ''}
<div class="notebook-body">
${h.trusted(nb.html)}
</div>
<nav class="pager" aria-label="Previous and next notebook">
  ${prev ? h.html`<a class="prev" rel="prev" href="${h.url(prev.pagePath)}"><span>Previous</span> ${prev.title}</a>` : h.html`<span></span>`}
  ${next ? h.html`<a class="next" rel="next" href="${h.url(next.pagePath)}"><span>Next</span> ${next.title}</a>` : ''}
</nav>
</div>`;
}
