// Warns when a notebook imports a module its build's environment does not install: the
// notebook would fail in Binder at its first cell. Pure.
import { findImports, missingImports, type EnvironmentInfo } from '../source/environment.js';
import type { Diagnostic } from '../types.js';
import type { ParsedNotebook } from './prepare.js';

export function checkImports(env: EnvironmentInfo, notebooks: readonly ParsedNotebook[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = env.files.length ? env.files.join(', ') : 'the default image';
  for (const nb of notebooks) {
    if (!/^(python|ipython)/i.test(nb.meta.language)) continue;
    const imports = [...new Set(nb.notebook.cells.flatMap((c) => (c.type === 'code' && !/^\s*%%(?!python|capture|time)/.test(c.source) ? findImports(c.source) : [])))].sort();
    const missing = missingImports(env, imports);
    if (missing.length === 0) continue;
    const list = missing.map((m) => `\`${m}\``).join(', ');
    out.push({
      rule: 'env-missing-module',
      severity: 'warning',
      branch: nb.source.branch,
      path: nb.source.path,
      message: `imports ${list}, which the build's environment (${where}) does not install; the notebook will fail in Binder`,
      hint: `add ${missing.length === 1 ? 'it' : 'them'} to ${env.files.find((f) => /requirements\.txt$|environment\.ya?ml$/.test(f)) ?? 'requirements.txt'}`,
    });
  }
  return out;
}
