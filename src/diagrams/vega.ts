// Vega and Vega-Lite specs to SVG in Node (vega 6 + vega-lite 6, renderer 'none', `toSVG()`).
// Build time has no network: a spec that loads anything from a URL is refused up front, and the
// view's loader refuses every network and file access as a second wall.
import { View, loader as vegaLoader, logger as vegaLogger, parse as parseVega, Warn } from 'vega';
import type { Loader, Spec } from 'vega';
import { compile as compileVegaLite } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';
import type { VegaKind } from './versions.js';

export { vegaVersion } from './versions.js';
export type { VegaKind } from './versions.js';

/**
 * Every object of a spec outside inline data, without recursion (a spec may nest as deep as its
 * author likes). Inline `values` are data, not instructions, and are not searched, nor is the
 * value of a `url` (it is refused whole).
 */
function specObjects(spec: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const stack: unknown[] = [spec];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (item !== null && typeof item === 'object') {
      found.push(item as Record<string, unknown>);
      const children = Object.entries(item).filter(([key]) => key !== 'values' && key !== 'url');
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]![1]);
    }
  }
  return found;
}

/** Every `url` anywhere in a spec (data, images, nested views), as text; `$schema` is only a label. */
export function findUrls(spec: unknown): string[] {
  return specObjects(spec).flatMap((o) =>
    Object.hasOwn(o, 'url') ? [typeof o.url === 'string' ? o.url : JSON.stringify(o.url)] : [],
  );
}

/**
 * Removes every `href` (mark links, Vega-Lite's `href` channel). The SVG keeps no outside link
 * anyway (src/diagrams/svg.ts), and vega-scenegraph's SVG writer, checking a link the offline
 * loader refuses, throws where nobody can catch it: that took the whole process down.
 */
export function stripLinks(spec: unknown): void {
  for (const o of specObjects(spec)) delete o.href;
}

export function urlRefusal(urls: readonly string[]): string {
  const shown = urls.slice(0, 3).join(', ') + (urls.length > 3 ? ', …' : '');
  return `Vega spec loads data from a URL (${shown}); build time has no network: inline the data (\`values\`)`;
}

const refuse =
  (what: string) =>
  async (uri: string): Promise<never> => {
    throw new Error(`${what} ${uri} refused: build time has no network or file access`);
  };

/** A vega loader that loads nothing. */
export function offlineLoader(): Loader {
  return {
    ...vegaLoader(),
    load: refuse('load'),
    sanitize: refuse('load'),
    http: refuse('fetch'),
    file: refuse('read'),
  };
}

function parseSpec(source: string): { spec?: Record<string, unknown>; error?: string } {
  let spec: unknown;
  try {
    spec = JSON.parse(source);
  } catch (error) {
    return { error: `not valid JSON: ${errorMessage(error)}` };
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    return { error: 'a Vega spec must be a JSON object' };
  return { spec: spec as Record<string, unknown> };
}

/** Draws a Vega or Vega-Lite spec (JSON text) as SVG. */
export async function renderVega(kind: VegaKind, source: string): Promise<RenderOutcome> {
  const { spec, error } = parseSpec(source);
  if (!spec) return { ok: false, error: error ?? 'no spec' };
  const urls = findUrls(spec);
  if (urls.length > 0) return { ok: false, error: urlRefusal(urls) };
  stripLinks(spec);
  const errors: string[] = [];
  const logger = vegaLogger(Warn, undefined, (_method, level, args) => {
    if (level === 'ERROR') errors.push(args.map((a) => errorMessage(a)).join(' '));
  });
  let view: View | undefined;
  try {
    const vgSpec =
      kind === 'vega-lite' ? compileVegaLite(spec as unknown as TopLevelSpec, { logger }).spec : (spec as Spec);
    view = new View(parseVega(vgSpec), { renderer: 'none', loader: offlineLoader(), logger });
    const svg = await view.toSVG();
    if (errors.length > 0) return { ok: false, error: errors.join('; ') };
    return { ok: true, svg };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  } finally {
    view?.finalize();
  }
}
