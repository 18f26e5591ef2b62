// The environment a build's "Run this" links really start, described and checked: the build's own
// files, or, with `binder.environment`, the environment branch's (read from git), or nothing
// when it lives in another repository, which cannot be read here. Pure.
import { describeEnvironment, localModules, type EnvironmentInfo } from '../source/environment.js';
import type { EnvironmentBranch } from '../source/env-branch.js';
import type { EnvironmentPlace, EnvironmentSource } from '../site/environment-repo.js';
import type { Diagnostic, SourceFile } from '../types.js';

export interface BuildEnvironment {
  /** The environment imports are checked against; none when it cannot be read here. */
  readonly environment?: EnvironmentInfo;
  /** Where it is kept, when it is not the build's own files. */
  readonly source?: EnvironmentSource;
  readonly diagnostics: readonly Diagnostic[];
}

interface OwnFiles {
  readonly branch: { readonly name: string };
  readonly envFiles: readonly SourceFile[];
  readonly paths: readonly string[];
}

/** The build's own environment files, which the links do not use: one notice each. */
function ownFilesUnused(own: OwnFiles, where: string): Diagnostic[] {
  const files = describeEnvironment(own.branch.name, own.envFiles, own.paths).files;
  return files.map((path) => ({
    rule: 'env-file-ignored',
    severity: 'info',
    branch: own.branch.name,
    path,
    message: `Binder does not use ${path}: this build's links start ${where} (binder.environment)`,
    hint: 'list the packages the notebooks need in that environment, or delete the file',
  }));
}

function unreadable(own: OwnFiles, source: EnvironmentSource, where: string): BuildEnvironment {
  const missing = !source.repository;
  const diagnostic: Diagnostic = missing
    ? {
        rule: 'env-branch-missing',
        severity: 'warning',
        branch: own.branch.name,
        path: '',
        message: `the links start ${where}, which is not in this repository; its environment is not described, nor the notebooks' imports checked`,
        hint: `fetch it (git fetch origin ${source.branch}), or fix binder.environment.branch`,
      }
    : {
        rule: 'env-elsewhere',
        severity: 'info',
        branch: own.branch.name,
        path: '',
        message: `the links start ${where}, another repository: its environment cannot be read from here, so it is not described, nor the notebooks' imports checked against it`,
        hint: 'check in that repository that its environment installs what the notebooks import',
      };
  return { source, diagnostics: [diagnostic, ...ownFilesUnused(own, where)] };
}

export function buildEnvironment(
  own: OwnFiles,
  place: EnvironmentPlace | undefined,
  envBranch: EnvironmentBranch | undefined,
): BuildEnvironment {
  if (!place) {
    const environment = describeEnvironment(own.branch.name, own.envFiles, own.paths);
    return { environment, diagnostics: environment.diagnostics };
  }
  if (place.kind === 'elsewhere') {
    const where = `the environment of ${place.repository}${place.ref === 'HEAD' ? '' : ` (branch ${place.ref})`}`;
    return unreadable(own, { repository: place.repository, branch: place.ref, readable: false }, where);
  }
  const name = envBranch?.branch.name ?? place.branch;
  const where =
    place.branch === 'HEAD' && !envBranch
      ? 'the environment of the default branch'
      : `the environment of branch \`${name}\``;
  if (!envBranch) return unreadable(own, { branch: place.branch, readable: false }, where);
  const described = describeEnvironment(name, envBranch.envFiles, envBranch.paths);
  // The notebooks run from the build's own files, pulled into the environment: its modules are theirs.
  const environment = { ...described, localModules: localModules(own.paths) };
  return {
    environment,
    source: { branch: name, readable: true },
    diagnostics: [...described.diagnostics, ...ownFilesUnused(own, where)],
  };
}
