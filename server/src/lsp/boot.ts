/**
 * Entry of the language server (dist/server.js): compiles the server bundle (dist/server-main.js, ~1 MB) with a V8
 * code cache, so a start after the first skips parsing it and compiling the functions start-up runs (~50 ms of CPU
 * before `initialize` is answered). Only Node built-ins here: this file must stay tiny.
 *
 * The cache lives in DIR/v8-cache for `--v8-cache-dir=DIR` (the VS Code client passes its global storage) or a per-user directory
 * under os.tmpdir(), in a file named by the bundle's sha256 and the Node version and architecture. V8 rejects data
 * that does not fit its version and flags; a directory that is not ours (another owner, writable by others) is not
 * used, since the data becomes code. Any failure only means no cache: the server starts as without one.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const MAIN = join(__dirname, 'server-main.js');
const PREFIX = 'clinical-codes-server-';
/** long enough for start-up's functions (first requests included) to be compiled, so the cache holds them */
const WRITE_AFTER_MS = 10_000;
const STALE_MS = 7 * 24 * 3600_000;

function cacheDir(argv: string[]): string | undefined {
  if (argv.includes('--no-v8-cache')) return undefined;
  const given = argv.find((a) => a.startsWith('--v8-cache-dir='))?.slice('--v8-cache-dir='.length);
  const uid = process.getuid?.();
  // a directory of our own inside the given one, made 0700 whatever the umask left on its parent
  const dir = given ? join(given, 'v8-cache') : join(tmpdir(), `clinical-codes-v8${uid === undefined ? '' : `-${uid}`}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) return undefined;
  // POSIX: ours and not writable by group or others (Windows reports no uid; its profile directories are per user)
  if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
  return dir;
}

function boot(): void {
  const bytes = readFileSync(MAIN);
  const source = bytes.toString('utf8');
  let file: string | undefined;
  let cached: Buffer | undefined;
  try {
    const dir = cacheDir(process.argv);
    if (dir) {
      const key = createHash('sha256').update(bytes).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32);
      file = join(dir, `${PREFIX}${key}.v8`);
      try {
        cached = readFileSync(file);
      } catch {
        // first start of this build
      }
    }
  } catch {
    file = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: MAIN, cachedData: cached });
  if (file && (!cached || script.cachedDataRejected)) {
    const target = file;
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const tmp = `${target}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, target);
        // caches of other builds or Node versions unused for a week (another version may still be running)
        const dir = dirname(target);
        for (const n of readdirSync(dir)) {
          const f = join(dir, n);
          if (n.startsWith(PREFIX) && f !== target && Date.now() - lstatSync(f).mtimeMs > STALE_MS) unlinkSync(f);
        }
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing written
        }
      }
    };
    setTimeout(write, WRITE_AFTER_MS).unref();
    process.once('exit', write);
  }
  const mod = new Module(MAIN, module);
  mod.filename = MAIN;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(MAIN), mod, MAIN, __dirname);
}

boot();
