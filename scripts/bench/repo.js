// A git repository of generated notebooks in several branches, written with one `git fast-import`
// (thousands of notebooks in seconds), plus a plain copy of the notebooks for the naive floor and
// nbconvert. `changeOne` commits an edit of one markdown cell of one notebook on the first branch.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notebook } from './notebooks.js';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
};

function fastImport(dir, stream) {
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet', '--force'], {
    input: stream,
    env: ENV,
    maxBuffer: 1 << 30,
  });
}

function data(text) {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')]);
}

const nbPath = (i) => `lessons/lesson-${String(i).padStart(5, '0')}.ipynb`;

/**
 * Makes `dir` (a repository) and `plain` (the same notebooks as files); returns the total bytes.
 * With `copies` K, the branches are K copies of one course of count/K notebooks (the same files at
 * the same paths, as when a course is copied to next year's branch); otherwise every notebook is
 * distinct and they are spread over `branches`. With `edited`, each branch's copy of every
 * notebook has one markdown cell edited (every blob differs; all the other cells are the same).
 */
export function makeBenchRepo(dir, plain, count, branches, plots, copies = 0, edited = false) {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'b0', dir], { env: ENV });
  const parts = [];
  let bytes = 0;
  const when = 1767600000;
  for (let b = 0; b < branches; b++) {
    const branch = `course/part-${b}`;
    parts.push(
      Buffer.from(`commit refs/heads/${branch}\ncommitter bench <bench@example.org> ${when + b * 3600} +0000\n`),
      data(`part ${b}`),
    );
    parts.push(Buffer.from('M 100644 inline requirements.txt\n'), data('numpy\npandas\nmatplotlib\n'));
    const lessons = copies
      ? Array.from({ length: Math.ceil(count / copies) }, (_, i) => i)
      : Array.from({ length: Math.ceil((count - b) / branches) }, (_, k) => b + k * branches);
    for (const i of lessons) {
      const text = notebook(i, copies ? 'the course' : branch, plots, 0, edited ? `Edited in ${branch}.` : undefined);
      bytes += Buffer.byteLength(text);
      parts.push(Buffer.from(`M 100644 inline ${nbPath(i)}\n`), data(text));
      const file = join(plain, `part-${b}`, nbPath(i));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
    }
    parts.push(Buffer.from('\n'));
  }
  fastImport(dir, Buffer.concat(parts));
  return bytes;
}

/** A new commit on the first branch that edits one markdown cell of one notebook. */
export function changeOne(dir, plots, revision, copies = 0, edited = false) {
  const branch = 'course/part-0';
  const parent = execFileSync('git', ['-C', dir, 'rev-parse', branch], { env: ENV }).toString().trim();
  const stream = Buffer.concat([
    Buffer.from(`commit refs/heads/${branch}\ncommitter bench <bench@example.org> ${1767700000 + revision} +0000\n`),
    data(`revise lesson 0 (${revision})`),
    Buffer.from(`from ${parent}\nM 100644 inline ${nbPath(0)}\n`),
    data(
      notebook(
        0,
        copies ? 'the course' : branch,
        plots,
        0,
        `${edited ? `Edited in ${branch}. ` : ''}Revised (${revision}).`,
      ),
    ),
    Buffer.from('\n'),
  ]);
  fastImport(dir, stream);
}
