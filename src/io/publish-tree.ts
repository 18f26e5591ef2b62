// Git objects for publishing: a site folder read into blobs (one `hash-object --stdin-paths`
// process for all files, `--no-filters` so the bytes are stored exactly), trees written bottom-up
// with `mktree -z`, and an existing commit's tree listed. Only the object database is written.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BinderpressError } from './errors.js';
import { gitEnv, runGit } from './git.js';

export interface TreeEntry {
  readonly mode: string;
  readonly type: 'blob' | 'tree' | 'commit';
  readonly sha: string;
}
export type Node = TreeEntry | { readonly type: 'dir'; readonly children: Dir };
export type Dir = Map<string, Node>;

/** Runs `git -C repo …args` with `input` on stdin and returns stdout. */
export function gitInput(
  repo: string,
  args: readonly string[],
  input: string | Uint8Array,
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('git', ['-C', repo, '-c', 'core.quotePath=false', ...args], {
      env: { ...gitEnv(), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    child.stdin.on('error', () => {}); // EPIPE when git exits early: reported by 'close'
    child.on('error', (cause) =>
      fail(
        new BinderpressError(`cannot run git ${args[0] ?? ''} in ${repo}: ${cause.message}`, {
          hint: 'install git',
          cause,
        }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) done(Buffer.concat(out).toString('utf8'));
      else
        fail(
          new BinderpressError(`git ${args[0] ?? ''} failed in ${repo}: ${err.trim().split('\n')[0] ?? ''}`, {
            hint: 'check that git works in that folder',
          }),
        );
    });
    child.stdin.end(input);
  });
}

/** Every entry of a commit's tree by full path (folders included), its tree id and file count. */
export async function listTree(
  repo: string,
  commit: string,
): Promise<{ tree: string; files: number; entries: Map<string, TreeEntry> }> {
  const tree = (await runGit(repo, ['rev-parse', '--verify', `${commit}^{tree}`])).stdout.toString('utf8').trim();
  const out = (await runGit(repo, ['ls-tree', '-r', '-t', '-z', '--full-tree', tree])).stdout.toString('utf8');
  const entries = new Map<string, TreeEntry>();
  let files = 0;
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', sha = ''] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), { mode, type: type as TreeEntry['type'], sha });
    if (type === 'blob') files++;
  }
  return { tree, files, entries };
}

interface Pending {
  readonly dir: Dir;
  readonly name: string;
  readonly mode: string;
  readonly abs: string;
}

/** Hashes the given files into the object database; names with line breaks go one at a time. */
async function hashFiles(repo: string, files: readonly Pending[]): Promise<string[]> {
  const batch = files.filter((f) => !/[\r\n]/.test(f.abs) && f.mode !== '120000');
  const shas = new Map<Pending, string>();
  if (batch.length > 0) {
    const out = await gitInput(
      repo,
      ['hash-object', '-w', '--no-filters', '--stdin-paths'],
      `${batch.map((f) => f.abs).join('\n')}\n`,
    );
    out
      .trim()
      .split('\n')
      .forEach((sha, i) => {
        shas.set(batch[i] as Pending, sha);
      });
  }
  for (const f of files) {
    if (shas.has(f)) continue;
    const bytes = f.mode === '120000' ? Buffer.from(readlinkSync(f.abs)) : readFileSync(f.abs);
    shas.set(f, (await gitInput(repo, ['hash-object', '-w', '--no-filters', '--stdin'], bytes)).trim());
  }
  return files.map((f) => shas.get(f) as string);
}

/** The site folder as a tree of blobs, to which kept entries from the previous site are added. */
export class SiteTree {
  readonly root: Dir = new Map();
  constructor(private readonly repo: string) {}

  /** Adds an old entry at `segments` unless the site has something there (or a file on the way). */
  keepEntry(segments: readonly string[], entry: TreeEntry): void {
    let dir = this.root;
    for (const name of segments.slice(0, -1)) {
      let next = dir.get(name);
      if (!next) dir.set(name, (next = { type: 'dir', children: new Map() }));
      if (next.type !== 'dir') return;
      dir = next.children;
    }
    const last = segments[segments.length - 1] as string;
    if (!dir.has(last)) dir.set(last, entry);
  }

  async ensureFile(name: string, bytes: Uint8Array): Promise<void> {
    if (this.root.has(name)) return;
    const sha = (await gitInput(this.repo, ['hash-object', '-w', '--stdin'], bytes)).trim();
    this.root.set(name, { mode: '100644', type: 'blob', sha });
  }

  /** Files in the tree; a kept folder counts the files it held in `old`. */
  countFiles(old: ReadonlyMap<string, TreeEntry>, dir: Dir = this.root, prefix = ''): number {
    let n = 0;
    for (const [name, node] of dir) {
      const path = prefix + name;
      if (node.type === 'dir') n += this.countFiles(old, node.children, `${path}/`);
      else if (node.type === 'blob') n++;
      else if (node.type === 'tree') for (const [p, e] of old) if (e.type === 'blob' && p.startsWith(`${path}/`)) n++;
    }
    return n;
  }
}

/** Reads `siteDir` (regular files, symlinks as links; `.git` left out) into blobs. */
export async function readSiteFolder(repo: string, siteDir: string): Promise<SiteTree> {
  const abs = resolve(siteDir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new BinderpressError(`nothing to publish: ${abs} is not a folder`, {
      hint: 'build the site first (binderpress build), or check --out',
    });
  }
  const site = new SiteTree(repo);
  const pending: Pending[] = [];
  const walk = (dir: string, into: Dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (d.name.toLowerCase() === '.git') continue;
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        const children: Dir = new Map();
        into.set(d.name, { type: 'dir', children });
        walk(path, children);
      } else if (d.isFile())
        pending.push({ dir: into, name: d.name, abs: path, mode: statSync(path).mode & 0o111 ? '100755' : '100644' });
      else if (d.isSymbolicLink()) pending.push({ dir: into, name: d.name, abs: path, mode: '120000' });
    }
  };
  walk(abs, site.root);
  if (pending.length === 0)
    throw new BinderpressError(`nothing to publish: ${abs} has no files`, {
      hint: 'build the site first (binderpress build), or check --out',
    });
  const shas = await hashFiles(repo, pending);
  pending.forEach((f, i) => {
    f.dir.set(f.name, { mode: f.mode, type: 'blob', sha: shas[i] as string });
  });
  return site;
}

/** Writes `dir` and its sub-folders as tree objects; returns the tree id, or null when empty. */
export async function writeTree(repo: string, dir: Dir): Promise<string> {
  const write = async (d: Dir): Promise<string | null> => {
    let input = '';
    for (const [name, node] of d) {
      const entry =
        node.type === 'dir'
          ? await write(node.children).then((sha) => sha && { mode: '040000', type: 'tree', sha })
          : node;
      if (entry) input += `${entry.mode} ${entry.type} ${entry.sha}\t${name}\0`;
    }
    return input === '' ? null : (await gitInput(repo, ['mktree', '-z'], input)).trim();
  };
  return (await write(dir)) ?? (await gitInput(repo, ['mktree', '-z'], '')).trim();
}
