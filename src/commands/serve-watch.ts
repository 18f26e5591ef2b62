// What the preview server watches: the branch tips of the repository (`refs/heads`, `packed-refs`,
// `HEAD`: a commit, a new or deleted branch, a checkout), and with --watch-worktree (or --dir) the
// files of the working tree, leaving out .git, hidden folders, node_modules and the output itself.
import { watch, type FSWatcher } from 'chokidar';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Config } from '../config.js';
import { runGit } from '../io/git.js';

export interface SourceWatcher {
  /** The paths watched (folders are watched recursively). */
  readonly paths: readonly string[];
  close(): Promise<void>;
}

export interface WatchOptions {
  readonly watchWorktree: boolean;
  /** Called with the changed path on every relevant change (debounce it). */
  readonly onChange: (path: string) => void;
}

async function gitPath(repo: string, flag: string): Promise<string> {
  return (await runGit(repo, ['rev-parse', '--path-format=absolute', flag])).stdout.toString('utf8').trim();
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

/**
 * Inside git's folders only the branch tips matter: `refs/heads/**`, `packed-refs`, `HEAD` (lock
 * files aside). The folders themselves are watched, not those files: chokidar reports "ready"
 * early when asked for a file that does not exist yet, such as `packed-refs` in a new repository.
 */
export function refsIgnore(common: string, gitDir: string): (path: string) => boolean {
  const heads = resolve(common, 'refs', 'heads');
  const keep = new Set([
    common,
    gitDir,
    resolve(common, 'refs'),
    resolve(common, 'packed-refs'),
    resolve(gitDir, 'HEAD'),
  ]);
  return (path) => !(keep.has(path) || inside(path, heads)) || path.endsWith('.lock');
}

/** Worktree paths that never feed a build: git's folder, hidden and tool folders, the output, the cache. */
export function worktreeIgnore(root: string, config: Config): (path: string) => boolean {
  const skip = [resolve(config.out), ...(config.cache ? [resolve(config.cache)] : [])];
  return (path) => {
    if (!inside(path, root)) return false; // the root's parents are asked about too
    const rel = relative(root, path);
    if (rel === '') return false;
    if (rel.split(sep).some((s) => s.startsWith('.') || s === 'node_modules' || s === '__pycache__')) return true;
    return skip.some((folder) => inside(path, folder));
  };
}

function start(
  paths: string[],
  ignored: (path: string) => boolean,
  onChange: (path: string) => void,
): Promise<FSWatcher> {
  const watcher = watch(paths, { ignoreInitial: true, ignored, persistent: true });
  watcher.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink' || event === 'unlinkDir') onChange(path);
  });
  watcher.on('error', () => {}); // a folder vanishing under the watcher (a branch deleted) is not fatal
  return new Promise((done) => watcher.once('ready', () => done(watcher)));
}

/** Starts watching; resolves once the watchers are ready (changes after that are seen). */
export async function watchSources(config: Config, opts: WatchOptions): Promise<SourceWatcher> {
  const watchers: FSWatcher[] = [];
  const paths: string[] = [];
  if (!config.dir) {
    const common = await gitPath(config.repo, '--git-common-dir');
    const gitDir = await gitPath(config.repo, '--git-dir');
    const roots = [...new Set([common, gitDir])];
    watchers.push(await start(roots, refsIgnore(common, gitDir), opts.onChange));
    paths.push(resolve(common, 'refs', 'heads'), resolve(common, 'packed-refs'), resolve(gitDir, 'HEAD'));
  }
  if (config.dir || opts.watchWorktree) {
    const root = resolve(config.dir ?? (await gitPath(config.repo, '--show-toplevel').catch(() => config.repo)));
    watchers.push(await start([root], worktreeIgnore(root, config), opts.onChange));
    paths.push(root);
  }
  return {
    paths,
    async close() {
      await Promise.all(watchers.map((w) => w.close()));
    },
  };
}

/**
 * Watches single files that may not exist yet (the config file: changed, created or deleted).
 * Their folders are watched, one level deep, for those names only.
 */
export async function watchFiles(files: readonly string[], onChange: (path: string) => void): Promise<SourceWatcher> {
  const wanted = new Set(files.map((f) => resolve(f)));
  const folders = [...new Set([...wanted].map((f) => dirname(f)))];
  const ignored = (path: string) => !folders.includes(path) && !wanted.has(path);
  const watcher = watch(folders, { ignoreInitial: true, ignored, persistent: true, depth: 0 });
  watcher.on('all', (event, path) => {
    if (wanted.has(resolve(path)) && (event === 'add' || event === 'change' || event === 'unlink')) onChange(path);
  });
  watcher.on('error', () => {});
  await new Promise<void>((done) => watcher.once('ready', () => done()));
  return { paths: [...wanted], close: () => watcher.close() };
}
