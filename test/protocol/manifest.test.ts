import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMN_KIND_NAMES, MAX_FINDINGS_LIMIT, RULE_IDS } from '../../server/src/engine';
import { defaultSettings } from '../../server/src/lsp/settings';
import { POLICY_PACK_GLOB, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../server/src/protocol';
import { REPO_ROOT } from './lsp-client';
import { renderPackageJson, renderReadme } from '../../scripts/gen-rules';

// The extension manifest must agree with the server: settings, rule ids, semantic token legend, commands.
const pkgText = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText);
const props = pkg.contributes.configuration.properties as Record<string, { default?: unknown; scope?: string; markdownDescription?: string }>;

const contributed = (cmd: string) => (pkg.contributes.commands as { command: string }[]).some((c) => c.command === cmd);

/**
 * The client's sources read as text: the string arguments of vscode API calls, with `const NAME = '…'` constants
 * (of the client and the protocol) resolved, so a check sees what the client registers and not just a string somewhere.
 */
const clientSource = (() => {
  const dir = join(REPO_ROOT, 'client', 'src');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const protocol = readFileSync(join(REPO_ROOT, 'server', 'src', 'protocol', 'index.ts'), 'utf8');
  const constants = new Map<string, string>();
  for (const [, name, value] of `${text}\n${protocol}`.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*'([^']+)'/g)) constants.set(name, value);
  const value = (arg: string) => (/^'[^']*'$/.test(arg) ? arg.slice(1, -1) : constants.get(arg));
  return {
    /** first arguments of calls to `fn(` (a string literal or a constant) */
    calls(fn: string): Set<string> {
      const out = new Set<string>();
      for (const [, arg] of text.matchAll(new RegExp(`\\.${fn}\\(\\s*('[^']*'|[A-Z][A-Z0-9_]*)`, 'g'))) {
        const v = value(arg);
        if (v) out.add(v);
      }
      return out;
    },
    /** context keys set with executeCommand('setContext', key, …) */
    setContextKeys(): Set<string> {
      const out = new Set<string>();
      for (const [, arg] of text.matchAll(/executeCommand\(\s*'setContext',\s*('[^']*'|[A-Z][A-Z0-9_]*)/g)) {
        const v = value(arg);
        if (v) out.add(v);
      }
      return out;
    },
  };
})();

describe('package.json contributions', () => {
  it('lists every engine rule under clinicalCodes.rules', () => {
    const rules = props['clinicalCodes.rules'] as unknown as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(rules.properties), RULE_IDS);
  });

  it('has the rule settings and the README rules table scripts/gen-rules.ts writes from the rule list', () => {
    // assert.ok, not equal: the message says what to do instead of printing two whole files
    assert.ok(renderPackageJson(pkgText) === pkgText, 'package.json clinicalCodes.rules is not what the rule list says: run npm run gen:rules');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    assert.ok(renderReadme(readme) === readme, 'README.md rules table or severity lists are not what the rule list says: run npm run gen:rules');
  });

  it('declares the settings the server reads, with the same defaults, resource-scoped and documented', () => {
    const d = defaultSettings();
    const expected: Record<string, unknown> = {
      'clinicalCodes.enable': d.enable,
      'clinicalCodes.languages': d.languages,
      'clinicalCodes.dateOfService': d.dateOfService,
      'clinicalCodes.rules': d.rules,
      'clinicalCodes.inlayHints': d.inlayHints,
      'clinicalCodes.maxFileSize': d.maxFileSize,
      'clinicalCodes.maxFindings': d.maxFindings,
      'clinicalCodes.cptDescriptorsFile': d.cptDescriptorsFile,
      'clinicalCodes.debounceMs': d.debounceMs,
      'clinicalCodes.completion.wordSearch': d.completion.wordSearch,
      'clinicalCodes.csv.columns': Object.fromEntries(d.csv.columns),
      'clinicalCodes.payer': d.payer,
      'clinicalCodes.policyFiles': d.policyFiles,
    };
    for (const [key, def] of Object.entries(expected)) {
      assert.ok(props[key], `${key} declared`);
      assert.deepEqual(props[key].default, def, `${key} default`);
      assert.ok(props[key].markdownDescription, `${key} has a markdownDescription`);
      assert.equal(props[key].scope, key === 'clinicalCodes.cptDescriptorsFile' || key === 'clinicalCodes.policyFiles' ? 'machine-overridable' : 'resource', `${key} scope`);
    }
    assert.deepEqual((props['clinicalCodes.csv.columns'] as unknown as { additionalProperties: { enum: string[] } }).additionalProperties.enum, COLUMN_KIND_NAMES, 'column kinds the server accepts');
    const cap = props['clinicalCodes.maxFindings'] as unknown as { minimum: number; maximum: number };
    assert.deepEqual([cap.minimum, cap.maximum], [1, MAX_FINDINGS_LIMIT], 'the findings caps the server accepts');
    // the trace holds document text: a workspace must not be able to turn it on
    assert.equal(props['clinicalCodes.trace.server'].scope, 'machine');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['clinicalCodes.cptDescriptorsFile', 'clinicalCodes.policyFiles']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('spells the payer policy pack folder as the server loads it (protocol POLICY_PACK_GLOB, a folder\'s root)', () => {
    assert.equal(POLICY_PACK_GLOB, '.clinical-codes/policies/*.json');
    assert.ok(pkg.activationEvents.includes(`workspaceContains:${POLICY_PACK_GLOB}`), 'activates on a folder with packs');
    assert.deepEqual(pkg.contributes.jsonValidation.map((j: { fileMatch: string }) => j.fileMatch), [POLICY_PACK_GLOB]);
    const mentions = pkgText.match(/[*/\w.-]*\.clinical-codes\/policies[*/\w.-]*/g) ?? [];
    for (const m of mentions) assert.ok(m === POLICY_PACK_GLOB || m === '.clinical-codes/policies', `package.json spells the pack folder ${m}`);
  });

  it('registers the x12 language (extensions, first line, grammar, configuration), checked by default', () => {
    const x12 = pkg.contributes.languages.find((l: { id: string }) => l.id === 'x12');
    assert.deepEqual(x12.extensions, ['.x12', '.837', '.837p', '.837i', '.edi']);
    assert.equal(x12.firstLine, '^ISA');
    assert.ok(JSON.parse(readFileSync(join(REPO_ROOT, x12.configuration), 'utf8')).wordPattern);
    const g = pkg.contributes.grammars.find((x: { language: string }) => x.language === 'x12');
    const grammar = JSON.parse(readFileSync(join(REPO_ROOT, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
    // the grammar's patterns compile, and name segment ids, separators and qualifiers
    for (const [name, rule] of Object.entries(grammar.repository as Record<string, { match: string }>)) assert.doesNotThrow(() => new RegExp(rule.match), name);
    assert.ok(['segment-id', 'element-separator', 'component-separator', 'terminator', 'code-qualifier'].every((k) => k in grammar.repository));
    assert.ok(props['clinicalCodes.languages'].default && (props['clinicalCodes.languages'].default as string[]).includes('x12'));
  });

  it('contributes the semantic token legend the server uses', () => {
    const types = pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
    assert.deepEqual(types, [...SEMANTIC_TOKEN_TYPES]);
    const mods = pkg.contributes.semanticTokenModifiers.map((t: { id: string }) => t.id);
    // "deprecated" is a standard modifier
    for (const m of SEMANTIC_TOKEN_MODIFIERS) assert.ok(mods.includes(m) || m === 'deprecated', m);
  });

  it('registers the clinical-note language, grammar, activation events and commands the client implements', () => {
    assert.ok(pkg.contributes.languages.some((l: { id: string; extensions: string[] }) => l.id === 'clinical-note' && l.extensions.includes('.note')));
    const grammar = JSON.parse(readFileSync(join(REPO_ROOT, pkg.contributes.grammars[0].path), 'utf8'));
    assert.equal(grammar.scopeName, pkg.contributes.grammars[0].scopeName);
    for (const lang of ['plaintext', 'markdown', 'csv', 'clinical-note', 'x12']) assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`));
    assert.equal(pkg.main, './dist/client.js');
    const registered = clientSource.calls('registerCommand');
    for (const cmd of pkg.contributes.commands as { command: string }[]) {
      assert.ok(registered.has(cmd.command), `${cmd.command} registered by the client (vscode.commands.registerCommand)`);
    }
    // every command a menu names is contributed (a menu entry for an unknown command is silently dropped)
    const contributed = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
      for (const e of entries) assert.ok(contributed.has(e.command), `menus.${menu}: ${e.command} is a contributed command`);
    }
  });

  it('contributes the views the client creates, with welcome messages and context keys the client sets', () => {
    const views = Object.values(pkg.contributes.views as Record<string, { id: string; when?: string }[]>).flat();
    const created = clientSource.calls('createTreeView');
    assert.ok(views.length > 0);
    for (const v of views) assert.ok(created.has(v.id), `view ${v.id} created by the client (vscode.window.createTreeView)`);
    const ids = new Set(views.map((v) => v.id));
    for (const w of pkg.contributes.viewsWelcome as { view: string }[]) assert.ok(ids.has(w.view), `viewsWelcome for a contributed view: ${w.view}`);
    // context keys of our own (clinicalCodes.*, not the values compared with ==) in when clauses are set by the client
    const set = clientSource.setContextKeys();
    const whens = [
      ...views.map((v) => v.when),
      ...(pkg.contributes.viewsWelcome as { when?: string }[]).map((w) => w.when),
      ...Object.values(pkg.contributes.menus as Record<string, { when?: string }[]>).flat().map((m) => m.when),
    ];
    for (const when of whens) {
      for (const key of (when ?? '').match(/(?<!==\s*)(?<![\w.])clinicalCodes\.[\w.]+/g) ?? []) assert.ok(set.has(key), `context key ${key} (in "${when}") is set by the client`);
    }
    for (const w of pkg.contributes.viewsWelcome as { contents: string }[]) {
      for (const [, cmd] of w.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(contributed(cmd), `viewsWelcome links to a contributed command: ${cmd}`);
    }
  });
});
