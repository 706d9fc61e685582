// Node's built-in modules, loaded the cheap way. Start-up is budgeted (≤ 1.5× `node -e 0`), and
// measured on Node 24 three habits each cost milliseconds:
//  - `import … from 'node:fs'` builds an ESM facade that reads every export of fs, and so loads
//    fs/promises, streams, readline and the REPL history (~4 ms); require() does not;
//  - node:crypto loads every crypto submodule (~4 ms): random bytes come from /dev/urandom where
//    it exists, from crypto only on Windows;
//  - process.stdout builds a stream (~2 ms): the runner protocol is written with fs.writeSync.
// In the CommonJS bundles (dist/), the bundle's own `require` (js/build.mjs names it
// __crr_require); from js/ (an ES module: the tests), one made for this file. Making one costs
// ~0.3 ms of start-up (a file URL, then a Module object), which the bundles skip. node:module is
// taken with process.getBuiltinModule (Node ≥ 20.16), not imported: an import is hoisted into
// the bundles too, and loading node:module (and the source-map support it pulls in) cost the
// action ~0.15 ms of start-up for nothing.
export const load =
  // eslint-disable-next-line no-undef
  typeof __crr_require === 'function' ? __crr_require : process.getBuiltinModule('node:module').createRequire(import.meta.url);

export const fs = load('node:fs');
export const path = load('node:path');
export const url = load('node:url');

export const EOL = process.platform === 'win32' ? '\r\n' : '\n';

// Random bytes are read from /dev/urandom in one block and handed out from it: a run needs a
// few dozen (a token for temp files, one delimiter per output), and each read is three calls.
const POOL_SIZE = 256;
let pool = null;
let poolUsed = 0;

function readUrandom(n) {
  const buffer = Buffer.alloc(n);
  const fd = fs.openSync('/dev/urandom', 'r');
  try {
    let got = 0;
    while (got < n) got += fs.readSync(fd, buffer, got, n - got, null);
  } finally {
    fs.closeSync(fd);
  }
  return buffer;
}

/** `n` cryptographically random bytes, never handed out twice. */
export function randomBytes(n) {
  if (process.platform !== 'win32') {
    try {
      if (n > POOL_SIZE) return readUrandom(n);
      if (pool === null || poolUsed + n > POOL_SIZE) {
        pool = readUrandom(POOL_SIZE);
        poolUsed = 0;
      }
      const bytes = Buffer.from(pool.subarray(poolUsed, poolUsed + n));
      pool.fill(0, poolUsed, poolUsed + n);
      poolUsed += n;
      return bytes;
    } catch {
      /* no /dev/urandom (a sandbox): fall through */
    }
  }
  return load('node:crypto').randomBytes(n);
}

/** A random (version 4) UUID, as crypto.randomUUID() makes. */
export function randomUUID() {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to the file descriptor `fd` (1: stdout, 2: stderr) synchronously, so
 * nothing is lost at exit and the order of lines is the order of calls. A non-blocking pipe that
 * is full (EAGAIN) is waited for; a closed one (EPIPE: `| head`) ends the output quietly.
 */
export function writeFd(fd, text) {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (e.code === 'EPIPE') return;
      throw e;
    }
  }
}

/**
 * Ends the process with `code` once main() has returned. Everything the action and the CLI print
 * goes out through writeFd, synchronously, and nothing else is pending by then, so the process
 * exits at once: Node's teardown (freeing the heap, the wasm engine and its code) is skipped,
 * ~1 ms of the start-up budget. Output written through a stream (a Windows console: `streamed`)
 * may still be queued, so then Node is left to drain it and exit by itself.
 */
export function finish(code, { streamed = false } = {}) {
  process.exitCode = code;
  if (!streamed) process.exit(code);
}
