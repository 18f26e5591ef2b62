// `npm run fuzz -- [--seed N] [--runs M] [--time S] [--ops a,b,…] [--corpus DIR …] [--branches B]
// [--per-branch K] [--max-ops N] [--timeout S] [--no-reduce] [--keep]`
// Runs rounds seeded N, N+1, … until M rounds or S seconds are done, prints each failure with the
// command that replays it, reduces it to the mutant that fails alone (saved in a temp folder) and
// ends with the throughput. Exit code 1 when any round failed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_OPERATORS, unknownOperators } from './operators.js';
import { reduceRound, type FoundCrasher } from './reduce.js';
import { planRound, runPlan, type RoundOptions } from './round.js';
import { DEFAULT_SEED_DIRS, loadSeeds } from './seeds.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string' },
    time: { type: 'string', default: '60' },
    ops: { type: 'string' },
    corpus: { type: 'string', multiple: true, default: [] },
    branches: { type: 'string', default: '3' },
    'per-branch': { type: 'string', default: '6' },
    'max-ops': { type: 'string', default: '3' },
    timeout: { type: 'string', default: '120' },
    'no-reduce': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const operators = values.ops
  ? values.ops
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : [...ALL_OPERATORS];
const unknown = unknownOperators(operators);
if (unknown.length > 0) {
  console.error(`unknown operator(s): ${unknown.join(', ')}\n  the operators are: ${ALL_OPERATORS.join(', ')}`);
  process.exit(2);
}
// A seed from the clock when none is given; it is printed, so any run replays.
const firstSeed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000_007;
const runs = values.runs !== undefined ? Number(values.runs) : Infinity;
const seconds = values.runs !== undefined && values.time === '60' ? Infinity : Number(values.time);
const seeds = loadSeeds([...DEFAULT_SEED_DIRS, ...(values.corpus ?? [])]);
const opts: RoundOptions = {
  operators,
  seeds,
  branches: Number(values.branches),
  perBranch: Number(values['per-branch']),
  maxOps: Number(values['max-ops']),
  timeoutMs: Number(values.timeout) * 1000,
};
const opsFlag = values.ops ? ` --ops ${operators.join(',')}` : '';
console.log(`fuzzing from seed ${firstSeed}: ${seeds.length} seed notebooks, operators ${operators.join(', ')}`);

const start = performance.now();
let mutants = 0;
const failures: { seed: number; problems: readonly string[]; dir: string; crashers: FoundCrasher[] }[] = [];
for (let r = 0; r < runs && (performance.now() - start) / 1000 < seconds; r++) {
  const seed = firstSeed + r;
  const dir = mkdtempSync(join(tmpdir(), `binderpress-fuzz-${seed}-`));
  const result = runPlan(planRound(seed, opts), seeds, dir, opts.timeoutMs);
  mutants += result.mutants;
  const ok = result.problems.length === 0;
  console.log(
    `seed ${seed}: ${result.mutants} mutants, exit ${result.run.status ?? result.run.signal ?? 'timeout'}, ${result.run.ms} ms${ok ? '' : ` FAILED (kept in ${dir})`}`,
  );
  if (ok) {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    continue;
  }
  writeFileSync(join(dir, 'stderr.txt'), result.run.stderr);
  writeFileSync(join(dir, 'problems.txt'), `${result.problems.join('\n')}\n`);
  for (const p of result.problems.slice(0, 8)) console.log(`  ${p.slice(0, 300)}`);
  console.log(`  replay: npm run fuzz -- --seed ${seed} --runs 1${opsFlag}`);
  const crashers = values['no-reduce'] ? [] : reduceRound(result, seeds, dir, opts.timeoutMs, (l) => console.log(l));
  for (const c of crashers)
    console.log(
      `  crasher: ${c.branch}/${c.path} ops ${c.recipe.ops.map((o) => o.op).join('+') || '(config)'} seed notebook ${c.recipe.seed} → ${c.file}\n    ${c.problems[0]?.slice(0, 300)}`,
    );
  failures.push({ seed, problems: result.problems, dir, crashers });
}
const secs = (performance.now() - start) / 1000;
console.log(
  `${mutants} mutants in ${secs.toFixed(1)} s: ${(mutants / secs).toFixed(2)} mutants/s; ${failures.length} failing round(s)`,
);
for (const f of failures) console.log(`  seed ${f.seed}: ${f.problems[0]?.slice(0, 200)} (${f.dir})`);
process.exitCode = failures.length > 0 ? 1 : 0;
