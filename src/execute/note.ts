// The note an executed page ends with: where its outputs come from (the kernel, and the date of
// the commit the notebook was run from, never the clock), read from the metadata the execution
// pass adds. Feeds carry it with the outputs. Escaped here: it is added after sanitizing.
import { escapeHtml } from '../util/html.js';
import type { JsonObject } from '../types.js';
import { PROVENANCE_KEY } from './outcome.js';

export function executionNote(metadata: JsonObject): string {
  const p = metadata[PROVENANCE_KEY] as { kernel?: unknown; date?: unknown; status?: unknown } | undefined;
  if (!p || typeof p !== 'object' || typeof p.kernel !== 'string' || typeof p.date !== 'string') return '';
  const day = /^\d{4}-\d{2}-\d{2}/.exec(p.date)?.[0] ?? p.date;
  const stopped = p.status !== 'ok' ? ' The run stopped early: the outputs end where it stopped.' : '';
  return `<p class="executed-note">Outputs computed when the site was built, with the ${escapeHtml(p.kernel)} kernel, from the notebook as committed on <time datetime="${escapeHtml(p.date)}">${escapeHtml(day)}</time>.${stopped}</p>`;
}
