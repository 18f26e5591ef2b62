// Warns when a notebook imports a module its build's environment does not install: the
// notebook would fail in Binder at its first cell. Pure. The imports of each notebook are found
// when it is rendered and kept in its cache entry.
import { missingImports, type EnvironmentInfo } from '../source/environment.js';
import type { Diagnostic } from '../types.js';

export interface NotebookImports {
  readonly branch: string;
  readonly path: string;
  readonly language: string;
  /** Sorted, distinct. */
  readonly imports: readonly string[];
}

export function checkImports(env: EnvironmentInfo, notebooks: readonly NotebookImports[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = env.files.length ? env.files.join(', ') : 'the default image';
  for (const nb of notebooks) {
    if (!/^(python|ipython)/i.test(nb.language)) continue;
    const missing = missingImports(env, nb.imports);
    if (missing.length === 0) continue;
    const list = missing.map((m) => `\`${m}\``).join(', ');
    out.push({
      rule: 'env-missing-module',
      severity: 'warning',
      branch: nb.branch,
      path: nb.path,
      message: `imports ${list}, which the build's environment (${where}) does not install; the notebook will fail in Binder`,
      hint: `add ${missing.length === 1 ? 'it' : 'them'} to ${env.files.find((f) => /requirements\.txt$|environment\.ya?ml$/.test(f)) ?? 'requirements.txt'}`,
    });
  }
  return out;
}
