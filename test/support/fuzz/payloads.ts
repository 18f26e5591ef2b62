// Hostile values the fuzzer's operators draw from: script vectors that set the window canary,
// URLs that should never become links, control characters, and generators of deep, huge and
// quadratic text. Every script vector sets `window.__fuzzPwned`, so a browser that ran one says so.
import type { Rng } from '../prng.js';

export const CANARY = '__fuzzPwned';
const JS = `window.${CANARY}=1`;

/** HTML that runs script if it reaches a page unsanitized. */
export const HTML_PAYLOADS: readonly string[] = [
  `<script>${JS}</script>`,
  `<img src=x onerror="${JS}">`,
  `<svg onload="${JS}"><circle r="5"/></svg>`,
  `<svg><script>${JS}</script></svg>`,
  `<a href="javascript:${JS}">click</a>`,
  `<iframe srcdoc="<script>parent.${JS}</script>"></iframe>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${JS}">`,
  `<noscript><p title="</noscript><img src=x onerror=${JS}>">`,
  `<form action="javascript:${JS}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${JS}">`,
  `<base href="javascript:${JS}//">`,
  `<object data="data:text/html,<script>parent.${JS}</script>"></object>`,
  `<details open ontoggle="${JS}">x</details>`,
  `<style>@import 'javascript:${JS}';</style>`,
  `<svg><a xlink:href="javascript:${JS}"><text y="10">x</text></a></svg>`,
  `<template><img src=x onerror="${JS}"></template>`,
  `<div style="background:url(javascript:${JS})">x</div>`,
  `"><script>${JS}</script>`,
  `'-alert(1)-'`,
];

/** URLs that must not become script links, nor leave the site, nor escape its folder. */
export const HOSTILE_URLS: readonly string[] = [
  `javascript:${JS}`,
  `JaVaScRiPt:${JS}`,
  `java\tscript:${JS}`,
  `java&#x09;script:${JS}`,
  `&#106;avascript:${JS}`,
  ` javascript:${JS}`,
  `vbscript:msgbox(1)`,
  `data:text/html,<script>${JS}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19mdXp6UHdubmVkPTE8L3NjcmlwdD4=`,
  `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${JS}"/>`,
  '//evil.example/x.png',
  '\\\\evil.example\\x',
  'file:///etc/passwd',
  '../../../../../../etc/passwd',
  'attachment:missing.png',
  `https://evil.example/${'a'.repeat(5000)}`,
  '#<script>',
  '%00',
  'http://[::1',
];

/** Characters XML forbids, HTML parsers treat specially, or that reorder or hide text. */
export const ODD_CHARS: readonly string[] = [
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009b',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u200b',
  '\r',
  '\r\n',
  '\u001b[31m',
  '\u001b]8;;javascript:alert(1)\u0007x\u001b]8;;\u0007',
  '\u{1f4a9}',
  'e\u0301',
  '\u0130',
];

/** Byte sequences that are not UTF-8. */
export const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xfe],
  [0xc0, 0x80],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

export const sizeOf = (rng: Rng): number => rng.pick([10, 100, 1000, 5000, 20000]);

/** Markdown nested `depth` levels by one of several constructs. */
export function deepMarkdown(rng: Rng, depth: number): string {
  const kinds: (() => string)[] = [
    () => `${'> '.repeat(depth)}quote`,
    () => Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n'),
    () => `${'*'.repeat(depth)}x${'*'.repeat(depth)}`,
    () => `${'['.repeat(depth)}x${']'.repeat(depth)}(u)`,
    () => `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`,
    () => `${'<span>'.repeat(depth)}x`,
    () => `${'1. '.repeat(depth)}x`,
    () => `${'`'.repeat(depth)}x`,
    () => `$${'{'.repeat(depth)}x${'}'.repeat(depth)}$`,
    () => `$$${'\\frac{'.repeat(depth)}x${'}{y}'.repeat(depth)}$$`,
  ];
  return rng.pick(kinds)();
}

