// Escaping by construction: `html` is a tagged template whose interpolations are escaped unless
// they are themselves `SafeHtml` (built by `html` or marked as already sanitized by `trusted`).
import { decodeHTMLStrict } from 'entities';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * Character references resolved: numeric ones (1–7 decimal or 1–6 hex digits, as CommonMark
 * reads them) and every named one HTML knows (the `entities` package: `&copy;`, `&eacute;`, …);
 * unknown names stay as written. A number that is no character (0, a surrogate, past U+10FFFF)
 * becomes `invalid` (by default, the reference as written).
 */
export function decodeEntities(text: string, invalid?: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return decodeHTMLStrict(whole);
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : (invalid ?? whole);
  });
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as Interpolation) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks HTML that was produced by a sanitizer or by our own escaping code. */
export function trusted(value: string): SafeHtml {
  return new SafeHtml(value);
}
