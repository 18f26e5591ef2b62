// Open Graph / feed images for notebooks that have no figure of their own: a title card drawn
// with sharp, once per (title, subtitle): the render store remembers which asset it became.
// A card that cannot be drawn is a diagnostic (`cardProblem`), and the page has no card.
import { openCache } from '../io/cache.js';
import { imagesVersion, titleCard } from '../io/images.js';
import type { RenderStore } from '../io/render-cache.js';
import type { Diagnostic } from '../types.js';
import { sha256 } from '../util/hash.js';
import { assetKey, storeAsset } from './entry-store.js';

/**
 * The title card's asset (stored in `store`), drawn unless it was drawn before; when it cannot be
 * drawn, why (the page then has no card: a title is untrusted text, and its SVG goes to librsvg).
 */
export async function cardFor(
  title: string,
  subtitle: string,
  store: RenderStore,
  cacheDir: string | undefined,
): Promise<{ name: string; mime: string } | { error: string }> {
  try {
    return await drawCard(title, subtitle, store, cacheDir);
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' };
  }
}

async function drawCard(
  title: string,
  subtitle: string,
  store: RenderStore,
  cacheDir: string | undefined,
): Promise<{ name: string; mime: string }> {
  const key = sha256(JSON.stringify(['title-card', imagesVersion(), title, subtitle]));
  const known = store.read('entry', key);
  const name = known ? Buffer.from(known).toString('utf8') : '';
  if (/^[0-9a-f]{16}\.png$/.test(name) && store.has('asset', assetKey(name))) return { name, mime: 'image/png' };
  const cache = cacheDir ? await openCache(cacheDir) : undefined;
  let bytes = await cache?.get(key);
  if (!bytes) {
    bytes = await titleCard(title, subtitle);
    await cache?.set(key, bytes);
  }
  const asset = { name: `${sha256(bytes, 16)}.png`, mime: 'image/png', bytes };
  storeAsset(store, asset);
  store.write('entry', key, asset.name);
  return { name: asset.name, mime: asset.mime };
}

/** The warning for a notebook whose title card could not be drawn (`error` from `cardFor`). */
export function cardProblem(path: string, error: string): Diagnostic {
  return {
    rule: 'social-image-failed',
    severity: 'warning',
    branch: '',
    path,
    message: `the title card (the image links to the page and feed items show) could not be drawn: ${error}; the page has none`,
    hint: "check the notebook's title for unusual characters; the page itself is built as usual",
  };
}
