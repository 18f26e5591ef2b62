// Before rendering: the notebooks the `execute` setting selects are run in a real Jupyter kernel
// (at most `jobs` at once), or their outputs come from the execution cache, and each is handed on
// to rendering as its executed version: a NotebookRef whose bytes are the saved notebook with the
// run's outputs, and whose `blob` is the hash of those bytes, so the render cache keys it by its
// executed content. Runs that fail are diagnostics; the build goes on.
import { join } from 'node:path';
import type { Config } from '../config.js';
import { openCache, type DiskCache } from '../io/cache.js';
import { BinderpressError } from '../io/errors.js';
import type { Progress } from '../io/progress.js';
import type { LazyBuild, NotebookRef } from '../pipeline/read-sources.js';
import type { Diagnostic } from '../types.js';
import { sha256 } from '../util/hash.js';
import { runNotebook } from './kernel-run.js';
import { graftOutputs, recordFromRun, runDiagnostic, type RunRecord } from './outcome.js';
import { findPython, type PythonFound } from './python.js';
import {
  EXECUTE_CACHE_VERSION,
  environmentHash,
  executionKey,
  probeNotebook,
  wantsExecution,
  type ExecProbe,
} from './select.js';
import { executeFor, type ExecuteSettings } from './settings.js';
import { materializeTree, treeSource, type TreeSource } from './tree.js';

export interface ExecuteCounts {
  /** Notebooks run in a kernel by this build. */
  readonly executed: number;
  /** Notebooks whose outputs came from the execution cache (or another branch's run). */
  readonly cached: number;
  /** Notebooks whose run did not finish (a cell raised, a timeout, a dead kernel). */
  readonly failed: number;
}

export interface ExecuteResult {
  readonly builds: readonly LazyBuild[];
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: ExecuteCounts;
}

interface Job {
  readonly build: number;
  readonly index: number;
  readonly ref: NotebookRef;
  readonly probe: ExecProbe;
  readonly key: string;
  readonly settings: ExecuteSettings;
  readonly source: TreeSource;
}

interface Stores {
  readonly probes?: DiskCache;
  readonly runs?: DiskCache;
  /** Records of this build (all of them without a cache folder). */
  readonly memory: Map<string, RunRecord>;
}

export interface ExecuteOptions {
  readonly jobs: number;
  readonly progress: Progress;
}

export async function executeNotebooks(
  builds: readonly LazyBuild[],
  config: Config,
  opts: ExecuteOptions,
): Promise<ExecuteResult> {
  const settings = builds.map((b) => executeFor(config.execute, config.builds, b.branch.name));
  const none = { builds, diagnostics: [], counts: { executed: 0, cached: 0, failed: 0 } };
  if (settings.every((s) => s.mode === 'never')) return none;
  const stores = await openStores(config.cache);
  const jobs = await selectJobs(builds, settings, config, stores);
  if (jobs.length === 0) return none;
  const diagnostics: Diagnostic[] = [];
  const ran = await runMissing(jobs, stores, opts, diagnostics);
  const out = builds.map((b) => ({ ...b, notebooks: [...b.notebooks] }));
  let cached = 0;
  let failed = 0;
  for (const job of jobs) {
    const record = stores.memory.get(job.key) ?? (await readRecord(stores, job.key));
    if (!record) continue; // no Python: rendered as saved (reported once by runMissing)
    if (!ran.has(job)) cached++;
    const next = await executedRef(job, record, stores);
    if (next) (out[job.build] as { notebooks: NotebookRef[] }).notebooks[job.index] = next.ref;
    const problem = runDiagnostic(record, job.ref.branch, job.ref.path, next?.cell, job.settings.timeout);
    if (problem) {
      failed++;
      diagnostics.push(problem);
    }
  }
  return { builds: out, diagnostics, counts: { executed: ran.size, cached, failed } };
}

async function openStores(cache: string | false): Promise<Stores> {
  const memory = new Map<string, RunRecord>();
  if (!cache) return { memory };
  try {
    return {
      probes: await openCache(join(cache, 'execute', 'probe')),
      runs: await openCache(join(cache, 'execute', 'runs')),
      memory,
    };
  } catch {
    return { memory }; // an unwritable cache only costs runs
  }
}

async function probeOf(ref: NotebookRef, stores: Stores): Promise<ExecProbe | undefined> {
  const key = sha256(`${EXECUTE_CACHE_VERSION}\u0000${ref.blob}`);
  const stored = await stores.probes?.get(key).catch(() => undefined);
  if (stored) return (JSON.parse(Buffer.from(stored).toString('utf8')) as { probe?: ExecProbe }).probe;
  const probe = probeNotebook(await ref.read());
  await stores.probes?.set(key, Buffer.from(JSON.stringify(probe ? { probe } : {}))).catch(() => {});
  return probe;
}

async function selectJobs(
  builds: readonly LazyBuild[],
  settings: readonly ExecuteSettings[],
  config: Config,
  stores: Stores,
): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const [bi, b] of builds.entries()) {
    const s = settings[bi] as ExecuteSettings;
    if (s.mode === 'never') continue;
    const env = environmentHash(b.envFiles);
    const source = treeSource(config, b.branch);
    for (const [index, ref] of b.notebooks.entries()) {
      const probe = await probeOf(ref, stores).catch(() => undefined);
      if (probe && wantsExecution(s.mode, probe))
        jobs.push({ build: bi, index, ref, probe, key: executionKey(probe, env, s), settings: s, source });
    }
  }
  return jobs;
}

