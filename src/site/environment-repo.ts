// The split workflow: an environment kept in one branch or repository, notebooks in another.
// A build whose Binder settings name `environment` gets links that start that environment and
// pull the build's notebooks into it with nbgitpuller.
import type { BinderSettings } from '../config.js';
import { repositoryFromConfig } from '../source/repository.js';
import type { RepoSpec } from '../source/remote.js';
import type { PreparedBuild } from './site-model.js';

export function environmentFor(sources: { readonly repo?: RepoSpec }) {
  return (binder: BinderSettings, build: PreparedBuild): { repo: RepoSpec; ref: string } | undefined => {
    const env = binder.environment;
    if (!env) return undefined;
    const repo = env.repository ? repositoryFromConfig(env.repository) : sources.repo;
    if (!repo) return undefined;
    // The environment branch itself is launched plainly.
    if (!env.repository && env.branch === build.branch.name) return undefined;
    return { repo, ref: env.branch ?? 'HEAD' };
  };
}

/**
 * Where the environment a build's links start is kept, when it is not the build's own files: a
 * branch of this repository (`HEAD`: its default branch), which can be read here, or another
 * repository, which cannot.
 */
export type EnvironmentPlace =
  | { readonly kind: 'branch'; readonly branch: string }
  | { readonly kind: 'elsewhere'; readonly repository: string; readonly ref: string };

/** What a build page says of an environment kept apart (`binder.environment`). */
export interface EnvironmentSource {
  /** The other repository, as the config names it; none for a branch of this one. */
  readonly repository?: string;
  /** The branch it is read from or launched at (`HEAD`: the default branch). */
  readonly branch: string;
  /** False when its files cannot be read here: another repository, or a branch not fetched. */
  readonly readable: boolean;
}

function sameRepository(a: RepoSpec, b: RepoSpec): boolean {
  if (a.provider === 'gh' && b.provider === 'gh')
    return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
  if (a.provider === 'gl' && b.provider === 'gl')
    return a.host === b.host && a.namespace.toLowerCase() === b.namespace.toLowerCase();
  return a.provider === 'git' && b.provider === 'git' && a.url === b.url;
}

/** The environment `environmentFor` launches for a build, as a place to read it from; none for its own. */
export function environmentPlace(
  binder: BinderSettings,
  buildName: string,
  repo: RepoSpec | undefined,
): EnvironmentPlace | undefined {
  const env = binder.environment;
  if (!env) return undefined;
  const ref = env.branch ?? 'HEAD';
  if (env.repository) {
    const other = repositoryFromConfig(env.repository);
    if (!repo || !sameRepository(other, repo)) return { kind: 'elsewhere', repository: env.repository, ref };
  } else if (!repo) return undefined; // no launch links at all
  return ref === buildName ? undefined : { kind: 'branch', branch: ref };
}
