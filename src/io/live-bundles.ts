// The browser bundles of the chart libraries, read from node_modules (no CDN): drawn with at build
// time in the offline browser, and served under `_static/` for the live charts on pages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LIVE_SCRIPT_PATHS } from '../render/live-charts.js';
import type { OutputFile } from '../types.js';

const require = createRequire(import.meta.url);

/**
 * plotly.js's "strict" build: the same charts as plotly.js-dist-min, but the code that needs
 * `new Function` (regl's shader compiler, used by the WebGL traces) is replaced, so it runs under
 * the pages' `script-src 'self'` without 'unsafe-eval'.
 */
const PLOTLY_SCRIPT = 'plotly.js-strict-dist-min/plotly-strict.min.js';

let plotlyText: string | undefined; // read once: the installed bundle does not change while the process runs

/** plotly.js's browser bundle. */
export function plotlyScript(): string {
  plotlyText ??= readFileSync(require.resolve(PLOTLY_SCRIPT), 'utf8');
  return plotlyText;
}

/** The installed plotly.js version (for cache keys; reads only its package.json). */
export function plotlyVersion(): string {
  const pkg = JSON.parse(readFileSync(join(dirname(require.resolve(PLOTLY_SCRIPT)), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * BokehJS's browser bundles, pinned exactly in package.json: the core (plots, 1.4 MB) and its
 * widgets (sliders, buttons, 0.4 MB), whose models documents often hold beside their plots. Tables
 * (0.5 MB), WebGL and MathJax are left out: a document that needs them is not drawn and says so.
 */
const BOKEH_BUNDLES: readonly (readonly [path: string, file: string])[] = [
  [LIVE_SCRIPT_PATHS.bokeh, '@bokeh/bokehjs/build/js/bokeh.min.js'],
  [LIVE_SCRIPT_PATHS.bokehWidgets, '@bokeh/bokehjs/build/js/bokeh-widgets.min.js'],
];

let bokehTexts: string[] | undefined; // read once: the installed bundles do not change while the process runs

/** BokehJS's bundles, in load order. */
export function bokehScripts(): readonly string[] {
  bokehTexts ??= BOKEH_BUNDLES.map(([, file]) => readFileSync(require.resolve(file), 'utf8'));
  return bokehTexts;
}

/** The installed BokehJS version (for cache keys; reads only its package.json). */
export function bokehVersion(): string {
  const file = require.resolve('@bokeh/bokehjs/build/js/bokeh.min.js');
  const pkg = JSON.parse(readFileSync(join(dirname(file), '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The browser bundles of vega, vega-lite and vega-embed (its own copy of vega-interpreter inside). */
const VEGA_BUNDLES: readonly (readonly [path: string, file: string])[] = [
  [LIVE_SCRIPT_PATHS.vega, 'vega/build/vega.min.js'],
  [LIVE_SCRIPT_PATHS.vegaLite, 'vega-lite/build/vega-lite.min.js'],
  [LIVE_SCRIPT_PATHS.vegaEmbed, 'vega-embed/build/vega-embed.min.js'],
];

/** A file of an installed package whose main module is in its `build/` folder (vega's are). */
function packageFile(file: string): string {
  const name = file.split('/')[0] as string;
  return join(dirname(require.resolve(name)), '..', file.slice(name.length + 1));
}

/**
 * The chart libraries' bundles some page loads (`scripts`, site paths), as site files under
 * `_static/`. Only those: plotly.js alone is 5.2 MB (1.6 MB gzip), which a site without a Plotly
 * chart would publish, and every build summary count, for nothing.
 */
export function liveBundleFiles(scripts: ReadonlySet<string>): OutputFile[] {
  const files: OutputFile[] = [];
  if (scripts.has(LIVE_SCRIPT_PATHS.plotly))
    files.push({ path: LIVE_SCRIPT_PATHS.plotly, content: plotlyScript(), origin: `plotly.js ${plotlyVersion()}` });
  BOKEH_BUNDLES.forEach(([path], i) => {
    if (scripts.has(path)) files.push({ path, content: bokehScripts()[i]!, origin: `BokehJS ${bokehVersion()}` });
  });
  for (const [path, file] of VEGA_BUNDLES)
    if (scripts.has(path))
      files.push({ path, content: readFileSync(packageFile(file)), origin: file.split('/')[0] as string });
  return files;
}
