// Limits on tags (notebook metadata `tags`/`keywords`, front matter `categories`/`tags`). Every
// tag is a page and three feeds, and each of those feeds carries the whole of its newest notebooks
// and every item's categories: one notebook with 20,000 tags made 80,000 files and about 32 GB,
// and 1,000 tags on a notebook of 108 KB made a site of 402 MB. Pure.
import type { Diagnostic } from '../types.js';
import type { PreparedBuild } from './site-model.js';
import { tagSlug } from './paths.js';

/**
 * Tags one notebook keeps (the first by name), as pages and as feed categories. Blogs and courses
 * give a post or lesson a handful (fastpages' posts 1 to 5); 32 leaves room for any real use,
 * and bounds what a notebook adds to the site to 32 pages and 96 feeds.
 */
export const MAX_TAGS_PER_NOTEBOOK = 32;
/** Characters a tag may have: a tag is a label (and its page's folder name, at most 255 bytes). */
export const MAX_TAG_CHARS = 64;
/** Tag pages a site makes: those naming the most notebooks (each is 4 files, three of them feeds). */
export const MAX_TAG_PAGES = 1000;

const count = (n: number): string => n.toLocaleString('en-US');

/** A notebook's tags within the limits, and the warnings for those it drops. */
function notebookTags(
  tags: readonly string[],
  branch: string,
  path: string,
  diagnostics: Diagnostic[],
): readonly string[] {
  const short = tags.filter((t) => [...t].length <= MAX_TAG_CHARS);
  const long = tags.filter((t) => [...t].length > MAX_TAG_CHARS);
  if (long.length > 0) {
    diagnostics.push({
      rule: 'tag-too-long',
      severity: 'warning',
      branch,
      path,
      message: `${long.length === 1 ? 'a tag is' : `${count(long.length)} tags are`} longer than ${MAX_TAG_CHARS} characters (\`${[...(long[0] as string)].slice(0, 40).join('')}…\`) and left out`,
      hint: `shorten the notebook's tags (metadata \`tags\`, front matter \`categories\`) to at most ${MAX_TAG_CHARS} characters`,
    });
  }
  if (short.length <= MAX_TAGS_PER_NOTEBOOK) return long.length > 0 ? short : tags;
  diagnostics.push({
    rule: 'too-many-tags',
    severity: 'warning',
    branch,
    path,
    message: `the notebook has ${count(short.length)} tags; the first ${MAX_TAGS_PER_NOTEBOOK} by name are kept (\`${short[0]}\` to \`${short[MAX_TAGS_PER_NOTEBOOK - 1]}\`) and the other ${count(short.length - MAX_TAGS_PER_NOTEBOOK)} left out: each tag is a page and three feeds`,
    hint: `give a notebook at most ${MAX_TAGS_PER_NOTEBOOK} tags (metadata \`tags\`, front matter \`categories\`)`,
  });
  return short.slice(0, MAX_TAGS_PER_NOTEBOOK);
}

/**
 * The builds with each notebook's tags within the limits, and the tags that may have a page: the
 * MAX_TAG_PAGES naming the most notebooks (ties by name). A tag without a page stays on its
 * notebooks' pages as plain text.
 */
export function limitTags(builds: readonly PreparedBuild[]): {
  builds: PreparedBuild[];
  paged: ReadonlySet<string>;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const limited = builds.map((b) => ({
    ...b,
    notebooks: b.notebooks.map((nb) => {
      const tags = notebookTags(nb.meta.tags, b.branch.name, nb.source.path, diagnostics);
      return tags === nb.meta.tags ? nb : { ...nb, meta: { ...nb.meta, tags } };
    }),
  }));
  const uses = new Map<string, number>();
  for (const nb of limited.flatMap((b) => b.notebooks))
    for (const slug of new Set(nb.meta.tags.map(tagSlug))) uses.set(slug, (uses.get(slug) ?? 0) + 1);
  const ranked = [...uses].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([slug]) => slug);
  if (ranked.length > MAX_TAG_PAGES) {
    diagnostics.push({
      rule: 'too-many-tags',
      severity: 'warning',
      branch: '',
      path: '',
      message: `the notebooks have ${count(ranked.length)} different tags; the ${count(MAX_TAG_PAGES)} that name the most notebooks get a page and feeds, the other ${count(ranked.length - MAX_TAG_PAGES)} (such as \`${ranked[MAX_TAG_PAGES]}\`) are shown as plain text`,
      hint: 'use fewer, broader tags: a tag is most useful when it gathers several notebooks',
    });
  }
  return { builds: limited, paged: new Set(ranked.slice(0, MAX_TAG_PAGES)), diagnostics };
}
