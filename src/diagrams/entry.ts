// A drawn diagram as stored in the disk cache and handed to the renderer: the sanitized SVG, its
// PNG twin (for feeds), the size in CSS pixels, or the renderer's error.
import type { Asset } from '../types.js';
import type { DiagramResult } from '../render/types.js';
import { sha256 } from '../util/hash.js';
import { LIMIT_HINTS } from './limits.js';
import type { LimitRule } from './limits.js';

export type DiagramEntry =
  | {
      readonly ok: true;
      readonly svg: string;
      readonly png: Uint8Array;
      readonly width: number;
      readonly height: number;
    }
  | { readonly ok: false; readonly error: string; readonly rule?: LimitRule };

const LIMIT_RULES: readonly string[] = [
  'diagram-timeout',
  'diagram-too-large',
  'diagram-crashed',
] satisfies LimitRule[];

interface Stored {
  ok: boolean;
  svg?: string;
  png?: string;
  width?: number;
  height?: number;
  error?: string;
  rule?: string;
}

export function encodeEntry(entry: DiagramEntry): Uint8Array {
  const stored: Stored = entry.ok
    ? {
        ok: true,
        svg: entry.svg,
        png: Buffer.from(entry.png).toString('base64'),
        width: entry.width,
        height: entry.height,
      }
    : { ok: false, error: entry.error, ...(entry.rule ? { rule: entry.rule } : {}) };
  return new TextEncoder().encode(JSON.stringify(stored));
}

/** The entry, or undefined when the bytes are not one (an old or foreign cache file). */
export function decodeEntry(bytes: Uint8Array): DiagramEntry | undefined {
  let stored: Stored;
  try {
    stored = JSON.parse(new TextDecoder().decode(bytes)) as Stored;
  } catch {
    return undefined;
  }
  if (stored?.ok === false && typeof stored.error === 'string') {
    const rule = LIMIT_RULES.find((r) => r === stored.rule) as LimitRule | undefined;
    return { ok: false, error: stored.error, ...(rule ? { rule } : {}) };
  }
  const { svg, png, width, height } = stored ?? {};
  if (stored?.ok !== true || typeof svg !== 'string' || typeof png !== 'string') return undefined;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width! <= 0 || height! <= 0) return undefined;
  return { ok: true, svg, png: new Uint8Array(Buffer.from(png, 'base64')), width: width!, height: height! };
}

/** A content-hashed asset: `{sha256 hex, 16 chars}.{ext}`. */
export function makeAsset(bytes: Uint8Array, mime: string, ext: string): Asset {
  return { name: `${sha256(bytes, 16)}.${ext}`, mime, bytes };
}

/** What the renderer looks up: asset names and bytes, or the error. */
export function entryToResult(entry: DiagramEntry): DiagramResult {
  if (!entry.ok)
    return {
      ok: false,
      error: entry.error,
      ...(entry.rule ? { rule: entry.rule, hint: LIMIT_HINTS[entry.rule] } : {}),
    };
  const svg = makeAsset(new TextEncoder().encode(entry.svg), 'image/svg+xml', 'svg');
  const png = makeAsset(entry.png, 'image/png', 'png');
  return {
    ok: true,
    image: { svg: svg.name, png: png.name, width: entry.width, height: entry.height, assets: [svg, png] },
  };
}
