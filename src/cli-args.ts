// A small argv parser that can be tested without spawning a process. Flags may be given as
// `--flag value` or `--flag=value`; list flags (`--branches a 'b/*'`) take every value up to the
// next flag. Unknown flags are errors that suggest the nearest known one.
import { BinderpressError } from './io/errors.js';

export type FlagKind = 'string' | 'boolean' | 'list' | 'optional-string';

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly flags: Readonly<Record<string, string | boolean | string[]>>;
  readonly positionals: readonly string[];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

export function nearest(word: string, options: readonly string[]): string | undefined {
  const best = options.map((o) => [o, distance(word, o)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(word.length / 3)) ? best[0] : undefined;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>): ParsedArgs {
  const flags: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (command === undefined && !arg.startsWith('-')) command = arg;
      else if (arg.startsWith('-') && arg !== '-') throw unknownFlag(arg, spec);
      else positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const kind = spec[name];
    if (!kind) throw unknownFlag(arg, spec);
    const next = argv[i + 1];
    const nextIsValue = next !== undefined && !next.startsWith('--');
    if (kind === 'boolean') {
      flags[name] = inline === undefined ? true : !/^(false|0|no)$/i.test(inline);
    } else if (kind === 'list') {
      const values = inline !== undefined ? [inline] : [];
      while (inline === undefined && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--')) values.push(argv[++i] as string);
      if (values.length === 0) throw new BinderpressError(`--${name} needs at least one value`, { hint: `for example: --${name} main 'course/*'` });
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), ...values];
    } else if (inline !== undefined) {
      flags[name] = inline;
    } else if (nextIsValue) {
      flags[name] = argv[++i] as string;
    } else if (kind === 'optional-string') {
      flags[name] = true;
    } else {
      throw new BinderpressError(`--${name} needs a value`, { hint: `write --${name} VALUE` });
    }
  }
  return { command, flags, positionals };
}

function unknownFlag(arg: string, spec: Readonly<Record<string, FlagKind>>): BinderpressError {
  const name = arg.replace(/^-+/, '').split('=')[0] as string;
  const guess = nearest(name, Object.keys(spec));
  return new BinderpressError(`unknown option ${arg}`, {
    hint: guess ? `did you mean --${guess}? See \`binderpress --help\`` : 'see `binderpress --help` for the options',
  });
}
