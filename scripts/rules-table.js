#!/usr/bin/env node
// Writes the README's table of diagnostic rules from the catalogue (src/rules.ts), between the
// `rules:start` and `rules:end` markers. Run: npm run docs:rules
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rulesTable } from '../src/rules.ts';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const text = readFileSync(readme, 'utf8');
const block = /(<!-- rules:start[^>]*-->\n)[\s\S]*?(<!-- rules:end -->)/;
if (!block.test(text)) throw new Error('README.md has no <!-- rules:start --> … <!-- rules:end --> block');
writeFileSync(
  readme,
  text.replace(block, (_, start, end) => `${start}${rulesTable()}\n${end}`),
);
