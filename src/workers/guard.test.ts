import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LINK_SPEC } from '../../test/support/hostile-specs.js';
import type { RawJob } from '../../test/support/raw-vega-worker.js';
import { createGuard } from './guard.js';
import { DIAGRAM_MEMORY_MB } from '../diagrams/limits.js';

const plain = JSON.stringify({ ...LINK_SPEC, encoding: { x: LINK_SPEC.encoding.x } });
/**
 * The time limit for jobs that must end for another reason (drawn, crashed, out of memory): far
 * above the default, which such a job can pass on a heavily loaded machine and then reads as a
 * timeout.
 */
const UNHURRIED = 300_000;
const guard = createGuard<RawJob, string | number>(new URL('../../test/support/raw-vega-worker.ts', import.meta.url));

test.after(() => guard.close());

test('guard: vega-scenegraph’s uncaught throw on a link is one crash of one job; the next job gets a fresh process', async () => {
  const crashed = await guard.run({ type: 'vega-lite', source: JSON.stringify(LINK_SPEC) }, UNHURRIED);
  assert.equal(crashed, {
    ok: false,
    rule: 'diagram-crashed',
    error: "its renderer crashed: Cannot read properties of null (reading 'href')",
  });
  const drawn = await guard.run({ type: 'vega-lite', source: plain }, UNHURRIED);
  assert.ok(drawn.ok && typeof drawn.value === 'string' && drawn.value.startsWith('<svg'), JSON.stringify(drawn));
  assert.is(guard.starts, 2);
});

test('guard: the process runs under the default heap limit', async () => {
  const heap = await guard.run({ type: 'heap' }, UNHURRIED);
  assert.ok(heap.ok);
  const mb = Number(heap.value) / 2 ** 20;
  assert.ok(mb >= DIAGRAM_MEMORY_MB && mb < DIAGRAM_MEMORY_MB + 128, `${mb} MB`);
  assert.is(DIAGRAM_MEMORY_MB, 512);
});

test('guard: a job that fills the heap is one failure at the memory limit, and the process replaced', async () => {
  const starts = guard.starts;
  const result = await guard.run({ type: 'hog' }, UNHURRIED);
  assert.equal(result, {
    ok: false,
    rule: 'diagram-too-large',
    error: `it needed more than the ${DIAGRAM_MEMORY_MB} MB memory limit`,
  });
  assert.ok((await guard.run({ type: 'vega-lite', source: plain }, UNHURRIED)).ok);
  assert.is(guard.starts, starts + 1);
});

test('guard: a job over its time limit is stopped, and the process replaced', async () => {
  const starts = guard.starts;
  const slow = JSON.stringify({
    data: { values: Array.from({ length: 20_000 }, (_, a) => ({ a })) },
    mark: 'point',
    encoding: { x: { field: 'a', type: 'quantitative' } },
  });
  const result = await guard.run({ type: 'vega-lite', source: slow }, 1);
  assert.equal(result, { ok: false, rule: 'diagram-timeout', error: 'it took longer than the 0.001 s time limit' });
  const again = await guard.run({ type: 'vega-lite', source: plain }, UNHURRIED);
  assert.ok(again.ok);
  assert.is(guard.starts, starts + 1);
});

test.run();
