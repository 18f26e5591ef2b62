import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BinderpressError } from '../io/errors.js';
import { compareNames, matchesPattern, selectByPatterns } from './patterns.js';

const matching = suite('matchesPattern');

const CASES: [pattern: string, name: string, expected: boolean][] = [
  ['main', 'main', true],
  ['main', 'mainline', false],
  ['course/*', 'course/intro', true],
  ['course/*', 'course/a/b', false],
  // git allows no ref name ending in `/`: picomatch wants a segment after it
  ['course/*', 'course/', false],
  ['course/*', 'courses/intro', false],
  ['course/**', 'course/a/b', true],
  ['course/**', 'course/intro', true],
  ['**', 'any/thing/at/all', true],
  ['**/intro', 'intro', true],
  ['**/intro', 'course/intro', true],
  ['**/intro', 'a/b/intro', true],
  ['**/intro', 'a/bintro', false],
  ['a/**/z', 'a/z', true],
  ['a/**/z', 'a/b/c/z', true],
  ['*', 'course/intro', false],
  ['*', 'Ünïcode-Branch', true],
  ['v1.?', 'v1.2', true],
  ['v1.?', 'v1x2', false],
  ['v1.?', 'v1.10', false],
  ['v1.2', 'v1x2', false],
  ['?', 'é', true],
  // picomatch counts UTF-16 code units: a character outside the BMP is two
  ['?', '😀', false],
  ['??', '😀', true],
  ['Mixed*', 'MixedCase', true],
  ['mixed*', 'MixedCase', false],
  ['a#b%c', 'a#b%c', true],
  ['a+b', 'aab', false],
  ['a+b', 'a+b', true],
  ['(x)|y', 'y', false],
  ['$x^', '$x^', true],
  ['feature-*', 'feature-1.0', true],
  ['*-branch', 'Ünïcode-Branch', false],
  ['*-Branch', 'Ünïcode-Branch', true],
  ['course/{2023,2024}', 'course/2024', true],
  ['course/{2023,2024}', 'course/2025', false],
  ['v[0-9]', 'v7', true],
  ['v[0-9]', 'vx', false],
  ['*', '.hidden', true],
  ['course/*', 'course/.draft', true],
  ['(x)|y', '(x)|y', true],
  ['(x)*', '(x)yz', true],
];

for (const [pattern, name, expected] of CASES) {
  matching(`${pattern} ${expected ? 'matches' : 'does not match'} ${name}`, () => {
    assert.is(matchesPattern(name, pattern), expected);
  });
}

matching.run();

const selecting = suite('selectByPatterns');
const NAMES = ['main', 'course/intro', 'course/advanced', 'course/a/b', 'v1.2', 'Ünïcode-Branch', 'MixedCase', 'zeta'];

selecting('no patterns selects all, sorted by code unit', () => {
  assert.equal(selectByPatterns(NAMES, undefined, 'branch', 'repo'), [
    'MixedCase',
    'course/a/b',
    'course/advanced',
    'course/intro',
    'main',
    'v1.2',
    'zeta',
    'Ünïcode-Branch',
  ]);
  assert.equal(selectByPatterns(NAMES, [], 'branch', 'repo').length, NAMES.length);
});

selecting('several patterns union, keep order, drop duplicates', () => {
  assert.equal(selectByPatterns(NAMES, ['v1.2', 'course/*', 'course/intro'], 'branch', 'repo'), [
    'course/advanced',
    'course/intro',
    'v1.2',
  ]);
});

selecting('names joined by commas: the hint says to separate them with spaces', () => {
  try {
    selectByPatterns(NAMES, ['main,course/*'], 'branch', '/tmp/r');
    assert.unreachable();
  } catch (error) {
    assert.is((error as Error).message, 'no branch in /tmp/r matches "main,course/*"');
    assert.match(
      (error as BinderpressError).hint ?? '',
      /^separate names with spaces, not commas: --branches main 'course\/\*'; available branches: /,
    );
  }
  // A comma that is really part of no name and splits into nothing known gets the plain list.
  try {
    selectByPatterns(NAMES, ['x,y'], 'branch', '/tmp/r');
    assert.unreachable();
  } catch (error) {
    assert.match((error as BinderpressError).hint ?? '', /^available branches: /);
  }
});

selecting('a pattern matching nothing is fatal and lists what exists', () => {
  try {
    selectByPatterns(NAMES, ['main', 'cours/*'], 'branch', '/tmp/r');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, BinderpressError);
    assert.is((error as Error).message, 'no branch in /tmp/r matches "cours/*"');
    assert.match(
      (error as BinderpressError).hint ?? '',
      /^available branches: MixedCase, course\/a\/b, .*Ünïcode-Branch$/,
    );
  }
  try {
    selectByPatterns([], ['x'], 'folder', 'd');
    assert.unreachable();
  } catch (error) {
    assert.is((error as BinderpressError).hint, 'd has no folders');
  }
});

selecting('compareNames is plain code-unit order', () => {
  assert.equal(['b', 'B', 'a', 'Ä', '_'].sort(compareNames), ['B', '_', 'a', 'b', 'Ä']);
});

selecting.run();
