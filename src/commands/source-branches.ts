// The branches a publish or preview builds: the configured ones (local and `origin/*`, see
// listBranches), minus the branch published to (or its remote copy: same name) and any branch
// that holds a published site (it would be rendered as a build of its own downloads).
import type { Config } from '../config.js';
import { BinderpressError } from '../io/errors.js';
import { findSiteBranches } from '../io/publish.js';
import { listBranches } from '../source/branches.js';
import type { BranchRef } from '../types.js';

export interface SourceSelection {
  /** The config to build with: `branches` set to the chosen names (unchanged for --dir builds). */
  readonly config: Config;
  /** The chosen branches, sorted by name (empty for --dir builds). */
  readonly branches: readonly BranchRef[];
  /** Branches left out because they are site branches. */
  readonly excluded: readonly string[];
  /** The newest tip date among the chosen branches (ISO 8601), if any. */
  readonly date?: string;
}

export async function selectSourceBranches(config: Config, publishBranch?: string): Promise<SourceSelection> {
  if (config.dir) return { config, branches: [], excluded: [] };
  const all = await listBranches(config.repo, config.branches.length > 0 ? config.branches : undefined);
  const sites = await findSiteBranches(config.repo, all);
  if (publishBranch !== undefined) sites.add(publishBranch);
  const branches = all.filter((b) => !sites.has(b.name));
  const excluded = all.filter((b) => sites.has(b.name)).map((b) => b.name);
  if (excluded.length === 0) return { config, branches: all, excluded, ...newest(all) };
  if (branches.length === 0) {
    throw new BinderpressError(`no branch to build: ${excluded.join(', ')} ${excluded.length === 1 ? 'holds' : 'hold'} a published site, not notebooks`, {
      hint: 'commit notebooks to another branch, or choose the branches to build with --branches',
    });
  }
  return { config: { ...config, branches: branches.map((b) => b.name) }, branches, excluded, ...newest(branches) };
}

function newest(branches: readonly BranchRef[]): { date?: string } {
  let best: BranchRef | undefined;
  for (const b of branches) if (!best || Date.parse(b.tip.date) > Date.parse(best.tip.date)) best = b;
  return best && !Number.isNaN(Date.parse(best.tip.date)) ? { date: best.tip.date } : {};
}
