// One fuzz round: plan (from a seed alone), write a real git repository with several branches,
// each holding one unmutated notebook and several mutants, build it with the real CLI, check the
// invariants. The same seed and operators give the same round, byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rng } from '../prng.js';
import { checkProcess, checkSite, type Expectations, type RunOutcome } from './invariants.js';
import { serialize, type Json, type JsonObject } from './mutant.js';
import { applyRecipe, CONTENT_OPERATORS, type Recipe } from './operators.js';
import { oddBranchName, oddConfig, oddFileName } from './operators-repo.js';
import { writeRepo, type BranchFiles } from './repo.js';
import type { SeedNotebook } from './seeds.js';

const BIN = resolve(import.meta.dirname, '../../../bin/binderpress.js');

export interface RoundOptions {
  readonly operators: readonly string[];
  readonly seeds: readonly SeedNotebook[];
  readonly branches: number;
  readonly perBranch: number;
  /** Most operators stacked on one mutant. */
  readonly maxOps: number;
  readonly timeoutMs: number;
}

export interface PlannedMutant {
  readonly path: Buffer;
  /** Named `m{branch}-{index}.ipynb`, so its page can be looked for by name. */
  readonly plain: boolean;
  readonly recipe: Recipe;
}

export interface PlannedBranch {
  readonly name: string;
  readonly control: SeedNotebook;
  readonly marker: string;
  readonly mutants: readonly PlannedMutant[];
}

export interface RoundPlan {
  readonly seed: number;
  readonly branches: readonly PlannedBranch[];
  readonly config?: Buffer;
}

export function planRound(seed: number, opts: RoundOptions): RoundPlan {
  const rng = new Rng(seed);
  const content = opts.operators.filter((op) => op in CONTENT_OPERATORS);
  const controls = opts.seeds.filter((s) => Array.isArray((s.nb as JsonObject | null)?.cells));
  const branches: PlannedBranch[] = [];
  for (let b = 0; b < opts.branches; b++) {
    const name = opts.operators.includes('odd-branch-name') && rng.chance(0.5) ? oddBranchName(rng, b) : `fuzz-${b}`;
    const mutants: PlannedMutant[] = [];
    for (let i = 0; i < opts.perBranch; i++) {
      const ops =
        content.length === 0
          ? []
          : Array.from({ length: rng.range(1, opts.maxOps) }, () => ({
              op: rng.pick(content),
              seed: rng.int(2 ** 32),
            }));
      const recipe = { seed: rng.pick(opts.seeds).name, ops };
      const long = opts.operators.includes('long-file-name');
      const odd = (opts.operators.includes('odd-file-name') || long) && rng.chance(0.4);
      mutants.push({
        path: odd ? oddFileName(rng, b * 100 + i, long) : Buffer.from(`m${b}-${i}.ipynb`),
        plain: !odd,
        recipe,
      });
    }
    branches.push({ name, control: rng.pick(controls), marker: `fuzz-control-${seed}-${b}`, mutants });
  }
  const config = opts.operators.includes('config') && rng.chance(0.25) ? oddConfig(rng) : undefined;
  return { seed, branches, ...(config ? { config } : {}) };
}

/** The unmutated notebook with a marker cell its page must show. */
function controlBytes(branch: PlannedBranch): Buffer {
  const nb = structuredClone(branch.control.nb) as JsonObject;
  (nb.cells as Json[]).push({
    cell_type: 'markdown',
    id: 'fuzz-control',
    metadata: {},
    source: `Control marker ${branch.marker}.`,
  });
  return Buffer.from(JSON.stringify(nb));
}

export function mutantBytes(m: PlannedMutant, seeds: readonly SeedNotebook[]): Buffer {
  const mutant = applyRecipe(m.recipe, seeds, m.path.toString('utf8'));
  return serialize(mutant, new Rng(m.recipe.ops[0]?.seed ?? 1).fork('serialize'));
}

export interface RoundResult {
  readonly plan: RoundPlan;
  readonly run: RunOutcome;
  readonly problems: readonly string[];
  readonly mutants: number;
  readonly dir: string;
  readonly site: string;
}

/** Writes the plan's repository under `dir`, builds it into `dir/work/site`, checks everything. */
export function runPlan(plan: RoundPlan, seeds: readonly SeedNotebook[], dir: string, timeoutMs: number): RoundResult {
  const branches = plan.branches.map((b) => ({
    name: b.name,
    files: [
      { path: Buffer.from('control.ipynb'), bytes: controlBytes(b) },
      ...b.mutants.map((m) => ({ path: m.path, bytes: mutantBytes(m, seeds) })),
    ],
  }));
  const expect: Expectations = {
    controls: plan.branches.map((b) => ({ page: 'control.html', marker: b.marker })),
    mutants: plan.branches.flatMap((b) =>
      b.mutants.filter((m) => m.plain).map((m) => ({ path: m.path.toString('utf8') })),
    ),
    configMutated: plan.config !== undefined,
  };
  const { run, problems, site } = buildAndCheck(branches, expect, plan.config, dir, timeoutMs);
  const mutants = plan.branches.reduce((n, b) => n + b.mutants.length, 0);
  return { plan, run, problems, mutants, dir, site };
}

/** A repository of `branches` (and a config file) under `dir`, built by the real CLI and checked. */
export function buildAndCheck(
  branches: readonly BranchFiles[],
  expect: Expectations,
  config: Buffer | undefined,
  dir: string,
  timeoutMs: number,
): { run: RunOutcome; problems: string[]; site: string } {
  const repo = join(dir, 'repo');
  const work = join(dir, 'work');
  const site = join(work, 'site');
  mkdirSync(work, { recursive: true });
  writeRepo(repo, branches);
  if (config) writeFileSync(join(work, 'binderpress.yml'), config);
  const run = runBuild(
    ['build', '--repo', repo, '--out', site, '--no-cache', '--site-url', 'https://fuzz.example/site/'],
    work,
    timeoutMs,
  );
  const problems = checkProcess(run, expect.configMutated);
  if (problems.length === 0 && (run.status === 0 || run.status === 1))
    problems.push(...checkSite(site, expect, run.stderr));
  return { run, problems, site };
}

/** The real CLI in a fresh process, killed when it outlives `timeoutMs`. */
function runBuild(args: readonly string[], cwd: string, timeoutMs: number): RunOutcome {
  const start = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return {
    status: r.status,
    signal: timedOut ? null : r.signal,
    timedOut,
    stderr: r.stderr ?? '',
    ms: Math.round(performance.now() - start),
  };
}
