/**
 * Quick start-up: compiled code kept on disk between runs.
 *
 * Node ≥ 22.1 does it itself (module.enableCompileCache). Older versions get the same from
 * V8's code cache: selfeval's own modules and its dependencies are compiled with vm.Script and
 * the cachedData saved when the thread exits — after the run, so that it holds the functions the
 * run compiled lazily too, most of the start-up cost of SheetJS and the engine. V8 rejects a
 * cache that does not fit (another V8, a changed file: it is keyed by the file's content too)
 * and it is written again. Any failure of the cache costs speed only, never the run.
 */
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as zlib from 'zlib';

/** The package's root: build/cli/ → ../.. (also from src/cli/ in tests). */
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The cache of one kind of run. A cache is written once, by the first run that finds none, and
 * holds what that run compiled: `selfeval --version` run first would otherwise leave a cache
 * without the reader and the engine, compiled again by every check after it.
 */
export function defaultCacheDir(kind: 'check' | 'other' = 'check'): string {
  return path.join(os.tmpdir(), 'selfeval-compile-cache', `${process.version}-${process.arch}`, kind);
}

type Compile = (this: Module, content: string, filename: string) => unknown;
interface ModuleInternals {
  enableCompileCache?: (dir?: string) => unknown;
  prototype: { _compile: Compile };
  wrap(code: string): string;
}

let enabled: 'node' | 'v8' | null = null;

/** Turns the cache on for this thread (once); says which one is used. */
export function enableCompileCache(dir = defaultCacheDir()): 'node' | 'v8' {
  if (enabled) return enabled;
  const M = Module as unknown as ModuleInternals;
  if (typeof M.enableCompileCache === 'function') {
    M.enableCompileCache(dir);
    return (enabled = 'node');
  }
  const pending: Array<{ file: string; script: vm.Script }> = [];
  const original = M.prototype._compile;
  M.prototype._compile = function (this: Module, content: string, filename: string) {
    if (!filename.startsWith(ROOT + path.sep) || !filename.endsWith('.js') || content.startsWith('#!')) return original.call(this, content, filename);
    const file = path.join(dir, cacheKey(filename, content));
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(M.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ file, script });
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = makeRequire(this);
    return fn.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once('exit', () => save(dir, pending));
  return (enabled = 'v8');
}

/**
 * An entry's name: the module's file and content. CRC-32 (zlib's, native, from Node 20.15; the
 * reader loads zlib anyway), as Node's own compile cache checks a module's source; SHA-1 on
 * older Node, whose crypto module alone takes longer to load than a small check's reading.
 */
function cacheKey(filename: string, content: string): string {
  const crc32 = (zlib as { crc32?: (data: string, value?: number) => number }).crc32;
  if (crc32) return `${crc32(filename).toString(16)}-${crc32(content).toString(16)}-${content.length.toString(16)}`;
  return (require('crypto') as typeof import('crypto')).createHash('sha1').update(filename).update('\0').update(content).digest('hex');
}

function makeRequire(mod: Module): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: { paths?: string[] }) =>
    (Module as unknown as { _resolveFilename(r: string, m: Module, main: boolean, o?: unknown): string })._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  require.main = process.mainModule;
  require.cache = (Module as unknown as { _cache: NodeJS.Require['cache'] })._cache;
  return require;
}

function save(dir: string, pending: ReadonlyArray<{ file: string; script: vm.Script }>): void {
  if (pending.length === 0) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const { file, script } of pending) {
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, file); // atomic: parallel runs and workers never read half a file
    }
  } catch {
    // A read-only or full temp folder: the next run compiles again.
  }
}
