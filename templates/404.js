// Shown by static hosts for a missing page.
export default function notFound({ site }, h) {
  return h.html`<div class="container">
<h1>Page not found</h1>
<p>This page does not exist, or it moved when its notebook was renamed.</p>
<p><a href="${h.url('index.html')}">Go to ${site.title}</a> and browse the builds, or use the search above.</p>
</div>`;
}
