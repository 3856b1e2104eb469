#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('clinical-codes: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
// a large file is checked in a node started again with memory settings (server/src/cli/relaunch.ts)
require(cli).main(process.argv.slice(2), { relaunchScript: __filename }).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`clinical-codes: internal error: ${e && e.stack ? e.stack : e}\n`); process.exitCode = 2; },
);
