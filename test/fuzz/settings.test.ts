// Fuzzing settings validation (server/src/lsp/settings.ts) with JSON values shaped like the clinicalCodes section:
// never an exception, every value of the right type (a bad value falls back to its default), and a valid section
// is taken as given with no problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COLUMN_KIND_NAMES, RULE_IDS, SEVERITY_SETTINGS } from '../../server/src/engine';
import { defaultSettings, validateSettings, type Settings } from '../../server/src/lsp/settings';
import { TRICKY_KEYS } from './generators';
import { fuzz } from './harness';

const FILE = 'test/fuzz/settings.test.ts';
const KEYS = Object.keys(defaultSettings()) as (keyof Settings)[];
const KIND_VALUES = new Set<string>(validateSettings({ csv: { columns: Object.fromEntries(COLUMN_KIND_NAMES.map((k) => [k, k])) } }).settings.csv.columns.values());

// small JSON values (fc.jsonValue is several times slower and no more telling here)
const leaf = fc.oneof(fc.constantFrom(null, true, false, 0, -1, 1.5, 'x', '', [], {}), fc.string({ maxLength: 4 }), fc.integer());
const json = fc.oneof({ weight: 4, arbitrary: leaf }, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('toString', 'valueOf', 'x', 'wordSearch', 'columns'), leaf, { maxKeys: 2 }));
const str = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...TRICKY_KEYS, '', ' ', '2024-02-01', '2024-02-30', 'error', 'off'));
const anyValue = fc.oneof(json, str, fc.constantFrom(null, true, false, 0, -1, 5, 10001, 0.5, 1e308));
const ruleMap = fc.dictionary(fc.oneof(fc.constantFrom(...RULE_IDS), str), fc.oneof(fc.constantFrom(...SEVERITY_SETTINGS), anyValue), { maxKeys: 4 });
const columns = fc.dictionary(fc.oneof(str, fc.constantFrom('PROC', 'DX_A', 'Code')), fc.oneof(fc.constantFrom(...COLUMN_KIND_NAMES), str, anyValue), { maxKeys: 4 });
const section = fc.dictionary(
  fc.oneof(fc.constantFrom(...KEYS), str),
  fc.oneof(anyValue, ruleMap, fc.record({ columns: fc.oneof(columns, anyValue) }), fc.record({ wordSearch: fc.oneof(fc.constantFrom('codeContexts', 'always', 'off'), anyValue) }), fc.array(str, { maxLength: 3 })),
  { maxKeys: 6 },
);

function checkTypes(s: Settings): void {
  assert.equal(typeof s.enable, 'boolean');
  assert.ok(Array.isArray(s.languages) && s.languages.every((l) => typeof l === 'string'));
  assert.ok(s.dateOfService === '' || /^\d{4}-\d{2}-\d{2}$/.test(s.dateOfService));
  for (const [id, sev] of Object.entries(s.rules)) assert.ok(RULE_IDS.includes(id) && (SEVERITY_SETTINGS as readonly string[]).includes(sev), `rules.${id}=${String(sev)}`);
  assert.equal(typeof s.inlayHints, 'boolean');
  assert.ok(Number.isFinite(s.maxFileSize) && s.maxFileSize > 0);
  assert.ok(Number.isInteger(s.maxFindings) && s.maxFindings >= 1 && s.maxFindings <= 1_000_000);
  assert.ok(Number.isFinite(s.debounceMs) && s.debounceMs >= 0 && s.debounceMs <= 10000);
  assert.equal(typeof s.cptDescriptorsFile, 'string');
  assert.ok(['codeContexts', 'always', 'off'].includes(s.completion.wordSearch));
  assert.ok(s.csv.columns instanceof Map);
  for (const [h, k] of s.csv.columns) assert.ok(typeof h === 'string' && typeof k === 'string' && KIND_VALUES.has(k), `csv.columns ${h} → ${String(k)}`);
  assert.equal(typeof s.payer, 'string');
  assert.ok(Array.isArray(s.policyFiles) && s.policyFiles.every((f) => typeof f === 'string' && f.length > 0));
  assert.ok(s.untrustedWorkspaceValues.every((k) => k === 'cptDescriptorsFile' || k === 'policyFiles'));
}

test('fuzz: settings validation', () => {
  fuzz('settings (validateSettings)', FILE, fc.oneof({ weight: 9, arbitrary: section }, { weight: 1, arbitrary: anyValue }), (raw) => {
    // settings arrive as JSON: what the validator sees is what JSON.parse gives
    const wire = JSON.parse(JSON.stringify(raw) ?? 'null') as unknown;
    const { settings, problems } = validateSettings(wire);
    checkTypes(settings);
    assert.ok(problems.every((p) => typeof p === 'string' && p.startsWith('clinicalCodes')));
  }, { ms: 6_000 });
});

const validSection = fc.record(
  {
    enable: fc.boolean(),
    languages: fc.array(fc.stringMatching(/^[a-z-]{1,10}$/), { maxLength: 3 }),
    dateOfService: fc.constantFrom('', '2024-02-01', '2015-10-01'),
    rules: fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom(...SEVERITY_SETTINGS), { maxKeys: 3, noNullPrototype: true }),
    inlayHints: fc.boolean(),
    maxFileSize: fc.double({ min: 0.001, max: 100, noNaN: true }),
    maxFindings: fc.integer({ min: 1, max: 1_000_000 }),
    debounceMs: fc.integer({ min: 0, max: 10000 }),
    completion: fc.record({ wordSearch: fc.constantFrom('codeContexts' as const, 'always' as const, 'off' as const) }),
    csv: fc.record({ columns: fc.dictionary(fc.stringMatching(/^[A-Za-z_]{1,8}$/), fc.constantFrom(...COLUMN_KIND_NAMES), { maxKeys: 3, noNullPrototype: true }) }),
    payer: fc.constantFrom('', 'BCBSRI', 'BCBSRI/Commercial', '/Medicare'),
  },
  { requiredKeys: [] },
);

test('fuzz: a valid settings section is taken as given', () => {
  fuzz('valid settings (validateSettings)', FILE, validSection.map((r) => JSON.parse(JSON.stringify(r)) as typeof r), (raw) => {
    const { settings, problems } = validateSettings(raw);
    assert.deepEqual(problems, []);
    const expected = { ...defaultSettings(), ...raw } as Record<string, unknown>;
    for (const k of ['enable', 'languages', 'dateOfService', 'rules', 'inlayHints', 'maxFileSize', 'maxFindings', 'debounceMs', 'completion', 'payer'] as const) {
      if (k in raw) assert.deepEqual(settings[k], expected[k], k);
    }
    if (raw.csv) assert.equal(settings.csv.columns.size, new Set(Object.keys(raw.csv.columns).map((h) => h.trim().toLowerCase())).size);
  }, { ms: 8_000 });
});
