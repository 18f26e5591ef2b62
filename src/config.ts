// Configuration: the file (`binderpress.yml` / `.json`), then CLI flags on top, then defaults.
// Validation errors say which key is wrong and how to fix it.
import { z } from 'zod';
import { DEFAULT_MIME_PRIORITY } from './render/types.js';
import { DEFAULT_FEED_OPTIONS } from './feeds/types.js';
import {
  executeSchema,
  resolveExecute,
  type ExecuteInput,
  type ExecuteSettings,
  type ExecuteMode,
} from './execute/settings.js';
import { isRuleId, RULES, type RuleId } from './rules.js';
import { nearest } from './util/nearest.js';

const RULE_LEVELS = ['error', 'warning', 'info', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

function checkRuleIds(rules: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const id of Object.keys(rules)) {
    if (isRuleId(id)) continue;
    const guess = nearest(id, Object.keys(RULES));
    ctx.addIssue({
      code: 'custom',
      path: [id],
      message: `is not a rule${guess ? ` (did you mean ${guess}?)` : ''}; the README lists every rule`,
    });
  }
}

const INTERFACES = ['lab', 'doc', 'classic', 'rstudio', 'vscode'] as const;
const REF_MODES = ['commit', 'env-commit', 'branch'] as const;

const httpUrl = z.string().refine((s) => /^https?:\/\/[^/\s]+/i.test(s) && URL.canParse(s), {
  message: 'must be an absolute http(s) URL, e.g. https://mybinder.org',
});

