import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BUNDLE_FORMAT_VERSION, BundleError, CodeData, type Manifest } from '../../../server/src/engine';
import { bundleDigest } from '../../../server/src/engine/data/load';
import { writeFixtureBundle } from '../../integration/helpers';

// found by test/fuzz/bundle.test.ts: files that decode but hold the wrong shapes threw TypeErrors out of the loader
test('a bundle whose files decode but hold the wrong shapes is a BundleError naming the bundle', async () => {
  const cases: [file: string, edit: (text: string) => string][] = [
    ['aoc.tsv.gz', (t) => `null${t.slice(t.indexOf('\n'))}`],
    ['hcpcs.tsv.gz', (t) => `{"edition":"x","modifiers":5}${t.slice(t.indexOf('\n'))}`],
    ['cpt-modifiers.json.gz', () => '{"edition":"x","rows":5}'],
  ];
  for (const [file, edit] of cases) {
    const dir = writeFixtureBundle();
    try {
      const path = join(dir, file);
      const body = edit(gunzipSync(readFileSync(path)).toString('utf8'));
      const gz = gzipSync(body);
      writeFileSync(path, gz);
      // recorded as built, so the loader gets past the digest check to the shapes
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const entry = Object.values(m.datasets).find((d) => d?.file === file)!;
      Object.assign(entry, { sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: Buffer.byteLength(body) });
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
      await assert.rejects(CodeData.load(dir), (e: unknown) => e instanceof BundleError && e.message.includes(dir) && /build:data/.test(e.message), file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a manifest that is JSON but not a manifest object is a BundleError naming it', async () => {
  for (const text of ['null', '[]', '5', `{"formatVersion":${BUNDLE_FORMAT_VERSION}}`, `{"formatVersion":${BUNDLE_FORMAT_VERSION},"datasets":null}`]) {
    const dir = writeFixtureBundle();
    try {
      writeFileSync(join(dir, 'manifest.json'), text);
      await assert.rejects(CodeData.load(dir), (e: unknown) => e instanceof BundleError && e.message.includes('manifest.json') && /build:data/.test(e.message), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
