// Which notebooks run, what their outputs are cached under, how outputs reach the saved notebook,
// and how the settings combine (site, per build, --execute).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, md, notebookJson } from '../../test/support/git-repo.js';
import { graftOutputs, recordFromRun, runDiagnostic, PROVENANCE_KEY } from './outcome.js';
import { environmentHash, executionKey, probeNotebook, wantsExecution } from './select.js';
import { executeFor, resolveExecute } from './settings.js';
import { executionNote } from './note.js';
import { configFileSchema } from '../config.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const stripped = (cells: object[], meta: object = {}) => bytes(notebookJson(cells, meta));
const bare = (source: string, tags: string[] = []) => ({ ...code(source, [], null), metadata: { tags } });
const site = resolveExecute(undefined, undefined);

test('auto runs a notebook with code and no outputs; always runs any with code; never none', () => {
  const empty = probeNotebook(stripped([md('# A'), bare('x = 1')]));
  const saved = probeNotebook(
    stripped([bare('x = 1'), code('print(1)', [{ output_type: 'stream', name: 'stdout', text: '1\n' }])]),
  );
  const prose = probeNotebook(stripped([md('# Only text'), bare('   ')]));
  assert.equal(
    [wantsExecution('auto', empty), wantsExecution('auto', saved), wantsExecution('auto', prose)],
    [true, false, false],
  );
  assert.equal(
    [wantsExecution('always', empty), wantsExecution('always', saved), wantsExecution('always', prose)],
    [true, true, false],
  );
  assert.equal([wantsExecution('never', empty), wantsExecution('never', saved)], [false, false]);
  assert.is(probeNotebook(bytes('{"nbformat": 3, "worksheets": []}')), undefined, 'v3 is rendered as saved');
  assert.is(probeNotebook(bytes('not json')), undefined);
});

test('the key changes with code, tags, kernel, environment and limits, not with markdown or outputs', () => {
  const key = (b: Uint8Array, env = environmentHash([]), s = site) => executionKey(probeNotebook(b)!, env, s);
  const base = key(stripped([md('# A'), bare('x = 1')]));
  assert.is(key(stripped([md('# B, edited'), bare('x = 1')])), base);
  assert.is(
    key(stripped([md('# A'), { ...bare('x = 1'), outputs: [{ output_type: 'stream', name: 'stdout', text: 'old' }] }])),
    base,
  );
  const changed = [
    key(stripped([md('# A'), bare('x = 2')])),
    key(stripped([md('# A'), bare('x = 1', ['skip-execution'])])),
    key(stripped([md('# A'), bare('x = 1')], { kernelspec: { name: 'ir', display_name: 'R', language: 'R' } })),
    key(stripped([md('# A'), bare('x = 1')]), environmentHash([{ path: 'requirements.txt', blob: 'a'.repeat(40) }])),
    key(stripped([md('# A'), bare('x = 1')]), environmentHash([]), resolveExecute({ timeout: 5 }, site)),
  ];
  assert.is(new Set([base, ...changed]).size, 6);
});

test('outputs are grafted onto the notebook as saved, with the provenance note and the failing cell', () => {
  const ran = JSON.parse(
    notebookJson([md('# Old title'), bare('print(1)'), bare('1/0')], {
      kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)' },
    }),
  );
  ran.cells[1].outputs = [{ output_type: 'stream', name: 'stdout', text: '1\n' }];
  ran.cells[1].execution_count = 1;
  ran.cells[2].outputs = [
    { output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: [] },
  ];
  const record = recordFromRun(
    { status: 'error', notebook: ran, cell: 2, message: 'ZeroDivisionError: division by zero' },
    'python3',
  );
  assert.is(record.codeCell, 1);
  const saved = stripped([md('# New title'), md('An added paragraph'), bare('print(1)'), bare('1/0')]);
  const grafted = graftOutputs(saved, record, { date: '2026-03-04T05:06:07+00:00' })!;
  assert.is(grafted.cell, 3, 'the failing cell, counted in the notebook as saved');
  const nb = JSON.parse(new TextDecoder().decode(grafted.bytes));
  assert.is(nb.cells[0].source, '# New title');
  assert.equal(nb.cells[2].outputs, [{ output_type: 'stream', name: 'stdout', text: '1\n' }]);
  assert.is(nb.cells[2].execution_count, 1);
  assert.equal(nb.metadata[PROVENANCE_KEY], {
    kernel: 'Python 3 (ipykernel)',
    date: '2026-03-04T05:06:07+00:00',
    status: 'error',
  });
  assert.is(
    graftOutputs(stripped([bare('only one cell')]), record, { date: '' }),
    undefined,
    'other code cells: rendered as saved',
  );
  const d = runDiagnostic(record, 'main', 'a.ipynb', grafted.cell, 120)!;
  assert.equal([d.rule, d.branch, d.path, d.cell], ['execute-cell-error', 'main', 'a.ipynb', 3]);
  assert.match(d.message, /ZeroDivisionError: division by zero/);
  assert.match(
    executionNote(nb.metadata),
    /with the Python 3 \(ipykernel\) kernel, from the notebook as committed on <time datetime="2026-03-04T05:06:07\+00:00">2026-03-04<\/time>\. The run stopped early/,
  );
});

test('the note escapes what the metadata holds', () => {
  const note = executionNote({
    [PROVENANCE_KEY]: { kernel: '<script>alert(1)</script>', date: '"><img src=x>', status: 'ok' },
  });
  assert.not.match(note, /<script|<img/);
  assert.is(executionNote({}), '');
});

test('settings: site-wide, then builds: patterns in order, with --execute over both', () => {
  const s = resolveExecute({ mode: 'never', python: '/opt/py/bin/python', timeout: 30 }, undefined);
  const builds = {
    'course/*': { execute: { mode: 'always' as const, timeout: 5 } },
    'course/b': { execute: 'auto' as const },
  };
  assert.equal(executeFor(s, builds, 'main'), s);
  assert.equal(executeFor(s, builds, 'course/a'), {
    mode: 'always',
    python: '/opt/py/bin/python',
    timeout: 5,
    notebookTimeout: 1200,
    allowErrors: false,
  });
  assert.is(executeFor(s, builds, 'course/b').mode, 'auto');
  const cli = resolveExecute({ mode: 'never' }, undefined, 'always');
  assert.is(executeFor(cli, builds, 'course/b').mode, 'always');
  assert.is(resolveExecute(undefined, undefined).mode, 'auto');
});

test('the config accepts a mode or an object, per build too, and refuses others', () => {
  assert.ok(
    configFileSchema.safeParse({
      execute: 'always',
      builds: { main: { execute: { python: '.venv/bin/python', allowErrors: true } } },
    }).success,
  );
  assert.not.ok(configFileSchema.safeParse({ execute: 'sometimes' }).success);
  assert.not.ok(configFileSchema.safeParse({ execute: { timeout: -1 } }).success);
  assert.not.ok(configFileSchema.safeParse({ execute: { kernel: 'python3' } }).success);
});

test.run();
