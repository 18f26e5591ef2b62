// Structure-aware operators on a notebook's JSON, its markdown and its outputs. Each one keeps
// the notebook mostly whole so the build gets past parsing and into the stage it aims at.
import type { Rng } from '../prng.js';
import {
  addSource,
  cellOf,
  cellsOf,
  isObject,
  outputsOf,
  setSlot,
  slots,
  type Json,
  type JsonObject,
  type Mutant,
} from './mutant.js';
import {
  CANARY,
  deepMarkdown,
  HOSTILE_URLS,
  HTML_PAYLOADS,
  INVALID_UTF8,
  MATH_BOMBS,
  ODD_CHARS,
  quadraticText,
  sizeOf,
  yamlBomb,
  yamlFrontMatter,
} from './payloads.js';

export type Apply = (m: Mutant, rng: Rng) => void;

const ODD_VALUES: readonly Json[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  true,
  false,
  '',
  'x',
  '4',
  [],
  {},
  [[]],
  { a: {} },
  ['a', 1, null],
  'null',
];

let placeholders = 0;
/** Puts literal JSON text at a slot (for what JSON.stringify cannot write or would overflow on). */
function rawAt(m: Mutant, slot: Parameters<typeof setSlot>[0], text: string): void {
  const key = `\u0000raw-${placeholders++}`;
  m.raw.set(key, text);
  setSlot(slot, key);
}

const someSlot = (m: Mutant, rng: Rng) => {
  const all = slots(m.nb);
  return all.length > 0 ? rng.pick(all) : undefined;
};

const stringSlots = (m: Mutant) =>
  slots(m.nb).filter((s) => typeof (s.parent as Record<string | number, Json>)[s.key] === 'string');

const wrongType: Apply = (m, rng) => {
  for (let i = rng.range(1, 3); i > 0; i--) {
    const slot = someSlot(m, rng);
    if (slot) setSlot(slot, structuredClone(rng.pick(ODD_VALUES)));
    else m.nb = structuredClone(rng.pick(ODD_VALUES));
  }
};

const dropField: Apply = (m, rng) => {
  const objects = slots(m.nb)
    .map((s) => (s.parent as Record<string | number, Json>)[s.key])
    .filter(isObject);
  const target = rng.pick(
    [...(isObject(m.nb) ? [m.nb] : []), ...objects].filter((o) => Object.keys(o).length > 0).concat([{ x: 1 }]),
  );
  delete target[rng.pick(Object.keys(target))];
};

const deepNesting: Apply = (m, rng) => {
  const depth = rng.pick([100, 1000, 5000, 20000, 100000]);
  const [open, close] = rng.pick([
    ['[', ']'],
    ['{"a":', '}'],
  ]);
  const slot = rng.chance(0.5) ? someSlot(m, rng) : undefined;
  const meta = isObject(m.nb) && isObject(m.nb.metadata) ? m.nb.metadata : undefined;
  const target =
    slot ?? (meta ? { parent: meta, key: rng.pick(['widgets', 'tags', 'title', 'authors', 'x']) } : undefined);
  if (target) rawAt(m, target, `${open!.repeat(depth)}1${close!.repeat(depth)}`);
};

const hugeValue: Apply = (m, rng) => {
  const size = rng.pick([100_000, 1_000_000, 4_000_000]);
  const kinds: (() => void)[] = [
    () =>
      addSource(
        cellOf(m, rng, rng.pick(['markdown', 'code', 'raw'])),
        rng.pick(['a', 'é', '\u{1f600}', 'ab\n', '<b>']).repeat(Math.ceil(size / 4)),
        rng,
      ),
    () =>
      outputsOf(m, rng).push({
        output_type: 'stream',
        name: 'stdout',
        text: 'line of output\n'.repeat(Math.ceil(size / 15)),
      }),
    () =>
      outputsOf(m, rng).push({
        output_type: 'execute_result',
        execution_count: 1,
        metadata: {},
        data: { 'text/html': '<td>x</td>'.repeat(Math.ceil(size / 10)), 'text/plain': 'x' },
      }),
    () => {
      const cells = cellsOf(m);
      const copies = rng.pick([500, 3000]);
      const source: Json | undefined =
        cells.length > 0 ? cells[rng.int(cells.length)] : { cell_type: 'markdown', metadata: {}, source: '# x' };
      for (let i = 0; i < copies; i++) cells.push(isObject(source) ? { ...source, id: `dup-${i}` } : (source ?? null));
    },
    () => {
      const all = stringSlots(m);
      if (all.length) setSlot(rng.pick(all), 'y'.repeat(size));
    },
  ];
  rng.pick(kinds)();
};