/** Inputs known to be slow (quadratic or worse) in naive markdown, math and HTML handling. */
export function quadraticText(rng: Rng, n: number): string {
  const kinds: (() => string)[] = [
    () => '*a'.repeat(n),
    () => '_a'.repeat(n),
    () => '[a]('.repeat(n),
    () => '![a]('.repeat(n),
    () => '<!--'.repeat(n),
    () => '<a'.repeat(n),
    () => '\\'.repeat(n),
    () => `${'|a'.repeat(n)}\n${'|-'.repeat(n)}\n${'|b'.repeat(n)}`,
    () => 'a'.repeat(n * 10),
    () => `x ${' '.repeat(n)}\n`,
    () => '$'.repeat(n),
    () => '$x$ '.repeat(n),
    () => '`a` '.repeat(n),
    () => 'http://a.b/'.repeat(n),
    () => 'www.'.repeat(n),
    () => '&#'.repeat(n),
    () => `:${'a'.repeat(n)}`,
    () => `${'#'.repeat(n)} heading`,
    () => '\n'.repeat(n),
    () => '   \n'.repeat(n),
  ];
  return rng.pick(kinds)();
}

/** TeX that expands without end, asks for huge boxes, or links to script. */
export const MATH_BOMBS: readonly string[] = [
  '$\\def\\a{\\a\\a}\\a$',
  '$$\\newcommand{\\x}{\\x\\x}\\x$$',
  '$\\def\\a{aaaaaaaaaa}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c\\c\\c}\\d\\d\\d$',
  `$\\href{javascript:${JS}}{x}$`,
  `$\\url{javascript:${JS}}$`,
  `$\\htmlData{onclick=${JS}}{x}$`,
  `$\\htmlStyle{background:url(javascript:${JS})}{x}$`,
  `$\\includegraphics{javascript:${JS}}$`,
  '$$\\rule{99999999em}{99999999em}$$',
  '$$\\kern99999999em x$$',
  `$\\begin{array}{${'c'.repeat(5000)}}x\\end{array}$`,
  '$\\unknownmacro{x$',
  '$$\\begin{align}x\\end{matrix}$$',
  '$\\char"110000$',
  '$\\textcolor{javascript:alert(1)}{x}$',
];

/** A YAML front matter block (the build reads it from a leading raw or markdown cell) of odd values. */
export function yamlFrontMatter(rng: Rng): string {
  const odd: (() => string)[] = [
    () => 'title: [1, 2, {a: b}]\ndate: 99999-99-99\ntags: {a: b}\nauthor: 7',
    () => `tags: [${Array.from({ length: rng.pick([3, 30]) }, (_, i) => `"t${i}"`).join(', ')}]`,
    () =>
      `title: "${rng.pick(HTML_PAYLOADS).replace(/"/g, '\\"')}"\ntags: ["../../x", "<script>", "a/b", ".", "..", "CON"]`,
    () => 'title: !!js/function "function(){}"\ndate: !!timestamp 1e99',
    () => 'date: 0000-00-00\nupdated: -1\nimage: "javascript:alert(1)"',
    () => '? [a, b]\n: c\n!!binary a: 1',
    () => 'title: [unclosed\n  - : :',
    () => `tags: ${'['.repeat(20)}`,
  ];
  return `---\n${rng.pick(odd)()}\n---\n`;
}

/** YAML front matter that expands without end, nests deep, or is huge. */
export function yamlBomb(rng: Rng): string {
  const bombs: (() => string)[] = [
    () =>
      `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ).join('\n')}\ntitle: *m\ntags: *m`,
    () => `tags: ${'['.repeat(2000)}x${']'.repeat(2000)}`,
    () => 'x: &x {<<: *x}',
    () => `a: "${'x'.repeat(1_000_000)}"`,
  ];
  return `---\n${rng.pick(bombs)()}\n---\n`;
}
