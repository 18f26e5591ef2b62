// Test-only: reads launch URLs back the way BinderHub and nbgitpuller do, so tests can check
// that what we write is what they understand. Mirrors, in TypeScript:
// - binderhub/base.py `get_spec_from_request`: the spec is the RAW request path after
//   `/v2/{provider}/` (no unquoting), trailing `/` stripped;
// - binderhub/repoproviders.py: GitHub `spec.split('/', 2)` → user, repo, ref (the quoted ref
//   goes to the GitHub API, which decodes it once); GitLab and Git `spec.split('/', 1)` →
//   quoted namespace/url, ref, both `urllib.parse.unquote`d;
// - tornado `get_argument('urlpath')` / `URLSearchParams.get`: query values decoded once,
//   `+` read as a space;
// - nbgitpuller `git-pull?repo=…&branch=…&urlpath=…`: same query decoding, clone folder =
//   `repo.split('/')[-1]`;
// - Jupyter Server: `lab/tree/{path}` → percent-decoded file path.

export type ParsedBinderUrl =
  | { hub: string; provider: 'gh'; owner: string; repo: string; ref: string; urlpath?: string }
  | { hub: string; provider: 'gl'; namespace: string; ref: string; urlpath?: string }
  | { hub: string; provider: 'git'; url: string; ref: string; urlpath?: string };

/** Python's `str.split(sep, maxsplit)`. */
function pySplit(text: string, sep: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < maxsplit) {
    const at = rest.indexOf(sep);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + sep.length);
  }
  parts.push(rest);
  return parts;
}