const oddNumbers: Apply = (m, rng) => {
  const numbers = [
    '1e309',
    '-1e309',
    '-0',
    '1.0e-400',
    '9007199254740993',
    '-1',
    '0.5',
    '4.0',
    '1E2',
    '123456789012345678901234567890',
  ];
  const nb = isObject(m.nb) ? m.nb : undefined;
  const targets = [
    ...(nb
      ? [
          { parent: nb, key: 'nbformat' },
          { parent: nb, key: 'nbformat_minor' },
        ]
      : []),
    ...cellsOf(m)
      .filter(isObject)
      .filter((c) => c.cell_type === 'code')
      .map((c) => ({ parent: c, key: 'execution_count' })),
    ...slots(m.nb).filter((s) => typeof (s.parent as Record<string | number, Json>)[s.key] === 'number'),
  ];
  for (let i = rng.range(1, 3); i > 0 && targets.length; i--) rawAt(m, rng.pick(targets), rng.pick(numbers));
};

const controlChars: Apply = (m, rng) => {
  const all = stringSlots(m);
  for (let i = rng.range(1, 6); i > 0 && all.length; i--) {
    const slot = rng.pick(all);
    const value = (slot.parent as Record<string | number, Json>)[slot.key] as string;
    const at = rng.int(value.length + 1);
    setSlot(slot, value.slice(0, at) + rng.pick(ODD_CHARS).repeat(rng.pick([1, 1, 3, 1000])) + value.slice(at));
  }
};

/** Invalid UTF-8 inside string literals of the serialized text (after a `"`, never in a key's quote). */
const invalidUtf8: Apply = (m) => {
  m.post.push((bytes, rng) => {
    const quotes: number[] = [];
    for (let i = 0; i < bytes.length && quotes.length < 20000; i++)
      if (bytes[i] === 0x22 && bytes[i + 1] !== 0x3a && bytes[i - 1] !== 0x5c) quotes.push(i);
    if (quotes.length === 0) return bytes;
    const parts: Buffer[] = [];
    let last = 0;
    for (const at of rng
      .shuffle(quotes)
      .slice(0, rng.range(1, 4))
      .sort((a, b) => a - b)) {
      parts.push(bytes.subarray(last, at + 1), Buffer.from(rng.pick(INVALID_UTF8)));
      last = at + 1;
    }
    parts.push(bytes.subarray(last));
    return Buffer.concat(parts);
  });
};

const truncate: Apply = (m) => {
  m.post.push((bytes, rng) =>
    rng.chance(0.2) ? bytes.subarray(0, rng.int(8)) : bytes.subarray(0, rng.int(bytes.length)),
  );
};

const spliceCells: Apply = (m, rng) => {
  const cells = cellsOf(m);
  const kinds: (() => void)[] = [
    () => cells.reverse(),
    () =>
      cells.forEach((c) => {
        if (isObject(c)) c.id = 'same-id';
      }),
    () => cells.push(...structuredClone(cells.slice(0, rng.int(cells.length + 1)))),
    () =>
      cells.push({
        cell_type: rng.pick(['heading', 'unknown', '', 'Markdown', 'raw']),
        source: '# odd',
        metadata: {},
        level: 99,
      }),
    () => cells.splice(0, cells.length),
    () =>
      cells.forEach((c) => {
        if (isObject(c)) c.id = rng.pick(['', ' ', '../x', 'a'.repeat(500), '<script>', '#top']);
      }),
    () =>
      cells.push({
        cell_type: 'raw',
        metadata: {
          format: rng.pick([
            'text/html',
            'text/markdown',
            'text/latex',
            'text/restructuredtext',
            'application/javascript',
          ]),
        },
        source: rng.pick(HTML_PAYLOADS),
      }),
  ];
  rng.pick(kinds)();
};

