// After a failing round: find the mutant (or the config) that fails on its own, then shrink its
// recipe (drop operators one at a time, then try an empty seed notebook) while it still fails, and
// save everything a person needs to replay it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutantBytes, runPlan, type PlannedMutant, type RoundPlan, type RoundResult } from './round.js';
import type { Recipe } from './operators.js';
import type { SeedNotebook } from './seeds.js';

export interface FoundCrasher {
  readonly round: number;
  readonly branch: string;
  readonly path: string;
  readonly recipe: Recipe;
  readonly config?: string;
  readonly problems: readonly string[];
  /** The minimal failing notebook, saved. */
  readonly file: string;
}

function single(plan: RoundPlan, branch: number, mutant: PlannedMutant | undefined, withConfig: boolean): RoundPlan {
  const b = plan.branches[branch]!;
  return {
    seed: plan.seed,
    branches: [{ ...b, mutants: mutant ? [mutant] : [] }],
    ...(withConfig && plan.config ? { config: plan.config } : {}),
  };
}

function fails(
  plan: RoundPlan,
  seeds: readonly SeedNotebook[],
  scratch: string,
  timeoutMs: number,
): RoundResult | undefined {
  const dir = mkdtempSync(join(scratch, 'try-'));
  const result = runPlan(plan, seeds, dir, timeoutMs);
  rmSync(dir, { recursive: true, force: true });
  return result.problems.length > 0 ? result : undefined;
}

/** Shrinks one failing mutant's recipe while the failure stays. */
function shrink(
  plan: RoundPlan,
  b: number,
  m: PlannedMutant,
  seeds: readonly SeedNotebook[],
  scratch: string,
  timeoutMs: number,
  withConfig: boolean,
): { mutant: PlannedMutant; result: RoundResult } {
  let best = m;
  let result = fails(single(plan, b, best, withConfig), seeds, scratch, timeoutMs)!;
  for (let i = best.recipe.ops.length - 1; i >= 0 && best.recipe.ops.length > 1; i--) {
    const candidate = { ...best, recipe: { ...best.recipe, ops: best.recipe.ops.filter((_, k) => k !== i) } };
    const r = fails(single(plan, b, candidate, withConfig), seeds, scratch, timeoutMs);
    if (r) [best, result] = [candidate, r];
  }
  const empty = { ...best, recipe: { ...best.recipe, seed: '(empty notebook)' } };
  const r = fails(single(plan, b, empty, withConfig), seeds, scratch, timeoutMs);
  if (r) [best, result] = [empty, r];
  return { mutant: best, result };
}

/** The crashers of a failing round, each reduced and saved under `saveDir`. */
export function reduceRound(
  failed: RoundResult,
  seeds: readonly SeedNotebook[],
  saveDir: string,
  timeoutMs: number,
  log: (line: string) => void,
): FoundCrasher[] {
  const { plan } = failed;
  const scratch = mkdtempSync(join(saveDir, 'scratch-'));
  const crashers: FoundCrasher[] = [];
  const save = (name: string, bytes: Buffer | string) => {
    const file = join(saveDir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const configAlone = plan.config ? fails(single(plan, 0, undefined, true), seeds, scratch, timeoutMs) : undefined;
  if (plan.config && configAlone) {
    const r = configAlone;
    const file = save(`crasher-config.yml`, plan.config);
    crashers.push({
      round: plan.seed,
      branch: plan.branches[0]!.name,
      path: 'binderpress.yml',
      recipe: { seed: '', ops: [] },
      config: plan.config.toString('latin1'),
      problems: r.problems,
      file,
    });
  }
  plan.branches.forEach((branch, b) => {
    // A branch whose unmutated notebook alone fails: its name (or that notebook) is the cause.
    const alone = fails(single(plan, b, undefined, false), seeds, scratch, timeoutMs);
    if (alone) {
      log(`  branch ${branch.name} fails with its unmutated notebook alone`);
      crashers.push({
        round: plan.seed,
        branch: branch.name,
        path: 'control.ipynb',
        recipe: { seed: branch.control.name, ops: [] },
        problems: alone.problems,
        file: branch.control.name,
      });
      return;
    }
    for (const m of branch.mutants) {
      const withConfig = false;
      if (!fails(single(plan, b, m, withConfig), seeds, scratch, timeoutMs)) continue;
      log(
        `  ${branch.name}/${m.path.toString('utf8')} fails alone; shrinking ${m.recipe.ops.map((o) => o.op).join('+')}`,
      );
      const { mutant, result } = shrink(plan, b, m, seeds, scratch, timeoutMs, withConfig);
      const file = save(`crasher-${crashers.length}.ipynb`, mutantBytes(mutant, seeds));
      crashers.push({
        round: plan.seed,
        branch: branch.name,
        path: mutant.path.toString('utf8'),
        recipe: mutant.recipe,
        problems: result.problems,
        file,
      });
    }
  });
  rmSync(scratch, { recursive: true, force: true });
  return crashers;
}
