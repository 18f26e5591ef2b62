// Edge: the folder a notebook runs in, a temporary copy of its build's tree, so relative data files
// and helper modules beside it work. A branch's tree comes from git objects at the built commit
// (`git archive COMMIT | tar -x`): the user's checkout, index and working tree are never read nor
// written. A `--dir` build's folder is copied. The copy is removed after the run: outputs never
// reach the repository.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitEnv } from '../io/git.js';

export type TreeSource =
  | { readonly kind: 'git'; readonly repo: string; readonly commit: string }
  | { readonly kind: 'folder'; readonly dir: string };

/** Where a build's files come from: its commit, or its folder under `--dir` (DIR itself when it is the one build). */
export function treeSource(
  config: { readonly repo: string; readonly dir?: string },
  build: { readonly name: string; readonly commit: string },
): TreeSource {
  if (!config.dir) return { kind: 'git', repo: config.repo, commit: build.commit };
  const sub = join(config.dir, build.name);
  let isDir = false;
  try {
    isDir = statSync(sub).isDirectory();
  } catch {
    isDir = false;
  }
  return { kind: 'folder', dir: isDir ? sub : config.dir };
}

function extract(repo: string, commit: string, into: string): Promise<void> {
  return new Promise((done, fail) => {
    const git = spawn('git', ['-C', repo, 'archive', '--format=tar', commit], {
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    git.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    tar.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    git.stdout.pipe(tar.stdin);
    let left = 2;
    let failed = false;
    const end = (code: number | null) => {
      failed ||= code !== 0;
      if (--left > 0) return;
      if (failed)
        fail(new Error(`could not copy the tree of ${commit.slice(0, 12)}: ${errors.trim().split('\n')[0] ?? ''}`));
      else done();
    };
    git.on('error', (e) => ((errors += e.message), end(1)));
    tar.on('error', (e) => ((errors += e.message), end(1)));
    git.on('close', end);
    tar.on('close', end);
  });
}

/** A fresh temporary folder holding the tree; `remove()` deletes it. */
export async function materializeTree(source: TreeSource): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bp-exec-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (source.kind === 'git') await extract(source.repo, source.commit, dir);
    else cpSync(source.dir, dir, { recursive: true, filter: (p) => !/[\\/](\.git|node_modules)$/.test(p) });
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}