/** Tags, odd ones among them, on the notebook and a cell: `n` picks how many. */
const tags =
  (counts: readonly number[]): Apply =>
  (m, rng) => {
    const n = rng.pick(counts);
    const odd = [
      '../../x',
      '<script>',
      'a/b',
      '.',
      '..',
      'CON',
      ' ',
      '',
      'Tag',
      'tag',
      'TAG',
      '#',
      '?',
      '%2e%2e',
      'ü',
      '\u202e',
    ];
    const list = Array.from({ length: n }, (_, i) => (rng.chance(0.3) ? rng.pick(odd) : `t${i}`));
    if (isObject(m.nb)) {
      const meta = isObject(m.nb.metadata) ? m.nb.metadata : (m.nb.metadata = {});
      meta.tags = rng.chance(0.8) ? list : rng.pick<Json>(['a,b', 7, { a: 1 }]);
    }
    const cell = cellOf(m, rng, rng.pick(['markdown', 'code']));
    cell.metadata = {
      tags: rng.chance(0.5)
        ? list.slice(0, 50)
        : ['remove-cell', 'hide-input', 'remove-output', 'hide-output', 'remove_cell'],
    };
  };

/** NUL characters in text: HTML has no place for them, a page must not carry them. */
const nulChar: Apply = (m, rng) => {
  const text = rng.pick([
    `a\u0000b`,
    `<img src="x\u0000" onerror="window.${CANARY}=1">`,
    `[a\u0000](b)`,
    `\u0000`.repeat(10),
  ]);
  addSource(cellOf(m, rng, rng.pick(['markdown', 'code'])), text, rng);
};

/** A tag longer than a file name may be (255 bytes on most disks): tags become folders. */
const longTag: Apply = (m, rng) => {
  if (!isObject(m.nb)) return;
  const meta = isObject(m.nb.metadata) ? m.nb.metadata : (m.nb.metadata = {});
  meta.tags = [rng.pick(['t', 'é', '\u{1f600}']).repeat(rng.pick([200, 300, 1000]))];
};

const deepMarkdownOp: Apply = (m, rng) => addSource(cellOf(m, rng, 'markdown'), deepMarkdown(rng, sizeOf(rng)), rng);
const quadraticMarkdown: Apply = (m, rng) =>
  addSource(cellOf(m, rng, 'markdown'), quadraticText(rng, rng.pick([1000, 10000, 50000])), rng);

const hostileHtml: Apply = (m, rng) => {
  const payload = rng.pick(HTML_PAYLOADS);
  const places: (() => void)[] = [
    () => addSource(cellOf(m, rng, 'markdown'), payload, rng),
    () =>
      outputsOf(m, rng).push({
        output_type: 'display_data',
        metadata: {},
        data: {
          [rng.pick(['text/html', 'image/svg+xml', 'text/markdown', 'text/latex', 'application/javascript'])]: payload,
        },
      }),
    () =>
      isObject(m.nb) &&
      (m.nb.metadata = {
        ...(isObject(m.nb.metadata) ? m.nb.metadata : {}),
        title: payload,
        description: payload,
        authors: [{ name: payload }],
      }),
    () => addSource(cellOf(m, rng, 'markdown'), `# ${payload}\n\n| ${payload} |\n|---|\n| x |`, rng),
    () => outputsOf(m, rng).push({ output_type: 'error', ename: payload, evalue: payload, traceback: [payload] }),
  ];
  rng.pick(places)();
};

const hostileUrl: Apply = (m, rng) => {
  const url = rng.pick(HOSTILE_URLS);
  const forms = [
    `[link](${url})`,
    `![img](${url})`,
    `<${url}>`,
    `<a href="${url}">a</a>`,
    `<img src="${url}">`,
    `[ref]\n\n[ref]: ${url}`,
    `<img srcset="${url} 2x">`,
    `[a](<${url}>)`,
  ];
  if (rng.chance(0.7)) addSource(cellOf(m, rng, 'markdown'), rng.pick(forms), rng);
  else
    outputsOf(m, rng).push({
      output_type: 'display_data',
      metadata: {},
      data: { 'text/html': rng.pick(forms.slice(3, 7)), 'text/plain': url },
    });
};

