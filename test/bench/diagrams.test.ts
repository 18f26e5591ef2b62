import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { benchDiagrams } from '../../scripts/bench/diagrams.js';

test('benchDiagrams: one line per renderer with a rate, and the browser and process start-up once', async () => {
  const lines = await benchDiagrams({ count: 2 });
  assert.is(lines.length, 7, lines.join('\n'));
  for (const kind of ['graphviz', 'mermaid', 'plotly', 'vega', 'vega-lite']) {
    assert.ok(
      lines.some((l) => new RegExp(`^diagrams ${kind}: 2 in \\d+ ms, [\\d.]+/s$`).test(l)),
      `${kind}: ${lines.join('\n')}`,
    );
  }
  assert.match(lines[5]!, /^diagrams browser start \(once\): \d+ ms$/);
  assert.match(lines[6]!, /^diagrams process start \(once\): [1-9]\d* ms$/);
});

test.run();
