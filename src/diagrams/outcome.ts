// What a diagram renderer returns: an SVG string, or the renderer's own error message.
// `transient` marks failures of the machinery (a crashed browser page) rather than of the
// diagram: those are not cached, so the next build tries again. `rule` marks a diagram that was
// stopped by a limit or took its renderer down (src/diagrams/limits.ts).
import type { LimitRule } from './limits.js';

export type RenderOutcome =
  | { readonly ok: true; readonly svg: string }
  | { readonly ok: false; readonly error: string; readonly transient?: boolean; readonly rule?: LimitRule };

/** The message of anything thrown, on one line where possible, never empty. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() || 'unknown error';
}
