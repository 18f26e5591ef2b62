// Git child processes: argument arrays only (never a shell), raw paths (`core.quotePath=false`,
// `-z` wherever paths appear), no prompts, no optional locks. Nothing here checks out, writes the
// index or touches the working tree: every command reads the object database.
import { execFile, spawn } from 'node:child_process';
import { BinderpressError } from './errors.js';

/** Reads objects by id through one `git cat-file --batch` process. */
export interface BlobReader {
  /** The blob's bytes; rejects for a missing object or one that is not a blob. */
  read(sha: string): Promise<Uint8Array>;
  /** Ends the git process once the pending reads are answered. */
  close(): void;
}

/** Variables that would point git at another repository, index or work tree than `-C repo`. */
const REDIRECTING_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE'];

export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  for (const name of REDIRECTING_VARS) delete env[name];
  return env;
}

function gitArgs(repo: string, args: readonly string[]): string[] {
  return ['-C', repo, '-c', 'core.quotePath=false', ...args];
}

export interface GitResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  /** Exit code (0 on success). */
  readonly code: number;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function failure(repo: string, args: readonly string[], detail: string, cause?: unknown): BinderpressError {
  const hint = /dubious ownership/.test(detail)
    ? `run: git config --global --add safe.directory ${repo}`
    : 'check that git works in that folder (run the same git command there)';
  return new BinderpressError(`git ${args[0] ?? ''} failed in ${repo}: ${firstLine(detail)}`, { hint, cause });
}

/**
 * Runs `git -C repo …args` and collects its output. A non-zero exit throws a BinderpressError
 * unless `allowFailure` is set, in which case the caller inspects `code`.
 */
export function runGit(
  repo: string,
  args: readonly string[],
  opts: { allowFailure?: boolean } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const options = { encoding: 'buffer' as const, env: gitEnv(), maxBuffer: 1 << 30, windowsHide: true };
    execFile('git', gitArgs(repo, args), options, (error, stdout, stderrBuf) => {
      const stderr = stderrBuf.toString('utf8');
      const rawCode = (error as { code?: unknown } | null)?.code;
      if (error && typeof rawCode !== 'number') {
        reject(failure(repo, args, error.message, error)); // git missing, buffer overflow, killed
        return;
      }
      const code = typeof rawCode === 'number' ? rawCode : 0;
      if (code !== 0 && !opts.allowFailure) reject(failure(repo, args, stderr || `exit code ${code}`, error));
      else resolve({ stdout, stderr, code });
    });
  });
}

/**
 * Runs git and hands stdout to `onChunk` as it arrives. When `onChunk` returns `false` the child is
 * stopped (e.g. a `git log` walk that found what it needed) and the promise resolves.
 */
export function streamGit(repo: string, args: readonly string[], onChunk: (chunk: Buffer) => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', gitArgs(repo, args), {
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stopped = false;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < 10_000) stderr += text;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (stopped) return;
      if (onChunk(chunk) === false) {
        stopped = true;
        child.kill();
      }
    });
    child.on('error', (error) => reject(failure(repo, args, error.message, error)));
    child.on('close', (code) => {
      if (stopped || code === 0) resolve();
      else reject(failure(repo, args, stderr || `exit code ${String(code)}`));
    });
  });
}

/**
 * A long-lived `git cat-file --batch`: requests are written as they come and answered in order,
 * so many reads are pipelined through one process. Call `close()` when done.
 */
/**
 * Pack files are mapped in windows of at most 32 MB, 128 MB at a time: by default git maps 1 GB
 * windows up to 8 GB, so reading every notebook of a large repository made cat-file's resident
 * memory as big as the pack (1.4 GB for 10,000 notebooks), for no speed we could measure.
 */
const PACK_WINDOWS = ['-c', 'core.packedGitWindowSize=32m', '-c', 'core.packedGitLimit=128m'];

