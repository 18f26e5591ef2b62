// `binderpress publish`: build, commit the output folder to a branch (gh-pages) with git plumbing,
// push it when asked. The branch tip is read before the build, so a publish that lands meanwhile
// is detected, and a build with problems is never published. Without a local branch yet (a fresh
// clone), the site goes on top of the remote's copy, and its builds are guarded all the same.
import { build } from '../build.js';
import type { Config } from '../config.js';
import { EXIT } from '../io/errors.js';
import { publishSite, pushBranch, readBranchTip, readRemoteTip } from '../io/publish.js';
import { diagnosticLines, summarize } from '../io/report.js';
import { ensureRepository } from '../source/branches.js';
import type { BranchRef } from '../types.js';
import { selectSourceBranches } from './source-branches.js';

export interface PublishCommandOptions {
  /** Branch to publish to, e.g. `gh-pages`. */
  readonly branch: string;
  /** Remote to push the branch to afterwards (`--push [REMOTE]`). */
  readonly push?: string;
  /** Paths kept from the published site when the new one lacks them (`CNAME` always is). */
  readonly keep: readonly string[];
  /** Publish even when builds of the published site would go. */
  readonly force: boolean;
  /** Commit message (default: the builds and their commits). */
  readonly message?: string;
  /** Progress and results. */
  readonly log: (line: string) => void;
  /** Problems that must be seen even under --quiet (default: `log`). */
  readonly err?: (line: string) => void;
}

/** The default commit message: one line, then each build with its commit. */
export function publishMessage(config: Config, branches: readonly BranchRef[]): string {
  if (config.dir) return `Publish notebooks from ${config.dir}\n`;
  const n = branches.length;
  const lines = branches.map((b) => `${b.name} ${b.commit.slice(0, 12)}`);
  return `Publish ${n} build${n === 1 ? '' : 's'}${n <= 3 ? `: ${branches.map((b) => b.name).join(', ')}` : ''}\n\n${lines.join('\n')}\n`;
}

export async function runPublish(config: Config, opts: PublishCommandOptions): Promise<number> {
  const { log, branch } = opts;
  const err = opts.err ?? log;
  await ensureRepository(config.repo);
  const expectedOld = await readBranchTip(config.repo, branch);
  const remote = opts.push ?? 'origin';
  const base = expectedOld ?? (await readRemoteTip(config.repo, remote, branch));
  const selection = await selectSourceBranches(config, branch);
  if (selection.excluded.length > 0)
    log(`not building ${selection.excluded.join(', ')}: published site${selection.excluded.length === 1 ? '' : 's'}`);

  const result = await build(selection.config, { log, publishTo: { branch, remote } });
  for (const line of diagnosticLines(result.diagnostics, config.dir ? 'folder' : 'branch', config.quiet)) err(line);
  log(summarize(result));
  if (result.failed) {
    err(`not published: the build is incomplete (see the errors above); ${branch} is unchanged`);
    return EXIT.problems;
  }
  if (config.strict && result.diagnostics.some((d) => d.severity !== 'info')) {
    err(`not published: --strict and the build has problems; ${branch} is unchanged`);
    return EXIT.problems;
  }

  const published = await publishSite({
    repo: config.repo,
    siteDir: result.outDir,
    branch,
    keep: opts.keep,
    // The builds the site holds: a selected branch without notebooks is not one of them.
    message: opts.message ?? publishMessage(config, result.builds),
    expectedOld,
    base,
    force: opts.force,
    allowRemove: config.publish.allowRemove,
    ...(selection.date ? { date: selection.date } : {}),
  });
  const tip = published.commit?.slice(0, 12) ?? '';
  if (published.removed.length > 0)
    log(
      `removed build${published.removed.length === 1 ? '' : 's'} ${published.removed.join(', ')} from the site (${opts.force ? '--force' : 'publish.allowRemove'})`,
    );
  if (published.changed)
    log(
      `published ${published.files} files to ${branch}: ${tip}${published.previous ? ` (previous ${published.previous.slice(0, 12)}${expectedOld ? '' : `, ${remote}/${branch}`})` : ' (new branch)'}`,
    );
  else log(`no change: ${branch} already holds this site (${tip})`);

  if (opts.push !== undefined) {
    await pushBranch(config.repo, opts.push, branch);
    log(`pushed ${branch} to ${opts.push}`);
  }
  return EXIT.ok;
}
