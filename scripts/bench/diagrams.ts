// Benchmark for `npm run bench`: diagrams (Plotly figures included) per second for each renderer, drawn through the real
// stage with no cache. Browser and diagram process start-up are measured once and reported on
// their own lines (the process is reused: a second call in the same process starts none).
// Runs from the sources: `node --import tsx scripts/bench/diagrams.ts`.
import { pathToFileURL } from 'node:url';
import type { Cell, Notebook, Output } from '../../src/types.js';
import { drawDiagrams } from '../../src/diagrams/stage.js';

const fence = (lang: string, body: string): string => `\`\`\`${lang}\n${body}\n\`\`\`\n`;

function sources(i: number): string[] {
  const vegaLite = {
    data: {
      values: [
        { k: `a${i}`, v: i },
        { k: 'b', v: 3 },
        { k: 'c', v: 7 },
      ],
    },
    mark: 'bar',
    encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
  };
  const vega = {
    width: 120,
    height: 80,
    data: [
      {
        name: 't',
        values: [
          { x: i, y: 2 },
          { x: 2, y: 5 },
        ],
      },
    ],
    scales: [
      { name: 'x', domain: { data: 't', field: 'x' }, range: 'width' },
      { name: 'y', domain: { data: 't', field: 'y' }, range: 'height' },
    ],
    marks: [
      {
        type: 'symbol',
        from: { data: 't' },
        encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' } } },
      },
    ],
  };
  return [
    fence('mermaid', `flowchart LR\n  A${i}[Start ${i}] --> B{Check}\n  B -->|yes| C[Done]\n  B -->|no| A${i}`),
    fence('dot', `digraph g${i} { rankdir=LR; a${i} -> b -> c; b -> d; }`),
    fence('vega-lite', JSON.stringify(vegaLite)),
    fence('vega', JSON.stringify(vega)),
  ];
}

/** A Plotly figure as plotly.py writes it (a line and a bar trace, a title). */
function plotlyOutput(i: number): Output {
  const figure = {
    data: [
      { type: 'scatter', x: [1, 2, 3, 4], y: [i, 3, 1, 4], name: 'a' },
      { type: 'bar', x: [1, 2, 3, 4], y: [2, 1, 3, i % 5] },
    ],
    layout: { title: { text: `Figure ${i}` } },
  };
  return { type: 'display_data', data: { 'application/vnd.plotly.v1+json': figure }, metadata: {} };
}

function benchNotebook(count: number): Notebook {
  const cells = Array.from({ length: count }, (_, i): Cell[] => [
    { type: 'markdown', id: `c${i}`, source: sources(i).join('\n'), metadata: {}, tags: [], attachments: {} },
    {
      type: 'code',
      id: `p${i}`,
      source: 'fig.show()',
      metadata: {},
      tags: [],
      executionCount: 1,
      outputs: [plotlyOutput(i)],
    },
  ]).flat();
  return { nbformat: 4, nbformatMinor: 5, metadata: {}, cells };
}

/** Report lines: per renderer, diagrams drawn and diagrams per second. */
export async function benchDiagrams(options: { count?: number } = {}): Promise<string[]> {
  const count = options.count ?? 20;
  const result = await drawDiagrams([{ branch: 'bench', path: 'bench.ipynb', notebook: benchNotebook(count) }]);
  const lines = Object.entries(result.stats.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([kind, s]) =>
        `diagrams ${kind}: ${s.count} in ${s.ms.toFixed(0)} ms, ${((s.count * 1000) / Math.max(s.ms, 1e-3)).toFixed(1)}/s`,
    );
  lines.push(`diagrams browser start (once): ${result.stats.browserMs.toFixed(0)} ms`);
  lines.push(`diagrams process start (once): ${result.stats.workerMs.toFixed(0)} ms`);
  const failed = result.diagnostics.filter((d) => d.severity !== 'info');
  if (failed.length > 0) lines.push(`diagrams problems: ${failed.map((d) => d.message).join('; ')}`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchDiagrams()) console.log(line);
}
