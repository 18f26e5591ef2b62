// What a diagram renderer returns: an SVG string, or the renderer's own error message.
// `transient` marks failures of the machinery (a timeout, a crashed page) rather than of the
// diagram: those are not cached, so the next build tries again.

export type RenderOutcome =
  | { readonly ok: true; readonly svg: string }
  | { readonly ok: false; readonly error: string; readonly transient?: boolean };

/** The message of anything thrown, on one line where possible, never empty. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() || 'unknown error';
}
