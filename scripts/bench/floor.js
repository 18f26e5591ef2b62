// The naive floor: read every notebook, JSON.parse it, write its cells as escaped HTML (images
// as data URIs). What any notebook-to-HTML tool must at least do. Run as a child process:
// node floor.js IN_DIR OUT_DIR
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const esc = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const text = (v) => (Array.isArray(v) ? v.join('') : String(v ?? ''));

function output(o) {
  if (o.output_type === 'stream') return `<pre>${esc(text(o.text))}</pre>`;
  if (o.output_type === 'error') return `<pre>${esc(o.traceback.join('\n'))}</pre>`;
  const d = o.data ?? {};
  if (d['image/png']) return `<img src="data:image/png;base64,${text(d['image/png']).trim()}">`;
  if (d['text/html']) return `<pre>${esc(text(d['text/html']))}</pre>`;
  return `<pre>${esc(text(d['text/plain']))}</pre>`;
}

const [inDir, outDir] = process.argv.slice(2);
let n = 0;
for (const entry of readdirSync(inDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ipynb')) continue;
  const nb = JSON.parse(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  const body = nb.cells
    .map((c) => `<section><pre>${esc(text(c.source))}</pre>${(c.outputs ?? []).map(output).join('')}</section>`)
    .join('\n');
  const target = join(outDir, entry.parentPath.slice(inDir.length), entry.name.replace(/\.ipynb$/, '.html'));
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, `<!doctype html><title>${esc(entry.name)}</title><body>${body}</body>`);
  n++;
}
console.log(n);
