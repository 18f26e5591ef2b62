// Stage (pure): the whole output as one plan, checked for two things claiming one path before
// anything is written (case-insensitively: the site may be served from a case-insensitive disk).
import type { Diagnostic, OutputFile, OutputPlan } from '../types.js';

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const x = typeof a === 'string' ? Buffer.from(a) : a;
  const y = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
}

export function planOutput(files: readonly OutputFile[]): { plan: OutputPlan; diagnostics: Diagnostic[] } {
  const byKey = new Map<string, OutputFile>();
  const dirs = new Map<string, OutputFile>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const key = file.path.toLowerCase();
    const prior = byKey.get(key) ?? dirs.get(key);
    if (prior) {
      if (prior.path === file.path && sameContent(prior.content, file.content)) continue;
      diagnostics.push({
        rule: 'output-collision',
        severity: 'error',
        branch: '',
        path: file.path,
        message: `${file.origin} and ${prior.origin} would both be written to ${file.path}; the second is left out`,
        hint: 'rename one of them (branch names that differ only in case or punctuation map to one folder), or leave one branch out with --branches',
      });
      continue;
    }
    byKey.set(key, file);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) dirs.set(parts.slice(0, i).join('/'), file);
  }
  const sorted = [...byKey.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { plan: { files: sorted }, diagnostics };
}
