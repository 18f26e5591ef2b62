// Launch links for one notebook or build, from the Binder settings and the repository. Pure.
import type { BinderSettings } from '../config.js';
import type { RepoSpec } from '../source/remote.js';
import { binderLaunchUrl, colabUrl, cloneUrlOf, nbgitpullerUrl, urlpathFor } from './launch.js';
import type { LaunchLinks } from './model.js';

export interface LaunchTarget {
  readonly repo: RepoSpec;
  readonly branch: string;
  /** Branch tip commit. */
  readonly commit: string;
  /** Last commit that changed the environment files (for `ref: env-commit`). */
  readonly envCommit?: string;
  /** Notebook path in the branch; '' for the build as a whole. */
  readonly path: string;
  /** Where the environment lives when it is kept apart from the notebooks. */
  readonly environment?: { readonly repo: RepoSpec; readonly ref: string };
}

export function launchRef(binder: BinderSettings, target: LaunchTarget): string {
  if (binder.ref === 'branch') return target.branch;
  if (binder.ref === 'env-commit') return target.envCommit ?? target.commit;
  return target.commit;
}

export function makeLaunchLinks(binder: BinderSettings, target: LaunchTarget): LaunchLinks {
  const ref = launchRef(binder, target);
  const urlpath = target.path ? urlpathFor(binder.interface, target.path) : undefined;
  const binderFor = (hub: string): string => {
    if (target.environment) {
      return nbgitpullerUrl({
        hub,
        via: 'binder',
        env: target.environment,
        content: { cloneUrl: cloneUrlOf(target.repo), branch: target.branch, path: target.path },
        iface: binder.interface,
      });
    }
    return binderLaunchUrl(hub, target.repo, ref, urlpath);
  };
  const colab =
    binder.colab && target.repo.provider === 'gh' && target.path
      ? colabUrl(target.repo.owner, target.repo.repo, target.commit, target.path)
      : undefined;
  const jupyterhub = binder.jupyterhub
    ? nbgitpullerUrl({
        hub: binder.jupyterhub,
        via: 'jupyterhub',
        content: { cloneUrl: cloneUrlOf(target.repo), branch: target.branch, path: target.path },
        iface: binder.interface,
      })
    : undefined;
  return {
    binder: binderFor(binder.hub),
    hub: binder.hub,
    alternatives: binder.fallbackHubs.map((hub) => ({ hub, url: binderFor(hub) })),
    ref: target.environment ? target.environment.ref : ref,
    ...(colab ? { colab } : {}),
    ...(jupyterhub ? { jupyterhub } : {}),
  };
}
