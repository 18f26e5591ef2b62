// Small guards for untrusted parsed JSON: objects, nbformat multiline strings.
import type { MultilineString } from '@jupyterlab/nbformat';

export type JsonRecord = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** nbformat's `multiline_string`: a string or a list of strings. */
export function isMultiline(value: unknown): value is MultilineString {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

/** A multiline string joined into one string; '' for anything else (strings inside lists kept). */
export function joinMultiline(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').join('');
  return '';
}
