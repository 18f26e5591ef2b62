import { test, suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { makeRepo } from '../../test/support/git-repo.js';
import { BinderpressError } from './errors.js';
import { createBatchParser, openBlobReader, runGit, streamGit } from './git.js';

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a rejection matching ${pattern}`);
}

const fixtures = join(import.meta.dirname, '../../test/fixtures/source');

/** Deterministic bytes covering every byte value, including NUL and LF. */
function binaryBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) & 0xff;
  }
  return out;
}

function hashObject(repo: ReturnType<typeof makeRepo>, bytes: Uint8Array): string {
  return repo.gitInput(bytes, 'hash-object', '-w', '--stdin').trim();
}

const reader = suite('openBlobReader');

reader('reads binary, empty, large and real image blobs byte-exact, pipelined', async () => {
  const repo = makeRepo({ root: false });
  try {
    const png = new Uint8Array(readFileSync(join(fixtures, 'hand.png')));
    const small = binaryBytes(1000);
    const large = binaryBytes(3 * 1024 * 1024 + 17);
    const empty = new Uint8Array(0);
    const inputs = [png, small, large, empty, small];
    const shas = inputs.map((bytes) => hashObject(repo, bytes));
    const blobs = openBlobReader(repo.dir);
    const results = await Promise.all(shas.map((sha) => blobs.read(sha)));
    blobs.close();
    results.forEach((bytes, i) => {
      assert.instance(bytes, Uint8Array);
      assert.is(bytes.byteLength, inputs[i]?.byteLength);
      assert.ok(Buffer.from(bytes).equals(Buffer.from(inputs[i] as Uint8Array)), `blob ${i} differs`);
    });
  } finally {
    repo.remove();
  }
});

reader('a missing object rejects that read only; a bad id never reaches git', async () => {
  const repo = makeRepo({ root: false });
  try {
    const sha = hashObject(repo, new TextEncoder().encode('hello\n'));
    const blobs = openBlobReader(repo.dir);
    const missing = blobs.read('0123456789012345678901234567890123456789');
    const good = blobs.read(sha);
    await rejects(missing, /missing/);
    assert.is(new TextDecoder().decode(await good), 'hello\n');
    await rejects(blobs.read(`${sha}\nHEAD`), /not an object id/);
    assert.is(new TextDecoder().decode(await blobs.read(sha)), 'hello\n');
    blobs.close();
    await rejects(blobs.read(sha), /closed/);
  } finally {
    repo.remove();
  }
});

reader('a tree id is refused as not a blob, and the stream stays in step', async () => {
  const repo = makeRepo({ root: false });
  try {
    repo.write('a.txt', 'A');
    repo.commitWorkTree('one', '2021-01-01T00:00:00Z');
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    const blob = repo.git('rev-parse', 'HEAD:a.txt').trim();
    const blobs = openBlobReader(repo.dir);
    const [treeRead, blobRead] = [blobs.read(tree), blobs.read(blob)];
    await rejects(treeRead, /is a tree, not a blob/);
    assert.is(new TextDecoder().decode(await blobRead), 'A');
    blobs.close();
  } finally {
    repo.remove();
  }
});

reader.run();

const parser = suite('createBatchParser');

parser('parses the framing whatever the chunk boundaries', async () => {
  const bodies = [binaryBytes(300), new Uint8Array(0), new TextEncoder().encode('x\n\n'), binaryBytes(5000)];
  const frames = bodies.map((body, i) => {
    const sha = createHash('sha1').update(String(i)).digest('hex');
    return Buffer.concat([Buffer.from(`${sha} blob ${body.length}\n`), Buffer.from(body), Buffer.from('\n')]);
  });
  const missing = Buffer.from(`${'f'.repeat(40)} missing\n`);
  const stream = Buffer.concat([...frames.slice(0, 2), missing, ...frames.slice(2)]);
  for (const size of [1, 2, 7, 64, 4096, stream.length]) {
    const p = createBatchParser();
    const answers = [0, 1, 'missing', 2, 3].map(() =>
      p.expect('x').then(
        (b) => b,
        (e: Error) => e,
      ),
    );
    for (let i = 0; i < stream.length; i += size) p.push(stream.subarray(i, i + size));
    const got = await Promise.all(answers);
    assert.is(p.pending(), 0);
    assert.instance(got[2], Error, `chunk size ${size}`);
    [0, 1, 3, 4].forEach((slot, k) => {
      const want = bodies[k] as Uint8Array;
      assert.ok(Buffer.from(got[slot] as Uint8Array).equals(Buffer.from(want)), `chunk size ${size}, body ${k}`);
    });
  }
});

parser.run();

const commands = suite('runGit / streamGit');

commands('runGit fails with a BinderpressError naming the command', async () => {
  const repo = makeRepo({ root: false });
  try {
    try {
      await runGit(repo.dir, ['rev-parse', '--verify', 'no-such-branch']);
      assert.unreachable('should fail');
    } catch (error) {
      assert.instance(error, BinderpressError);
      assert.match((error as Error).message, /^git rev-parse failed in /);
      assert.is((error as BinderpressError).code, 2);
    }
    const soft = await runGit(repo.dir, ['rev-parse', '--verify', 'no-such-branch'], { allowFailure: true });
    assert.is.not(soft.code, 0);
  } finally {
    repo.remove();
  }
});

commands('streamGit stops the process when the consumer has enough', async () => {
  const repo = makeRepo({ root: false });
  try {
    for (let i = 0; i < 30; i++) repo.commitWorkTree(`c${i}`, `2021-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`);
    let chunks = 0;
    await streamGit(repo.dir, ['log', '--format=%H'], () => {
      chunks += 1;
      return false;
    });
    assert.is(chunks, 1);
    let text = '';
    await streamGit(repo.dir, ['log', '--format=%s'], (chunk) => {
      text += chunk.toString();
    });
    assert.is(text.trim().split('\n').length, 30);
  } finally {
    repo.remove();
  }
});

commands.run();

test('BinderpressError carries hint, cause and exit code', () => {
  const cause = new Error('root');
  const error = new BinderpressError('not a git repository: /x', { hint: 'pass --repo DIR', cause });
  assert.is(error.name, 'BinderpressError');
  assert.is(error.hint, 'pass --repo DIR');
  assert.is(error.cause, cause);
  assert.is(error.code, 2);
  assert.is(new BinderpressError('x', { code: 3 }).code, 3);
  assert.instance(error, Error);
});

test.run();
