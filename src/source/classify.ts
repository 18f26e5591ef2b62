// What a path in a build is (notebook, image, Binder environment file) and whether it is safe to
// use at all. Shared by the git reader and the plain-folder reader so both see builds alike.
import type { RuleId } from '../rules.js';
import type { Diagnostic } from '../types.js';

/** Images larger than this are skipped with a warning (they would bloat the site). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif']);

/** repo2docker's configuration files (read from the root, `binder/` or `.binder/`). */
export const ENV_FILE_NAMES: ReadonlySet<string> = new Set([
  'requirements.txt',
  'environment.yml',
  'environment.yaml',
  'apt.txt',
  'postBuild',
  'runtime.txt',
  'Dockerfile',
  'Project.toml',
  'REQUIRE',
  'default.nix',
  'install.R',
  'DESCRIPTION',
  'Pipfile',
  'Pipfile.lock',
  'setup.py',
  'pyproject.toml',
  'start',
]);

export type PathRole = 'notebook' | 'image' | 'env' | 'other';

export function classifyPath(path: string): PathRole {
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  const dir = segments.slice(0, -1).join('/');
  if (ENV_FILE_NAMES.has(name) && (dir === '' || dir === 'binder' || dir === '.binder')) return 'env';
  if (segments.includes('.ipynb_checkpoints')) return 'other';
  if (name.endsWith('.ipynb') && name.length > '.ipynb'.length) return 'notebook';
  const dot = name.lastIndexOf('.');
  if (dot > 0 && IMAGE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return 'image';
  return 'other';
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why a path must not be used (a crafted tree can hold names git itself would never write), or
 * undefined when it is fine: no empty, `.` or `..` segment and no control character.
 */
export function unsafePathReason(path: string): string | undefined {
  if (CONTROL.test(path)) return 'it holds a control character';
  for (const segment of path.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a raw path; undefined when the bytes are not UTF-8. */
export function decodePath(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A warning about one path of one build. */
export function pathWarning(rule: RuleId, branch: string, path: string, message: string, hint?: string): Diagnostic {
  return hint === undefined
    ? { rule, severity: 'warning', branch, path, message }
    : { rule, severity: 'warning', branch, path, message, hint };
}

/** Plain code-unit order of paths. */
export function comparePaths(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
