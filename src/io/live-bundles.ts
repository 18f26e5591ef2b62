// The browser bundles of the chart libraries, read from node_modules (no CDN): drawn with at build
// time in the offline browser, and served under `_static/` for the live charts on pages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PLOTLY_SCRIPT_PATH } from '../render/live-charts.js';
import type { OutputFile } from '../types.js';

const require = createRequire(import.meta.url);

/**
 * plotly.js's "strict" build: the same charts as plotly.js-dist-min, but the code that needs
 * `new Function` (regl's shader compiler, used by the WebGL traces) is replaced, so it runs under
 * the pages' `script-src 'self'` without 'unsafe-eval'.
 */
const PLOTLY_SCRIPT = 'plotly.js-strict-dist-min/plotly-strict.min.js';

let plotlyText: string | undefined;

/** plotly.js's browser bundle. */
export function plotlyScript(): string {
  plotlyText ??= readFileSync(require.resolve(PLOTLY_SCRIPT), 'utf8');
  return plotlyText;
}

/** The installed plotly.js version (for cache keys; reads only its package.json). */
export function plotlyVersion(): string {
  const pkg = JSON.parse(readFileSync(join(dirname(require.resolve(PLOTLY_SCRIPT)), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The chart libraries' bundles some page loads (`scripts`, site paths), as site files under
 * `_static/`. Only those: plotly.js alone is 5.2 MB (1.6 MB gzip), which a site without a Plotly
 * chart would publish, and every build summary count, for nothing.
 */
export function liveBundleFiles(scripts: ReadonlySet<string>): OutputFile[] {
  return scripts.has(PLOTLY_SCRIPT_PATH) ? [{ path: PLOTLY_SCRIPT_PATH, content: plotlyScript(), origin: `plotly.js ${plotlyVersion()}` }] : [];
}
