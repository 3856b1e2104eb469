// The language server's peak RSS (VmHWM) for one didOpen of `M79.64 ` × N over stdio, until its diagnostics.
// Run: node --import tsx bench/server-memory-once.ts [N] [SERVER_JS]   (default 1,000,000 and dist/server.js)
import { readFileSync } from 'node:fs';
import { LspClient } from '../test/protocol/lsp-client';

const kb = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

async function main() {
  const n = Number(process.argv[2] ?? 1_000_000);
  const serverPath = process.argv[3];
  const c = await LspClient.start({ settings: { maxFileSize: 64 }, ...(serverPath ? { serverPath } : {}) });
  const pid = c.child.pid!;
  const ready = kb(pid, 'VmRSS');
  const t = performance.now();
  const uri = await c.open('million.txt', 'M79.64 '.repeat(n));
  const ds = await c.waitForDiagnostics(uri, 1, 600_000);
  const ms = performance.now() - t;
  const peak = kb(pid, 'VmHWM');
  await c.shutdown();
  console.log(JSON.stringify({ tokens: n, diagnostics: ds.length, ms: Math.round(ms), readyMb: Math.round(ready / 1024), peakMb: Math.round(peak / 1024) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
