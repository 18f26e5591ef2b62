// A build's index: its notebooks in course order, how it runs (environment), and its feeds.
// With `binder.environment`, the environment described is the one the links start: another
// branch's, or none when it is kept in another repository, which cannot be read from here.
function kept(source, h) {
  const branch = source.branch === 'HEAD' ? 'the default branch' : h.html`branch <code>${source.branch}</code>`;
  if (source.repository)
    return h.html`<p class="env-source">"Run this" starts the environment of <code>${source.repository}</code> (${branch}), another repository, and pulls these notebooks into it. Its environment files cannot be read from here, so they are not described, and the notebooks' imports are not checked against them.</p>`;
  if (!source.readable)
    return h.html`<p class="env-source">"Run this" starts the environment of ${branch}, which is not in the repository this site was built from, so it is not described here.</p>`;
  return h.html`<p class="env-source">"Run this" starts the environment of branch <code>${source.branch}</code> and pulls these notebooks into it; this build's own environment files are not used.</p>`;
}

function environment(env, source, h) {
  if (source && !source.readable)
    return h.html`<section class="environment" aria-labelledby="env-heading">
<h2 id="env-heading">Environment</h2>
${kept(source, h)}
</section>`;
  if (!env) return '';
  const warnings = env.diagnostics.filter((d) => d.severity !== 'info');
  return h.html`<section class="environment" aria-labelledby="env-heading">
<h2 id="env-heading">Environment</h2>
${source ? kept(source, h) : ''}
<p>Binder builds this environment with repo2docker from ${env.files.length ? h.html`${env.files.map((f, i) => h.html`${i ? ', ' : ''}<code>${f}</code>`)}${source ? h.html` of branch <code>${env.branch}</code>` : ''}` : 'its default image (no environment files found)'}.</p>
<dl class="env-facts">
${env.baseImage ? h.html`<dt>Base image</dt><dd><code>${env.baseImage}</code></dd>` : ''}${env.python ? h.html`<dt>Python</dt><dd>${env.python}</dd>` : ''}${env.r ? h.html`<dt>R</dt><dd>${env.r}</dd>` : ''}${env.packages.length ? h.html`<dt>Packages</dt><dd>${env.packages.join(', ')}</dd>` : ''}${env.apt.length ? h.html`<dt>apt packages</dt><dd>${env.apt.join(', ')}</dd>` : ''}${env.postBuild ? h.html`<dt>postBuild</dt><dd><pre>${env.postBuild}</pre></dd>` : ''}
</dl>
${warnings.length ? h.html`<ul class="warnings">${warnings.map((d) => h.html`<li>${d.message}</li>`)}</ul>` : ''}
</section>`;
}

function card(site, n, h) {
  const tagLinks = n.tags.map((t) => {
    const tag = site.tags.find((x) => x.tag === t);
    return h.html`<li>${tag ? h.html`<a class="tag" href="${h.url(tag.indexPath)}">${t}</a>` : h.html`<span class="tag">${t}</span>`}</li>`;
  });
  return h.html`<li class="card">
<h2><a href="${h.url(n.pagePath)}">${n.title}</a></h2>
<p class="meta"><time datetime="${n.date}">${h.date(n.date)}</time>${n.authors.length ? h.html` · ${n.authors.join(', ')}` : ''} · <code>${n.path}</code></p>
${n.summary ? h.html`<p>${n.summary}</p>` : ''}
${n.tags.length ? h.html`<ul class="tags">${tagLinks}</ul>` : ''}
</li>`;
}

export default function build({ site, build }, h) {
  return h.html`<div class="container">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="${h.url('index.html')}">${site.title}</a></li><li aria-current="page">${build.title}</li></ol></nav>
<h1>${build.title}</h1>
<p class="meta">Branch <code>${build.branch}</code> · commit <code>${build.commit.slice(0, 10)}</code> · updated <time datetime="${build.updated}">${h.date(build.updated)}</time></p>
${build.launch ? h.html`<p class="actions"><a class="run-button" href="${build.launch.binder}" rel="noopener">▶ Run this build in Binder</a></p>` : ''}
<h2 class="visually-hidden">Notebooks in course order</h2>
<ol class="card-list notebooks course-order">
${build.notebooks.map((n) => card(site, n, h))}
</ol>
${environment(build.environment, build.environmentSource, h)}
<p class="feeds">Follow this build: <a href="${h.url(build.feeds.rss)}">RSS</a> · <a href="${h.url(build.feeds.atom)}">Atom</a> · <a href="${h.url(build.feeds.json)}">JSON Feed</a></p>
</div>`;
}
