// Stage (pure): the whole output as one plan, checked for two things claiming one path before
// anything is written (case-insensitively: the site may be served from a case-insensitive disk).
// Two claims of one path with the same fingerprint (the same asset used twice) are one file.
import type { PlannedFile } from '../io/write-site.js';
import type { Diagnostic } from '../types.js';

export function planOutput(files: readonly PlannedFile[]): { files: PlannedFile[]; diagnostics: Diagnostic[] } {
  const byKey = new Map<string, PlannedFile>();
  const dirs = new Map<string, PlannedFile>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const key = file.path.toLowerCase();
    const prior = byKey.get(key) ?? dirs.get(key);
    if (prior) {
      if (prior.path === file.path && prior.fingerprint === file.fingerprint) continue;
      diagnostics.push({
        rule: 'output-collision',
        severity: 'error',
        branch: '',
        path: file.path,
        message: `${prior.origin} and ${file.origin} would both be written to ${prior.path}; ${file.origin} is left out`,
        hint: 'rename one of the two (output paths are compared without case: many disks hold only one of two names that differ in case)',
      });
      continue;
    }
    byKey.set(key, file);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) dirs.set(parts.slice(0, i).join('/'), file);
  }
  const sorted = [...byKey.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, diagnostics };
}
