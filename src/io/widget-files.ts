// The live-widget files under `_static/widgets/`: @jupyter-widgets/html-manager's standalone
// bundle (`dist/embed.js`: ipywidgets 7 and 8 controls, jQuery, Lumino; 1.88 MB, 457 kB gzip -9), its
// Font Awesome WOFF2 fonts (button icons), and the site's loader. Only pages with live widgets
// load them (src/render/widgets.ts). Served from the site: no CDN.
//
// The bundle compiles two JSON-schema validators with ajv when it loads, and ajv compiles to code
// with `new Function`: under the pages' `script-src 'self'` (no 'unsafe-eval') that throws and
// nothing renders. The state it would check is written by the build (src/render/widgets-state.ts),
// so the two validators are replaced by ones that accept, in the exact text of the pinned version.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputFile } from '../types.js';

const require = createRequire(import.meta.url);

/** The pinned bundle's version (package.json pins it exactly; `widgetBundle` checks the text). */
export const HTML_MANAGER_VERSION = '1.0.15';

/** In @jupyter-widgets/html-manager 1.0.15's `dist/embed.js`: `ajv.compile(state schema)`, `ajv.compile(view schema)`. */
export const EVAL_VALIDATORS = 'mt=gt.compile(pt),bt=gt.compile(At)';
const ACCEPT_VALIDATORS = 'mt=()=>!0,bt=()=>!0';

/** The bundle without its code-compiling validators; throws when the installed version differs. */
export function widgetBundle(): string {
  const path = require.resolve('@jupyter-widgets/html-manager/dist/embed.js');
  const text = readFileSync(path, 'utf8');
  const parts = text.split(EVAL_VALIDATORS);
  if (parts.length !== 2)
    throw new Error(
      `${path}: the widget bundle is not the version binderpress was made for (its validators are not where expected)`,
    );
  return parts.join(ACCEPT_VALIDATORS);
}

let files: OutputFile[] | undefined; // made once: the installed bundle and theme files do not change while the process runs

export function widgetFiles(): OutputFile[] {
  if (files) return files;
  const dist = dirname(require.resolve('@jupyter-widgets/html-manager/dist/embed.js'));
  const loader = fileURLToPath(new URL('../../templates/widgets/loader.js', import.meta.url));
  // Only WOFF2: every browser that runs the bundle reads it, and the stylesheet lists it before the others.
  const fonts = readdirSync(dist)
    .filter((n) => n.endsWith('.woff2'))
    .sort();
  files = [
    { path: '_static/widgets/loader.js', content: readFileSync(loader), origin: 'widget loader' },
    { path: '_static/widgets/embed.js', content: widgetBundle(), origin: '@jupyter-widgets/html-manager bundle' },
    ...fonts.map((name) => ({
      path: `_static/widgets/${name}`,
      content: readFileSync(join(dist, name)),
      origin: 'widget font',
    })),
  ];
  return files;
}
