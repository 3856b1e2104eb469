#!/usr/bin/env node
'use strict';
// The Clinical Codes language server for any LSP client: speaks LSP over stdio unless another transport is given
// (--node-ipc, --socket=PORT, --pipe=NAME).
const path = require('node:path');
const fs = require('node:fs');
const server = path.join(__dirname, '..', 'dist', 'server.js');
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: clinical-codes-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n' +
      'Clinical Codes language server (LSP); stdio by default. Settings: the "clinicalCodes" section\n' +
      '(workspace/configuration, didChangeConfiguration, or initializationOptions.settings).\n' +
      'Code data: dist/data beside the server, or $CLINICAL_CODES_DATA.\n',
  );
  process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${require(path.join(__dirname, '..', 'package.json')).version}\n`);
  process.exit(0);
}
if (!fs.existsSync(server)) {
  process.stderr.write('clinical-codes-lsp: dist/server.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');
require(server);
