// Operators that embed diagrams the way notebooks do (src/diagrams/collect.ts): a fenced block in
// a markdown cell, or a diagram MIME output of a code cell. Each starts from a valid spec and bends
// it: huge sizes, data from URLs, script links, deep nesting, wrong types, broken syntax.
import type { Rng } from '../prng.js';
import { addSource, cellOf, outputsOf, setSlot, slots, type Json, type JsonObject, type Mutant } from './mutant.js';
import { CANARY, HOSTILE_URLS, HTML_PAYLOADS } from './payloads.js';
import type { Apply } from './operators-notebook.js';

const VEGA_LITE: JsonObject = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  data: {
    values: [
      { a: 'A', b: 28 },
      { a: 'B', b: 55 },
    ],
  },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
};

const VEGA: JsonObject = {
  $schema: 'https://vega.github.io/schema/vega/v5.json',
  width: 200,
  height: 100,
  data: [
    {
      name: 't',
      values: [
        { x: 1, y: 2 },
        { x: 2, y: 3 },
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

/** A mark that links somewhere hostile (vega's SVG writer turns `href` into a link). */
function linkSpec(spec: JsonObject, rng: Rng, kind: 'vega' | 'vega-lite'): Json {
  const s = structuredClone(spec);
  const url = rng.pick(HOSTILE_URLS);
  if (kind === 'vega-lite') return { ...s, encoding: { ...(s.encoding as JsonObject), href: { value: url } } };
  return {
    ...s,
    marks: [{ type: 'symbol', encode: { enter: { href: { value: url }, tooltip: { value: HTML_PAYLOADS[0]! } } } }],
  };
}

/** A spec that asks for a huge canvas, huge data or a huge number of marks. */
function hugeSpec(spec: JsonObject, rng: Rng, kind: 'vega' | 'vega-lite'): Json {
  const s = structuredClone(spec);
  return rng.pick<() => Json>([
    () => ({ ...s, width: rng.pick([1e9, -1, 0, 'container', '1e9', 1e308]), height: rng.pick([1e9, 2 ** 31, 'x']) }),
    () =>
      kind === 'vega-lite'
        ? { ...s, data: { values: Array.from({ length: rng.pick([1000, 50000]) }, (_, i) => ({ a: `k${i}`, b: i })) } }
        : { ...s, data: [{ name: 't', values: Array.from({ length: 50000 }, (_, i) => ({ x: i, y: i })) }] },
    () =>
      kind === 'vega-lite'
        ? { ...s, mark: 'bar', repeat: Array.from({ length: 2000 }, (_, i) => `f${i}`), spec: s }
        : { ...s, marks: Array.from({ length: 5000 }, () => (s.marks as Json[])[0]!) },
    () => ({ ...s, autosize: { type: 'fit', resize: true }, width: 1e7, height: 1e7, padding: 1e7 }),
  ])();
}

/** Bends a JSON spec in one of several ways (links and sizes have operators of their own). */
function bendSpec(spec: JsonObject, rng: Rng, kind: 'vega' | 'vega-lite'): Json {
  const s = structuredClone(spec);
  const url = rng.pick(HOSTILE_URLS);
  const bends: (() => Json)[] = [
    () => (kind === 'vega-lite' ? { ...s, data: { url } } : { ...s, data: [{ name: 't', url }] }),
    () => ({ ...s, signals: [{ name: 'x', update: `constructor.constructor('window.${CANARY}=1')()` }] }),
    () => ({ ...s, transform: [{ calculate: "toString.constructor('return this')()", as: 'p' }] }),
    () => ({ ...s, title: { text: HTML_PAYLOADS[1]!, href: url }, description: HTML_PAYLOADS[0]! }),
    () => {
      const all = slots(s);
      if (all.length) setSlot(rng.pick(all), rng.pick<Json>([null, 7, 'x', [], {}, true, -1e308]));
      return s;
    },
    () => ({ ...s, usermeta: JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as Json }),
    () =>
      kind === 'vega-lite'
        ? { ...s, config: { background: `url(javascript:x)`, font: '"><script>' } }
        : { ...s, background: 'url(javascript:x)' },
  ];
  return rng.pick(bends)();
}

const GRAPHVIZ: readonly ((rng: Rng) => string)[] = [
  (rng) => `digraph G { a -> b; a [URL="${rng.pick(HOSTILE_URLS)}" href="${rng.pick(HOSTILE_URLS)}" label="x"]; }`,
  () => `digraph G { a [label=<<TABLE><TR><TD HREF="javascript:window.${CANARY}=1">x</TD></TR></TABLE>>]; }`,
  () => 'digraph G { size="1e9,1e9"; dpi=1e6; ratio=fill; a -> b }',
  () => `digraph G { ${Array.from({ length: 3000 }, (_, i) => `n${i} -> n${(i * 7) % 3000};`).join(' ')} }`,
  (rng) => `digraph G { ${'subgraph { '.repeat(rng.pick([100, 2000]))}a${' }'.repeat(2000)} }`,
  () => 'digraph G { a [image="/etc/passwd" shapefile="/etc/passwd"]; b [shape=epsf]; }',
  () => 'digraph { a -> ',
  () => 'graph { a -- b; } } } {{{',
  () => `digraph G { a [label="${'\\n'.repeat(20000)}"]; }`,
  () => `digraph G { a [label="${HTML_PAYLOADS[2]!.replace(/"/g, '\\"')}"]; }`,
  () => 'digraph G { a [fontsize=1e30 width=1e30 height=1e30]; }',
  () =>
    `strict digraph { layout=neato; overlap=false; ${Array.from({ length: 400 }, (_, i) => `x${i} -- x${i + 1}`).join(';')} }`,
];

const MERMAID: readonly ((rng: Rng) => string)[] = [
  (rng) => `flowchart LR\n  A --> B\n  click A href "${rng.pick(HOSTILE_URLS)}"\n  click B call alert(1)`,
  () =>
    `%%{init: {"securityLevel": "loose", "startOnLoad": true, "htmlLabels": true}}%%\nflowchart LR\n  A["${HTML_PAYLOADS[1]!.replace(/"/g, '#quot;')}"] --> B`,
  () => `flowchart TD\n${Array.from({ length: 2000 }, (_, i) => `  n${i} --> n${(i * 13) % 2000}`).join('\n')}`,
  (rng) => `flowchart TD\n${'  subgraph s\n'.repeat(rng.pick([50, 500]))}  a\n${'  end\n'.repeat(500)}`,
  () => 'sequenceDiagram\n  Alice->>Bob: <img src=x onerror=alert(1)>\n  Note over Alice: <script>alert(1)</script>',
  () => 'graph LR\n  A-->',
  () => 'not a diagram at all %%{{{',
  () => `classDiagram\n  class A {\n    +${'x'.repeat(100000)}\n  }`,
  () => 'gantt\n  dateFormat YYYY-MM-DD\n  a :a1, 0000-01-01, 99999999d',
  () =>
    `%%{init: {"theme": "base", "themeVariables": {"primaryColor": "url(javascript:alert(1))"}, "maxTextSize": 1e9}}%%\ngraph LR\n A --> B`,
  () => `pie\n${Array.from({ length: 5000 }, (_, i) => `  "s${i}" : ${i}`).join('\n')}`,
  () => 'flowchart LR\n  A[<a href="javascript:alert(1)">x</a>] --> B',
];

/** Either a fenced block in markdown, or the MIME output a kernel would have written. */
function embed(
  m: Mutant,
  rng: Rng,
  fences: readonly string[],
  mime: string | undefined,
  text: string,
  json?: Json,
): void {
  if (mime && rng.chance(0.5)) {
    outputsOf(m, rng).push({
      output_type: rng.pick(['display_data', 'execute_result']),
      execution_count: 1,
      metadata: {},
      data: { [mime]: json ?? text, 'text/plain': '<diagram>' },
    });
    return;
  }
  const fence = rng.chance(0.8) ? '```' : '~~~';
  addSource(cellOf(m, rng, 'markdown'), `${fence}${rng.pick(fences)}\n${text}\n${fence}`, rng);
}

const MIMES = {
  'vega-lite': [
    'application/vnd.vegalite.v5+json',
    'application/vnd.vegalite.v4+json',
    'application/vnd.vegalite.v3+json',
  ],
  vega: ['application/vnd.vega.v5+json'],
};
const FENCES = { 'vega-lite': ['vega-lite', 'vegalite'], vega: ['vega'] };

function vegaOperator(kind: 'vega' | 'vega-lite', make: typeof bendSpec): Apply {
  return (m, rng) => {
    const spec = make(kind === 'vega' ? VEGA : VEGA_LITE, rng, kind);
    const text = rng.chance(0.1) ? JSON.stringify(spec).slice(0, -3) : JSON.stringify(spec, null, 1);
    embed(m, rng, FENCES[kind], rng.pick(MIMES[kind]), text, spec);
  };
}

const graphviz: Apply = (m, rng) =>
  embed(m, rng, ['dot', 'graphviz', '{graphviz}'], undefined, rng.pick(GRAPHVIZ)(rng));
const mermaid: Apply = (m, rng) => embed(m, rng, ['mermaid', '{mermaid}'], 'text/vnd.mermaid', rng.pick(MERMAID)(rng));

export const DIAGRAM_OPERATORS: Readonly<Record<string, Apply>> = {
  'diagram-vega-lite': vegaOperator('vega-lite', bendSpec),
  'diagram-vega': vegaOperator('vega', bendSpec),
  'diagram-vega-lite-link': vegaOperator('vega-lite', linkSpec),
  'diagram-vega-link': vegaOperator('vega', linkSpec),
  'diagram-vega-lite-huge': vegaOperator('vega-lite', hugeSpec),
  'diagram-vega-huge': vegaOperator('vega', hugeSpec),
  'diagram-graphviz': graphviz,
  'diagram-mermaid': mermaid,
};
