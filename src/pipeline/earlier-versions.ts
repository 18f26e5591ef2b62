// A notebook that cannot be read at its branch's tip (merge-conflict markers, truncated JSON, a Git
// LFS pointer, …) is built from its last commit on that branch where it could be: its earlier
// versions, newest first, go through the same render path (and render cache) in rounds, until one
// reads. Only notebooks that fail at the tip cost anything: one `git log` per branch holding one.
import type { Progress } from '../io/progress.js';
import { cellLabel, type Diagnostic } from '../types.js';
import { diagnosticsFor, renderStopped, type NotebookEntry } from './entry-types.js';
import type { LazyBuild, NotebookRef } from './read-sources.js';
import type { Wanted } from './render-entries.js';

/** Why a notebook's tip version cannot be read: its errors. */
export interface TipFailure {
  readonly blob: string;
  readonly problems: readonly Diagnostic[];
}

/** The earlier version a notebook is built from, with its entry. */
export interface Fallback {
  /** The tip's build and index, with the earlier version's ref. */
  readonly version: Wanted;
  readonly entry: NotebookEntry;
  readonly key: string;
  readonly tip: TipFailure;
}

/** Each version of a round (by ref), from the cache or rendered (see `resolveEntries`). */
export type ResolveRound = (round: readonly Wanted[]) => Promise<{
  readonly found: ReadonlyMap<NotebookRef, { readonly entry: NotebookEntry; readonly key: string }>;
  readonly rendered: ReadonlySet<NotebookRef>;
}>;

interface Open {
  readonly tip: Wanted;
  readonly failure: TipFailure;
  readonly versions: readonly NotebookRef[];
  next: number;
}

/** The notebooks among `unreadable` with earlier versions to try, grouped into one walk per build. */
async function withHistory(
  builds: readonly LazyBuild[],
  unreadable: readonly { wanted: Wanted; entry: NotebookEntry }[],
): Promise<Open[]> {
  const open: Open[] = [];
  for (const [bi, b] of builds.entries()) {
    const mine = unreadable.filter((u) => u.wanted.build === bi);
    if (mine.length === 0 || !b.earlierVersions) continue;
    const history = await b.earlierVersions(mine.map((u) => u.wanted.ref));
    for (const u of mine) {
      const versions = history.get(u.wanted.ref.path) ?? [];
      const problems = diagnosticsFor(u.entry, b.branch.name).filter((d) => d.severity === 'error');
      if (versions.length > 0)
        open.push({ tip: u.wanted, failure: { blob: u.wanted.ref.blob, problems }, versions, next: 0 });
    }
  }
  return open;
}

/**
 * For each notebook its tip cannot give (`unreadable`, with the tip's entry), the newest earlier
 * version on its branch that reads, if any; and the versions rendered on the way.
 */
export async function fallBackToEarlierVersions(
  builds: readonly LazyBuild[],
  unreadable: readonly { wanted: Wanted; entry: NotebookEntry }[],
  resolve: ResolveRound,
  progress: Progress,
): Promise<{ chosen: Fallback[]; rendered: Set<NotebookRef> }> {
  const chosen: Fallback[] = [];
  const rendered = new Set<NotebookRef>();
  if (unreadable.length === 0) return { chosen, rendered };
  let open = await withHistory(builds, unreadable);
  if (open.length > 0) progress.phase('rendering earlier versions of notebooks that cannot be read', open.length);
  while (open.length > 0) {
    const round = open.map((o): Wanted => ({ ...o.tip, ref: o.versions[o.next] as NotebookRef }));
    const result = await resolve(round);
    for (const ref of result.rendered) rendered.add(ref);
    open = open.filter((o, i) => {
      const version = round[i] as Wanted;
      const got = result.found.get(version.ref);
      if (got?.entry.meta) {
        chosen.push({ version, entry: got.entry, key: got.key, tip: o.failure });
        return false;
      }
      // A version its render process had to stop costs up to the render time limit: the walk
      // ends at the first earlier one that is stopped too, so a notebook costs at most two.
      if (got && renderStopped(got.entry)) return false;
      o.next += 1;
      return o.next < o.versions.length;
    });
  }
  return { chosen, rendered };
}

/** The warning a notebook built from an earlier version carries: which commit, and why not the tip. */
export function olderVersionWarning(version: NotebookRef, tip: TipFailure): Diagnostic {
  const short = version.lastCommit.sha.slice(0, 7);
  const day = version.lastCommit.date.slice(0, 10);
  const why =
    tip.problems.map((d) => (d.cell !== undefined ? `${cellLabel(d.cell)}: ${d.message}` : d.message)).join('; ') ||
    'it is not a notebook';
  const fix = tip.problems.find((d) => d.hint)?.hint;
  return {
    rule: 'notebook-earlier-version',
    severity: 'warning',
    branch: version.branch,
    path: version.path,
    message: `the latest commit of this notebook cannot be read (${why}), so its page shows the version of ${day} (commit ${short}), the last one on this branch that can be read`,
    hint: `${fix ? `${fix} ` : ''}To bring back the version the page shows: \`git checkout ${short} -- "${version.path}"\`, then commit.`,
  };
}
