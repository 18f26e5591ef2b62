// Edge: the Python that runs notebooks, and the runner script it is given. A Python qualifies when
// it imports nbclient and jupyter_client (a probe of ≈0.3 s, asked once per Python per build): the
// configured one, else each `python3` on PATH in order, then the system's /usr/bin/python3 (a
// pyenv or venv Python first on PATH often lacks the distribution's Jupyter packages).
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `bin/execute-notebook.py`, from `src/execute/` (tsx) and `dist/execute/` (the package) alike. */
export const RUNNER_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'execute-notebook.py');

export interface PythonFound {
  readonly python?: string;
  /** Why none qualified: each candidate and what it lacked. */
  readonly tried: readonly string[];
}

/** Environment of every Python run: no debugger noise on stderr, output as UTF-8. */
export function pythonEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: '1', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' };
}

function probe(python: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(python, [RUNNER_SCRIPT, '--probe'], { env: pythonEnv(), timeout: 60_000 }, (error, _out, err) => {
      if (!error) return done(undefined);
      const last = String(err).trim().split('\n').pop();
      done(last || error.message.split('\n')[0]);
    });
  });
}

/** Every `python3` on PATH, then /usr/bin/python3, each real file once. */
function pythonCandidates(path = process.env.PATH ?? ''): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of [...path.split(delimiter).filter(Boolean), '/usr/bin']) {
    const file = join(dir, 'python3');
    if (!existsSync(file)) continue;
    let real = file;
    try {
      real = realpathSync(file);
    } catch {
      continue;
    }
    // pyenv's shims all resolve to one script that picks a Python by folder: keep each shim.
    const id = real.includes('/shims/') ? file : real;
    if (!seen.has(id)) out.push(file);
    seen.add(id);
  }
  return out;
}

/**
 * The Python to run notebooks with: `configured` (a path, relative to `cwd`, or a command name)
 * when given, else the first candidate that qualifies. `found` remembers the answers of one build,
 * which asks once per distinct setting.
 */
export function findPython(
  configured: string | undefined,
  found: Map<string, Promise<PythonFound>>,
  cwd = process.cwd(),
): Promise<PythonFound> {
  const key = configured ?? '';
  let answer = found.get(key);
  if (!answer) {
    answer = (async () => {
      const candidates = configured
        ? [configured.includes('/') && !isAbsolute(configured) ? resolve(cwd, configured) : configured]
        : pythonCandidates();
      const tried: string[] = [];
      for (const python of candidates) {
        const lacks = await probe(python);
        if (lacks === undefined) return { python, tried };
        tried.push(`${python}: ${lacks}`);
      }
      return { tried };
    })();
    found.set(key, answer);
  }
  return answer;
}
