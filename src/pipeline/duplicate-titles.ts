// Stage (pure): notebooks of one build with the same title. Lists, feeds and search show titles
// alone, so readers cannot tell such notebooks apart (a series heading copied into every chapter,
// a template's title left as it was). Each group is one warning naming every path; the build page
// shows each notebook's path beside its title.
import type { Diagnostic } from '../types.js';

export interface TitledNotebook {
  readonly branch: string;
  readonly path: string;
  readonly title: string;
}

export function duplicateTitles(notebooks: readonly TitledNotebook[]): Diagnostic[] {
  const byTitle = new Map<string, TitledNotebook[]>();
  for (const nb of notebooks) {
    const key = nb.title.trim().replace(/\s+/g, ' ').toLowerCase();
    byTitle.set(key, [...(byTitle.get(key) ?? []), nb]);
  }
  const out: Diagnostic[] = [];
  for (const group of byTitle.values()) {
    if (group.length < 2) continue;
    const [first, ...others] = [...group].sort((a, b) => (a.path < b.path ? -1 : 1)) as [
      TitledNotebook,
      ...TitledNotebook[],
    ];
    const names = [first, ...others].map((n) => `\`${n.path}\``);
    out.push({
      rule: 'title-duplicate',
      severity: 'warning',
      branch: first.branch,
      path: first.path,
      message: `${names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`} have the same title, “${first.title}”: lists and feeds cannot tell them apart`,
      hint: 'give each its own title: a first level-1 heading of its own, or `title` in its metadata or front matter',
    });
  }
  return out;
}
