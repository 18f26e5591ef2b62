// Reading one branch from the object database: its tree (`ls-tree`), the blobs the site needs
// (through one pipelined `cat-file --batch`) and the last commit of every notebook (one `git log`).
import type { BranchRef, CommitInfo, Diagnostic, SourceBuild, SourceFile, SourceNotebook } from '../types.js';
import { runGit, type BlobReader } from '../io/git.js';
import { MAX_FILE_BYTES, classifyPath, comparePaths, decodePath, pathWarning, unsafePathReason } from './classify.js';
import { findLastCommits } from './last-commits.js';

interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  /** Blob size in bytes; -1 for submodules. */
  readonly size: number;
  readonly path: string;
}

/** The wanted blobs of a tree, before their bytes are read. */
interface TreePlan {
  readonly notebooks: TreeEntry[];
  readonly files: TreeEntry[];
  readonly envFiles: TreeEntry[];
  readonly tocs: TreeEntry[];
  readonly paths: string[];
  readonly diagnostics: Diagnostic[];
}

/** Parses one `ls-tree -l -z` record: `<mode> SP <type> SP <sha> SP+ <size> TAB <path>`. */
function parseEntry(record: Buffer, branch: string, diagnostics: Diagnostic[]): TreeEntry | undefined {
  const tab = record.indexOf(9);
  const [mode = '', type = '', sha = '', size = ''] = record.toString('latin1', 0, tab).split(/ +/);
  const path = decodePath(record.subarray(tab + 1));
  if (path === undefined) {
    const shown = record.toString('latin1', tab + 1).replace(/[^\x20-\x7e]/g, '?');
    diagnostics.push(
      pathWarning('source-unsafe-path', branch, shown, 'skipped a path that is not valid UTF-8', 'rename the file'),
    );
    return undefined;
  }
  const reason = unsafePathReason(path);
  if (reason !== undefined) {
    diagnostics.push(pathWarning('source-unsafe-path', branch, path, `skipped a path: ${reason}`, 'rename the file'));
    return undefined;
  }
  return { mode, type, sha, size: size === '-' ? -1 : Number(size), path };
}

function planTree(stdout: Buffer, branch: string): TreePlan {
  const plan: TreePlan = { notebooks: [], files: [], envFiles: [], tocs: [], paths: [], diagnostics: [] };
  let start = 0;
  for (let nul = stdout.indexOf(0); nul >= 0; start = nul + 1, nul = stdout.indexOf(0, start)) {
    const entry = parseEntry(stdout.subarray(start, nul), branch, plan.diagnostics);
    if (entry) addEntry(plan, entry, branch);
  }
  return plan;
}

function addEntry(plan: TreePlan, entry: TreeEntry, branch: string): void {
  if (entry.mode === '120000') {
    plan.diagnostics.push(
      pathWarning(
        'source-symlink',
        branch,
        entry.path,
        'skipped a symbolic link',
        'commit the file itself instead of a link to it',
      ),
    );
    return;
  }
  if (entry.mode === '160000' || entry.type === 'commit') {
    plan.diagnostics.push(
      pathWarning(
        'source-submodule',
        branch,
        entry.path,
        'skipped a submodule: its notebooks are not part of this branch',
        "build the submodule's repository on its own",
      ),
    );
    return;
  }
  if (entry.type !== 'blob') return;
  plan.paths.push(entry.path);
  if (TOC_PATHS.includes(entry.path)) plan.tocs.push(entry);
  const role = classifyPath(entry.path);
  if (role === 'notebook') plan.notebooks.push(entry);
  else if (role === 'env') plan.envFiles.push(entry);
  else if (role === 'image' && entry.size > MAX_FILE_BYTES) {
    const mb = (entry.size / 1024 / 1024).toFixed(1);
    plan.diagnostics.push(
      pathWarning(
        'source-file-too-large',
        branch,
        entry.path,
        `skipped an image of ${mb} MB (the limit is 20 MB)`,
        'make the image smaller',
      ),
    );
  } else if (role === 'image') plan.files.push(entry);
}

/** Where a branch's table of contents is looked for, preferred first (Jupyter Book's names). */
export const TOC_PATHS: readonly string[] = ['_toc.yml', '_toc.yaml'];

/** The table of contents to use among the candidates found: the first of `TOC_PATHS` present. */
export function pickToc<T extends { readonly path: string }>(candidates: readonly T[]): T | undefined {
  for (const path of TOC_PATHS) {
    const found = candidates.find((c) => c.path === path);
    if (found) return found;
  }
  return undefined;
}

/** Reads blobs once per distinct sha (identical files share one read). */
function blobLoader(blobs: BlobReader): (sha: string) => Promise<Uint8Array> {
  const reads = new Map<string, Promise<Uint8Array>>();
  return (sha) => {
    let read = reads.get(sha);
    if (!read) reads.set(sha, (read = blobs.read(sha)));
    return read;
  };
}

/** Everything the site needs from one branch. The working tree and index are never touched. */
export async function readBranch(repo: string, branch: BranchRef, blobs: BlobReader): Promise<SourceBuild> {
  const tree = await runGit(repo, ['ls-tree', '-r', '-z', '-l', '--full-tree', branch.commit]);
  const plan = planTree(tree.stdout, branch.name);
  const load = blobLoader(blobs);
  const toFile = async (entry: TreeEntry): Promise<SourceFile> => ({
    path: entry.path,
    blob: entry.sha,
    bytes: await load(entry.sha),
  });
  const tocEntry = pickToc(plan.tocs);
  const [lastCommits, notebookFiles, files, envFiles, toc] = await Promise.all([
    findLastCommits(
      repo,
      branch.commit,
      plan.notebooks.map((entry) => entry.path),
    ),
    Promise.all(plan.notebooks.map(toFile)),
    Promise.all(plan.files.map(toFile)),
    Promise.all(plan.envFiles.map(toFile)),
    tocEntry ? toFile(tocEntry) : undefined,
  ]);
  const notebooks = notebookFiles.map((file): SourceNotebook => {
    const lastCommit: CommitInfo = lastCommits.get(file.path) ?? branch.tip;
    return { branch: branch.name, ...file, lastCommit };
  });
  return {
    branch,
    notebooks: notebooks.sort(comparePaths),
    files: files.sort(comparePaths),
    envFiles: envFiles.sort(comparePaths),
    paths: plan.paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    ...(toc ? { toc } : {}),
    diagnostics: plan.diagnostics.sort(comparePaths),
  };
}
