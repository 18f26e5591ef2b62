import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeNotebookText, findUnreadable } from './decode.js';

const place = { branch: 'main', path: 'nb.ipynb' };
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const encode = (text: string) => new TextEncoder().encode(text);

test('decodeNotebookText: plain UTF-8 passes without diagnostics', () => {
  assert.equal(decodeNotebookText(encode('{"a": "é☃"}'), place), { text: '{"a": "é☃"}', diagnostics: [] });
});

test('decodeNotebookText: a UTF-8 byte-order mark is dropped with a warning', () => {
  const bytes = fixture('notebook/bom.ipynb');
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const { text, diagnostics } = decodeNotebookText(bytes, place);
  assert.is(text[0], '{');
  assert.equal(
    diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
    [['notebook-bom', 'warning', 'main', 'nb.ipynb']],
  );
});

test('decodeNotebookText: UTF-16 with a byte-order mark is decoded with a warning', () => {
  const { text, diagnostics } = decodeNotebookText(fixture('notebook/utf16.ipynb'), place);
  assert.ok(text.startsWith('{\n "cells"'));
  assert.equal(JSON.parse(text).nbformat, 4);
  assert.equal(
    diagnostics.map((d) => d.rule),
    ['notebook-encoding'],
  );
  assert.match(diagnostics[0]?.message ?? '', 'UTF-16LE');
});

test('decodeNotebookText: invalid UTF-8 is replaced and its line reported', () => {
  const { text, diagnostics } = decodeNotebookText(fixture('notebook/invalid-utf8.ipynb'), place);
  assert.ok(text.includes('"# Caf\uFFFD\\n"'));
  assert.equal(
    diagnostics.map((d) => d.rule),
    ['notebook-invalid-utf8'],
  );
  assert.match(diagnostics[0]?.message ?? '', 'near line 7');
});

test('findUnreadable: empty and blank files', () => {
  assert.is(findUnreadable('', place)?.rule, 'notebook-empty');
  assert.is(findUnreadable(' \n\t\n', place)?.rule, 'notebook-empty');
  assert.is(findUnreadable('{}', place), undefined);
});

test('findUnreadable: Git LFS pointer, with a hint to pull', () => {
  const d = findUnreadable(fixture('notebook/lfs-pointer.ipynb').toString('utf8'), place);
  assert.is(d?.rule, 'notebook-lfs-pointer');
  assert.is(d?.severity, 'error');
  assert.match(d?.hint ?? '', 'git lfs pull');
  // The pointer spec line alone, without an oid, is not taken for a pointer.
  assert.is(findUnreadable('version https://git-lfs.github.com/spec/v1\n', place), undefined);
});

test('findUnreadable: merge conflict markers name their lines', () => {
  const d = findUnreadable(fixture('notebook/merge-conflict.ipynb').toString('utf8'), place);
  assert.is(d?.rule, 'notebook-merge-conflict');
  assert.is(d?.severity, 'error');
  assert.match(d?.message ?? '', 'line 27');
  assert.match(d?.message ?? '', 'ends on line 31');
  assert.match(d?.hint ?? '', 'Resolve the conflict');
  assert.match(findUnreadable('{\n>>>>>>> branch\n', place)?.message ?? '', 'line 2');
  // Markers inside a JSON string cannot start a line: not a conflict.
  assert.is(findUnreadable('{"source": "<<<<<<< HEAD"}', place), undefined);
});

test.run();
