// The theme's static files (CSS, JS, XSL, icons) and KaTeX's stylesheet and fonts, as output
// files under `_static/`. Everything a page needs is served from the site itself: no CDN.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OutputFile } from '../types.js';
import { staticDirs } from './templates.js';

const require = createRequire(import.meta.url);

function walk(dir: string, prefix = ''): { rel: string; abs: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const abs = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(abs).isDirectory() ? walk(abs, rel) : [{ rel, abs }];
    });
}

export function staticFiles(userTemplates?: string): OutputFile[] {
  const files = new Map<string, OutputFile>();
  for (const dir of staticDirs(userTemplates)) {
    // live-reload.js is added by `serve` to the pages it sends, never to a built site.
    for (const { rel, abs } of walk(dir)) if (rel !== 'live-reload.js') files.set(rel, { path: `_static/${rel}`, content: readFileSync(abs), origin: `theme file ${rel}` });
  }
  const katexDir = dirname(require.resolve('katex/dist/katex.min.css'));
  // Only WOFF2: every browser that runs the site reads it, and it is the smallest.
  const css = readFileSync(join(katexDir, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g, '');
  files.set('katex/katex.min.css', { path: '_static/katex/katex.min.css', content: css, origin: 'KaTeX stylesheet' });
  for (const name of readdirSync(join(katexDir, 'fonts')).filter((n) => n.endsWith('.woff2')).sort()) {
    files.set(`katex/fonts/${name}`, { path: `_static/katex/fonts/${name}`, content: readFileSync(join(katexDir, 'fonts', name)), origin: 'KaTeX font' });
  }
  return [...files.values()];
}