export function openBlobReader(repo: string): BlobReader {
  const child = spawn('git', gitArgs(repo, [...PACK_WINDOWS, 'cat-file', '--batch']), {
    env: gitEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const parser = createBatchParser();
  let closed = false;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < 10_000) stderr += text;
  });
  child.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
  child.stdin.on('error', () => {}); // EPIPE after the child died: reported through 'close'
  const fail = (message: string) => {
    closed = true;
    parser.failAll(
      new BinderpressError(`git cat-file failed in ${repo}: ${message}`, {
        hint: 'check the repository with git fsck',
      }),
    );
  };
  child.on('error', (error) => fail(error.message));
  child.on('close', (code) => {
    if (parser.pending() > 0) fail(firstLine(stderr) || `exited with code ${String(code)}`);
    closed = true;
  });
  return {
    read(sha: string): Promise<Uint8Array> {
      if (closed) return Promise.reject(new Error(`blob reader for ${repo} is closed`));
      if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha))
        return Promise.reject(new Error(`not an object id: ${JSON.stringify(sha)}`));
      const answer = parser.expect(sha);
      child.stdin.write(`${sha}\n`);
      return answer;
    },
    close(): void {
      if (closed) return;
      closed = true;
      child.stdin.end();
    },
  };
}

interface Waiter {
  readonly sha: string;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Parses `cat-file --batch` output: `<sha> <type> <size>\n<size bytes>\n` per object, or
 * `<sha> missing\n`. Bodies are copied into one buffer of the announced size, so binary content
 * and blobs split over many chunks come out byte-exact.
 */
export function createBatchParser() {
  const waiters: (Waiter | undefined)[] = [];
  let head = 0;
  let header: Buffer = Buffer.alloc(0);
  let body: Buffer | undefined;
  let filled = 0;
  let type = '';
  let needNewline = false;

  const next = (): Waiter | undefined => {
    const waiter = waiters[head];
    // A waiter's resolve function keeps its promise, and so the blob, alive: drop it at once,
    // or the last thousand notebooks read stay in memory (200 MB of realistic notebooks).
    waiters[head] = undefined;
    head += 1;
    if (head > 1024 && head * 2 > waiters.length) {
      waiters.splice(0, head);
      head = 0;
    }
    return waiter;
  };
  const finish = () => {
    const waiter = next();
    const bytes = body ?? Buffer.alloc(0);
    body = undefined;
    if (!waiter) return;
    if (type === 'blob') waiter.resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    else waiter.reject(new Error(`object ${waiter.sha} is a ${type}, not a blob`));
  };
  const onHeader = (line: string) => {
    const parts = line.split(' ');
    if (parts.length === 3 && /^\d+$/.test(parts[2] ?? '')) {
      type = parts[1] ?? '';
      body = Buffer.allocUnsafeSlow(Number(parts[2]));
      filled = 0;
      if (body.length === 0) needNewline = true;
      return;
    }
    next()?.reject(new Error(`git cat-file: ${line}`)); // `<sha> missing` / `<sha> ambiguous`
  };
  const push = (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (needNewline) {
        offset += 1; // the LF after each body
        needNewline = false;
        finish();
      } else if (body) {
        const n = Math.min(body.length - filled, chunk.length - offset);
        chunk.copy(body, filled, offset, offset + n);
        filled += n;
        offset += n;
        if (filled === body.length) needNewline = true;
      } else {
        const newline = chunk.indexOf(10, offset);
        if (newline < 0) {
          header = Buffer.concat([header, chunk.subarray(offset)]);
          return;
        }
        const line = Buffer.concat([header, chunk.subarray(offset, newline)]).toString('utf8');
        header = Buffer.alloc(0);
        offset = newline + 1;
        onHeader(line);
      }
    }
  };
  return {
    push,
    expect(sha: string): Promise<Uint8Array> {
      return new Promise((resolve, reject) => waiters.push({ sha, resolve, reject }));
    },
    pending: (): number => waiters.length - head,
    failAll(error: Error): void {
      while (head < waiters.length) next()?.reject(error);
    },
  };
}
