// The branches a publish or preview builds: the configured ones (local and `origin/*`, see
// listBranches), minus the branch published to (or its remote copy: same name) and any branch
// that holds a published site (it would be rendered as a build of its own downloads).
import type { Config } from '../config.js';
import { BinderpressError } from '../io/errors.js';
import { findSiteBranches } from '../io/publish.js';
import { listBranches } from '../source/branches.js';
import { matchesPattern, selectByPatterns } from '../source/patterns.js';
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
  const everything = await listBranches(config.repo);
  const sites = await findSiteBranches(config.repo, everything);
  if (publishBranch !== undefined) sites.add(publishBranch);
  const all = choose(everything, sites, config.branches.length > 0 ? config.branches : undefined, config.repo);
  const branches = all.filter((b) => !sites.has(b.name));
  const excluded = all.filter((b) => sites.has(b.name)).map((b) => b.name);
  if (excluded.length === 0) return { config, branches: all, excluded, ...newest(all) };
  if (branches.length === 0) {
    throw new BinderpressError(
      `no branch to build: ${excluded.join(', ')} ${excluded.length === 1 ? 'holds' : 'hold'} a published site, not notebooks`,
      {
        hint: 'commit notebooks to another branch, or choose the branches to build with --branches',
      },
    );
  }
  return { config: { ...config, branches: branches.map((b) => b.name) }, branches, excluded, ...newest(branches) };
}

/**
 * The branches `patterns` select (all without any), site branches among them: those are left out
 * below, with the reason. A pattern that matches nothing is reported with the branches that can
 * be builds as the hint, not gh-pages.
 */
function choose(
  everything: readonly BranchRef[],
  sites: ReadonlySet<string>,
  patterns: readonly string[] | undefined,
  repo: string,
): BranchRef[] {
  if (!patterns) return [...everything];
  const siteNames = everything.map((b) => b.name).filter((name) => sites.has(name));
  const buildable = everything.map((b) => b.name).filter((name) => !sites.has(name));
  const forSites = (p: string) => siteNames.some((name) => matchesPattern(name, p));
  const rest = patterns.filter((p) => !forSites(p));
  const chosen = new Set([
    ...siteNames.filter((name) => patterns.some((p) => matchesPattern(name, p))),
    ...(rest.length > 0 ? selectByPatterns(buildable, rest, 'branch', repo) : []),
  ]);
  if (rest.length < patterns.length)
    for (const name of buildable) if (patterns.some((p) => matchesPattern(name, p))) chosen.add(name);
  return everything.filter((b) => chosen.has(b.name));
}

function newest(branches: readonly BranchRef[]): { date?: string } {
  let best: BranchRef | undefined;
  for (const b of branches) if (!best || Date.parse(b.tip.date) > Date.parse(best.tip.date)) best = b;
  return best && !Number.isNaN(Date.parse(best.tip.date)) ? { date: best.tip.date } : {};
}
