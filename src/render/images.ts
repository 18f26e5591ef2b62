// Image outputs: base64 raster images and SVG become content-hashed asset files shown with <img>
// (SVG never inline), sized from validated metadata or from what the image stage measured.
import { html, type SafeHtml } from '../util/html.js';
import { sanitizeSvg } from './sanitize.js';
import { assetHash, type CellPlace, type RenderScope } from './sink.js';
import type { ImageInfo } from './types.js';

/** Raster image types decoded from base64 into asset files. */
export const RASTER_MIMES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface ImgAttrs {
  readonly src: string;
  readonly alt: string;
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  readonly className?: string | undefined;
  readonly dataPng?: string | undefined;
}

/** A validated pixel size: a finite positive number (strings and the like are ignored). */
export function pixelSize(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100_000
    ? Math.max(1, Math.round(value))
    : undefined;
}

/** `<img loading="lazy">` with every attribute escaped; sizes validated, absent ones left out. */
export function imgTag(a: ImgAttrs): SafeHtml {
  const w = pixelSize(a.width);
  const h = pixelSize(a.height);
  return html`<img src="${a.src}"${a.dataPng === undefined ? '' : html` data-png="${a.dataPng}"`} alt="${a.alt}"${
    w === undefined ? '' : html` width="${w}"`
  }${h === undefined ? '' : html` height="${h}"`}${
    a.className ? html` class="${a.className}"` : ''
  } loading="lazy" decoding="async">`;
}

