// How much CSS and JavaScript the site ships: the theme's budget, shown in the build summary.
// Pure: output files in, byte counts out (gzip level 9 is deterministic, so the same files always
// report the same sizes).
import { gzipSync } from 'node:zlib';
import { formatBytes } from '../util/bytes.js';

export interface AssetTotals {
  readonly files: number;
  readonly bytes: number;
  /** What travels over the wire with gzip, the common case for static hosts. */
  readonly gzipBytes: number;
}

export interface StaticSize {
  readonly css: AssetTotals;
  readonly js: AssetTotals;
}

const EMPTY: AssetTotals = { files: 0, bytes: 0, gzipBytes: 0 };

function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

function addFile(total: AssetTotals, content: string | Uint8Array): AssetTotals {
  const bytes = bytesOf(content);
  return {
    files: total.files + 1,
    bytes: total.bytes + bytes.length,
    gzipBytes: total.gzipBytes + gzipSync(bytes, { level: 9 }).length,
  };
}

/**
 * Totals of the `.css` and `.js` files among the output files (the theme's and KaTeX's stylesheet,
 * the site script). `exclude` leaves out files pages do not load, e.g. `_static/live-reload.js`,
 * which only `binderpress serve` injects.
 */
export function measureStaticAssets(
  files: readonly { readonly path: string; readonly content: string | Uint8Array }[],
  exclude: readonly string[] = ['_static/live-reload.js'],
): StaticSize {
  let css = EMPTY;
  let js = EMPTY;
  for (const file of files) {
    if (exclude.includes(file.path)) continue;
    const ext = file.path.slice(file.path.lastIndexOf('.')).toLowerCase();
    if (ext === '.css') css = addFile(css, file.content);
    else if (ext === '.js' || ext === '.mjs') js = addFile(js, file.content);
  }
  return { css, js };
}

/** For the build summary: `CSS 34.1 kB (9.8 kB gzip) · JS 4.4 kB (1.7 kB gzip)`. */
export function formatStaticSize(size: StaticSize): string {
  const part = (label: string, t: AssetTotals) => `${label} ${formatBytes(t.bytes)} (${formatBytes(t.gzipBytes)} gzip)`;
  return `${part('CSS', size.css)} · ${part('JS', size.js)}`;
}
