// Raster work with sharp (libvips + librsvg): SVG → PNG for feeds, image sizes, WebP copies,
// display copies of huge images, and Open Graph title cards. Everything here is deterministic:
// the same bytes in give the same bytes out.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type sharpModule from 'sharp';
import { escapeHtml } from '../util/html.js';

// sharp takes 0.15 s to load its native library: loaded on first use (it is CommonJS), so a build
// whose images are all cached never loads it.
const require = createRequire(import.meta.url);
let loaded: typeof sharpModule | undefined;
/**
 * sharp, loaded on first use: one libvips thread per image (images are many and small, so the
 * build runs several at once), and no operation cache (each image is made once; the cache only
 * held decoded pixels in memory).
 */
function loadSharp(): typeof sharpModule {
  if (!loaded) {
    loaded = require('sharp') as typeof sharpModule;
    loaded.concurrency(1);
    loaded.cache(false);
  }
  return loaded;
}
const sharp = (...args: Parameters<typeof sharpModule>): ReturnType<typeof sharpModule> => loadSharp()(...args);

export interface RasterImage {
  readonly bytes: Uint8Array;
  readonly mime: string;
  readonly width: number;
  readonly height: number;
}

export interface ImageSize {
  readonly width: number;
  readonly height: number;
  /** sharp's decoder name: `png`, `jpeg`, `gif`, `webp`, `svg`, … */
  readonly format: string;
}

/** Images wider than this, or larger than HUGE_BYTES, get a downscaled display copy. */
const MAX_DISPLAY_WIDTH = 1600;
export const HUGE_BYTES = 4 * 1024 * 1024;

const MIME_BY_FORMAT: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

let version: string | undefined; // read once: the installed sharp does not change while the process runs

/** sharp's and its prebuilt libvips' versions, read from their package files (no native load). */
function versionFromPackages(): string | undefined {
  try {
    const main = require.resolve('sharp');
    const pkg = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as {
      version: string;
      optionalDependencies?: Record<string, string>;
    };
    const fromSharp = createRequire(main);
    // Every platform's libvips package of one sharp release holds the same libvips.
    for (const name of Object.keys(pkg.optionalDependencies ?? {}).filter((n) => n.startsWith('@img/sharp-libvips-'))) {
      try {
        return `sharp ${pkg.version} vips ${(fromSharp(`${name}/versions`) as { vips: string }).vips}`;
      } catch {
        // not this platform's package
      }
    }
  } catch {
    // an unusual install: ask sharp itself
  }
  return undefined;
}

/** The version of sharp and libvips, for cache keys (`sharp.versions`, without loading sharp when it can). */
export function imagesVersion(): string {
  version ??= versionFromPackages() ?? `sharp ${loadSharp().versions.sharp} vips ${loadSharp().versions.vips}`;
  return version;
}

/**
 * Pixels of images being decoded at once (width × height, read from the header). sharp takes an
 * image of up to 268 million pixels (its `limitInputPixels`; larger ones are refused, and reported
 * as unreadable), and holds 4 bytes or more a pixel while it works on one: four such images at once
 * took 9 GB. Within this budget the build holds about 400 MB of pixels; an image larger than it
 * is worked on alone. A matplotlib plot is about 0.3 million pixels, so plots still go many at once.
 */
const PIXEL_BUDGET = 100_000_000;

/** A weighted semaphore on pixels: `run` waits until `pixels` fit in what is left (first come, first served). */
export interface PixelBudget {
  readonly limit: number;
  /** Pixels held now, and the most ever held at once. */
  readonly held: number;
  readonly peak: number;
  run<T>(pixels: number, work: () => Promise<T>): Promise<T>;
}

