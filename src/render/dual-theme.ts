// Both colour schemes from one tokenization. shiki's `themes: {light, dark}` tokenizes a cell once
// per theme (the grammar's regexes, the costly part, run twice) and then aligns the two token
// lists. Colours depend only on the scope stack, not on how the regexes matched, so here the
// grammar is tokenized once with a "pair" theme: each distinct (light style, dark style) met on a
// scope stack gets an id, written where the token's foreground colour id would go. Tokens then
// split wherever either scheme's style changes, as shiki's alignment splits them, and decode to
// the same tokens, colours and font styles shiki's two passes give (`highlight.test.ts` compares
// the HTML byte for byte on the corpus).
import {
  applyColorReplacements,
  flatTokenVariants,
  resolveColorReplacements,
  type Grammar,
  type ThemeRegistrationResolved,
} from 'shiki/core';
import { Theme, type FontStyle } from 'shiki/textmate';

/** vscode-textmate's scope path and style (its module exports their types only through `Theme`). */
type ScopeStack = NonNullable<Parameters<Theme['match']>[0]>;
type StyleAttributes = NonNullable<ReturnType<Theme['match']>>;

/** A token's style in one scheme: shiki's colour (after the theme's replacements) and font style. */
export interface SchemeStyle {
  readonly color: string;
  readonly fontStyle: FontStyle;
}

/** The light and dark style of one id, and the token style shiki writes for them (light inline, dark as `--shiki-dark`). */
export interface StylePair {
  readonly light: SchemeStyle;
  readonly dark: SchemeStyle;
  readonly htmlStyle: Readonly<Record<string, string>>;
}

/** Thrown when a cell meets more style pairs than a token's colour field can number. */
export class PairsExhausted extends Error {}

/** Ids fit the 9-bit foreground field of a token's metadata; 0 there means "inherit". */
const MAX_PAIRS = 511;
const NOT_SET = -1;

type Resolved = Pick<StyleAttributes, 'fontStyle' | 'foregroundId' | 'backgroundId'>;

/** A resolved style as one number (font style 4 bits, colour ids 9 and 8 bits, as in token metadata). */
const code = (r: Resolved): number => ((r.fontStyle + 1) * 512 + r.foregroundId) * 256 + r.backgroundId;

/** vscode-textmate's `mergeAttributes`: what a scope's theme match sets overrides what it inherits. */
function merge(parent: Resolved, match: StyleAttributes | null): Resolved {
  if (!match) return parent;
  return {
    fontStyle: match.fontStyle !== NOT_SET ? match.fontStyle : parent.fontStyle,
    foregroundId: match.foregroundId !== 0 ? match.foregroundId : parent.foregroundId,
    backgroundId: match.backgroundId !== 0 ? match.backgroundId : parent.backgroundId,
  };
}

/** The theme provider a grammar asks while tokenizing (`themeMatch`, `getDefaults`). */
export interface PairTheme {
  readonly themeMatch: (scopePath: ScopeStack) => Resolved;
  readonly getDefaults: () => Resolved;
  /** The light and dark style of a token's metadata. */
  readonly decode: (foregroundId: number) => StylePair;
  /** What shiki's `codeToTokens` gives besides the tokens: the block's colours and theme names. */
  readonly frame: { readonly fg: string; readonly bg: string; readonly themeName: string };
  /** Forgets every id (between cells: no state stack outlives its cell). */
  readonly reset: () => void;
}

/** A pair theme for two shiki themes, numbering style pairs as tokenization meets them. */
export function createPairTheme(
  light: ThemeRegistrationResolved,
  dark: ThemeRegistrationResolved,
  maxPairs = MAX_PAIRS,
): PairTheme {
  const themes = [Theme.createFromRawTheme(light), Theme.createFromRawTheme(dark)] as const;
  const registrations = [light, dark] as const;
  const replacements = [resolveColorReplacements(light), resolveColorReplacements(dark)] as const;
  const colorMaps = themes.map((t) => t.getColorMap());
  let ids = new Map<number, number>();
  let pairs: StylePair[] = [];
  // Resolved styles of each scope stack met, so a push costs two theme matches, as in shiki.
  let resolvedOf = new WeakMap<ScopeStack, readonly [Resolved, Resolved]>();
  const defaults = themes.map((t) => t.getDefaults()) as [Resolved, Resolved];
  const resolve = (path: ScopeStack): readonly [Resolved, Resolved] => {
    let resolved = resolvedOf.get(path);
    if (!resolved) {
      const parent = path.parent ? resolve(path.parent) : defaults;
      resolved = [merge(parent[0], themes[0].match(path)), merge(parent[1], themes[1].match(path))];
      resolvedOf.set(path, resolved);
    }
    return resolved;
  };
  const style = (resolved: Resolved, i: 0 | 1): SchemeStyle => ({
    color: applyColorReplacements(colorMaps[i]![resolved.foregroundId], replacements[i]) ?? '',
    fontStyle: resolved.fontStyle as FontStyle,
  });
  const idOf = (resolved: readonly [Resolved, Resolved]): number => {
    // A number: a string key built at every scope push made highlighting the corpus 40% slower.
    const key = code(resolved[0]) * 2 ** 22 + code(resolved[1]);
    let id = ids.get(key);
    if (id === undefined) {
      if (pairs.length >= maxPairs) throw new PairsExhausted();
      const variants = { light: style(resolved[0], 0), dark: style(resolved[1], 1) };
      const { htmlStyle = {} } = flatTokenVariants(
        { content: '', offset: 0, variants },
        ['light', 'dark'],
        '--shiki-',
        'light',
      );
      pairs.push({ ...variants, htmlStyle });
      id = pairs.length;
      ids.set(key, id);
    }
    return id;
  };
  const color = (key: 'fg' | 'bg', i: 0 | 1): string =>
    applyColorReplacements(registrations[i][key], replacements[i]) || 'inherit';
  const frame = {
    fg: `${color('fg', 0)};--shiki-dark:${color('fg', 1)}`,
    bg: `${color('bg', 0)};--shiki-dark-bg:${color('bg', 1)}`,
    themeName: `shiki-themes ${light.name} ${dark.name}`,
  };
  return {
    frame,
    // Font style and background are part of the pair: the token's own fields stay constant.
    themeMatch: (path) => ({ fontStyle: 0, foregroundId: idOf(resolve(path)), backgroundId: 0 }),
    getDefaults: () => ({ fontStyle: 0, foregroundId: idOf(defaults), backgroundId: 1 }),
    decode: (id) => pairs[id - 1]!,
    reset: () => {
      ids = new Map();
      pairs = [];
      resolvedOf = new WeakMap();
    },
  };
}

/** The grammar's own theme provider, swapped for `pair` while `run` tokenizes. */
export function withPairTheme<T>(grammar: Grammar, pair: PairTheme, run: () => T): T {
  const target = grammar as unknown as { themeProvider?: unknown };
  Object.defineProperty(target, 'themeProvider', { value: pair, configurable: true });
  try {
    return run();
  } finally {
    delete target.themeProvider; // back to the class's getter: the registry, for shiki's own calls
  }
}
