// Writes the output plan atomically: everything goes into a staging folder beside the output,
// which is swapped in only when complete. A build that fails or is killed at any moment leaves
// the previous site whole (a swap interrupted between its two renames is repaired next time).
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { OutputPlan } from '../types.js';
import { BinderpressError } from './errors.js';

/** Written into every site binderpress makes; a folder without it is not ours to replace. */
export const SITE_MARKER = '.binderpress-site';

export interface WriteOptions {
  /** Write into a folder that binderpress did not make (or the repository itself). */
  readonly allowOutside?: boolean;
  /** Folders the output must never be or contain (the source repository). */
  readonly protect?: readonly string[];
  /** Previous site to hard-link unchanged files from (same bytes → same inode, no rewrite). */
  readonly reuse?: boolean;
}

export interface WriteResult {
  readonly outDir: string;
  readonly written: number;
  readonly reused: number;
}

export function writeSite(out: string, plan: OutputPlan, options: WriteOptions = {}): WriteResult {
  const outDir = resolve(out);
  recoverInterruptedSwap(outDir);
  checkOutputFolder(outDir, options);
  const parent = dirname(outDir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (cause) {
    throw unwritable(outDir, cause);
  }
  const staging = join(parent, `.${basename(outDir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  let written = 0;
  let reused = 0;
  try {
    mkdirSync(staging, { recursive: true });
    for (const file of plan.files) {
      const target = join(staging, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      if (options.reuse !== false && linkUnchanged(outDir, file.path, file.content, target)) reused++;
      else {
        writeFileSync(target, file.content);
        written++;
      }
    }
    writeFileSync(join(staging, SITE_MARKER), 'This folder is written by binderpress; it is replaced whole on every build.\n');
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    throw unwritable(outDir, cause);
  }
  swapIn(staging, outDir);
  return { outDir, written, reused };
}

function unwritable(outDir: string, cause: unknown): BinderpressError {
  return new BinderpressError(`cannot write the output folder ${outDir}: ${(cause as Error).message}`, {
    hint: 'choose a writable folder with --out DIR',
    cause,
  });
}

/** Hard-links a previous output file into staging when its bytes are unchanged. */
function linkUnchanged(outDir: string, path: string, content: string | Uint8Array, target: string): boolean {
  const previous = join(outDir, ...path.split('/'));
  try {
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    if (statSync(previous).size !== size) return false;
    const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    if (!bytes.equals(readFileSync(previous))) return false;
    try {
      linkSync(previous, target);
    } catch {
      copyFileSync(previous, target);
    }
    return true;
  } catch {
    return false;
  }
}

function swapIn(staging: string, outDir: string): void {
  const old = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
}

/** If a build was killed between the two renames of a swap, put the previous site back. */
export function recoverInterruptedSwap(outDir: string): void {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(outDir)}.`;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const path = join(parent, name);
    const pid = Number(name.slice(name.lastIndexOf('-') + 1));
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue; // another build's
    if (name.startsWith(prefix + 'old-') && !existsSync(outDir)) renameSync(path, outDir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function checkOutputFolder(outDir: string, options: WriteOptions): void {
  if (options.allowOutside) return;
  for (const p of options.protect ?? []) {
    const rel = relative(outDir, resolve(p));
    if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..')) {
      throw new BinderpressError(`refusing to write the site into ${outDir}: it is or contains ${resolve(p)}`, {
        hint: 'the whole output folder is replaced on every build; choose another with --out DIR (default: public)',
      });
    }
  }
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw new BinderpressError(`the output path ${outDir} is a file, not a folder`, { hint: 'choose another with --out DIR' });
  }
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new BinderpressError(`refusing to replace ${outDir}: it holds files binderpress did not write`, {
      hint: 'the whole output folder is replaced on every build; choose an empty or new folder with --out DIR, or pass --force-out to replace it anyway',
    });
  }
}
