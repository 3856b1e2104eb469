import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { ROOT } from './helpers';
import { WordIndex } from '../../server/src/engine/search/word-index';

// `npm run package` builds the public VSIX: only what the extension needs, no AMA CPT descriptors, ≤ 10 MB.
test('npm run package: VSIX contents, size, and no CPT descriptors', { timeout: 180_000 }, () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const vsix = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  assert.ok(statSync(vsix).size <= 10 * 1048576, 'VSIX over 10 MB');
  const files = unzipSync(readFileSync(vsix));
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  const allowed = [
    /^\[Content_Types\]\.xml$/,
    /^extension\.vsixmanifest$/,
    /^extension\/package\.json$/,
    /^extension\/(readme|changelog)\.md$/i,
    /^extension\/LICENSE(\.txt)?$/i,
    /^extension\/images\/icon\.png$/,
    /^extension\/language-configuration\.json$/,
    /^extension\/syntaxes\/[\w.-]+\.json$/,
    /^extension\/walkthrough\/[\w.-]+\.(md|note)$/,
    /^extension\/dist\/(client|server|server-main|cli)\.js$/,
    /^extension\/dist\/policy-pack\.schema\.json$/,
    /^extension\/dist\/data\/(manifest\.json|[\w-]+\.(tsv|json|bin)\.gz)$/,
  ];
  for (const n of names) assert.ok(allowed.some((re) => re.test(n)), `unexpected file in the VSIX: ${n}`);
  for (const must of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/server-main.js', 'extension/dist/data/manifest.json', 'extension/dist/data/icd10cm.tsv.gz', 'extension/images/icon.png']) {
    assert.ok(names.includes(must), `missing ${must}`);
  }
  // no source maps, no absolute paths of the build machine in the bundles
  assert.ok(!names.some((n) => n.endsWith('.map')));
  for (const js of ['client', 'server', 'cli']) assert.ok(!new TextDecoder().decode(files[`extension/dist/${js}.js`]).includes(ROOT), `${js}.js embeds ${ROOT}`);
  // the public build carries no CPT descriptors, and says so
  const manifest = JSON.parse(new TextDecoder().decode(files['extension/dist/data/manifest.json']));
  assert.equal(manifest.cptDescriptorsIncluded, false);
  const mpfs = gunzipSync(files['extension/dist/data/mpfs.tsv.gz']).toString('utf8');
  // rows are [code, modifier, years, status … team, descriptor]: no CPT row of any year carries a descriptor
  const rows = mpfs.split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  assert.equal(rows.find((r) => r[0] === '27447')?.[11], '', '27447 must have no descriptor');
  assert.deepEqual(rows.filter((r) => /^\d/.test(r[0]) && r[11]).map((r) => r[0]), [], 'no CPT descriptor in any year');
  assert.ok(/\nG0008\t[^\n]*Admin influenza virus vac/.test(mpfs), 'HCPCS Level II descriptors stay');
  // the word index never holds CPT codes (their descriptors are indexed at load time, from a licensed file)
  const words = new WordIndex(gunzipSync(files['extension/dist/data/word-index.bin.gz']));
  assert.deepEqual(words.systems.map((x) => x.id), ['icd10cm', 'hcpcs', 'modifier', 'taxonomy', 'pos']);
  const published = JSON.parse(new TextDecoder().decode(files['extension/package.json']));
  assert.equal(published.devDependencies, undefined);
  assert.ok(published.contributes.walkthroughs?.length);
  // the pack schema VS Code's JSON support is pointed at ships in the VSIX
  for (const v of published.contributes.jsonValidation as { url: string }[]) {
    const schema = files[`extension/${v.url.replace(/^\.\//, '')}`];
    assert.ok(schema, `jsonValidation ${v.url} is in the VSIX`);
    assert.equal(JSON.parse(new TextDecoder().decode(schema)).properties?.rules?.type, 'array');
  }
});
