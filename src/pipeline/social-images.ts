// Open Graph / feed images for notebooks that have no figure of their own: a title card drawn
// with sharp, cached by its text so it is drawn once.
import { openCache } from '../io/cache.js';
import { imagesVersion, titleCard } from '../io/images.js';
import { sha256 } from '../util/hash.js';
import type { Asset, RenderedNotebook } from '../types.js';

export async function addTitleCards<T extends { readonly rendered: RenderedNotebook; readonly title: string; readonly subtitle: string }>(
  items: readonly T[],
  cacheDir: string | undefined,
): Promise<T[]> {
  const cache = cacheDir ? await openCache(cacheDir) : undefined;
  const out: T[] = [];
  for (const item of items) {
    if (item.rendered.firstImage) {
      out.push(item);
      continue;
    }
    const key = sha256(JSON.stringify(['title-card', imagesVersion(), item.title, item.subtitle]));
    let bytes = await cache?.get(key);
    if (!bytes) {
      bytes = await titleCard(item.title, item.subtitle);
      await cache?.set(key, bytes);
    }
    const asset: Asset = { name: `${sha256(bytes, 16)}.png`, mime: 'image/png', bytes };
    out.push({ ...item, rendered: { ...item.rendered, assets: [...item.rendered.assets, asset], firstImage: asset.name } });
  }
  return out;
}
