// A file of a branch as the site serves it. Only images are copied from a branch at all (see
// `classifyPath`: PNG, JPEG, GIF, WebP, AVIF, SVG; never HTML, XML, XHTML or JavaScript, which
// would run on the site's origin when opened). Raster images are copied byte for byte: a browser
// never runs anything in them. An SVG is a document that can hold script, event handlers and
// references to other hosts, and opened on its own (its link clicked, `![](diagram.svg)` opened in
// a tab) it runs them on the site's origin: it is sanitized like an SVG output or a diagram.
import { codeGraphFingerprint } from '../io/code-graph.js';
import { sanitizeSvg } from '../render/sanitize.js';
import type { FileRef } from './read-sources.js';

/** What an SVG with nothing usable left (not SVG at all, or script alone) becomes: an empty image. */
const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>';

const isSvgPath = (path: string): boolean => /\.svg$/i.test(path);

/** The SVG bytes of a branch file, made safe to serve from the site. */
export function safeSvgBytes(bytes: Uint8Array): Uint8Array {
  const clean = sanitizeSvg(new TextDecoder().decode(bytes));
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${clean ?? EMPTY_SVG}\n`);
}

/**
 * The fingerprint and bytes of a branch file in the output. An SVG's bytes depend on the
 * sanitizer too, so a new sanitizer rewrites every SVG copied before it.
 */
export function branchFileOutput(file: FileRef): { fingerprint: string; content: () => Promise<Uint8Array> } {
  if (!isSvgPath(file.path)) return { fingerprint: `g:${file.blob}`, content: () => file.read() };
  return {
    fingerprint: `svg:${file.blob}:${codeGraphFingerprint('bp-svg-1', ['pipeline/branch-file']).slice(0, 16)}`,
    content: async () => safeSvgBytes(await file.read()),
  };
}
