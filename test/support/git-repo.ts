// Test support: real git repositories made in a temp folder. Two ways to fill one: `commit(branch,
// files)` commits a file tree on a branch grown from an empty root commit (branch `root`); or, with
// `{ root: false }` (an unborn `main`, as `git init` leaves it), `write` files into the work tree
// and `commitWorkTree` them with a given date and author, driving git as a person would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileTree = Record<string, string | Uint8Array>;

export interface TestRepo {
  readonly dir: string;
  git(...args: string[]): string;
  /** Runs git with `input` on its standard input (e.g. `hash-object --stdin`, `mktree`). */
  gitInput(input: string | Uint8Array, ...args: string[]): string;
  /** Commits `files` on `branch` (created from the empty root commit when new). */
  commit(branch: string, files: FileTree, message: string, date?: string): string;
  /** Writes a file of the work tree (folders made as needed). */
  write(path: string, content: string | Uint8Array): void;
  /** `git add -A` (unless `stage` is false) and commits the current branch; returns the sha. */
  commitWorkTree(message: string, date: string, author?: string, stage?: boolean): string;
  remove(): void;
}

export interface RepoOptions {
  /** An `origin` remote URL. */
  origin?: string;
  /** Start with branch `root` holding one empty commit (the default), or with an unborn `main`. */
  root?: boolean;
}

export function makeTempDir(prefix = 'bp-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const who = (name: string, email: string) => ({
  GIT_AUTHOR_NAME: name,
  GIT_AUTHOR_EMAIL: email,
  GIT_COMMITTER_NAME: name,
  GIT_COMMITTER_EMAIL: email,
});
const dateEnv = (date: string) => ({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });

export function makeRepo(options: RepoOptions | string = {}): TestRepo {
  const { origin, root = true } = typeof options === 'string' ? { origin: options } : options;
  const dir = makeTempDir('bp-repo-');
  let clock = Date.UTC(2026, 0, 5, 10, 0, 0);
  const run = (env: Record<string, string>, input: string | Uint8Array | undefined, args: string[]) =>
    execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
      cwd: dir,
      input: input ?? '',
      maxBuffer: 1 << 28,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...who('Test Author', 'author@example.org'), GIT_CONFIG_NOSYSTEM: '1', ...env },
    }).toString();
  const git = (...args: string[]) => run({}, undefined, args);
  git('init', '-q', '-b', root ? 'root' : 'main');
  git('config', 'commit.gpgsign', 'false');
  if (origin) git('remote', 'add', 'origin', origin);
  if (root) run(dateEnv(new Date(clock).toISOString()), undefined, ['commit', '-q', '--allow-empty', '-m', 'root']);
  const rootCommit = root ? git('rev-parse', 'HEAD').trim() : undefined;
  const write = (path: string, content: string | Uint8Array) => {
    const full = join(dir, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  return {
    dir,
    git,
    gitInput: (input, ...args) => run({}, input, args),
    write,
    commit(branch, files, message, date) {
      clock += 3600_000;
      const when = date ?? new Date(clock).toISOString().replace('.000Z', '+00:00');
      const exists = git('branch', '--list', branch).trim() !== '';
      if (exists) git('checkout', '-q', branch);
      else git('checkout', '-q', '-b', branch, ...(rootCommit ? [rootCommit] : []));
      for (const [path, content] of Object.entries(files)) {
        write(path, content);
        git('add', '--', path);
      }
      run(dateEnv(when), undefined, ['commit', '-q', '-m', message]);
      return git('rev-parse', 'HEAD').trim();
    },
    commitWorkTree(message, date, author = 'Ada Lovelace', stage = true) {
      const email = `${author.split(' ')[0]?.toLowerCase() ?? 'x'}@example.org`;
      if (stage) git('add', '-A');
      run({ ...who(author, email), ...dateEnv(date) }, undefined, ['commit', '-q', '--allow-empty', '-m', message]);
      return git('rev-parse', 'HEAD').trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A minimal valid nbformat 4.5 notebook with the given cells. */
export function notebookJson(cells: object[], metadata: object = {}): string {
  return JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
        language_info: { name: 'python' },
        ...metadata,
      },
      cells: cells.map((c, i) => ({ id: `cell-${i}`, metadata: {}, ...c })),
    },
    null,
    1,
  );
}

/** A small notebook: a `# title` heading and one code cell. */
export const notebookText = (title: string, source = 'print(1)'): string =>
  `${notebookJson([md(`# ${title}`), code(source, [], null)])}\n`;

export const md = (source: string) => ({ cell_type: 'markdown', source });
export const code = (source: string, outputs: object[] = [], execution_count: number | null = 1) => ({
  cell_type: 'code',
  source,
  outputs,
  execution_count,
});
