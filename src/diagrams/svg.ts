// Checks and tidies a renderer's SVG before it becomes a file: it must parse as XML with an <svg>
// root and have a size (width/height or viewBox). The size is written back as plain CSS pixels
// (what the page's <img> and sharp's rasterizer both understand), anything that could run or load
// is removed as a first wall, and the result goes through the shared SVG sanitizer.
import { sanitizeSvg } from '../render/sanitize.js';
import { domWindow } from '../util/dom-window.js';

export type PreparedSvg =
  | { readonly ok: true; readonly svg: string; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly error: string };

export interface PrepareOptions {
  /** Add `xml:space="preserve"` (mermaid splits words into <tspan>s with leading spaces). */
  readonly preserveSpace?: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** CSS pixels per unit. */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
};
const SAFE_HREF = /^(#|data:image\/(png|jpeg|gif|webp);base64,)/i;

/** A length in CSS pixels, or undefined when relative (`%`, `em`) or not a length. */
export function lengthToPx(value: string | null): number | undefined {
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|pc|in|cm|mm)?\s*$/i.exec(value ?? '');
  if (!match) return undefined;
  const px = Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN);
  return Number.isFinite(px) && px > 0 ? px : undefined;
}

function viewBoxSize(value: string | null): { width: number; height: number } | undefined {
  const parts = (value ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [, , width, height] = parts;
  if (parts.length !== 4 || !(width! > 0) || !(height! > 0)) return undefined;
  return { width: width!, height: height! };
}

function removeActiveContent(root: Element): void {
  for (const el of [...root.querySelectorAll('script, foreignObject')]) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const name = attr.localName.toLowerCase();
      if (name.startsWith('on') || (name === 'href' && !SAFE_HREF.test(attr.value.trim())))
        el.removeAttributeNode(attr);
    }
  }
}

/** Parses, checks, sizes and sanitizes an SVG document. */
export function prepareSvg(raw: string, options: PrepareOptions = {}): PreparedSvg {
  const { DOMParser, XMLSerializer } = domWindow();
  const doc = new DOMParser().parseFromString(raw, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.getElementsByTagName('parsererror').length > 0 || root.localName === 'parsererror') {
    return { ok: false, error: 'the renderer produced SVG that does not parse as XML' };
  }
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS)
    return { ok: false, error: `expected an <svg> root, found <${root.localName}>` };
  const box = viewBoxSize(root.getAttribute('viewBox'));
  const width = lengthToPx(root.getAttribute('width')) ?? box?.width;
  const height = lengthToPx(root.getAttribute('height')) ?? box?.height;
  if (!width || !height) return { ok: false, error: 'the SVG has neither a width and height nor a viewBox' };
  const size = { width: Math.max(1, Math.ceil(width - 1e-6)), height: Math.max(1, Math.ceil(height - 1e-6)) };
  root.setAttribute('width', String(size.width));
  root.setAttribute('height', String(size.height));
  if (!box) root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (options.preserveSpace) root.setAttributeNS(XML_NS, 'xml:space', 'preserve');
  removeActiveContent(root);
  const clean = sanitizeSvg(new XMLSerializer().serializeToString(root));
  if (!clean || !/<svg[\s>]/.test(clean)) return { ok: false, error: 'nothing was left of the SVG after sanitizing' };
  return { ok: true, svg: clean, ...size };
}