export function createPixelBudget(limit = PIXEL_BUDGET): PixelBudget {
  const waiting: { weight: number; start: () => void }[] = [];
  let held = 0;
  let peak = 0;
  const wake = (): void => {
    while (waiting.length > 0 && held + (waiting[0] as { weight: number }).weight <= limit) {
      const next = waiting.shift() as { weight: number; start: () => void };
      held += next.weight;
      peak = Math.max(peak, held);
      next.start();
    }
  };
  return {
    limit,
    get held() {
      return held;
    },
    get peak() {
      return peak;
    },
    async run(pixels, work) {
      const weight = Math.min(limit, Math.max(1, Math.ceil(pixels)));
      await new Promise<void>((start) => {
        waiting.push({ weight, start });
        wake();
      });
      try {
        return await work();
      } finally {
        held -= weight;
        wake();
      }
    },
  };
}

/** One budget for the whole process: diagrams are drawn while the next batch's images are measured. */
export const sharedPixelBudget = createPixelBudget();

/** Rasterizes an SVG; `scale` 2 gives a PNG twice the SVG's CSS pixel size (within the pixel budget). */
export async function svgToPng(
  svg: string,
  scale = 1,
  budget = sharedPixelBudget,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const input = Buffer.from(svg, 'utf8');
  const size = await sharp(input, { density: 72 * scale }).metadata();
  const { data, info } = await budget.run(size.width * size.height, () =>
    sharp(input, { density: 72 * scale })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true }),
  );
  return { png: new Uint8Array(data), width: info.width, height: info.height };
}

/** Width and height as displayed (EXIF orientation applied; one frame of an animation). */
export async function measureImage(bytes: Uint8Array): Promise<ImageSize> {
  const meta = await sharp(bytes).metadata();
  const rotated = (meta.orientation ?? 1) >= 5;
  const height = meta.pageHeight ?? meta.height;
  return rotated
    ? { width: height, height: meta.width, format: meta.format }
    : { width: meta.width, height, format: meta.format };
}

/** How far from its end a whole file's last marker may sit (padding, data some cameras append). */
const TAIL = 4096;

/**
 * Whether a PNG or JPEG ends as a whole file does: an `IEND` chunk, or JPEG's end-of-image marker,
 * near its end (other formats: true). A file cut off while it was written still has a readable
 * header, so its size is known, and fails only when decoded, which the build otherwise does not do
 * (no WebP copy by default): one that does not end right is decoded to find out, and to say why.
 */
export function endsWhole(bytes: Uint8Array, format: string | undefined): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(
    Math.max(0, bytes.byteLength - TAIL),
  );
  if (format === 'png') return tail.includes('IEND', 0, 'latin1');
  if (format === 'jpeg') return tail.includes(Buffer.from([0xff, 0xd9]));
  return true;
}

/** Decodes the whole image (throws sharp's error for one that cannot be read). */
export async function decodeImage(bytes: Uint8Array): Promise<void> {
  await sharp(bytes).raw().toBuffer();
}

/**
 * A WebP copy of a PNG (lossless) or JPEG (quality 82), only when it is smaller. Lossless at
 * effort 0: on matplotlib plots it takes 7 ms an image and saves 23 % of the bytes, where effort 4
 * took 104 ms to save 42 %; a course has thousands of plots, and each is encoded on a cold build.
 */
export async function webpIfSmaller(bytes: Uint8Array, size?: ImageSize): Promise<Uint8Array | undefined> {
  const format = size?.format ?? (await sharp(bytes).metadata()).format;
  if (format !== 'png' && format !== 'jpeg') return undefined;
  const options = format === 'png' ? { lossless: true, effort: 0 } : { quality: 82, effort: 4 };
  const webp = await sharp(bytes).autoOrient().webp(options).toBuffer();
  return webp.byteLength < bytes.byteLength ? new Uint8Array(webp) : undefined;
}

/**
 * A smaller copy for display when the image is huge (wider than `maxWidth` or over 4 MB), in the
 * same format; `undefined` when the image is fine as it is or cannot be made smaller.
 */
