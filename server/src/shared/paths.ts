import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the built code data bundle is: an explicit directory, $CLINICAL_CODES_DATA, `data/` beside the bundled
 * script (dist/data in a build or the VSIX), or dist/data of the repository when run from source.
 */
export function defaultDataDir(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.env.CLINICAL_CODES_DATA) return resolve(process.env.CLINICAL_CODES_DATA);
  // bundled: dist/cli.js → dist/data; from source: server/src/shared → <repo>/dist/data
  const beside = join(__dirname, 'data');
  if (existsSync(join(beside, 'manifest.json'))) return beside;
  return resolve(__dirname, '..', '..', '..', 'dist', 'data');
}