/** Base64 (whitespace and a `data:` prefix tolerated) to bytes; `undefined` when it is not base64. */
export function decodeBase64(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  // Plain scans, not one anchored pattern: images are tens of kilobytes, and there are thousands.
  let text = /^data:/i.test(value) ? value.replace(/^data:[^,]*;base64,/i, '') : value;
  if (NOT_BASE64.test(text)) {
    text = text.replace(/\s+/g, '');
    if (NOT_BASE64.test(text)) return undefined;
  }
  const padding = text.indexOf('=');
  const badPadding = padding >= 0 && (padding < text.length - 2 || /[^=]/.test(text.slice(padding)));
  if (text === '' || text.length % 4 === 1 || badPadding) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface ImageMeta {
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  readonly unconfined: boolean;
  readonly alt?: string | undefined;
}

/** Size, `unconfined` and alt text of an output image: `metadata[mime]` first, then `metadata`. */
export function imageMetadata(metadata: Readonly<Record<string, unknown>>, mime: string): ImageMeta {
  const own = record(metadata[mime]);
  const pick = (key: string) => own[key] ?? metadata[key];
  const alt = pick('alt');
  return {
    width: pixelSize(pick('width')),
    height: pixelSize(pick('height')),
    unconfined: pick('unconfined') === true,
    alt: typeof alt === 'string' && alt.trim() !== '' ? alt : undefined,
  };
}

/** Output metadata `alt`, else the cell's `metadata.alt`, else "Figure N from {title}: output of cell M". */
function altText(meta: ImageMeta, place: CellPlace, scope: RenderScope): string {
  if (meta.alt !== undefined) return meta.alt;
  const cellAlt = place.metadata.alt;
  if (typeof cellAlt === 'string' && cellAlt.trim() !== '') return cellAlt;
  return `Figure ${scope.figures} from ${scope.title}: output of cell ${place.index + 1}`;
}

/** Width and height: metadata first (the other side from the aspect ratio when known), then measured. */
function sizeOf(
  meta: ImageMeta,
  measured?: { width: number; height: number },
): { width?: number | undefined; height?: number | undefined } {
  if (!measured || measured.width <= 0 || measured.height <= 0) return { width: meta.width, height: meta.height };
  if (meta.width !== undefined && meta.height !== undefined) return { width: meta.width, height: meta.height };
  if (meta.width !== undefined) return { width: meta.width, height: (meta.width * measured.height) / measured.width };
  if (meta.height !== undefined)
    return { width: (meta.height * measured.width) / measured.height, height: meta.height };
  return { width: measured.width, height: measured.height };
}

function pictureHtml(info: ImageInfo | undefined, original: string, attrs: ImgAttrs, scope: RenderScope): SafeHtml {
  const img = imgTag(attrs);
  // The WebP copy is of the original: offered only when the original is what the page shows.
  const webp =
    info?.webp && !info.display ? scope.env.assetUrl(scope.sink.addAsset(info.webp.bytes, info.webp.mime)) : undefined;
  const picture = webp === undefined ? img : html`<picture><source type="image/webp" srcset="${webp}">${img}</picture>`;
  return info?.display ? html`<a class="image-full" href="${original}">${picture}</a>` : picture;
}

/** A base64 PNG/JPEG/GIF/WebP output; `undefined` (and a diagnostic) when the data is not base64. */
export function renderRasterImage(
  value: unknown,
  mime: string,
  metadata: Readonly<Record<string, unknown>>,
  scope: RenderScope,
  place: CellPlace,
): string | undefined {
  const bytes = decodeBase64(value);
  if (!bytes || bytes.length === 0) {
    scope.sink.report({
      rule: 'output-image-invalid',
      severity: 'warning',
      cell: place.index,
      message: `The ${mime} output of cell ${place.index + 1} (${place.id}) is not valid base64 data.`,
      hint: 'Re-run the cell and save the notebook again.',
    });
    return undefined;
  }
  const name = scope.sink.addAsset(bytes, mime);
  const original = scope.env.assetUrl(name);
  const info = scope.ctx.images.get(assetHash(bytes));
  const display = info?.display;
  const src = display ? scope.env.assetUrl(scope.sink.addAsset(display.bytes, display.mime)) : original;
  const meta = imageMetadata(metadata, mime);
  scope.figures++;
  const size = sizeOf(meta, display ?? info);
  const attrs = {
    src,
    alt: altText(meta, place, scope),
    ...size,
    className: meta.unconfined ? 'unconfined' : undefined,
  };
  return html`<div class="output-image">${pictureHtml(info, original, attrs, scope)}</div>`.value;
}

/** Width and height of an SVG from its root element (`px`/`pt` units, else the viewBox). */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const length = (name: string) => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']?\\s*([\\d.]+)\\s*(px|pt)?\\s*["'\\s/>]`, 'i').exec(root);
    const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'pt' ? 4 / 3 : 1) : NaN;
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const [w, h] = [length('width'), length('height')];
  if (w !== undefined && h !== undefined) return { width: w, height: h };
  const vb = /\sviewBox\s*=\s*["']\s*[-\d.eE]+[\s,]+[-\d.eE]+[\s,]+([\d.eE]+)[\s,]+([\d.eE]+)/i.exec(root);
  const [vw, vh] = [Number(vb?.[1]), Number(vb?.[2])];
  return vw > 0 && vh > 0 ? { width: vw, height: vh } : undefined;
}

/** An SVG output, sanitized, as an asset behind `<img>`; `undefined` (and a diagnostic) when unusable. */
export function renderSvgImage(
  value: unknown,
  metadata: Readonly<Record<string, unknown>>,
  scope: RenderScope,
  place: CellPlace,
): string | undefined {
  const clean = typeof value === 'string' ? sanitizeSvg(value) : undefined;
  if (clean === undefined || clean.trim() === '') {
    scope.sink.report({
      rule: 'output-svg-invalid',
      severity: 'warning',
      cell: place.index,
      message: `The image/svg+xml output of cell ${place.index + 1} (${place.id}) is not a usable SVG image.`,
    });
    return undefined;
  }
  const name = scope.sink.addAsset(new TextEncoder().encode(clean), 'image/svg+xml');
  const meta = imageMetadata(metadata, 'image/svg+xml');
  scope.figures++;
  const size = sizeOf(meta, svgSize(clean));
  const attrs = {
    src: scope.env.assetUrl(name),
    alt: altText(meta, place, scope),
    ...size,
    className: meta.unconfined ? 'unconfined' : undefined,
  };
  return html`<div class="output-image">${imgTag(attrs)}</div>`.value;
}
