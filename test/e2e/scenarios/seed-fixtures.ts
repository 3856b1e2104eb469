// Seed documents the project was created from (../shared/seeds), read at load time for the scenarios.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness.js';

const SEEDS = path.join(REPO_ROOT, '..', 'shared', 'seeds');

export function seedText(prefix: string): { name: string; text: string } {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}* in ${SEEDS}`);
  return { name, text: readFileSync(path.join(SEEDS, name), 'utf8') };
}
