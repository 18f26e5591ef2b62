// Stage (pure): notebooks of one build whose output would land on one path, compared without case
// as the output plan compares them (`lesson.ipynb` and `Lesson.ipynb`, left side by side by a
// rename on a case-sensitive disk). A site copied to or served from a case-insensitive disk can
// hold only one of them, and which one must not depend on the disk. One is left out here, before
// anything is rendered, so the index, pager, feeds, sitemap and search index only ever name the
// page that is written.
import { orderFromToc } from '../site/toc.js';
import { buildSlug, notebookPagePath } from '../site/paths.js';
import type { Diagnostic } from '../types.js';
import type { LazyBuild, NotebookRef } from './read-sources.js';

/** Output paths a notebook claims (its page and its download), as the output plan compares them. */
function claims(path: string): string[] {
  return [notebookPagePath(path).toLowerCase(), path.toLowerCase()];
}

const byPath = (a: NotebookRef, b: NotebookRef): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The notebooks kept, in `order` (the first to claim a path keeps it), and what each dropped one lost to. */
function firstClaims(order: readonly NotebookRef[]): { kept: Set<NotebookRef>; lost: Map<NotebookRef, NotebookRef> } {
  const owner = new Map<string, NotebookRef>();
  const kept = new Set<NotebookRef>();
  const lost = new Map<NotebookRef, NotebookRef>();
  for (const nb of order) {
    const taken = claims(nb.path)
      .map((key) => owner.get(key))
      .find((o) => o !== undefined);
    if (taken) {
      lost.set(nb, taken);
      continue;
    }
    kept.add(nb);
    for (const key of claims(nb.path)) owner.set(key, nb);
  }
  return { kept, lost };
}

/**
 * The build without notebooks whose output another one of it already claims. Kept: the one the
 * table of contents lists (the course names it), else the first in code-unit path order, the order
 * git lists a tree in (`Lesson.ipynb` before `lesson.ipynb`). Each one left out is an error.
 */
export function dropNotebookCollisions(build: LazyBuild): { build: LazyBuild; diagnostics: Diagnostic[] } {
  const sorted = [...build.notebooks].sort(byPath);
  if (firstClaims(sorted).lost.size === 0) return { build, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const listed = new Set(orderFromToc(build.toc, build.paths, build.branch.name).order);
  const preferred = [...sorted.filter((n) => listed.has(n.path)), ...sorted.filter((n) => !listed.has(n.path))];
  const { kept, lost } = firstClaims(preferred);
  const slug = buildSlug(build.branch.name);
  for (const [dropped, winner] of [...lost].sort(([a], [b]) => byPath(a, b))) {
    const why =
      listed.has(winner.path) && !listed.has(dropped.path)
        ? `${build.toc?.path ?? '_toc.yml'} lists it`
        : 'the first by path';
    diagnostics.push({
      rule: 'output-collision',
      severity: 'error',
      branch: build.branch.name,
      path: dropped.path,
      message: `notebooks \`${winner.path}\` and \`${dropped.path}\` would both be written to ${slug}/${notebookPagePath(winner.path)} (names that differ only in case are one file on many disks); \`${winner.path}\` is kept (${why}) and \`${dropped.path}\` is left out`,
      hint: 'rename one of the two notebooks so their names differ by more than case, or delete the one that is not wanted',
    });
  }
  return { build: { ...build, notebooks: build.notebooks.filter((n) => kept.has(n)) }, diagnostics };
}
