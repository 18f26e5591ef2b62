import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSlugger, slugify } from './slugger.js';

test('slugify: GitHub style', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['Hello World', 'hello-world'],
    ['  Trim me  ', 'trim-me'],
    ["What's new? (2024!)", 'whats-new-2024'],
    ['A better version of functools.partial', 'a-better-version-of-functoolspartial'],
    ['snake_case and kebab-case', 'snake_case-and-kebab-case'],
    ['Größe & Maß', 'größe--maß'],
    ['Ελληνικά κείμενα', 'ελληνικά-κείμενα'],
    ['日本語の見出し', '日本語の見出し'],
    ['x^2 + y^2', 'x2--y2'],
    ['<b>Bold</b>', 'bboldb'],
    ['!!!', ''],
  ];
  for (const [text, slug] of cases) assert.is(slugify(text), slug, text);
});

test('createSlugger: repeats get -1, -2 and ids are never empty', () => {
  const s = createSlugger();
  assert.is(s.slug('Intro'), 'intro');
  assert.is(s.slug('Intro'), 'intro-1');
  assert.is(s.slug('intro'), 'intro-2');
  assert.is(s.slug('Intro 1'), 'intro-1-1');
  assert.is(s.slug('???'), 'section');
  assert.is(s.slug(''), 'section-1');
  assert.is(s.slug('Section'), 'section-2');
});

test('createSlugger: each slugger starts fresh', () => {
  assert.is(createSlugger().slug('Intro'), 'intro');
  assert.is(createSlugger().slug('Intro'), 'intro');
});

test.run();
