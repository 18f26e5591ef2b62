// A small argv parser that can be tested without spawning a process. Flags may be given as
// `--flag value` or `--flag=value`; list flags (`--branches a 'b/*'`) take every value up to the
// next flag. Unknown flags are errors that suggest the nearest known one.
import { BinderpressError } from './io/errors.js';
import { nearest } from './util/nearest.js';

export type FlagKind = 'string' | 'boolean' | 'list' | 'optional-string';

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly flags: Readonly<Record<string, string | boolean | string[]>>;
  readonly positionals: readonly string[];
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
      while (inline === undefined && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--'))
        values.push(argv[++i] as string);
      if (values.length === 0)
        throw new BinderpressError(`--${name} needs at least one value`, {
          hint: `for example: --${name} main 'course/*'`,
        });
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
