// Operators on what surrounds the notebooks: the file name a mutant is committed under, the name
// of the branch it is on, and the site's config file (binderpress.yml).
import type { Rng } from '../prng.js';
import { HOSTILE_URLS, HTML_PAYLOADS, INVALID_UTF8, ODD_CHARS } from './payloads.js';

/** Odd file names (bytes, since git allows any but NUL and `/` inside a name). Never `control.ipynb` in any case. */
export function oddFileName(rng: Rng, index: number, long = false): Buffer {
  const stem = `m${index}`;
  const names: (() => string | Buffer)[] = [
    () => `ünïcödé ${stem}.ipynb`,
    () => `e\u0301${stem}.ipynb`,
    () => `a b#c?d%20&e=${stem}.ipynb`,
    () => `<script>alert(1)<\\script>${stem}.ipynb`,
    () => `"><img src=x onerror=alert(1)>${stem}.ipynb`,
    () => `-rf ${stem}.ipynb`,
    () => `.hidden-${stem}.ipynb`,
    () => `..${stem}.ipynb`,
    () => `${'deep/'.repeat(rng.pick([30, 120]))}${stem}.ipynb`,
    () => `${'d'.repeat(250)}/${'e'.repeat(250)}/${stem}.ipynb`,
    () => `a\nb ${stem}.ipynb`,
    () => `tab\there ${stem}.ipynb`,
    () => `back\\slash ${stem}.ipynb`,
    () => `CON ${stem}.ipynb`,
    () => 'index.ipynb',
    () => `_static/${stem}.ipynb`,
    () => `_assets/${stem}.ipynb`,
    () => `tags/${stem}.ipynb`,
    () => '404.ipynb',
    () => `${stem}.IPYNB`,
    () => `${stem}.ipynb.ipynb`,
    () => `%2e%2e%2f${stem}.ipynb`,
    () => `..%2f..%2f${stem}.ipynb`,
    () => `${stem}${rng.pick(ODD_CHARS.filter((c) => !/[\u0000\ud800-\udfff]/.test(c)))}.ipynb`,
    () => `${stem}\u202egnp.ipynb`,
    () => Buffer.concat([Buffer.from(stem), Buffer.from(rng.pick(INVALID_UTF8)), Buffer.from('.ipynb')]),
    () => `${stem} ${'\u{1f600}'.repeat(60)}.ipynb`,
    () => `Lesson.ipynb`,
    () => `lesson.ipynb`,
  ];
  if (long) names.push(() => `${stem}-${'x'.repeat(rng.pick([240, 249, 260]))}.ipynb`);
  const name = rng.pick(names)();
  return typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
}

/** Odd branch names git accepts (check-ref-format), each made unique by `index`. */
export function oddBranchName(rng: Rng, index: number): string {
  const names: (() => string)[] = [
    () => `a/b/c/d/e-${index}`,
    () => `ünïcödé-${index}`,
    () => `<script>alert(1)</script>-${index}`,
    () => `"><img/src=x/onerror=alert(1)>-${index}`,
    () => `${'long'.repeat(60)}-${index}`,
    () => `UPPER-Case-${index}`,
    () => `x#y%z&w=${index}`,
    () => `dot.${index}.name`,
    () => `${index}`,
    () => `'quote'-${index}`,
    () => `emoji-\u{1f600}-${index}`,
    () => `feature/${'deep/'.repeat(20)}${index}`,
    () => `-dash-${index}`,
    () => `$(touch${'$'}{IFS}pwned)-${index}`,
  ];
  return rng.pick(names)();
}

type Yaml = string;

/** A YAML value that is wrong for almost any key. */
function oddYamlValue(rng: Rng): Yaml {
  const q = (s: string) => JSON.stringify(s);
  return rng.pick<() => Yaml>([
    () => '7',
    () => '-1',
    () => '1e309',
    () => 'null',
    () => '~',
    () => '[]',
    () => '{}',
    () => 'yes',
    () => q(rng.pick(HTML_PAYLOADS)),
    () => q(rng.pick(HOSTILE_URLS)),
    () => q('x'.repeat(rng.pick([1000, 1_000_000]))),
    () => '['.repeat(rng.pick([100, 5000])) + ']'.repeat(100),
    () => '*undefined_alias',
    () => '!!binary aGVsbG8=',
    () => q(rng.pick(ODD_CHARS)),
    () => '2026-13-45',
  ])();
}

const KEYS = [
  'title',
  'description',
  'siteUrl',
  'repository',
  'author',
  'branches',
  'strict',
  'binder',
  'binder.hub',
  'binder.fallbackHubs',
  'binder.ref',
  'binder.interface',
  'binder.colab',
  'binder.jupyterhub',
  'binder.environment',
  'binder.environment.repository',
  'binder.environment.branch',
  'render',
  'render.showExecutionCount',
  'render.collapseLines',
  'render.mimePriority',
  'feeds',
  'feeds.limit',
  'feeds.content',
  'builds',
  'builds.*',
  'templates',
  'unknownKey',
  'execute',
];

/** A config file: a valid base with keys set to odd values, or a file that is not YAML at all. */
export function oddConfig(rng: Rng): Buffer {
  const lines = ['title: Fuzzed site', 'description: every key bent'];
  const whole: (() => Buffer)[] = [
    () => Buffer.concat([Buffer.from('title: '), Buffer.from(rng.pick(INVALID_UTF8)), Buffer.from('\n')]),
    () =>
      Buffer.from(
        `a: &a ["x","x","x","x","x","x","x","x","x"]\n${'bcdefghijk'
          .split('')
          .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghijk'[i]}`).join(',')}]`)
          .join('\n')}\ntitle: *k\n`,
      ),
    () => Buffer.from('title: [unclosed\n  - : :\n\t tab'),
    () => Buffer.from('\ufeff---\ntitle: one\n---\ntitle: two\n'),
    () => Buffer.from('title: a\ntitle: b\n'),
    () => Buffer.from('x: &x {<<: *x}\n'),
    () => Buffer.from(''),
    () => Buffer.from('\u0000\u0001'),
  ];
  if (rng.chance(0.2)) return rng.pick(whole)();
  for (let i = rng.range(1, 3); i > 0; i--) {
    const key = rng.pick(KEYS);
    const path = key.split('.');
    const value =
      rng.chance(0.3) && key === 'templates'
        ? JSON.stringify(rng.pick(['no-such-theme/', '.', '../', 'binderpress.yml']))
        : oddYamlValue(rng);
    lines.push(
      `${path.map((p, d) => `${'  '.repeat(d)}${p === '*' ? JSON.stringify(rng.pick(['*', '**', '[', 'a/**/b', ''])) : p}:`).join('\n')} ${value}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}
