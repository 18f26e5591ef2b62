// Launch links for one notebook or build, from the Binder settings and the repository. Pure.
import type { BinderSettings } from '../config.js';
import type { RepoSpec } from '../source/remote.js';
import { binderLaunchUrl, colabUrl, cloneUrlOf, nbgitpullerUrl, urlpathFor } from './launch.js';
import type { LaunchLinks } from './model.js';

export interface LaunchTarget {
  readonly repo: RepoSpec;
  readonly branch: string;
  /** Branch tip commit: what the pages are built from. */
  readonly commit: string;
  /**
   * For `ref: env-commit`: the last commit that changed the environment files, to launch with the
   * branch pulled in by nbgitpuller. Set only where that works (see `envCommitLaunch`).
   */
  readonly envCommit?: string;
  /** Notebook path in the branch; '' for the build as a whole. */
  readonly path: string;
  /** Where the environment lives when it is kept apart from the notebooks. */
  readonly environment?: { readonly repo: RepoSpec; readonly ref: string };
}

/** The ref a plain launch link opens: the branch for `ref: branch`, else the page's commit. */
function launchRef(binder: BinderSettings, target: LaunchTarget): string {
  return binder.ref === 'branch' ? target.branch : target.commit;
}

/** The environment to launch when the content is pulled into it with nbgitpuller, if any. */
function pullInto(binder: BinderSettings, target: LaunchTarget): { repo: RepoSpec; ref: string } | undefined {
  if (target.environment) return target.environment;
  const env = target.envCommit;
  return binder.ref === 'env-commit' && env && env !== target.commit ? { repo: target.repo, ref: env } : undefined;
}

export function makeLaunchLinks(binder: BinderSettings, target: LaunchTarget): LaunchLinks {
  const ref = launchRef(binder, target);
  const urlpath = target.path ? urlpathFor(binder.interface, target.path) : undefined;
  const env = pullInto(binder, target);
  const binderFor = (hub: string): string => {
    if (env) {
      // nbgitpuller pulls the branch tip, which is the page's commit until the branch moves on.
      return nbgitpullerUrl({
        hub,
        via: 'binder',
        env,
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
    ref: env ? env.ref : ref,
    ...(colab ? { colab } : {}),
    ...(jupyterhub ? { jupyterhub } : {}),
  };
}
