// Vega and Vega-Lite specs to SVG in Node (vega 6 + vega-lite 6, renderer 'none', `toSVG()`).
// Build time has no network: a spec that loads anything from a URL is refused up front, and the
// view's loader refuses every network and file access as a second wall.
import { View, loader as vegaLoader, logger as vegaLogger, parse as parseVega, version as vegaVersionNumber, Warn } from 'vega';
import type { Loader, Spec } from 'vega';
import { compile as compileVegaLite, version as vegaLiteVersionNumber } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';

export type VegaKind = 'vega' | 'vega-lite';

/** Renderer id for cache keys. */
export function vegaVersion(kind: VegaKind): string {
  return kind === 'vega' ? `vega ${vegaVersionNumber}` : `vega-lite ${vegaLiteVersionNumber}, vega ${vegaVersionNumber}`;
}

/**
 * Every `url` anywhere in a spec (data, images, nested views), as text. Inline `values` are data,
 * not instructions, and are not searched; `$schema` is only a label.
 */
export function findUrls(spec: unknown, found: string[] = []): string[] {
  if (Array.isArray(spec)) {
    for (const item of spec) findUrls(item, found);
  } else if (spec !== null && typeof spec === 'object') {
    for (const [key, value] of Object.entries(spec)) {
      if (key === 'url') found.push(typeof value === 'string' ? value : JSON.stringify(value));
      else if (key !== 'values') findUrls(value, found);
    }
  }
  return found;
}

export function urlRefusal(urls: readonly string[]): string {
  const shown = urls.slice(0, 3).join(', ') + (urls.length > 3 ? ', …' : '');
  return `Vega spec loads data from a URL (${shown}); build time has no network: inline the data (\`values\`)`;
}

const refuse = (what: string) => async (uri: string): Promise<never> => {
  throw new Error(`${what} ${uri} refused: build time has no network or file access`);
};

/** A vega loader that loads nothing. */
export function offlineLoader(): Loader {
  return { ...vegaLoader(), load: refuse('load'), sanitize: refuse('load'), http: refuse('fetch'), file: refuse('read') };
}

function parseSpec(source: string): { spec?: Record<string, unknown>; error?: string } {
  let spec: unknown;
  try {
    spec = JSON.parse(source);
  } catch (error) {
    return { error: `not valid JSON: ${errorMessage(error)}` };
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return { error: 'a Vega spec must be a JSON object' };
  return { spec: spec as Record<string, unknown> };
}

/** Draws a Vega or Vega-Lite spec (JSON text) as SVG. */
export async function renderVega(kind: VegaKind, source: string): Promise<RenderOutcome> {
  const { spec, error } = parseSpec(source);
  if (!spec) return { ok: false, error: error ?? 'no spec' };
  const urls = findUrls(spec);
  if (urls.length > 0) return { ok: false, error: urlRefusal(urls) };
  const errors: string[] = [];
  const logger = vegaLogger(Warn, undefined, (_method, level, args) => {
    if (level === 'ERROR') errors.push(args.map((a) => errorMessage(a)).join(' '));
  });
  let view: View | undefined;
  try {
    const vgSpec = kind === 'vega-lite' ? compileVegaLite(spec as unknown as TopLevelSpec, { logger }).spec : (spec as Spec);
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
