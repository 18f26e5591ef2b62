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
