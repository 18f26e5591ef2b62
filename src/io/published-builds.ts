// The builds a published site holds, read from its commit, so a publish can say which of them it
// would take away. A build is a top-level folder with an index page. The site's own manifest (a
// line of its `.binderpress-site` marker) lists the files binderpress wrote, so folders kept from
// an older site (`--keep`) are not taken for builds; a tree without a manifest (another tool's
// site) is read from its folders.
import { SOURCE_REMOTE } from '../source/branches.js';
import { listForHint, matchesPattern } from '../source/patterns.js';
import { RESERVED_ROOT } from '../site/paths.js';
import { BinderpressError, EXIT } from './errors.js';
import { runGit } from './git.js';
import type { TreeEntry } from './publish-tree.js';
import { SITE_MARKER } from './write-site.js';

const MANIFEST_PREFIX = 'manifest ';

/** The top-level folders among `paths` that hold an `index.html`, sorted. */
function buildFolders(paths: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const [folder, file, more] = path.split('/');
    if (more !== undefined || file !== 'index.html' || !folder || folder.startsWith('.')) continue;
    if (!RESERVED_ROOT.has(folder.toLowerCase())) found.add(folder);
  }
  return [...found].sort();
}

/** The paths the manifest in a marker file lists, or undefined when it has none. */
function manifestPaths(marker: string): string[] | undefined {
  const line = marker.split('\n').find((l) => l.startsWith(MANIFEST_PREFIX));
  if (!line) return undefined;
  try {
    const parsed = JSON.parse(line.slice(MANIFEST_PREFIX.length)) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    return parsed.flatMap((e) => (Array.isArray(e) && typeof e[0] === 'string' ? [e[0]] : []));
  } catch {
    return undefined;
  }
}

/** The build folders of a published tree (`entries` as `listTree` reads them). */
export async function publishedBuilds(repo: string, entries: ReadonlyMap<string, TreeEntry>): Promise<string[]> {
  const marker = entries.get(SITE_MARKER);
  if (marker?.type === 'blob') {
    const text = (await runGit(repo, ['cat-file', 'blob', marker.sha])).stdout.toString('utf8');
    const paths = manifestPaths(text);
    if (paths) return buildFolders(paths);
  }
  return buildFolders(entries.keys());
}

export interface LostBuilds {
  /** Builds of the published site that the new one lacks and nothing allows to go. */
  readonly refused: readonly string[];
  /** Builds that go because `publish.allowRemove` (or --force) lets them. */
  readonly allowed: readonly string[];
}

/** Which of the published builds the new site (its top-level names) lacks, split by `allow` patterns. */
export function lostBuilds(
  published: readonly string[],
  newTop: ReadonlySet<string>,
  allow: readonly string[],
  force: boolean,
): LostBuilds {
  const lost = published.filter((b) => !newTop.has(b));
  if (force) return { refused: [], allowed: lost };
  const allowed = lost.filter((b) => allow.some((p) => matchesPattern(b, p)));
  return { refused: lost.filter((b) => !allowed.includes(b)), allowed };
}

export function lostBuildsError(branch: string, previous: string, refused: readonly string[]): BinderpressError {
  const n = refused.length;
  return new BinderpressError(
    `refusing to publish to ${branch}: the published site (${previous.slice(0, 7)}) holds ${n} build${n === 1 ? '' : 's'} that this one would remove: ${listForHint(refused)}`,
    {
      hint:
        `a build is missing when its branch is not in this repository: fetch every branch (git fetch ${SOURCE_REMOTE}) or check --branches and \`branches:\`, then publish again.\n` +
        `If ${n === 1 ? 'it is' : 'they are'} gone on purpose, list ${n === 1 ? 'it' : 'them'} under publish.allowRemove in binderpress.yml (folder names or globs), or pass --force. ${branch} is unchanged`,
      code: EXIT.refused,
    },
  );
}
