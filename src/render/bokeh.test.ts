import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadNotebook } from '../../test/support/load-notebook.js';
import type { DisplayOutput, Notebook } from '../types.js';
import { BOKEH_EXEC_MIME, bokehDocument, isBokehPlaceholder } from './bokeh.js';
import type { BokehSource } from './bokeh.js';

/** Every display output of the notebook with its cell index. */
function displays(nb: Notebook): { cell: number; output: DisplayOutput }[] {
  return nb.cells.flatMap((cell, index) =>
    cell.type === 'code'
      ? cell.outputs.flatMap((o) =>
          o.type === 'display_data' || o.type === 'execute_result' ? [{ cell: index, output: o }] : [],
        )
      : [],
  );
}

const ticts = loadNotebook('interactive/bokeh-ticts.ipynb');
const execs = displays(ticts).filter((d) => Object.hasOwn(d.output.data, BOKEH_EXEC_MIME));
const first = execs[0]!.output.data;
const script = first['application/javascript'] as string;

test('a saved Bokeh 3.4 notebook: one document per show(), read from the script as data', () => {
  assert.equal(
    execs.map((d) => d.cell),
    [3, 7],
  );
  const found = execs.map((d) => bokehDocument(d.output.data));
  assert.ok(found.every((f) => f?.ok));
  const [one, row] = found.map((f) => (f?.ok ? (JSON.parse(f.source) as BokehSource) : undefined));
  assert.equal(one?.render_items, [{ docid: 'ee38bb15-9a94-4e8f-82c6-91c66c75f5be', root_ids: ['p1001'] }]);
  const doc = one?.docs_json['ee38bb15-9a94-4e8f-82c6-91c66c75f5be'] as { version: string; roots: { name: string }[] };
  assert.is(doc.version, '3.4.1');
  assert.equal(
    doc.roots.map((r) => r.name),
    ['Figure'],
  );
  const rowDoc = Object.values(row!.docs_json)[0] as { roots: { name: string; attributes: { children: unknown[] } }[] };
  assert.is(rowDoc.roots[0]?.name, 'Row');
  assert.is(rowDoc.roots[0]?.attributes.children.length, 3);
  assert.equal(found[0]?.ok && found[0].version, '3.4.1');
});

test('outputs that are not Bokeh documents are not read', () => {
  const others = displays(ticts).filter((d) => !Object.hasOwn(d.output.data, BOKEH_EXEC_MIME));
  assert.ok(others.length >= 3, 'the load output, the root <div> and the reprs');
  for (const d of others) assert.is(bokehDocument(d.output.data), undefined);
});

test("the element show() embeds into, alone in its output, is Bokeh's placeholder; nothing else is", () => {
  const placeholders = displays(ticts).filter((d) => isBokehPlaceholder(d.output.data));
  assert.equal(
    placeholders.map((d) => d.cell),
    [3, 7],
  );
  const old = displays(loadNotebook('interactive/bokeh-1.3.ipynb')).filter((d) => isBokehPlaceholder(d.output.data));
  assert.ok(old.length > 0, 'Bokeh 1.x wrote one too');
  assert.not.ok(isBokehPlaceholder({ 'text/html': '<div data-root-id="p1">text</div>' }));
  assert.not.ok(isBokehPlaceholder({ 'text/html': '<div id="a" data-root-id="p1"></div>', 'text/plain': 'x' }));
  assert.not.ok(isBokehPlaceholder({ 'text/html': '<div id="a"></div>' }));
});

test('the document inside a <script> of text/html is read the same way', () => {
  const htmlData = {
    [BOKEH_EXEC_MIME]: '',
    'text/html': `<div id="x"></div>\n<script type="text/javascript">${script}</script>`,
  };
  assert.equal(bokehDocument(htmlData), bokehDocument(first));
});

test('a document saved by Bokeh 1.x/2.x: refused with the version, not guessed at', () => {
  const old = displays(loadNotebook('interactive/bokeh-1.3.ipynb')).filter((d) =>
    Object.hasOwn(d.output.data, BOKEH_EXEC_MIME),
  );
  assert.ok(old.length > 0);
  const found = bokehDocument(old[0]!.output.data);
  assert.equal(found?.ok, false);
  assert.match(!found?.ok ? found!.error : '', /saved by Bokeh 1\.3\.4, whose documents BokehJS 3\.x does not read/);
});

