import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createProgress, progressMode } from './progress.js';

test('progressMode: quiet wins, a terminal gets the bar, CI and pipes get lines', () => {
  assert.is(progressMode(true, { isTTY: true }, {}), 'quiet');
  assert.is(progressMode(false, { isTTY: true }, {}), 'tty');
  assert.is(progressMode(false, { isTTY: true }, { CI: 'true' }), 'lines');
  assert.is(progressMode(false, { isTTY: true }, { CI: 'false' }), 'tty');
  assert.is(progressMode(false, { isTTY: false }, {}), 'lines');
  assert.is(progressMode(false, {}, {}), 'lines');
  assert.is(progressMode(false, { isTTY: true }, { TERM: 'dumb' }), 'lines');
});

test('createProgress: lines mode prints one line per phase and every log line, no ticks', () => {
  const out: string[] = [];
  const p = createProgress({ mode: 'lines', write: (t) => out.push(t) });
  p.phase('rendering notebooks', 3);
  p.tick('branch a');
  p.tick('branch a');
  p.log('diagrams: 2 drawn');
  p.phase('writing');
  p.done();
  assert.equal(out, ['rendering notebooks (3)\n', 'diagrams: 2 drawn\n', 'writing\n']);
});

test('createProgress: a terminal line with counts and branch, throttled, cleared for logs and at the end', () => {
  const out: string[] = [];
  let now = 0;
  const p = createProgress({ mode: 'tty', write: (t) => out.push(t), now: () => now, columns: 60 });
  p.phase('rendering notebooks', 1000);
  assert.is(out.at(-1), '\r\x1b[2Krendering notebooks 0/1000');
  p.tick('branch course/intro');
  assert.is(out.length, 1, 'throttled: at most every 100 ms');
  now = 150;
  p.tick('branch course/intro', 119);
  assert.is(out.at(-1), '\r\x1b[2Krendering notebooks 120/1000 · branch course/intro');
  p.log('a warning');
  assert.equal(out.slice(-3), [
    '\r\x1b[2K',
    'a warning\n',
    '\r\x1b[2Krendering notebooks 120/1000 · branch course/intro',
  ]);
  now = 151;
  p.tick(`branch ${'x'.repeat(100)}`, 880);
  assert.ok((out.at(-1) as string).length <= 60 + 5, 'cut to the terminal width');
  assert.match(out.at(-1) as string, /1000\/1000/);
  p.done();
  assert.is(out.at(-1), '\r\x1b[2K');
});

test('createProgress: quiet prints nothing', () => {
  const out: string[] = [];
  const p = createProgress({ mode: 'quiet', write: (t) => out.push(t) });
  p.phase('x', 1);
  p.tick();
  p.log('y');
  p.done();
  assert.equal(out, []);
});

test.run();
