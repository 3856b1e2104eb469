import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

// The engine must stay editor- and protocol-free; this proves the lint rule that enforces it actually fires.
test('eslint rejects LSP and vscode imports inside server/src/engine', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const code = "import { createConnection } from 'vscode-languageserver/node';\nimport * as vscode from 'vscode';\nexport const x = [createConnection, vscode];\n";
  const [result] = await eslint.lintText(code, { filePath: 'server/src/engine/bad-example.ts' });
  const hits = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
  assert.equal(hits.length, 2);
  assert.match(hits[0].message, /engine must not depend on the editor or the LSP/);
  const [ok] = await eslint.lintText(code, { filePath: 'server/src/lsp/fine.ts' });
  assert.equal(ok.messages.filter((m) => m.ruleId === 'no-restricted-imports').length, 0);
});
