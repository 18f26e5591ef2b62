// `--dir DIR`: every direct subfolder of DIR is a build (or DIR itself, when it holds notebooks and
// no subfolder), read from the file system into the same SourceBuild shape a git branch gives.
// File mtimes stand in for commit dates; git blob ids of the bytes stand in for blob shas, so
// caches keyed by blob work for both.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import fg from 'fast-glob';
import type { BranchRef, CommitInfo, Diagnostic, SourceBuild, SourceFile, SourceNotebook } from '../types.js';
import { BinderpressError } from '../io/errors.js';
import { SITE_MARKER } from '../io/write-site.js';
import { gitBlobSha } from '../util/hash.js';
import { MAX_FILE_BYTES, classifyPath, comparePaths, pathWarning, unsafePathReason } from './classify.js';
import { compareNames, listForHint, selectByPatterns } from './patterns.js';
import { TOC_PATHS, pickToc } from './read-branch.js';

interface FolderFile {
  readonly path: string;
  readonly blob: string;
  readonly mtime: string;
  /** Bytes of notebooks, images, environment files and the toc; undefined for other files. */
  readonly bytes?: Uint8Array;
}

/** An mtime as ISO 8601 UTC with second precision, e.g. `2024-05-01T10:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Git's blob id of a file, streamed (for files whose bytes the site does not need). */
async function streamBlobSha(file: string, size: number): Promise<string> {
  const hash = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readFolderFile(
  root: string,
  path: string,
  build: string,
  diagnostics: Diagnostic[],
): Promise<FolderFile | undefined> {
  const full = join(root, path);
  const info = await lstat(full);
  const mtime = isoSeconds(info.mtimeMs);
  const role = classifyPath(path);
  if (role === 'image' && info.size > MAX_FILE_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(1);
    diagnostics.push(
      pathWarning(
        'source-file-too-large',
        build,
        path,
        `skipped an image of ${mb} MB (the limit is 20 MB)`,
        'make the image smaller',
      ),
    );
  } else if (role !== 'other' || TOC_PATHS.includes(path)) {
    const bytes = new Uint8Array(await readFile(full));
    return { path, blob: gitBlobSha(bytes), mtime, bytes };
  }
  return { path, blob: await streamBlobSha(full, info.size), mtime };
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function listFiles(
  root: string,
  build: string,
  diagnostics: Diagnostic[],
  ignore: readonly string[] = [],
): Promise<string[]> {
  const entries = await fg('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    ignore: ['**/.git', '**/.git/**', '**/node_modules/**', ...ignore],
  });
  const paths: string[] = [];
  // A site binderpress wrote (an old output folder, under any name) holds copies of notebooks:
  // never sources. Its marker file names it.
  const sites = entries
    .filter((e) => e.dirent.isFile() && basename(e.path) === SITE_MARKER)
    .map((e) => e.path.slice(0, -SITE_MARKER.length));
  for (const entry of entries) {
    if (sites.some((prefix) => entry.path.startsWith(prefix))) continue;
    const reason = unsafePathReason(entry.path);
    if (entry.dirent.isSymbolicLink()) {
      diagnostics.push(
        pathWarning(
          'source-symlink',
          build,
          entry.path,
          'skipped a symbolic link',
          'copy the file into the folder instead of linking to it',
        ),
      );
    } else if (entry.dirent.isFile() && reason !== undefined) {
      diagnostics.push(
        pathWarning('source-unsafe-path', build, entry.path, `skipped a path: ${reason}`, 'rename the file'),
      );
    } else if (entry.dirent.isFile()) paths.push(entry.path);
  }
  return paths.sort(compareNames);
}

function toBuild(
  name: string,
  files: readonly FolderFile[],
  folderMtime: string,
  diagnostics: Diagnostic[],
): SourceBuild {
  const commit = createHash('sha256')
    .update(files.map((f) => `${f.path}\0${f.blob}\n`).join(''))
    .digest('hex');
  // biome-ignore lint/complexity/useMathMinMax: mtimes are ISO 8601 strings, compared as text
  const newest = files.reduce((date, f) => (f.mtime > date ? f.mtime : date), files.length > 0 ? '' : folderMtime);
  const branch: BranchRef = { name, commit, tip: { sha: commit, date: newest, author: '', email: '' } };
  const read = files.filter((f): f is FolderFile & { bytes: Uint8Array } => f.bytes !== undefined);
  const source = (f: FolderFile & { bytes: Uint8Array }): SourceFile => ({
    path: f.path,
    blob: f.blob,
    bytes: f.bytes,
  });
  const notebooks = read
    .filter((f) => classifyPath(f.path) === 'notebook')
    .map((f): SourceNotebook => {
      const lastCommit: CommitInfo = { sha: f.blob, date: f.mtime, author: '', email: '' };
      return { branch: name, ...source(f), lastCommit };
    });
  const toc = pickToc(read);
  return {
    branch,
    notebooks,
    files: read.filter((f) => classifyPath(f.path) === 'image').map(source),
    envFiles: read.filter((f) => classifyPath(f.path) === 'env').map(source),
    paths: files.map((f) => f.path),
    ...(toc ? { toc: source(toc) } : {}),
    diagnostics: diagnostics.sort(comparePaths),
  };
}

async function readFolderBuild(dir: string, name: string): Promise<SourceBuild> {
  return readFolderAt(join(dir, name), name);
}

/**
 * A branch's uncommitted working tree as a build (`serve --watch-worktree`): the files as they are
 * on disk, under the branch's own name and tip. `ignore` holds globs to leave out (the output
 * folder, caches).
 */
export async function readWorktreeBuild(
  root: string,
  branch: BranchRef,
  ignore: readonly string[],
): Promise<SourceBuild> {
  const build = await readFolderAt(root, branch.name, ['.cache/**', '**/.ipynb_checkpoints/**', ...ignore]);
  return { ...build, branch };
}

async function readFolderAt(root: string, name: string, ignore: readonly string[] = []): Promise<SourceBuild> {
  const diagnostics: Diagnostic[] = [];
  const paths = await listFiles(root, name, diagnostics, ignore);
  const read = await mapLimit(paths, 16, (path) =>
    readFolderFile(root, path, name, diagnostics).catch((error: unknown) => {
      diagnostics.push(
        pathWarning('source-unreadable', name, path, `skipped a file that cannot be read: ${(error as Error).message}`),
      );
      return undefined;
    }),
  );
  const folderMtime = isoSeconds((await stat(root)).mtimeMs);
  return toBuild(
    name,
    read.filter((f): f is FolderFile => f !== undefined),
    folderMtime,
    diagnostics,
  );
}

/** The builds of a `--dir` folder, and warnings about notebooks that are in none of them. */
export interface FolderBuilds {
  readonly builds: SourceBuild[];
  readonly diagnostics: Diagnostic[];
}

async function folderEntries(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    throw new BinderpressError(`cannot read the folder ${dir}`, {
      hint: 'pass --dir DIR with a folder that holds one subfolder of notebooks per build',
      cause,
    });
  });
}

/** The subfolders that can be builds: hidden ones, node_modules and those in `skip` left out. */
function buildFolderNames(entries: readonly Dirent[], skip: readonly string[] = []): string[] {
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !skip.includes(e.name))
    .map((e) => e.name);
}

/**
 * Builds from plain folders: each direct subfolder of `dir` (hidden ones, node_modules and the
 * folders in `skip` left out) selected by `patterns` (all when none) is one build, sorted by name.
 * A `dir` with no such subfolder but notebooks of its own is one build, named after `dir` itself
 * as a subfolder would be: a folder of notebooks is what most first builds point at. `skip` holds
 * paths relative to `dir` (the output and cache folders) that are never read as sources.
 */
export async function readFolderBuilds(
  dir: string,
  patterns?: readonly string[],
  skip: readonly string[] = [],
): Promise<FolderBuilds> {
  const entries = await folderEntries(dir);
  const names = buildFolderNames(entries, skip);
  const loose = entries
    .filter((e) => !e.isDirectory() && classifyPath(e.name) === 'notebook')
    .map((e) => e.name)
    .sort(compareNames);
  if (names.length === 0 && loose.length > 0) {
    const name = basename(resolve(dir));
    selectByPatterns([name], patterns, 'folder', dir);
    return {
      builds: [
        await readFolderAt(
          dir,
          name,
          skip.map((p) => `${p}/**`),
        ),
      ],
      diagnostics: [],
    };
  }
  const selected = selectByPatterns(names, patterns, 'folder', dir);
  const builds: SourceBuild[] = [];
  for (const name of selected) builds.push(await readFolderBuild(dir, name));
  const shown = listForHint(names.sort(compareNames));
  const diagnostics = loose.map((path) =>
    pathWarning(
      'source-outside-build',
      '',
      path,
      `skipped a notebook directly in ${dir}: only its subfolders are builds, so the notebook is in none`,
      `move it into one of the build folders (${shown}), or into a new subfolder of ${dir} to make a build of its own`,
    ),
  );
  return { builds, diagnostics };
}

/** The subfolders of `dir` that hold a notebook (as builds see them), sorted by name. */
export async function foldersWithNotebooks(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of buildFolderNames(await folderEntries(dir)).sort(compareNames)) {
    const notebooks = await fg('**/*.ipynb', {
      cwd: join(dir, name),
      dot: true,
      followSymbolicLinks: false,
      ignore: ['**/.git/**', '**/node_modules/**'],
    });
    if (notebooks.some((p) => classifyPath(p) === 'notebook')) found.push(name);
  }
  return found;
}