const math: Apply = (m, rng) => addSource(cellOf(m, rng, 'markdown'), rng.pick(MATH_BOMBS), rng);

const frontMatter =
  (make: (rng: Rng) => string): Apply =>
  (m, rng) => {
    cellsOf(m).unshift({ cell_type: rng.pick(['raw', 'markdown']), id: 'front', metadata: {}, source: make(rng) });
  };

/** A PNG header that claims an enormous image (the decoder must refuse it, not allocate it). */
function pngClaiming(width: number, height: number): string {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  return Buffer.concat([sig, ihdr, Buffer.from('0000000049454e44ae426082', 'hex')]).toString('base64');
}

const oddOutputs: Apply = (m, rng) => {
  const outputs = outputsOf(m, rng);
  const kinds: (() => Json)[] = [
    () => ({ output_type: rng.pick(['unknown', 'pyout', 'pyerr', '', 'stream']), text: 'x', data: 'x' }),
    () => ({
      output_type: 'stream',
      name: rng.pick(['weird', '', 'stderr']),
      text: '\r'.repeat(10000) + 'progress\r'.repeat(sizeOf(rng)),
    }),
    () => ({
      output_type: 'stream',
      name: 'stdout',
      text: `${'\u001b['.repeat(sizeOf(rng))}\u001b[38;5;999999m\u001b[48;2;1;2;3;4;5mcolour`,
    }),
    () => ({
      output_type: 'display_data',
      metadata: { 'image/png': { width: rng.pick([-1, 1e308, '100%" onload="x', 0]) } },
      data: {
        'image/png': rng.pick([
          pngClaiming(100000, 100000),
          pngClaiming(0, 0),
          pngClaiming(0x7fffffff, 2),
          'not base64!',
          '',
          'iVBORw0KGgo=',
        ]),
      },
    }),
    () => ({
      output_type: 'display_data',
      metadata: {},
      data: {
        [rng.pick(['image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'application/pdf'])]: 'AAAA'.repeat(
          rng.pick([1, 1000]),
        ),
      },
    }),
    () => ({
      output_type: 'display_data',
      metadata: {},
      data: {
        'application/json': { a: [1, { b: null }] },
        'application/vnd.jupyter.widget-view+json': { model_id: '"><script>', version_major: 2 },
      },
    }),
    () => ({
      output_type: 'execute_result',
      execution_count: 'one',
      metadata: null,
      data: { 'text/plain': ['a', 7, null] },
    }),
    () => ({
      output_type: 'error',
      ename: 'E',
      evalue: 'v',
      traceback: Array.from({ length: sizeOf(rng) }, () => '\u001b[0;31m  File "x"\u001b[0m'),
    }),
    () => ({
      output_type: 'display_data',
      metadata: {},
      data: {
        'image/svg+xml': `<svg xmlns="http://www.w3.org/2000/svg" width="99999999" height="99999999"><image href="file:///etc/passwd"/><foreignObject><body onload="x"/></foreignObject></svg>`,
      },
    }),
  ];
  outputs.push(rng.pick(kinds)());
};

export const NOTEBOOK_OPERATORS: Readonly<Record<string, Apply>> = {
  'wrong-type': wrongType,
  'drop-field': dropField,
  'deep-nesting': deepNesting,
  'huge-value': hugeValue,
  'odd-numbers': oddNumbers,
  'control-chars': controlChars,
  'invalid-utf8': invalidUtf8,
  truncate,
  'splice-cells': spliceCells,
  'odd-tags': tags([1, 5, 30]),
  'nul-char': nulChar,
  'long-tag': longTag,
  'tag-explosion': tags([1000, 20000]),
  'deep-markdown': deepMarkdownOp,
  'quadratic-markdown': quadraticMarkdown,
  'hostile-html': hostileHtml,
  'hostile-url': hostileUrl,
  math,
  'front-matter': frontMatter(yamlFrontMatter),
  'yaml-bomb': frontMatter(yamlBomb),
  'odd-outputs': oddOutputs,
};

export type { JsonObject };
