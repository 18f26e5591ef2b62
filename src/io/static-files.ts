// The theme's static files (CSS, JS, XSL, icons) and KaTeX's stylesheet and fonts, as output
// files under `_static/`. Everything a page needs is served from the site itself: no CDN.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Diagnostic, OutputFile } from '../types.js';
import { WIDGET_SCRIPTS } from '../render/widgets.js';
import { liveBundleFiles } from './live-bundles.js';
import { isInside, staticDirs } from './templates.js';
import { widgetFiles } from './widget-files.js';

const require = createRequire(import.meta.url);

/** Where a theme's symbolic link leads, when it stays inside the theme folder `root`; else `undefined`. */
function linkTarget(abs: string, root: string): string | undefined {
  try {
    const real = realpathSync(abs);
    return isInside(root, real) ? real : undefined;
  } catch {
    return undefined; // dangling, or a loop
  }
}

interface Walk {
  readonly root: string;
  readonly skipped: string[];
}

/**
 * The files under `dir`. A symbolic link is followed only when it leads to a file or folder inside
 * the theme folder: themes share a logo or a folder of icons that way, while a link to
 * `/etc/hostname` or `/proc/self/environ` would publish what it names (the build's environment
 * and its secrets). One that leaves it, or leads nowhere, is skipped and named in `walk.skipped`.
 */
function walkFiles(
  dir: string,
  walk: Walk,
  prefix = '',
  above: readonly string[] = [realpathSync(dir)],
): { rel: string; abs: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      let abs = join(dir, name);
      if (lstatSync(abs).isSymbolicLink()) {
        const target = linkTarget(abs, walk.root);
        if (target === undefined) return (walk.skipped.push(join(dir, name)), []);
        abs = target;
      }
      const stat = statSync(abs);
      if (!stat.isDirectory()) return stat.isFile() ? [{ rel, abs }] : []; // a FIFO or device would block the read
      const real = realpathSync(abs);
      return above.includes(real) ? [] : walkFiles(abs, walk, rel, [...above, real]); // a link back up is a loop
    });
}

function skippedLink(path: string): Diagnostic {
  return {
    rule: 'theme-link-outside',
    severity: 'warning',
    branch: '',
    path,
    message: `skipped the theme file ${path}: it is a symbolic link that leads outside the theme folder (or nowhere)`,
    hint: 'copy the file into the theme folder instead of linking to it',
  };
}

/**
 * The theme's static files, KaTeX's stylesheet and fonts, and the chart libraries and widget files
 * some page's live charts and widgets load (`scripts`, site paths); `diagnostics` gets the links skipped.
 */
export function staticFiles(
  userTemplates?: string,
  diagnostics: Diagnostic[] = [],
  scripts: ReadonlySet<string> = new Set(),
): OutputFile[] {
  const files = new Map<string, OutputFile>();
  for (const dir of staticDirs(userTemplates)) {
    const root = realpathSync(dirname(dir));
    if (linkTarget(dir, root) === undefined) {
      diagnostics.push(skippedLink(dir)); // `static/` itself links out of the theme
      continue;
    }
    const walk: Walk = { root, skipped: [] };
    // live-reload.js is added by `serve` to the pages it sends, never to a built site.
    for (const { rel, abs } of walkFiles(dir, walk))
      if (rel !== 'live-reload.js')
        files.set(rel, { path: `_static/${rel}`, content: readFileSync(abs), origin: `theme file ${rel}` });
    diagnostics.push(...walk.skipped.map(skippedLink));
  }
  const katexDir = dirname(require.resolve('katex/dist/katex.min.css'));
  // Only WOFF2: every browser that runs the site reads it, and it is the smallest.
  const css = readFileSync(join(katexDir, 'katex.min.css'), 'utf8').replace(
    /,url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g,
    '',
  );
  files.set('katex/katex.min.css', { path: '_static/katex/katex.min.css', content: css, origin: 'KaTeX stylesheet' });
  for (const name of readdirSync(join(katexDir, 'fonts'))
    .filter((n) => n.endsWith('.woff2'))
    .sort()) {
    files.set(`katex/fonts/${name}`, {
      path: `_static/katex/fonts/${name}`,
      content: readFileSync(join(katexDir, 'fonts', name)),
      origin: 'KaTeX font',
    });
  }
  for (const file of liveBundleFiles(scripts)) files.set(file.path.slice('_static/'.length), file);
  // The widget bundle and its fonts are 2.1 MB: written only when some page has live widgets.
  if (WIDGET_SCRIPTS.some((s) => scripts.has(s)))
    for (const file of widgetFiles()) files.set(file.path.slice('_static/'.length), file);
  return [...files.values()];
}
