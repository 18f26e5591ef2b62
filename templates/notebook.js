// One notebook: breadcrumbs, title, "Run this" above the fold, table of contents, the cells,
// previous/next in course order. Lines that may come out empty hold nothing but the interpolation,
// so the page has no trailing whitespace.
function launchMenu(nb, h) {
  const l = nb.launch;
  if (!l || !(l.alternatives.length || l.colab || l.jupyterhub)) return '';
  return h.html`<details class="more-launch"><summary>Other ways to run</summary><ul>
${l.alternatives.map((a) => h.html`<li><a href="${a.url}" rel="noopener">Binder at ${new URL(a.hub).host}</a></li>`)}${l.jupyterhub ? h.html`<li><a href="${l.jupyterhub}" rel="noopener">Your JupyterHub</a></li>` : ''}${l.colab ? h.html`<li><a href="${l.colab}" rel="noopener">Google Colab</a></li>` : ''}
</ul></details>`;
}

function tagList(site, tags, h) {
  if (!tags.length) return '';
  return h.html`<ul class="tags">${tags.map((t) => {
    const tag = site.tags.find((x) => x.tag === t);
    return h.html`<li>${tag ? h.html`<a class="tag" href="${h.url(tag.indexPath)}">${t}</a>` : h.html`<span class="tag">${t}</span>`}</li>`;
  })}</ul>`;
}

// "On this page": a <details> closed on narrow screens (a chapter's contents would fill the first
// screen) and shown beside the text on wide ones by the stylesheet alone; site.js only keeps its
// open state in step. No numbers: headings of notebooks mostly carry their own ("2.1 Data").
function contentsList(entries, h) {
  return h.html`<ol>${entries.map((e) => h.html`<li><a href="#${e.id}">${e.text}</a>${e.children.length ? contentsList(e.children, h) : ''}</li>`)}</ol>`;
}

function contents(entries, h) {
  const count = (list) => list.reduce((n, e) => n + 1 + count(e.children), 0);
  const size = count(entries);
  if (size < 2) return '';
  return h.html`<nav class="toc" aria-labelledby="toc-heading"><details class="toc-box"><summary><span id="toc-heading">On this page</span> <span class="toc-count">(${size} sections)</span></summary>
${contentsList(entries, h)}
</details></nav>`;
}

export default function notebook({ site, build, notebook: nb, prev, next }, h) {
  const position = build.notebooks.findIndex((n) => n.pagePath === nb.pagePath) + 1;
  return h.html`<div class="container notebook-layout">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="${h.url('index.html')}">${site.title}</a></li><li><a href="${h.url(build.indexPath)}">${build.title}</a></li><li aria-current="page">${nb.title}</li></ol></nav>
<header class="notebook-header">
<h1${nb.titleId ? h.html` id="${nb.titleId}"` : ''}>${nb.titleHtml ? h.trusted(nb.titleHtml) : nb.title}</h1>
<p class="meta">${position > 0 ? h.html`<span class="position">${position} of ${build.notebooks.length} in ${build.title}</span> · ` : ''}<time datetime="${nb.date}">${h.date(nb.date)}</time>${nb.authors.length ? h.html` · ${nb.authors.join(', ')}` : ''} · <code>${nb.path}</code></p>
${tagList(site, nb.tags, h)}
${nb.earlierVersion ? h.html`<p class="earlier-version" role="note">This page shows the version of <time datetime="${nb.earlierVersion.date}">${h.date(nb.earlierVersion.date)}</time> (<code>${nb.earlierVersion.sha.slice(0, 7)}</code>): the latest commit of this notebook cannot be read.</p>` : ''}
<div class="actions">
${nb.launch ? h.html`<a class="run-button" href="${nb.launch.binder}" rel="noopener">▶ Run this<span class="visually-hidden"> notebook in Binder</span></a>` : ''}
<a class="button" href="${h.url(nb.downloadPath)}" download>Download .ipynb</a>
${nb.sourceUrl ? h.html`<a class="button" href="${nb.sourceUrl}" rel="noopener">View source</a>` : ''}
${launchMenu(nb, h)}
</div>
</header>
${contents(nb.contents ?? [], h)}
<div class="notebook-body">
${h.trusted(nb.html)}
</div>
<nav class="pager" aria-label="Previous and next notebook">
${prev ? h.html`<a class="prev" rel="prev" href="${h.url(prev.pagePath)}"><span>Previous</span> ${prev.title}</a>` : h.html`<span></span>`}
${next ? h.html`<a class="next" rel="next" href="${h.url(next.pagePath)}"><span>Next</span> ${next.title}</a>` : h.html`<a class="next" href="${h.url(build.indexPath)}"><span>Finished</span> Back to ${build.title}</a>`}
</nav>
</div>`;
}