export async function downscale(
  bytes: Uint8Array,
  maxWidth = MAX_DISPLAY_WIDTH,
  measured?: ImageSize,
): Promise<RasterImage | undefined> {
  const size = measured ?? (await measureImage(bytes));
  if (size.width <= maxWidth && bytes.byteLength <= HUGE_BYTES) return undefined;
  if (size.format !== 'png' && size.format !== 'jpeg' && size.format !== 'webp') return undefined;
  let pipeline = sharp(bytes)
    .autoOrient()
    .resize({ width: Math.min(size.width, maxWidth), withoutEnlargement: true });
  if (size.format === 'png') pipeline = pipeline.png({ compressionLevel: 9 });
  else if (size.format === 'jpeg') pipeline = pipeline.jpeg({ quality: 82, mozjpeg: true });
  else pipeline = pipeline.webp({ quality: 82 });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  if (info.width >= size.width && data.byteLength >= bytes.byteLength) return undefined;
  return {
    bytes: new Uint8Array(data),
    mime: MIME_BY_FORMAT[size.format] ?? 'image/png',
    width: info.width,
    height: info.height,
  };
}

/** The SVG of a title card: text escaped, wrapped to fit, at most 3 title lines and 1 subtitle line. */
export function titleCardSvg(title: string, subtitle: string): string {
  const titleLines = wrapText(cleanText(title), 1040 / 56, 3, textWidthEm);
  const sub = wrapText(cleanText(subtitle), 1040 / 32, 1, textWidthEm)[0] ?? '';
  const top = 315 - ((titleLines.length - 1) * 68) / 2 - 20;
  const lines = titleLines
    .map(
      (line, i) =>
        `<text x="80" y="${top + i * 68}" font-size="56" font-weight="bold" fill="#ffffff">${escapeHtml(line)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" font-family="DejaVu Sans, sans-serif">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1f3b63"/><stop offset="1" stop-color="#3b6ea8"/></linearGradient></defs>` +
    `<rect width="1200" height="630" fill="url(#bg)"/><rect x="80" y="540" width="160" height="8" fill="#f7b538"/>` +
    `${lines}<text x="80" y="${top + titleLines.length * 68 + 24}" font-size="32" fill="#dce6f2">${escapeHtml(sub)}</text></svg>`
  );
}

/** A 1200×630 PNG Open Graph card drawn from `titleCardSvg` with the system's DejaVu Sans. */
export async function titleCard(title: string, subtitle: string): Promise<Uint8Array> {
  const png = await sharp(Buffer.from(titleCardSvg(title, subtitle), 'utf8'))
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(png);
}

/**
 * Removes what XML cannot hold (C0 controls, DEL, lone surrogates, U+FFFE and U+FFFF, which
 * librsvg rejects as the whole SVG) and the other noncharacters, and collapses whitespace.
 */
function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\p{Noncharacter_Code_Point}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rough advance width of DejaVu Sans Bold in em: enough to keep card text inside its box. */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const c of text) {
    if (/[ iljtfr.,:;!|'"()[\]]/.test(c)) em += 0.4;
    else if (/[MWmw@%]/.test(c)) em += 1.0;
    else if (/[A-Z0-9&#$?]/.test(c)) em += 0.78;
    else if (c.codePointAt(0)! > 0x2e80) em += 1.0;
    else em += 0.68;
  }
  return em;
}

/** Greedy word wrap by `measure` (characters by default); long words are cut; the last line gets `…`. */
export function wrapText(
  text: string,
  width: number,
  maxLines: number,
  measure: (s: string) => number = (s) => [...s].length,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text
    .split(' ')
    .filter(Boolean)
    .flatMap((w) => splitWord(w, width, measure))) {
    const joined = line ? `${line} ${word}` : word;
    if (line && measure(joined) > width) {
      lines.push(line);
      line = word;
    } else line = joined;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1] ?? ''}…`;
  while (measure(last) > width && last.length > 1) last = `${[...last].slice(0, -2).join('').trimEnd()}…`;
  kept[maxLines - 1] = last;
  return kept;
}

function splitWord(word: string, width: number, measure: (s: string) => number): string[] {
  const parts: string[] = [];
  let part = '';
  for (const c of word) {
    if (part && measure(part + c) > width) {
      parts.push(part);
      part = c;
    } else part += c;
  }
  return part ? [...parts, part] : parts;
}
