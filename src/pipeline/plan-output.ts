// Stage (pure): the whole output as one plan, checked for two things claiming one path before
// anything is written (case-insensitively: the site may be served from a case-insensitive disk).
// Two claims of one path with the same fingerprint (the same asset used twice) are one file.
// A path no disk can hold (a name over 255 bytes, a path over 1,024) is left out and reported:
// writing it failed with ENAMETOOLONG, which ended the whole build.
import type { PlannedFile } from '../io/write-site.js';
import { buildSlug, notebookPagePath } from '../site/paths.js';
import type { Diagnostic } from '../types.js';
import type { LazyBuild } from './read-sources.js';

/** Bytes of UTF-8 one file or folder name may take: ext4, XFS, btrfs and APFS hold no longer name. */
export const MAX_NAME_BYTES = 255;
/**
 * Bytes of UTF-8 an output path may take below the output folder: Linux refuses paths of 4,096
 * bytes or more (PATH_MAX), the output folder's own path and the build's staging folder included;
 * this leaves room for them, and allows 500 folders one inside the other.
 */
export const MAX_PATH_BYTES = 1024;

/** Why no disk can hold `path` (output-relative, `/`-separated), or `undefined` when one can. */
export function outputPathProblem(path: string): string | undefined {
  const long = path.split('/').find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
  if (long !== undefined)
    return `the name ${long.slice(0, 40)}… is ${Buffer.byteLength(long).toLocaleString('en-US')} bytes long, more than the ${MAX_NAME_BYTES} a file system holds in one name`;
  const bytes = Buffer.byteLength(path);
  return bytes > MAX_PATH_BYTES
    ? `its output path is ${bytes.toLocaleString('en-US')} bytes long (${path.split('/').length - 1} folders deep), more than the ${MAX_PATH_BYTES.toLocaleString('en-US')} a site may use`
    : undefined;
}

/** The hint of every `output-path-too-long` diagnostic. */
const PATH_TOO_LONG_HINT = `rename the file or move it up: names of at most ${MAX_NAME_BYTES} bytes, paths of at most ${MAX_PATH_BYTES.toLocaleString('en-US')} bytes in the output`;

export function planOutput(files: readonly PlannedFile[]): { files: PlannedFile[]; diagnostics: Diagnostic[] } {
  const byKey = new Map<string, PlannedFile>();
  const dirs = new Map<string, PlannedFile>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const problem = outputPathProblem(file.path);
    if (problem !== undefined) {
      diagnostics.push({
        rule: 'output-path-too-long',
        severity: 'error',
        branch: '',
        path: file.path.slice(0, 200),
        message: `${file.origin} is left out: ${problem}`,
        hint: PATH_TOO_LONG_HINT,
      });
      continue;
    }
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

/**
 * The build without the notebooks and files whose output path no disk can hold, each reported,
 * before anything is rendered (so no page lists or links to them); `undefined`, the build left
 * out whole, when its own folder name is too long.
 */
export function dropUnwritablePaths(build: LazyBuild): { build?: LazyBuild; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const slug = buildSlug(build.branch.name);
  const report = (path: string, what: string, problem: string): void => {
    diagnostics.push({
      rule: 'output-path-too-long',
      severity: 'error',
      branch: build.branch.name,
      path,
      message: `${what} is left out of the site: ${problem}`,
      hint: PATH_TOO_LONG_HINT,
    });
  };
  const folder = outputPathProblem(slug);
  if (folder !== undefined) {
    report('', `branch ${build.branch.name}`, folder);
    return { diagnostics };
  }
  const notebooks = build.notebooks.filter((nb) => {
    const problem =
      outputPathProblem(`${slug}/${nb.path}`) ?? outputPathProblem(`${slug}/${notebookPagePath(nb.path)}`);
    if (problem !== undefined) report(nb.path, 'this notebook', problem);
    return problem === undefined;
  });
  const files = build.files.filter((f) => {
    const problem = outputPathProblem(`${slug}/${f.path}`);
    if (problem !== undefined) report(f.path, 'this file', problem);
    return problem === undefined;
  });
  return {
    build:
      notebooks.length === build.notebooks.length && files.length === build.files.length
        ? build
        : { ...build, notebooks, files },
    diagnostics,
  };
}
