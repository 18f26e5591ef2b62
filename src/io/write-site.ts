// Writes the output plan atomically: everything goes into a staging folder beside the output,
// which is swapped in only when complete. A build that fails or is killed at any moment leaves
// the previous site whole (a swap interrupted between its two renames is repaired next time).
// `writeSiteFiles` takes files whose bytes are made as they are written, compares the plan with
// the manifest of the site already there (kept in the marker file) and, when nothing changed,
// touches nothing; otherwise unchanged files are hard-linked from the previous site.
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { BinderpressError } from './errors.js';
import { settleHeap } from '../util/heap.js';

/** Written into every site binderpress makes; a folder without it is not ours to replace. */
export const SITE_MARKER = '.binderpress-site';
const MARKER_TEXT = 'This folder is written by binderpress; it is replaced whole on every build.\n';

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

function unwritable(outDir: string, cause: unknown): BinderpressError {
  return new BinderpressError(`cannot write the output folder ${outDir}: ${(cause as Error).message}`, {
    hint: 'choose a writable folder with --out DIR',
    cause,
  });
}

/** The name of a folder a build makes beside the output: the next site, or the previous one during a swap. */
const sideFolder = (outDir: string, kind: 'staging' | 'old', pid = process.pid) =>
  join(dirname(outDir), `.${basename(outDir)}.${kind}-${pid}`);

/** A folder beside the output that binderpress made: its exact name, and the marker inside it. */
function isOurs(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() && lstatSync(join(path, SITE_MARKER)).isFile();
  } catch {
    return false;
  }
}

/**
 * Removes a staging or previous-site folder of this build, if there is one. Only a folder with
 * the marker (or an empty one) is removed: a folder of the same name that someone else made stays.
 */
function clearSideFolder(path: string): void {
  if (!existsSync(path)) return;
  if (isOurs(path)) {
    rmSync(path, { recursive: true, force: true });
    return;
  }
  try {
    rmdirSync(path); // an empty folder: a build killed right after making it
  } catch {
    throw new BinderpressError(`refusing to remove ${path}: binderpress did not make it`, {
      hint: 'move or rename that folder; binderpress uses this name while it replaces the output folder',
    });
  }
}

function swapIn(staging: string, outDir: string): void {
  const old = sideFolder(outDir, 'old');
  clearSideFolder(old);
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true }); // the previous site, just moved here
}

const SIDE_SUFFIX = /^(old|staging)-([1-9][0-9]{0,9})$/;

/**
 * If a build was killed between the two renames of a swap, put the previous site back; remove
 * what killed builds left beside the output. Only folders named exactly as a build names them
 * (`.{out}.staging-{pid}`, `.{out}.old-{pid}`), of no running process, holding the marker (or
 * empty) are touched: `.public.backup/` or a look-alike someone made is never removed.
 */
