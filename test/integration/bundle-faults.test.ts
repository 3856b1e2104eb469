import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { bundleDigest } from '../../server/src/engine/data/load';
import { CLI, writeFixtureBundle } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'cc-faults-'));
const dirs: string[] = [work];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const note = join(work, 'note.txt');
writeFileSync(note, 'Dx: M79.64\n');

function bundle(): string {
  const d = writeFixtureBundle();
  dirs.push(d);
  return d;
}

/** The CLI on a damaged bundle: exit 2, the file named, what to do, no stack trace; a timeout fails (a hang). */
function refuses(dir: string, file: string, why: RegExp): void {
  const r = spawnSync(process.execPath, [CLI, 'check', note, '--data', dir], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined, `the CLI did not finish: ${r.error}`);
  assert.equal(r.status, 2, r.stderr);
  assert.ok(r.stderr.includes(join(dir, file)), r.stderr);
  assert.match(r.stderr, why);
  assert.match(r.stderr, /Run `npm run build:data`/);
  assert.doesNotMatch(r.stderr, /internal error|TypeError|\n\s+at /);
}

test('the CLI exits 2 naming the damaged bundle file and what to do', (t) => {
  let dir = bundle();
  writeFileSync(join(dir, 'manifest.json'), 'null');
  refuses(dir, 'manifest.json', /it holds null, not a manifest object/);

  dir = bundle();
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, datasets: undefined }));
  refuses(dir, 'manifest.json', /"datasets" is missing/);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, formatVersion: String(m.formatVersion) }));
  refuses(dir, 'manifest.json', /"formatVersion" is the string "\d+", not the number \d+/);

  // an ICD-10-CM header without editions, with a manifest that matches it
  dir = bundle();
  const text = gunzipSync(readFileSync(join(dir, 'icd10cm.tsv.gz'))).toString('utf8');
  const nl = text.indexOf('\n');
  const body = `${JSON.stringify({ ...JSON.parse(text.slice(0, nl)), editions: [] })}${text.slice(nl)}`;
  const gz = gzipSync(body);
  writeFileSync(join(dir, 'icd10cm.tsv.gz'), gz);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, datasets: { ...m.datasets, icd10cm: { ...m.datasets.icd10cm, sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: Buffer.byteLength(body) } } }));
  refuses(dir, 'icd10cm.tsv.gz', /lists no editions/);

  // rows shuffled inside valid gzip
  dir = bundle();
  const [head, ...rows] = gunzipSync(readFileSync(join(dir, 'icd10cm.tsv.gz'))).toString('utf8').trimEnd().split('\n');
  writeFileSync(join(dir, 'icd10cm.tsv.gz'), gzipSync(`${[head, ...rows.reverse()].join('\n')}\n`));
  refuses(dir, 'icd10cm.tsv.gz', /(changed|replaced) or damaged after the build/);

  dir = bundle();
  unlinkSync(join(dir, 'pos.tsv.gz'));
  if (spawnSync('mkfifo', [join(dir, 'pos.tsv.gz')]).status !== 0) return t.skip('mkfifo is not available');
  refuses(dir, 'pos.tsv.gz', /not a regular file/);
});
