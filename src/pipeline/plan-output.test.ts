import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PlannedFile } from '../io/write-site.js';
import { planOutput } from './plan-output.js';

const file = (path: string, origin: string, bytes: string): PlannedFile => ({ path, origin, fingerprint: `s:${bytes}`, content: () => bytes });

test('planOutput: of two files whose paths differ only in case, the first is kept and the message says which is left out', () => {
  const plan = planOutput([
    file('main/Figure.png', 'branch main, file Figure.png', 'upper'),
    file('main/figure.png', 'branch main, file figure.png', 'lower'),
  ]);
  assert.equal(plan.files.map((f) => f.path), ['main/Figure.png']);
  assert.is(plan.diagnostics.length, 1);
  const [d] = plan.diagnostics;
  assert.is(d?.message, 'branch main, file Figure.png and branch main, file figure.png would both be written to main/Figure.png; branch main, file figure.png is left out');
  assert.not.match(d?.hint ?? '', /--branches/);
});

test('planOutput: one file claimed twice with the same bytes is one file, no collision', () => {
  const plan = planOutput([file('a/x.png', 'branch a, file x.png', 'same'), file('a/x.png', 'branch a, output of n.ipynb', 'same')]);
  assert.is(plan.files.length, 1);
  assert.equal(plan.diagnostics, []);
});

test.run();
