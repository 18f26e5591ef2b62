// What BinderHub provider a git remote URL belongs to. Pure: a string in, a RepoSpec out.
// Credentials in URLs (`https://user:token@host/…`) are dropped and never reach a page.

export type RepoSpec =
  | { readonly provider: 'gh'; readonly owner: string; readonly repo: string }
  | { readonly provider: 'gl'; readonly host: string; readonly namespace: string }
  | { readonly provider: 'git'; readonly url: string };

/** Hosts known to serve the same repositories over https as over ssh. */
const HTTPS_HOSTS = new Set([
  'bitbucket.org',
  'codeberg.org',
  'gitea.com',
  'git.sr.ht',
  'salsa.debian.org',
  'framagit.org',
  'gitee.com',
  'notabug.org',
  'huggingface.co',
  'git.launchpad.net',
]);

interface Parts {
  readonly scheme: 'https' | 'http' | 'ssh' | 'git';
  readonly host: string;
  /** Path without leading/trailing slashes, e.g. `o/r.git`. */
  readonly path: string;
  /** `host:port` as written, for rebuilding a URL. */
  readonly authority: string;
}

function splitUrl(url: string): Parts | undefined {
  const withScheme = /^(https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(:\d*)?\/+(.*)$/i.exec(url);
  if (withScheme) {
    const raw = (withScheme[1] as string).toLowerCase();
    const scheme = raw.includes('ssh') ? 'ssh' : (raw as Parts['scheme']);
    const host = (withScheme[2] as string).toLowerCase();
    return { scheme, host, authority: host + (withScheme[3] ?? ''), path: trimPath(withScheme[4] as string) };
  }
  // scp-like: [user@]host:path — but not a Windows drive (`C:\…`) and not a local path
  const scp = /^(?:[^@/:]+@)?([^/:@]{2,}):(?!\/\/)(.+)$/.exec(url);
  if (scp) {
    const host = (scp[1] as string).toLowerCase();
    return { scheme: 'ssh', host, authority: host, path: trimPath(scp[2] as string) };
  }
  return undefined;
}

function trimPath(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '');
}

function stripGit(name: string): string {
  return name.endsWith('.git') ? name.slice(0, -4) : name;
}

const SEGMENT = /^[\w.~-]+$/;

function githubSpec(path: string): RepoSpec | undefined {
  const segments = path.split('/');
  const owner = segments[0] ?? '';
  const repo = stripGit(segments[1] ?? '');
  if (segments.length !== 2 || !SEGMENT.test(owner) || !SEGMENT.test(repo)) return undefined;
  return { provider: 'gh', owner, repo };
}

function gitlabSpec(host: string, path: string): RepoSpec | undefined {
  const segments = stripGit(path).split('/');
  if (segments.length < 2 || !segments.every((s) => SEGMENT.test(s))) return undefined;
  return { provider: 'gl', host, namespace: segments.join('/') };
}

function gitSpec(parts: Parts, original: string): RepoSpec | undefined {
  if (!parts.path) return undefined;
  if (parts.scheme === 'https' || parts.scheme === 'http') {
    return { provider: 'git', url: `${parts.scheme}://${parts.authority}/${parts.path}` };
  }
  if (HTTPS_HOSTS.has(parts.host)) return { provider: 'git', url: `https://${parts.host}/${parts.path}` };
  return { provider: 'git', url: original.replace(/^([a-z+]+:\/\/[^@/:]*):[^@/]*@/i, '$1@') };
}

/**
 * The provider of a remote URL: GitHub (`gh`), GitLab (`gl`, any host whose name contains
 * `gitlab`) or plain git. HTTPS, SSH (`git@host:path`, `ssh://`) and `git://` forms are
 * understood; local paths and `file://` give undefined.
 */
export function parseRemote(url: string): RepoSpec | undefined {
  const trimmed = url.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  const parts = splitUrl(trimmed);
  if (!parts) return undefined;
  const host = parts.host.replace(/^www\./, '');
  if (host === 'github.com') return githubSpec(parts.path);
  if (host.includes('gitlab')) return gitlabSpec(host, parts.path);
  return gitSpec(parts, trimmed);
}