/** Python's `urllib.parse.unquote` (UTF-8, invalid escapes kept as they are). */
function pyUnquote(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function rawPathAndQuery(url: string): { origin: string; path: string; query: string } {
  const m = /^(https?:\/\/[^/?#]+)([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) throw new Error(`not an http(s) URL: ${url}`);
  return { origin: m[1] as string, path: m[2] ?? '', query: m[3] ?? '' };
}

/** Parses `{hub}/v2/{provider}/{spec}?urlpath=…` as BinderHub does. Throws where it would 400/404. */
export function parseBinderUrl(url: string): ParsedBinderUrl {
  const { origin, path, query } = rawPathAndQuery(url);
  const at = path.indexOf('/v2/');
  if (at < 0) throw new Error(`no /v2/ route in ${url}`);
  const hub = origin + path.slice(0, at);
  const [provider, rawSpec = ''] = pySplit(path.slice(at + 4), '/', 1);
  const spec = rawSpec.replace(/\/+$/, '');
  const urlpath = new URLSearchParams(query).get('urlpath') ?? undefined;
  const extra = urlpath === undefined ? {} : { urlpath };
  if (provider === 'gh') {
    const parts = pySplit(spec, '/', 2);
    if (parts.length !== 3) throw new Error(`Spec is not of the form "user/repo/ref": ${spec}`);
    const [owner, repo, quotedRef] = parts as [string, string, string];
    return { hub, provider, owner, repo: repo.replace(/\.git$/, ''), ref: pyUnquote(quotedRef), ...extra };
  }
  if (provider === 'gl' || provider === 'git') {
    const [quoted = '', quotedRef = ''] = pySplit(spec, '/', 1);
    const ref = pyUnquote(quotedRef);
    if (!ref) throw new Error(`a ref is required: ${spec}`);
    if (provider === 'gl') return { hub, provider, namespace: pyUnquote(quoted), ref, ...extra };
    const repoUrl = pyUnquote(quoted);
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(repoUrl)?.[1]?.toLowerCase();
    if (!scheme || !['http', 'https', 'git', 'ssh'].includes(scheme)) throw new Error(`Unsupported git url ${repoUrl}`);
    return { hub, provider, url: repoUrl, ref, ...extra };
  }
  throw new Error(`No provider found for prefix ${provider}`);
}

export interface ParsedGitPull {
  /** JupyterHub base when the link is a `/hub/user-redirect/git-pull` link; '' for a urlpath. */
  hub: string;
  repo: string;
  branch?: string;
  urlpath?: string;
  /** Folder nbgitpuller clones into. */
  targetpath: string;
}

/** Parses nbgitpuller's `git-pull?…` (a Binder urlpath value) or `{hub}/hub/user-redirect/git-pull?…`. */
export function parseGitPull(urlOrPath: string): ParsedGitPull {
  const m = /^(?:(https?:\/\/[^?#]*?)\/hub\/user-redirect\/)?git-pull\?([^#]*)$/i.exec(urlOrPath);
  if (!m) throw new Error(`not a git-pull link: ${urlOrPath}`);
  const params = new URLSearchParams(m[2]);
  const repo = params.get('repo');
  if (!repo) throw new Error(`git-pull without repo: ${urlOrPath}`);
  const branch = params.get('branch') ?? undefined;
  const urlpath = params.get('urlpath') ?? undefined;
  return {
    hub: m[1] ?? '',
    repo,
    targetpath: params.get('targetpath') ?? repo.split('/').pop() ?? '',
    ...(branch === undefined ? {} : { branch }),
    ...(urlpath === undefined ? {} : { urlpath }),
  };
}

/** What a Jupyter server opens for a urlpath: the interface and the decoded file path. */
export function resolveUrlpath(urlpath: string): { iface: string; path: string; query: string } {
  const [pathPart = '', query = ''] = pySplit(urlpath.replace(/^\/+/, ''), '?', 1);
  const m = /^(lab\/tree|doc\/tree|tree)(?:\/(.*))?$/.exec(pathPart);
  if (!m) return { iface: pathPart.replace(/\/$/, ''), path: '', query };
  const iface = { 'lab/tree': 'lab', 'doc/tree': 'doc', tree: 'classic' }[m[1] as string] as string;
  const segments = (m[2] ?? '').split('/').map((s) => decodeURIComponent(s));
  return { iface, path: segments.join('/').replace(/\/$/, ''), query };
}

/** What a launch link opens, read back the way BinderHub, nbgitpuller and Jupyter do. */
export interface LaunchedContent {
  /** The repository BinderHub builds the environment from (as a clone URL) and its ref. */
  readonly env: { readonly repo: string; readonly ref: string };
  /**
   * Where the opened file comes from: BinderHub's own checkout of `env` (a commit or branch), or
   * the branch nbgitpuller pulls (its tip at launch time).
   */
  readonly content: { readonly repo: string; readonly ref: string; readonly via: 'binder' | 'nbgitpuller' };
  /** The interface and the file it opens, relative to the content's root ('' for none). */
  readonly iface: string;
  readonly path: string;
}

function cloneUrlOfParsed(link: ParsedBinderUrl): string {
  if (link.provider === 'gh') return `https://github.com/${link.owner}/${link.repo}`;
  if (link.provider === 'gl') return `https://gitlab.com/${link.namespace}`;
  return link.url;
}

/**
 * Reads a Binder launch link back into what it opens. A link through nbgitpuller must open a file
 * inside the folder nbgitpuller pulls into (else it would open the environment's stale copy).
 */
export function readLaunch(url: string): LaunchedContent {
  const link = parseBinderUrl(url);
  const env = { repo: cloneUrlOfParsed(link), ref: link.ref };
  const urlpath = link.urlpath ?? '';
  if (!/^\/?git-pull\?/.test(urlpath)) {
    const opened = resolveUrlpath(urlpath);
    return { env, content: { ...env, via: 'binder' }, iface: opened.iface, path: opened.path };
  }
  const pull = parseGitPull(urlpath.replace(/^\//, ''));
  if (!pull.branch) throw new Error(`nbgitpuller link without a branch pulls the default branch: ${url}`);
  const opened = resolveUrlpath(pull.urlpath ?? '');
  const inside = opened.path === pull.targetpath || opened.path.startsWith(`${pull.targetpath}/`);
  if (opened.path && !inside)
    throw new Error(`nbgitpuller pulls into ${pull.targetpath}/ but the link opens ${opened.path}`);
  const path = opened.path.slice(pull.targetpath.length + 1);
  return { env, content: { repo: pull.repo, ref: pull.branch, via: 'nbgitpuller' }, iface: opened.iface, path };
}