/** The fixture's output with its script changed by `edit`. */
const variant = (edit: (s: string) => string) => bokehDocument({ ...first, 'application/javascript': edit(script) });
const errorOf = (found: ReturnType<typeof bokehDocument>): string => (found && !found.ok ? found.error : '');

test('malformed variants of the real output: a reason each, never a throw', () => {
  assert.match(
    errorOf(variant((s) => s.replace('const docs_json = {', 'const docs_json = {,'))),
    /docs_json does not parse/,
  );
  assert.match(
    errorOf(variant((s) => s.replace(/const docs_json = [\s\S]*$/, 'const docs_json = {"a":[1,'))),
    /does not end/,
  );
  assert.match(
    errorOf(variant((s) => s.replaceAll('docs_json', 'other_json'))),
    /no script with the document|assigns no JSON to docs_json/,
  );
  assert.match(
    errorOf(variant((s) => s.replace(/const render_items = \[[^\n]*\];/, 'const render_items = [];'))),
    /render_items is not a list/,
  );
  assert.match(errorOf(variant((s) => s.replace('"docid":"ee38', '"docid":"ff38'))), /names no document/);
  assert.match(
    errorOf(
      variant((s) => s.replace('"root_ids":["p1001"]', '"root_ids":[]').replace(/"roots":\{"p1001":"[^"]+"\},/, '')),
    ),
    /names no root/,
  );
  assert.match(errorOf(variant((s) => s.replace('"version":"3.4.1"', '"version":"2.4.3"'))), /Bokeh 2\.4\.3/);
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  assert.match(
    errorOf(variant((s) => s.replace('const docs_json = {', `const docs_json = {"d":${deep},`))),
    /nests too deep/,
  );
  assert.match(errorOf(bokehDocument({ [BOKEH_EXEC_MIME]: '' })), /no script/);
});

test('a string with braces inside the JSON does not end it early', () => {
  const found = variant((s) => s.replace('"text":"value"', '"text":"v}]\\"{al"'));
  assert.ok(found?.ok);
  assert.match(found.source, /v}]\\"\{al/);
});

test('HTML a document puts into the page is sanitized at build time; text drawn on the canvas is kept', () => {
  const hostile = '<b>note</b><img src=x onerror="alert(1)"><script>alert(2)</script>';
  const div = `{"type":"object","name":"Div","id":"px1","attributes":{"text":${JSON.stringify(hostile)}}}`;
  const asText = `{"type":"object","name":"Div","id":"px2","attributes":{"text":"<i>a<b</i>","render_as_text":true}}`;
  const hover = `{"type":"object","name":"HoverTool","id":"px3","attributes":{"tooltips":"<div onmouseover=\\"x()\\">@y</div>"}}`;
  const label = `{"type":"object","name":"Title","id":"px4","attributes":{"text":"x < 5 <b>"}}`;
  const found = variant((s) => s.replace('"roots":[', `"roots":[${div},${asText},${hover},${label},`));
  assert.ok(found?.ok, found && !found.ok ? found.error : 'read');
  const source = found?.ok ? (JSON.parse(found.source) as BokehSource) : undefined;
  const doc = Object.values(source?.docs_json ?? {})[0] as {
    roots: { id: string; attributes: Record<string, string> }[];
  };
  const attrs = (id: string) => doc.roots.find((r) => r.id === id)?.attributes ?? {};
  assert.is(attrs('px1').text, '<b>note</b><img src="x">');
  assert.is(attrs('px2').text, '<i>a<b</i>', 'shown as text by BokehJS: kept');
  assert.is(attrs('px3').tooltips, '<div>@y</div>');
  assert.is(attrs('px4').text, 'x < 5 <b>', 'a title is drawn as text: kept');
  assert.ok(script.includes('"roots":['), 'the fixture has the shape the variant edits');
});

test.run();
