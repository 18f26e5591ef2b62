// Readers for the script-like environment files: Dockerfile, apt.txt, postBuild, install.R.
import { requirementName, type Parsed } from './env-parsers.js';

/** Dockerfile instructions with continuations joined and comments dropped. */
function instructions(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*#/.test(raw)) continue;
    const continued = /\\\s*$/.test(raw);
    current += `${continued ? raw.replace(/\\\s*$/, '') : raw} `;
    if (!continued) {
      if (current.trim()) lines.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

function substitute(value: string, args: ReadonlyMap<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g,
    (_m, braced?: string, fallback?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      return args.get(name) ?? fallback ?? '';
    },
  );
}

/**
 * The base image of a Dockerfile's final stage: its (last) `FROM`, following a stage alias back to
 * that stage's image and filling in `ARG` defaults declared before the first `FROM`.
 */
export function parseDockerfileBase(text: string): string | undefined {
  const args = new Map<string, string>();
  const stages: { image: string; alias?: string }[] = [];
  for (const line of instructions(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const arg = /^(\w+)(?:=(.*))?$/.exec(rest.join(' '));
      if (arg?.[2] !== undefined) args.set(arg[1] as string, arg[2].replace(/^["']|["']$/g, ''));
    } else if (upper === 'FROM') {
      const words = rest.filter((w) => !w.startsWith('--'));
      const image = substitute(words[0] ?? '', args);
      const alias = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
      stages.push(alias ? { image, alias } : { image });
    }
  }
  let image = stages[stages.length - 1]?.image;
  for (let hops = 0; image && hops < stages.length; hops++) {
    const name = image.toLowerCase();
    const earlier = stages.find((stage) => stage.alias === name);
    if (!earlier) break;
    image = earlier.image;
  }
  return image || undefined;
}

/** apt.txt: one package per line, `#` comments. */
export function parseAptTxt(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => (line.split('#')[0] ?? '').trim())
    .filter((line) => line !== '');
}

/** Whether a postBuild is a shell script (no shebang, or a shell in it). */
export function isShellScript(text: string): boolean {
  const first = text.split(/\r?\n/)[0] ?? '';
  return !first.startsWith('#!') || /\b(?:ba|da|z|k)?sh\b/.test(first);
}

/** Whether a shell script stops at the first failing command (`set -e` among its first lines). */
export function hasSetE(text: string): boolean {
  const lines = text.split(/\r?\n/);
  if (/^#!.*\s-[a-zA-Z]*e/.test(lines[0] ?? '')) return true;
  const top = lines.filter((line) => line.trim() !== '' && !line.trim().startsWith('#')).slice(0, 5);
  return top.some((line) => /^\s*set\s+(?:-[a-zA-Z]*e|-o\s+errexit\b)/.test(line));
}

const VALUE_FLAGS = new Set([
  '-c',
  '--channel',
  '-n',
  '--name',
  '-p',
  '--prefix',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--trusted-host',
]);

/** Packages installed by `pip install …` / `conda|mamba install …` commands of a shell script. */
export function parsePostBuildInstalls(text: string): Parsed {
  const packages: string[] = [];
  let opaque = false;
  const command = /(?:^|[\s;&|(])(?:python3?\s+-m\s+)?(?:pip3?|conda|mamba|micromamba)\s+install\s+([^;&|#\n]*)/gm;
  for (const match of text.replace(/\\\r?\n/g, ' ').matchAll(command)) {
    const words = (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^["']|["']$/g, ''));
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      if (word === '-r' || word === '--requirement' || word === '-e' || word === '--editable') opaque = true;
      if (VALUE_FLAGS.has(word) || word === '-r' || word === '-e') i += 1;
      if (word.startsWith('-') || word === '') continue;
      const name = requirementName(word);
      if (name) packages.push(name);
      else opaque = true;
    }
  }
  return { packages, opaque };
}

/** R packages named in `install.packages(…)` calls of install.R. */
export function parseInstallR(text: string): string[] {
  const names: string[] = [];
  for (const call of text.matchAll(/install\.packages\s*\(([^)]*)\)/g)) {
    const args = (call[1] ?? '').replace(/\b\w+\s*=\s*("[^"]*"|'[^']*'|[^,]*)/g, '');
    for (const quoted of args.matchAll(/"([^"]+)"|'([^']+)'/g)) names.push((quoted[1] ?? quoted[2]) as string);
  }
  return names;
}
