// Launch links: BinderHub, nbgitpuller, Colab and source-view URLs for a notebook. Pure.
//
// Encoding follows what the receiving ends do (binderhub/base.py, repoproviders.py, the
// binderhub-client redirect, nbgitpuller/handlers.py):
// - BinderHub reads the spec from the raw request path, so the ref is one path segment:
//   `encodeURIComponent(ref)` (`a/b` → `a%2Fb`); GitLab namespaces and git URLs likewise.
// - `urlpath` is a URL path (+ query) that the hub appends, as it is, to the user's server URL
//   after decoding the query once. So notebook path segments are percent-encoded once inside
//   the urlpath, and the whole urlpath value is encoded once more as a query value.
import type { RepoSpec } from '../source/remote.js';

export type LaunchInterface = 'lab' | 'doc' | 'classic' | 'rstudio' | 'vscode';

/** Where repo2docker puts the repository, and the folder VS Code opens. */
const HOME = '/home/jovyan';

function trimHub(hub: string): string {
  return hub.replace(/\/+$/, '');
}

/** Percent-encodes each `/`-separated segment of a path, keeping the slashes. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `{provider}/{spec-without-ref}` as BinderHub's v2 route expects it. */
function providerSpec(repo: RepoSpec): string {
  switch (repo.provider) {
    case 'gh':
      return `gh/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
    case 'gl':
      // BinderHub's GitLab provider only knows one host (gitlab.com on mybinder.org):
      // repositories on other GitLab hosts go through the plain git provider.
      if (repo.host === 'gitlab.com') return `gl/${encodeURIComponent(repo.namespace)}`;
      return `git/${encodeURIComponent(cloneUrlOf(repo))}`;
    case 'git':
      return `git/${encodeURIComponent(repo.url)}`;
  }
}

/** `{hub}/v2/{provider}/{spec}/{ref}[?urlpath=…]`. */
export function binderLaunchUrl(hub: string, repo: RepoSpec, ref: string, urlpath?: string): string {
  const base = `${trimHub(hub)}/v2/${providerSpec(repo)}/${encodeURIComponent(ref)}`;
  return urlpath ? `${base}?urlpath=${encodeURIComponent(urlpath)}` : base;
}

/**
 * The server path that opens `path` (a file or folder relative to the server root, `/`-separated,
 * not encoded) in the given interface. `''` opens the root folder. VS Code opens a folder, not a
 * file: `folder` (relative to the home folder) where the content is, e.g. nbgitpuller's clone.
 */
export function urlpathFor(iface: LaunchInterface, path: string, folder = ''): string {
  const encoded = encodePath(path.replace(/^\/+/, ''));
  switch (iface) {
    case 'lab':
      return `lab/tree/${encoded}`;
    case 'doc':
      return `doc/tree/${encoded}`;
    case 'classic':
      return `tree/${encoded}`;
    case 'rstudio':
      return 'rstudio/';
    case 'vscode':
      // jupyter-vscode-proxy serves code-server at /vscode/; `folder` is code-server's own parameter.
      return `vscode/?folder=${encodeURIComponent(folder ? `${HOME}/${folder}` : HOME)}`;
  }
}

/** The folder nbgitpuller clones into by default: the last segment of the repository URL. */
function cloneDirOf(cloneUrl: string): string {
  return cloneUrl.replace(/\/+$/, '').split('/').pop() ?? '';
}

export interface NbgitpullerOptions {
  readonly hub: string;
  readonly via: 'binder' | 'jupyterhub';
  /** The environment to launch (Binder only); without it the content repository is used. */
  readonly env?: { readonly repo: RepoSpec; readonly ref: string };
  readonly content: { readonly cloneUrl: string; readonly branch: string; readonly path: string };
  readonly iface: LaunchInterface;
}

/** A link that pulls `content` into a running environment with nbgitpuller, then opens it. */
export function nbgitpullerUrl(opts: NbgitpullerOptions): string {
  const { cloneUrl, branch, path } = opts.content;
  const dir = cloneDirOf(cloneUrl);
  const target = urlpathFor(opts.iface, path ? `${dir}/${path}` : dir, dir);
  const query =
    `repo=${encodeURIComponent(cloneUrl)}` +
    `&branch=${encodeURIComponent(branch)}` +
    `&urlpath=${encodeURIComponent(target)}`;
  if (opts.via === 'jupyterhub') return `${trimHub(opts.hub)}/hub/user-redirect/git-pull?${query}`;
  const env = opts.env ?? { repo: { provider: 'git', url: cloneUrl } as const, ref: branch };
  return binderLaunchUrl(opts.hub, env.repo, env.ref, `git-pull?${query}`);
}

/** https://colab.research.google.com/github/{owner}/{repo}/blob/{ref}/{path} */
export function colabUrl(owner: string, repo: string, ref: string, path: string): string {
  const o = encodeURIComponent(owner);
  const r = encodeURIComponent(repo);
  return `https://colab.research.google.com/github/${o}/${r}/blob/${encodePath(ref)}/${encodePath(path)}`;
}

/** An https URL `git clone` (and nbgitpuller) accepts for the repository. */
export function cloneUrlOf(repo: RepoSpec): string {
  switch (repo.provider) {
    case 'gh':
      return `https://github.com/${repo.owner}/${repo.repo}`;
    case 'gl':
      return `https://${repo.host}/${repo.namespace}`;
    case 'git':
      return repo.url;
  }
}

/** The page showing the file at `ref` on GitHub or GitLab; undefined for plain git hosts. */
export function sourceUrl(repo: RepoSpec, ref: string, path: string): string | undefined {
  const tail = `${encodePath(ref)}/${encodePath(path)}`;
  if (repo.provider === 'gh') {
    return `https://github.com/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}/blob/${tail}`;
  }
  if (repo.provider === 'gl') return `https://${repo.host}/${encodePath(repo.namespace)}/-/blob/${tail}`;
  return undefined;
}

/** `{hub}/badge_logo.svg`: the "launch binder" badge every BinderHub serves. */
export function hubBadgeUrl(hub: string): string {
  return `${trimHub(hub)}/badge_logo.svg`;
}