export function recoverInterruptedSwap(outDir: string): void {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(outDir)}.`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // not a folder (or unreadable): writing there fails next, with its own message
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? SIDE_SUFFIX.exec(name.slice(prefix.length)) : null;
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) continue; // another build's
    const path = join(parent, name);
    if (m[1] === 'old' && !existsSync(outDir))
      renameSync(path, outDir); // moving back loses nothing
    else if (isOurs(path)) rmSync(path, { recursive: true, force: true });
    else {
      try {
        rmdirSync(path); // empty: made by a build killed at once
      } catch {
        /* not ours: left alone */
      }
    }
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
    throw new BinderpressError(`the output path ${outDir} is a file, not a folder`, {
      hint: 'choose another with --out DIR',
    });
  }
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new BinderpressError(`refusing to replace ${outDir}: it holds files binderpress did not write`, {
      hint: 'the whole output folder is replaced on every build; choose an empty or new folder with --out DIR, or pass --force-out to replace it anyway',
    });
  }
}

/** A file of the plan whose bytes are made when it is written. */
export interface PlannedFile {
  readonly path: string;
  readonly origin: string;
  /** Changes whenever the bytes change (a content hash, a blob id, …): compared with the manifest. */
  readonly fingerprint: string;
  /**
   * The fingerprint names these bytes alone (a content hash, a blob id): files with the same one
   * (an image or a notebook that several branches hold) are written once, the others linked to it.
   */
  readonly contentAddressed?: boolean;
  content(): string | Uint8Array | Promise<string | Uint8Array>;
}

export interface StreamWriteResult extends WriteResult {
  /** True when the output already held exactly this plan: nothing was written. */
  readonly unchanged: boolean;
}

const MANIFEST_PREFIX = 'manifest ';

/** The manifest (path → fingerprint) recorded in a site's marker, or undefined. */
export function readManifest(outDir: string): Map<string, string> | undefined {
  try {
    const text = readFileSync(join(outDir, SITE_MARKER), 'utf8');
    const line = text.split('\n').find((l) => l.startsWith(MANIFEST_PREFIX));
    if (!line) return undefined;
    const parsed = JSON.parse(line.slice(MANIFEST_PREFIX.length)) as unknown;
    if (
      !Array.isArray(parsed) ||
      !parsed.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')
    )
      return undefined;
    return new Map(parsed as [string, string][]);
  } catch {
    return undefined;
  }
}

function markerWith(files: readonly PlannedFile[]): string {
  return `${MARKER_TEXT}${MANIFEST_PREFIX}${JSON.stringify(files.map((f) => [f.path, f.fingerprint]))}\n`;
}

function samePlan(previous: Map<string, string> | undefined, files: readonly PlannedFile[]): boolean {
  if (!previous || previous.size !== files.length) return false;
  return files.every((f) => previous.get(f.path) === f.fingerprint);
}

/**
 * Writes `files` (paths unique, checked by the planner) as the site in `out`. When the site there
 * was written from the same plan, nothing is touched; otherwise a staging folder is filled —
 * unchanged files hard-linked from the previous site — and swapped in.
 */
export async function writeSiteFiles(
  out: string,
  files: readonly PlannedFile[],
  options: WriteOptions = {},
): Promise<StreamWriteResult> {
  const outDir = resolve(out);
  recoverInterruptedSwap(outDir);
  checkOutputFolder(outDir, options);
  const previous = existsSync(outDir) ? readManifest(outDir) : undefined;
  if (samePlan(previous, files)) return { outDir, written: 0, reused: files.length, unchanged: true };
  const parent = dirname(outDir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (cause) {
    throw unwritable(outDir, cause);
  }
  const staging = sideFolder(outDir, 'staging');
  clearSideFolder(staging);
  clearSideFolder(sideFolder(outDir, 'old')); // before the work: a name taken by someone else stops the build now
  let written = 0;
  let reused = 0;
  try {
    mkdirSync(staging); // not recursive: on /proc a recursive mkdir never returns
    writeFileSync(join(staging, SITE_MARKER), MARKER_TEXT); // ours from the start, so a killed build's is cleared
    const made = new Set<string>();
    const firstOf = new Map<string, string>();
    for (const file of files) {
      const target = join(staging, ...file.path.split('/'));
      const dir = dirname(target);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      if (
        options.reuse !== false &&
        previous?.get(file.path) === file.fingerprint &&
        linkPrevious(outDir, file.path, target)
      )
        reused++;
      else {
        const first = file.contentAddressed ? firstOf.get(file.fingerprint) : undefined;
        if (first === undefined || !linkOrCopy(first, target)) {
          settleHeap(); // before making the bytes: a few files (feeds, the search index) are large
          writeFileSync(target, await file.content());
        }
        if (file.contentAddressed && first === undefined) firstOf.set(file.fingerprint, target);
        written++;
      }
    }
    settleHeap();
    writeFileSync(join(staging, SITE_MARKER), markerWith(files));
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    const fsError =
      typeof (cause as { code?: unknown } | null)?.code === 'string' &&
      /^E[A-Z]+$/.test((cause as { code: string }).code);
    throw fsError ? unwritable(outDir, cause) : cause;
  }
  swapIn(staging, outDir);
  return { outDir, written, reused, unchanged: false };
}

function linkPrevious(outDir: string, path: string, target: string): boolean {
  return linkOrCopy(join(outDir, ...path.split('/')), target);
}

/** A hard link to `from` (a copy where links are not allowed); false when neither works. */
function linkOrCopy(from: string, target: string): boolean {
  try {
    linkSync(from, target);
    return true;
  } catch {
    try {
      copyFileSync(from, target);
      return true;
    } catch {
      return false;
    }
  }
}
