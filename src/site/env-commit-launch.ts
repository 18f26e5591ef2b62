// `binder.ref: env-commit`: how a build's links can open the notebook the page shows while
// BinderHub reuses the image of the last commit that changed the environment. At that commit a
// notebook may be older than the page, or missing, so links launch the environment there and
// pull the branch's content into it with nbgitpuller (the pre-built-image-plus-content
// workflow). nbgitpuller must be installed in that environment (repo2docker's images lack it)
// and able to clone the repository over http(s); where either is not so, links open the page's
// own commit instead, and a notice says why. Pure.
import type { BinderSettings } from '../config.js';
import type { EnvironmentInfo } from '../source/environment.js';
import { normalizeName } from '../source/python-packages.js';
import type { RepoSpec } from '../source/remote.js';
import type { Diagnostic } from '../types.js';
import { cloneUrlOf } from './launch.js';

export type EnvCommitLaunch =
  /** Open the page's commit: no environment commit apart from it, or not `env-commit` at all. */
  | { readonly kind: 'commit' }
  /** Launch the environment at `envCommit` and pull the branch into it. */
  | { readonly kind: 'pull'; readonly envCommit: string }
  /** `env-commit` cannot open the page's notebook here: the page's commit instead. */
  | { readonly kind: 'fallback'; readonly envCommit: string; readonly reason: string; readonly hint: string };

export interface EnvCommitInput {
  readonly repo: RepoSpec;
  /** The branch tip the pages are built from. */
  readonly commit: string;
  readonly envCommit?: string;
  readonly environment?: EnvironmentInfo;
  /** A separate environment (`binder.environment`) takes over: env-commit does not apply. */
  readonly separateEnvironment: boolean;
}

/** Whether the environment files install nbgitpuller (pip, conda, Pipfile or postBuild). */
export function installsNbgitpuller(environment: EnvironmentInfo | undefined): boolean {
  return !!environment && environment.packages.some((p) => normalizeName(p) === 'nbgitpuller');
}

export function envCommitLaunch(binder: BinderSettings, input: EnvCommitInput): EnvCommitLaunch {
  const { envCommit } = input;
  if (binder.ref !== 'env-commit' || input.separateEnvironment || !envCommit || envCommit === input.commit)
    return { kind: 'commit' };
  if (!/^https?:\/\//i.test(cloneUrlOf(input.repo))) {
    return {
      kind: 'fallback',
      envCommit,
      reason: `nbgitpuller cannot clone ${cloneUrlOf(input.repo)} (it needs an http(s) URL)`,
      hint: 'set `repository:` in binderpress.yml to an https clone URL or owner/repo',
    };
  }
  if (input.environment?.kind === 'dockerfile' || !installsNbgitpuller(input.environment)) {
    const files = input.environment?.files.length ? input.environment.files.join(', ') : 'no environment files';
    return {
      kind: 'fallback',
      envCommit,
      reason:
        input.environment?.kind === 'dockerfile'
          ? 'binderpress cannot tell whether the Dockerfile installs nbgitpuller'
          : `the environment (${files}) does not install nbgitpuller`,
      hint:
        input.environment?.kind === 'dockerfile'
          ? 'use ref: commit, or keep the environment in a branch of its own (binder.environment) whose image has nbgitpuller'
          : 'add nbgitpuller to requirements.txt (or environment.yml), or use ref: commit',
    };
  }
  return { kind: 'pull', envCommit };
}

/** The notice for a build whose `env-commit` links open the page's commit instead. */
export function envCommitNotice(branch: string, plan: EnvCommitLaunch): Diagnostic | undefined {
  if (plan.kind !== 'fallback') return undefined;
  return {
    rule: 'binder-env-commit-fallback',
    severity: 'info',
    branch,
    path: '',
    message: `binder.ref env-commit: the notebooks at the environment's commit ${plan.envCommit.slice(0, 12)} may be older than the pages, and ${plan.reason} to pull this branch into it; links open the branch tip commit instead`,
    hint: plan.hint,
  };
}
