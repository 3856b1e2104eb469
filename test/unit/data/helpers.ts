import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { zipSync } from 'fflate';

/** Shared helpers for the data-pipeline tests (fixtures live in test/fixtures/codesets, see its README). */

export const REPO = process.cwd();
export const FIXTURES = join(REPO, 'test', 'fixtures', 'codesets');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Zips a directory's files (paths relative to it), as the official archives are laid out. */
export function zipDir(dir: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const f of walk(dir)) files[relative(dir, f).split('\\').join('/')] = new Uint8Array(readFileSync(f));
  return zipSync(files, { level: 6 });
}

/** Bytes of one fixture file (archive members are read from their `.zip.d` directory). */
export function fixture(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, rel)));
}

/** The AOC fixture as a real xlsx (zip) archive. */
export function fixtureXlsx(): Uint8Array {
  return zipDir(join(FIXTURES, 'ncci', 'AOC_V2026Q2-MCR.xlsx.d'));
}

const created: string[] = [];

export function tempDir(prefix = 'cc-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory tempDir() made (call from an `after` hook). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies the fixture tree into a fresh temp dir laid out like the real sources dir: every `NAME.zip.d` /
 * `NAME.xlsx.d` directory becomes the archive NAME.zip / NAME.xlsx. `skip` drops fixture paths (relative).
 */
export function materializeFixtures(skip: (rel: string) => boolean = () => false): string {
  const target = tempDir('cc-sources-');
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const rel = relative(FIXTURES, p);
      if (rel === '.gitattributes' || rel === 'README.md' || skip(rel)) continue;
      if (statSync(p).isDirectory()) {
        if (/\.(zip|xlsx)\.d$/.test(name)) {
          const out = join(target, rel.slice(0, -2));
          mkdirSync(dirname(out), { recursive: true });
          writeFileSync(out, zipDir(p));
        } else visit(p);
      } else {
        mkdirSync(dirname(join(target, rel)), { recursive: true });
        writeFileSync(join(target, rel), readFileSync(p));
      }
    }
  };
  visit(FIXTURES);
  return target;
}