const binderSchema = z
  .object({
    hub: httpUrl.optional(),
    fallbackHubs: z.array(httpUrl).optional(),
    ref: z.enum(REF_MODES).optional(),
    interface: z.enum(INTERFACES).optional(),
    colab: z.boolean().optional(),
    jupyterhub: httpUrl.optional(),
    /** Environment kept elsewhere: an `owner/repo`, a git URL, or a branch of this repository. */
    environment: z
      .object({ repository: z.string().min(1).optional(), branch: z.string().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** Build folders of the published site, by name or glob: a folder name has no `/`. */
const buildFolderPattern = z
  .string()
  .min(1)
  .refine((s) => !s.includes('/'), {
    message:
      "must be build folder names or globs as in the site's addresses (branch `course/2023` is folder `course-2023`), without `/`",
  });

const publishSchema = z
  .object({
    /** Builds the published site holds that a publish may remove without --force. */
    allowRemove: z.union([buildFolderPattern, z.array(buildFolderPattern)]).optional(),
  })
  .strict();

export const configFileSchema = z
  .object({
    title: z.string().min(1).optional(),
    description: z.string().optional(),
    siteUrl: httpUrl.optional(),
    repo: z.string().min(1).optional(),
    dir: z.string().min(1).optional(),
    branches: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    out: z.string().min(1).optional(),
    repository: z.string().min(1).optional(),
    author: z.string().optional(),
    strict: z.boolean().optional(),
    templates: z.string().min(1).optional(),
    cache: z.union([z.string().min(1), z.literal(false)]).optional(),
    binder: binderSchema.optional(),
    publish: publishSchema.optional(),
    execute: executeSchema.optional(),
    render: z
      .object({
        showExecutionCount: z.boolean().optional(),
        mimePriority: z.array(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be MIME types like image/png')).optional(),
        collapseLines: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** `webp: true` adds a WebP copy of each PNG/JPEG output where it is smaller (off: it costs more than it saves). */
    images: z.object({ webp: z.boolean().optional() }).strict().optional(),
    feeds: z
      .object({
        limit: z.number().int().positive().optional(),
        content: z.enum(['full', 'summary']).optional(),
      })
      .strict()
      .optional(),
    /** Severity of a diagnostic rule, or `off`, by rule id (see src/rules.ts). */
    rules: z.record(z.string(), z.enum(RULE_LEVELS)).superRefine(checkRuleIds).optional(),
    /** Per-build overrides, keyed by branch name or glob pattern. */
    builds: z
      .record(
        z.string(),
        z
          .object({ title: z.string().optional(), binder: binderSchema.optional(), execute: executeSchema.optional() })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
export type BinderConfigInput = z.infer<typeof binderSchema>;
export type LaunchInterfaceName = (typeof INTERFACES)[number];

export interface BinderSettings {
  readonly hub: string;
  readonly fallbackHubs: readonly string[];
  readonly ref: (typeof REF_MODES)[number];
  readonly interface: LaunchInterfaceName;
  readonly colab: boolean;
  readonly jupyterhub?: string;
  readonly environment?: { readonly repository?: string; readonly branch?: string };
}

/** Everything a build needs to know, with defaults filled in. */
export interface Config {
  readonly title: string;
  readonly description: string;
  readonly siteUrl?: string;
  readonly repo: string;
  readonly dir?: string;
  readonly branches: readonly string[];
  readonly out: string;
  readonly repository?: string;
  readonly author?: string;
  readonly strict: boolean;
  readonly templates?: string;
  readonly cache: string | false;
  readonly binder: BinderSettings;
  /** `publish.allowRemove`: build folders (names or globs) a publish may take off the site. */
  readonly publish: { readonly allowRemove: readonly string[] };
  readonly render: {
    readonly showExecutionCount: boolean;
    readonly mimePriority: readonly string[];
    readonly collapseLines: number;
  };
  readonly feeds: { readonly limit: number; readonly content: 'full' | 'summary' };
  /** `images.webp`: a WebP copy of each PNG/JPEG output where it is smaller (default off). */
  readonly images?: { readonly webp: boolean };
  /** Rule severities changed by the config (`off` drops the rule's diagnostics). */
  readonly rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
  readonly builds: Readonly<
    Record<string, { readonly title?: string; readonly binder?: BinderConfigInput; readonly execute?: ExecuteInput }>
  >;
  /** When and how notebooks are executed before rendering (per build: `builds.*.execute`). */
  readonly execute: ExecuteSettings;
  readonly allowOutside: boolean;
  readonly quiet: boolean;
  /** Read the checked-out branch from the working tree, uncommitted changes included (serve). */
  readonly worktree?: boolean;
}

export const DEFAULT_HUB = 'https://mybinder.org';

/** Turns zod issues into lines like "binderpress.yml: binder.hub must be an absolute http(s) URL". */
export function formatConfigIssues(source: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const key = issue.path.map(String).join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? ` in ${key}` : '';
      const known = knownKeys(issue.path);
      const guesses = issue.keys.map((k) => nearest(k, known)).filter((g): g is string => g !== undefined);
      const guess = guesses.length ? ` (did you mean ${guesses.map((g) => `\`${g}\``).join(', ')}?)` : '';
      return `${source}: unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')}${where}${guess}; known keys: ${known.join(', ')}`;
    }
    return `${source}: \`${key}\` ${issue.message}`;
  });
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configFileSchema;
  for (const p of path) {
    const shape = unwrapObject(schema)?.shape as Record<string, z.ZodType> | undefined;
    const next = shape?.[String(p)];
    if (!next) return [];
    schema = next;
  }
  return Object.keys(unwrapObject(schema)?.shape ?? {});
}

function unwrapObject(schema: z.ZodType): z.ZodObject | undefined {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? s : undefined;
}

export interface CliOverrides {
  repo?: string;
  dir?: string;
  branches?: string[];
  out?: string;
  siteUrl?: string;
  strict?: boolean;
  cache?: string | false;
  allowOutside?: boolean;
  quiet?: boolean;
  execute?: ExecuteMode;
}

/** Merges a validated config file with CLI flags (flags win) and fills in defaults. */
export function resolveConfig(file: ConfigFile, cli: CliOverrides): Config {
  const branches = cli.branches ?? (typeof file.branches === 'string' ? [file.branches] : (file.branches ?? []));
  const siteUrl = cli.siteUrl ?? file.siteUrl;
  return {
    title: file.title ?? 'Notebooks',
    description: file.description ?? 'Jupyter notebooks, rendered, with feeds and links to run them in Binder.',
    ...(siteUrl ? { siteUrl: siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/` } : {}),
    repo: cli.repo ?? file.repo ?? '.',
    ...((cli.dir ?? file.dir) ? { dir: (cli.dir ?? file.dir) as string } : {}),
    branches,
    out: cli.out ?? file.out ?? 'public',
    ...(file.repository ? { repository: file.repository } : {}),
    ...(file.author ? { author: file.author } : {}),
    strict: cli.strict ?? file.strict ?? false,
    ...(file.templates ? { templates: file.templates } : {}),
    cache: cli.cache ?? file.cache ?? '.cache/binderpress',
    binder: resolveBinder(file.binder),
    publish: {
      allowRemove:
        typeof file.publish?.allowRemove === 'string' ? [file.publish.allowRemove] : (file.publish?.allowRemove ?? []),
    },
    render: {
      showExecutionCount: file.render?.showExecutionCount ?? true,
      mimePriority: file.render?.mimePriority ?? DEFAULT_MIME_PRIORITY,
      collapseLines: file.render?.collapseLines ?? 80,
    },
    images: { webp: file.images?.webp ?? false },
    feeds: { limit: file.feeds?.limit ?? DEFAULT_FEED_OPTIONS.limit, content: file.feeds?.content ?? 'full' },
    builds: file.builds ?? {},
    rules: (file.rules ?? {}) as Config['rules'],
    execute: resolveExecute(file.execute, undefined, cli.execute),
    allowOutside: cli.allowOutside ?? false,
    quiet: cli.quiet ?? false,
  };
}

export function resolveBinder(input: BinderConfigInput | undefined, base?: BinderSettings): BinderSettings {
  const hub = (input?.hub ?? base?.hub ?? DEFAULT_HUB).replace(/\/+$/, '');
  const jupyterhub = input?.jupyterhub ?? base?.jupyterhub;
  const environment = input?.environment ?? base?.environment;
  return {
    hub,
    fallbackHubs: (input?.fallbackHubs ?? base?.fallbackHubs ?? []).map((h) => h.replace(/\/+$/, '')),
    ref: input?.ref ?? base?.ref ?? 'commit',
    interface: input?.interface ?? base?.interface ?? 'lab',
    colab: input?.colab ?? base?.colab ?? false,
    ...(jupyterhub ? { jupyterhub: jupyterhub.replace(/\/+$/, '') } : {}),
    ...(environment ? { environment } : {}),
  };
}
