// Test support: real git repositories made in a temp folder, one branch per entry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileTree = Record<string, string | Uint8Array>;

export interface TestRepo {
  readonly dir: string;
  git(...args: string[]): string;
  /** Commits `files` on `branch` (created from the empty root commit when new). */
  commit(branch: string, files: FileTree, message: string, date?: string): string;
  remove(): void;
}

export function makeTempDir(prefix = 'bp-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeRepo(origin?: string): TestRepo {
  const dir = makeTempDir('bp-repo-');
  let clock = Date.UTC(2026, 0, 5, 10, 0, 0);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test Author',
        GIT_AUTHOR_EMAIL: 'author@example.org',
        GIT_COMMITTER_NAME: 'Test Author',
        GIT_COMMITTER_EMAIL: 'author@example.org',
        GIT_CONFIG_NOSYSTEM: '1',
      },
    }).toString();
  git('init', '-q', '-b', 'root');
  git('config', 'commit.gpgsign', 'false');
  if (origin) git('remote', 'add', 'origin', origin);
  const dateEnv = (date: string) => ({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  const run = (env: Record<string, string>, ...args: string[]) =>
    execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'author@example.org', GIT_COMMITTER_NAME: 'Test Author', GIT_COMMITTER_EMAIL: 'author@example.org', ...env } }).toString();
  run(dateEnv(new Date(clock).toISOString()), 'commit', '-q', '--allow-empty', '-m', 'root');
  const rootCommit = git('rev-parse', 'HEAD').trim();
  return {
    dir,
    git,
    commit(branch, files, message, date) {
      clock += 3600_000;
      const when = date ?? new Date(clock).toISOString().replace('.000Z', '+00:00');
      const exists = git('branch', '--list', branch).trim() !== '';
      if (exists) git('checkout', '-q', branch);
      else git('checkout', '-q', '-b', branch, rootCommit);
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, ...path.split('/'));
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
        git('add', '--', path);
      }
      run(dateEnv(when), 'commit', '-q', '-m', message);
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
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' }, ...metadata },
      cells: cells.map((c, i) => ({ id: `cell-${i}`, metadata: {}, ...c })),
    },
    null,
    1,
  );
}

export const md = (source: string) => ({ cell_type: 'markdown', source });
export const code = (source: string, outputs: object[] = [], execution_count: number | null = 1) => ({ cell_type: 'code', source, outputs, execution_count });
