// Feed dates: ISO 8601 in (git's `%aI`, front-matter dates), RFC 3339 / RFC 822 out, all UTC.

/** Milliseconds since the epoch, or undefined for a missing, unparsable or out-of-range date. */
export function parseDate(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value.trim());
  if (!Number.isFinite(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1 && year <= 9999 ? ms : undefined;
}

/** RFC 3339 in UTC, whole seconds unless the date has milliseconds: `2024-05-01T09:30:00Z`. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** RFC 822 (RSS 2.0): `Wed, 01 May 2024 09:30:00 GMT`. */
export function rfc822(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The date used when nothing else is known: the epoch, never the clock. */
export const EPOCH = 0;
