// The image stage: before rendering, learn each raster output image's size, make a display copy of
// huge images and, when asked (`images.webp`), a WebP copy where it is smaller. Cached on disk by
// content hash.
import { availableParallelism } from 'node:os';
import { openCache } from '../io/cache.js';
import type { DiskCache } from '../io/cache.js';
import {
  decodeImage,
  downscale,
  endsWhole,
  imagesVersion,
  measureImage,
  sharedPixelBudget,
  webpIfSmaller,
  type PixelBudget,
} from '../io/images.js';
import type { ImageInfo, ImageLookup } from '../render/types.js';
import { sha256 } from '../util/hash.js';
import type { RasterOutput } from './collect.js';
import { makeAsset } from './entry.js';
import { errorMessage } from './outcome.js';

/** sha256 (hex, 16 chars) of the bytes as `hash` (the lookup key), the bytes and their MIME type. */
export type RasterInput = Pick<RasterOutput, 'hash' | 'bytes' | 'mime'>;

export interface MeasureOptions {
  readonly cacheDir?: string;
  readonly log?: (msg: string) => void;
  /** Told of each image sharp cannot read (a cut-off or corrupt file), with sharp's message. */
  readonly onUnreadable?: (image: RasterInput, message: string) => void;
  /** Pixels decoded at once (default: one budget for the whole process, `PIXEL_BUDGET`). */
  readonly pixelBudget?: PixelBudget;
  /** Make a WebP copy where it is smaller (`images.webp`; default off). */
  readonly webp?: boolean;
}

const RASTER = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const EXT: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const VERSION = 'bp-images-2';

interface Stored {
  width: number;
  height: number;
  webp?: string;
  display?: { bytes: string; mime: string; width: number; height: number };
}

/** Size (from the header alone; the whole image decoded when it does not end as a whole file does), then the display copy and the WebP copy when asked (decoded) within the pixel budget. */
async function analyse(bytes: Uint8Array, budget: PixelBudget, withWebp: boolean): Promise<Stored> {
  const size = await measureImage(bytes);
  if (!endsWhole(bytes, size.format)) await budget.run(size.width * size.height, () => decodeImage(bytes));
  const { webp, display } = await budget.run(size.width * size.height, async () => ({
    webp: withWebp ? await webpIfSmaller(bytes, size) : undefined,
    display: await downscale(bytes, undefined, size),
  }));
  return {
    width: size.width,
    height: size.height,
    ...(webp ? { webp: Buffer.from(webp).toString('base64') } : {}),
    ...(display ? { display: { ...display, bytes: Buffer.from(display.bytes).toString('base64') } } : {}),
  };
}

function toInfo(stored: Stored): ImageInfo {
  const decode = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));
  const d = stored.display;
  return {
    width: stored.width,
    height: stored.height,
    ...(stored.webp ? { webp: makeAsset(decode(stored.webp), 'image/webp', 'webp') } : {}),
    ...(d
      ? { display: { ...makeAsset(decode(d.bytes), d.mime, EXT[d.mime] ?? 'png'), width: d.width, height: d.height } }
      : {}),
  };
}

function readStored(bytes: Uint8Array | undefined): Stored | undefined {
  if (!bytes) return undefined;
  try {
    const stored = JSON.parse(new TextDecoder().decode(bytes)) as Stored;
    return Number.isInteger(stored.width) && Number.isInteger(stored.height) ? stored : undefined;
  } catch {
    return undefined;
  }
}

async function infoFor(
  image: RasterInput,
  cache: DiskCache | undefined,
  log: (m: string) => void,
  unreadable: (image: RasterInput, message: string) => void,
  budget: PixelBudget,
  webp: boolean,
): Promise<ImageInfo | undefined> {
  const key = sha256(
    `${VERSION}\u0000${imagesVersion()}\u0000${webp ? 'webp' : 'no-webp'}\u0000${sha256(image.bytes)}`,
  );
  const hit = readStored(cache ? await cache.get(key) : undefined);
  if (hit) return toInfo(hit);
  let stored: Stored;
  try {
    stored = await analyse(image.bytes, budget, webp);
  } catch (error) {
    unreadable(
      image,
      errorMessage(error)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('; '),
    ); // the renderer shows it without a size
    return undefined;
  }
  await cache
    ?.set(key, new TextEncoder().encode(JSON.stringify(stored)))
    .catch((e: unknown) => log(`image cache: ${errorMessage(e)}`));
  return toInfo(stored);
}

/** Sizes, display copies and (with `webp`) WebP copies of raster images, looked up by their hash. */
export async function measureImages(assets: readonly RasterInput[], opts: MeasureOptions = {}): Promise<ImageLookup> {
  const log = opts.log ?? (() => {});
  const unreadable =
    opts.onUnreadable ?? ((image: RasterInput, message: string) => log(`image ${image.hash}: ${message}`));
  const infos = new Map<string, ImageInfo>();
  const todo = [...new Map(assets.filter((a) => RASTER.has(a.mime)).map((a) => [a.hash, a])).values()];
  const cache = opts.cacheDir && todo.length > 0 ? await openCache(opts.cacheDir) : undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < todo.length; i = next++) {
      const image = todo[i]!;
      const info = await infoFor(
        image,
        cache,
        log,
        unreadable,
        opts.pixelBudget ?? sharedPixelBudget,
        opts.webp === true,
      );
      if (info) infos.set(image.hash, info);
    }
  };
  // Several images at a time, each on one libvips thread (see io/images.ts): sharp's work then
  // spreads over the cores, beside the render threads, instead of each image taking them all.
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism() * 2) }, worker));
  return { get: (hash) => infos.get(hash) };
}
