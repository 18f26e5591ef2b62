// The bundled grammars, each loaded the first time a thread needs it. Evaluating all of their
// modules cost each render thread 130–280 ms of start-up (one: about 10 ms), and most notebooks
// need one language. Highlighting is synchronous, so a grammar module is loaded with `require`
// (Node loads ES modules synchronously from 20.19 on); an older Node loads them all at start-up.
import { createRequire } from 'node:module';
import type { HighlighterCore, LanguageRegistration } from 'shiki/core';

/** Grammars bundled with the highlighter (shiki names; aliases such as `sh` come with them). */
export const HIGHLIGHT_LANGUAGES = [
  'python',
  'r',
  'julia',
  'javascript',
  'typescript',
  'shellscript',
  'sql',
  'json',
  'yaml',
  'markdown',
  'html',
  'css',
  'c',
  'cpp',
  'rust',
  'go',
  'java',
  'scala',
  'matlab',
  'latex',
  'mermaid',
  'diff',
  'toml',
  'xml',
] as const;

/**
 * Every grammar the modules of `HIGHLIGHT_LANGUAGES` hold (the grammars they embed too), and the
 * aliases those grammars declare. `grammars.test.ts` checks this against the modules themselves.
 */
const BUNDLED_NAMES = [...HIGHLIGHT_LANGUAGES, 'regexp', 'glsl', 'cpp-macro', 'tex'] as const;
const BUNDLED_ALIASES: Readonly<Record<string, string>> = {
  py: 'python',
  regex: 'regexp',
  'c++': 'cpp',
  js: 'javascript',
  cjs: 'javascript',
  mjs: 'javascript',
  jl: 'julia',
  ts: 'typescript',
  cts: 'typescript',
  mts: 'typescript',
  bash: 'shellscript',
  sh: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  rs: 'rust',
  mmd: 'mermaid',
};

/** The bundled grammar's name for a name or alias; `undefined` when the bundle has no such grammar. */
export function bundledName(lang: string): string | undefined {
  if ((BUNDLED_NAMES as readonly string[]).includes(lang)) return lang;
  return Object.hasOwn(BUNDLED_ALIASES, lang) ? BUNDLED_ALIASES[lang] : undefined;
}

type GrammarModule = { default: LanguageRegistration[] };
const require = createRequire(import.meta.url);
const canRequireModules = (process.features as { require_module?: boolean }).require_module === true;
// Grammar modules as loaded, by name: the same module whenever it is loaded, kept for the process.
const modules = new Map<string, GrammarModule>();

/** The grammars this thread has loaded, by bundled name (a grammar's module also evaluates the modules of those it embeds). */
export function loadedGrammars(): string[] {
  return [...modules.keys()];
}

/** Makes `grammarRegistration` synchronous on a Node that cannot `require` ES modules. */
export async function preloadGrammars(): Promise<void> {
  if (canRequireModules) return;
  await Promise.all(
    BUNDLED_NAMES.map(async (name) => {
      modules.set(name, (await import(`shiki/langs/${name}.mjs`)) as GrammarModule);
    }),
  );
}

/** The registration of a bundled grammar, by its bundled name, loading its module on first use. */
function grammarRegistration(name: string): LanguageRegistration {
  let module = modules.get(name);
  if (!module) {
    module = require(`shiki/langs/${name}.mjs`) as GrammarModule;
    modules.set(name, module);
  }
  const registration = module.default.find((r) => r.name === name);
  if (!registration) throw new Error(`shiki/langs/${name}.mjs holds no grammar named ${name}`);
  return registration;
}

/**
 * `ready(lang)`: `core` with the bundled grammar `lang` (a name or alias) registered, or
 * `undefined` when the bundle has none. A grammar is registered with every grammar it embeds
 * (eagerly or lazily) that the bundle holds, so it colours the same whatever was highlighted
 * before it, and the same as with all of them loaded.
 */
export function registerOnFirstUse(core: HighlighterCore): (lang: string) => HighlighterCore | undefined {
  const registered = new Set<LanguageRegistration>();
  const register = (registration: LanguageRegistration): void => {
    if (registered.has(registration)) return;
    registered.add(registration);
    for (const name of [...(registration.embeddedLangs ?? []), ...(registration.embeddedLangsLazy ?? [])]) {
      const embedded = bundledName(name);
      if (embedded) register(grammarRegistration(embedded));
    }
    core.loadLanguageSync(registration);
  };
  return (lang) => {
    const name = bundledName(lang);
    if (!name) return undefined;
    register(grammarRegistration(name));
    return core;
  };
}