async function readRecord(stores: Stores, key: string): Promise<RunRecord | undefined> {
  const bytes = await stores.runs?.get(key).catch(() => undefined);
  if (!bytes) return undefined;
  const record = JSON.parse(Buffer.from(bytes).toString('utf8')) as RunRecord;
  return record.v === 1 ? record : undefined;
}

/** The executed notebook as rendering reads it: grafted again on each read, so memory holds no outputs. */
async function executedRef(
  job: Job,
  record: RunRecord,
  stores: Stores,
): Promise<{ ref: NotebookRef; cell?: number } | undefined> {
  const provenance = { date: job.ref.lastCommit.date };
  const first = graftOutputs(await job.ref.read(), record, provenance);
  if (!first) return undefined;
  const keep = !stores.runs;
  const read = async () => {
    const again = keep ? undefined : await readRecord(stores, job.key);
    return graftOutputs(await job.ref.read(), again ?? record, provenance)?.bytes ?? first.bytes;
  };
  const ref: NotebookRef = { ...job.ref, blob: sha256(first.bytes), read: keep ? async () => first.bytes : read };
  return { ref, ...(first.cell !== undefined ? { cell: first.cell } : {}) };
}

/** Runs each distinct key not yet recorded; returns the jobs whose run happened in this build. */
async function runMissing(
  jobs: readonly Job[],
  stores: Stores,
  opts: ExecuteOptions,
  diagnostics: Diagnostic[],
): Promise<Set<Job>> {
  const firsts = new Map<string, Job>();
  for (const job of jobs) {
    if (firsts.has(job.key) || stores.memory.has(job.key)) continue;
    const record = await readRecord(stores, job.key);
    if (record) stores.memory.set(job.key, record);
    else firsts.set(job.key, job);
  }
  const ran = new Set<Job>();
  if (firsts.size === 0) return ran;
  const pythons = new Map<string, Promise<PythonFound>>();
  const runnable: { job: Job; python: string }[] = [];
  const without: Job[] = [];
  for (const job of firsts.values()) {
    const found = await findPython(job.settings.python, pythons);
    if (found.python) runnable.push({ job, python: found.python });
    else without.push(job);
  }
  if (without.length > 0) noKernel(without, jobs, await findPython(without[0]?.settings.python, pythons), diagnostics);
  opts.progress.phase('executing notebooks', runnable.length);
  await eachLimited(runnable, opts.jobs, async ({ job, python }) => {
    opts.progress.tick(`running ${job.ref.branch} ${job.ref.path}`, 0);
    const record = await runOne(job, python);
    stores.memory.set(job.key, record);
    // A cell that raised, timed out or killed its kernel does so again: kept, or every build would
    // pay its timeout. A run that could not start or hit the whole-notebook limit is tried again.
    if (record.status !== 'failed' && record.status !== 'no-kernel')
      await stores.runs?.set(job.key, Buffer.from(JSON.stringify(record))).catch(() => {});
    ran.add(job);
    opts.progress.tick(`executed ${job.ref.branch} ${job.ref.path}`);
  });
  return ran;
}

async function runOne(job: Job, python: string): Promise<RunRecord> {
  let tree: { dir: string; remove(): void } | undefined;
  try {
    tree = await materializeTree(job.source);
    const notebook = JSON.parse(Buffer.from(await job.ref.read()).toString('utf8')) as unknown;
    const cwd = join(tree.dir, ...job.ref.path.split('/').slice(0, -1));
    const answer = await runNotebook({
      python,
      notebook,
      cwd,
      kernel: job.probe.kernel,
      timeout: job.settings.timeout,
      notebookTimeout: job.settings.notebookTimeout,
      allowErrors: job.settings.allowErrors,
    });
    return recordFromRun(answer, job.probe.kernel);
  } catch (error) {
    return recordFromRun(
      { status: 'failed', notebook: null, cell: null, message: (error as Error).message },
      job.probe.kernel,
    );
  } finally {
    tree?.remove();
  }
}

/** No Python with Jupyter: `always` cannot build; `auto` renders as saved, with one warning. */
function noKernel(without: readonly Job[], jobs: readonly Job[], found: PythonFound, diagnostics: Diagnostic[]): void {
  const keys = new Set(without.map((j) => j.key));
  const count = jobs.filter((j) => keys.has(j.key)).length;
  const configured = without[0]?.settings.python;
  const hint = configured
    ? `${configured} cannot run notebooks (${found.tried.join('; ')}); install nbclient and ipykernel in it (pip install nbclient ipykernel), or set execute.python to another Python`
    : 'install Jupyter for a python3 on PATH (pip install nbclient ipykernel, or apt-get install python3-nbclient python3-ipykernel), or set execute.python in binderpress.yml; execute: never renders them as saved without this warning';
  const message = `${count} notebook${count === 1 ? '' : 's'} saved without outputs could not be executed: no Python with nbclient and a Jupyter kernel was found`;
  if (without.some((j) => j.settings.mode === 'always')) throw new BinderpressError(message, { hint });
  diagnostics.push({
    rule: 'execute-no-python',
    severity: 'warning',
    branch: '',
    path: '',
    message: `${message}, so they are rendered as saved`,
    hint,
  });
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
