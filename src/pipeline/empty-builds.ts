// Builds that hold no notebook (a docs branch, a folder of data files) have no page to publish.
// Each is left out with one notice that names it, rather than vanishing from the home page with
// only advice meant for notebooks (Binder environment files, skipped images). A selection in which
// no build holds a notebook builds nothing: that is a fatal error, as a pattern that selects no
// branch is, and the site already in the output folder is left as it is.
import type { Config } from '../config.js';
import { BinderpressError } from '../io/errors.js';
import { branchesWithNotebooks } from '../source/branches.js';
import { foldersWithNotebooks } from '../source/folders.js';
import { listForHint } from '../source/patterns.js';
import type { Diagnostic } from '../types.js';
import type { LazyBuild } from './read-sources.js';

/** The builds that hold a notebook; a notice for each other one. */
export function leaveOutEmptyBuilds(
  builds: readonly LazyBuild[],
  plainFolders: boolean,
): { builds: LazyBuild[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const [kind, kinds] = plainFolders ? ['folder', 'folders'] : ['branch', 'branches'];
  for (const b of builds.filter((b) => b.notebooks.length === 0)) {
    diagnostics.push({
      rule: 'source-no-notebooks',
      severity: 'info',
      branch: b.branch.name,
      path: '',
      message: `${kind} ${b.branch.name} has no notebooks (.ipynb); it is left out of the site`,
      hint: `if it should be a build, add notebooks (.ipynb) to it; --branches chooses the ${kinds} to build`,
    });
    // A notebook skipped while reading (a symbolic link, an unsafe name) is why it has none.
    diagnostics.push(...b.diagnostics.filter((d) => d.path.endsWith('.ipynb')));
  }
  return { builds: builds.filter((b) => b.notebooks.length > 0), diagnostics };
}

/** The error for a selection whose builds hold no notebook: what was chosen, and where notebooks are. */
export async function nothingToBuild(config: Config, chosen: readonly LazyBuild[]): Promise<BinderpressError> {
  const kind = config.dir ? 'folder' : 'branch';
  const kinds = config.dir ? 'folders' : 'branches';
  const where = config.dir ?? config.repo;
  const names = chosen.map((b) => b.branch.name);
  const message =
    names.length === 0
      ? `nothing to build: ${where} has no ${kinds}`
      : names.length === 1
        ? `nothing to build: ${kind} ${names[0]} has no notebooks (.ipynb)`
        : `nothing to build: none of the ${kinds} ${listForHint(names)} has notebooks (.ipynb)`;
  const others = config.dir ? await foldersWithNotebooks(config.dir) : await branchesWithNotebooks(config.repo);
  const hint =
    others.length > 0
      ? `${kinds} with notebooks: ${listForHint(others)}; choose them with --branches (or \`branches:\` in binderpress.yml)`
      : config.dir
        ? `put notebooks (.ipynb) in a subfolder of ${config.dir}, one subfolder per build`
        : `commit notebooks (.ipynb) to a branch of ${config.repo}`;
  return new BinderpressError(message, { hint });
}
