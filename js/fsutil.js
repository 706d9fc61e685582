// File helpers: the skip rules, the atomic write and its temporary files.
import { fs, path, randomBytes } from './node.js';

const { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } =
  fs;
const { basename, join, sep } = path;

/**
 * Why a selected file must be left alone, or null when it may be read and rewritten.
 * `st` is the stat of the file (symlinks followed).
 */
export function skipReason(st, maxFileSize) {
  if (!st.isFile()) return 'not a regular file';
  if (st.size > maxFileSize) {
    return `larger than max_file_size (${st.size} bytes > ${maxFileSize} bytes)`;
  }
  if ((st.mode & 0o222) === 0) return 'read-only: the file has no write bit at all';
  return null;
}

let token = null;
let counter = 0;
/** A name part unique to this process and call: a random token (read once) and a counter. */
function tempToken() {
  if (token === null) token = randomBytes(6).toString('hex');
  return `${token}${(counter++).toString(36)}`;
}

/**
 * The temporary files of atomicWrite are `.<name>.crr-<pid>-<token>.tmp` beside the file `<name>`
 * they replace (`<name>` cut to TEMP_NAME_MAX bytes, so that a 255-byte file name still leaves
 * room: NAME_MAX is 255 bytes on every common file system). Only a crash between their write
 * and their rename leaves one behind; the walk (js/walk.js) never selects a file of this pattern
 * and removes the stale ones (isStaleTemp), so the next run cleans up after a crashed one.
 */
export const TEMP_PATTERN = /^\.[\s\S]*\.crr-(\d{1,10})-([0-9a-f]{12}[0-9a-z]+)\.tmp$/;
const TEMP_NAME_MAX = 200;

/** The temporary file name for `name` (a base name): see TEMP_PATTERN. */
export function tempName(name, pid = process.pid, unique = tempToken()) {
  let prefix = name;
  // A UTF-16 unit is at most 3 bytes of UTF-8: most names need no byte count at all.
  if (name.length * 3 > TEMP_NAME_MAX && Buffer.byteLength(prefix) > TEMP_NAME_MAX) {
    prefix = Buffer.from(name).subarray(0, TEMP_NAME_MAX).toString('utf8').replace(/\uFFFD+$/, ''); // whole characters
  }
  return `.${prefix}.crr-${pid}-${unique}.tmp`;
}

/**
 * Journals. A writing run whose walk looked its files up by name instead of listing their
 * directories (js/walk.js `plans`) cannot see there the temporary file a crashed run left. So
 * before its first write it records those directories, one per line (`.` for the top), in
 * `.crr-<pid>-<token>.journal` at the top of `directory`, and removes it once every write has
 * landed. The next writing run removes what a stale journal (its writer gone: isStaleTemp's
 * rules) names: the stale temporary files in those directories, then the journal.
 */
export const JOURNAL_PATTERN = /^\.crr-(\d{1,10})-([0-9a-f]{12}[0-9a-z]+)\.journal$/;

/** Writes the journal of `dirs` (relative) in `rootReal`; its path, or null when it cannot be written. */
export function writeJournal(rootReal, dirs) {
  const path = join(rootReal, `.crr-${process.pid}-${tempToken()}.journal`);
  let fd;
  try {
    fd = openSync(path, 'wx', 0o600);
    const bytes = Buffer.from(dirs.map((d) => (d === '' ? '.' : d) + '\n').join(''));
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    closeSync(fd);
    return path;
  } catch {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    removeQuietly(path);
    return null;
  }
}

/** Removes a journal once its run's writes have all landed. */
export function removeJournal(path) {
  removeQuietly(path);
}

/**
 * Removes the stale temporary files in the directory `rel` of `rootReal` (when it lies inside
 * it: never through a symlink out); returns the paths removed, relative to `rootReal`.
 */
export function cleanTemps(rootReal, rel) {
  const abs = rel === '' ? rootReal : join(rootReal, ...rel.split('/'));
  const removed = [];
  let names;
  try {
    const real = realpathSync(abs);
    if (real !== rootReal && !real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)) return removed;
    names = readdirSync(abs);
  } catch {
    return removed; // gone, or not readable: nothing of ours to remove there
  }
  for (const name of names) {
    if (TEMP_PATTERN.test(name) && removeIfStaleTemp(join(abs, name))) removed.push(rel === '' ? name : `${rel}/${name}`);
  }
  return removed;
}

/**
 * Finishes what crashed runs left in `rootReal`: for each stale journal, the stale temporary files
 * in the directories it names, then the journal. Returns the temporary files removed (relative).
 */
export function cleanStaleJournals(rootReal) {
  const removed = [];
  let names;
  try {
    names = readdirSync(rootReal);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!JOURNAL_PATTERN.test(name)) continue;
    const path = join(rootReal, name);
    let text;
    try {
      if (!isStaleTemp(name, lstatSync(path))) continue; // a live run's, or not a regular file
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const rel = line === '.' ? '' : line;
      const parts = rel.split('/');
      if (line === '' || rel.includes('\0') || rel.startsWith('/') || /^[A-Za-z]:/.test(rel) || (rel !== '' && parts.some((c) => c === '' || c === '.' || c === '..'))) continue;
      removed.push(...cleanTemps(rootReal, rel));
    }
    removeQuietly(path);
  }
  return removed;
}

/** When this process started (loaded this module): a temp file last written before is not ours. */
const processStart = Date.now();
/** A temp file older than this is stale whoever wrote it: no write of one file lasts an hour. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

function processAlive(pid) {
  try {
    process.kill(pid, 0); // signal 0: only the existence check
    return true;
  } catch (e) {
    return e.code === 'EPERM'; // exists, belongs to someone else
  }
}

/**
 * True when the entry `name` (a base name) with lstat `st` is a temporary file of atomicWrite
 * (or a journal of JOURNAL_PATTERN) left by a process that died before its rename: a regular
 * file of the pattern last written
 * before this process started, whose writer is gone (its pid is not running, or is this process:
 * a pid reused after a container restart) or which is over STALE_AFTER_MS old. A temp file of a
 * run going on beside this one (its pid alive, recent) is left alone.
 */
export function isStaleTemp(name, st, { now = Date.now(), start = processStart, alive = processAlive } = {}) {
  const m = TEMP_PATTERN.exec(name) ?? JOURNAL_PATTERN.exec(name);
  if (!m || !st.isFile() || st.mtimeMs >= start) return false;
  const pid = Number(m[1]);
  return pid === process.pid || now - st.mtimeMs > STALE_AFTER_MS || !alive(pid);
}

/** Removes `path` when it is a stale temp file (isStaleTemp); returns true when it did. */
export function removeIfStaleTemp(path) {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return false;
  }
  if (!isStaleTemp(basename(path), st)) return false;
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false; // gone already, or not ours to remove: never fail a run over it
  }
}

// Test-only fault injection, for test/faults.test.js: with CRR_TEST_CRASH_BEFORE_RENAME=<n> in
// the environment, the process kills itself (SIGKILL: no handler, no cleanup, like a power cut or
// an OOM kill) right after the n-th temporary file is completely written and closed, before its
// rename — the worst moment for a crash. Never set it outside tests. Read once when this module
// loads; unset (the normal case), it costs one comparison per write.
const crashBeforeRename = Number(process.env.CRR_TEST_CRASH_BEFORE_RENAME) || 0;
let tempsWritten = 0;

const sleepArray = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms) {
  Atomics.wait(sleepArray, 0, 0, ms);
}

/**
 * rename(2), retried briefly on Windows when another process (an editor, an indexer, an
 * anti-virus scanner) holds the target open and the rename fails with EPERM, EACCES or EBUSY.
 */
export function renameWithRetry(from, to, { platform = process.platform, rename = renameSync } = {}) {
  const delays = platform === 'win32' ? [10, 20, 40, 80, 160, 320, 640] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (e) {
      const retriable = e.code === 'EPERM' || e.code === 'EACCES' || e.code === 'EBUSY';
      if (!retriable || attempt >= delays.length) throw e;
      sleep(delays[attempt]);
    }
  }
}

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same directory is written and
 * renamed over `path`, so a reader sees the old or the new content, never a mix. The mode (and,
 * when allowed, the owner) of the file being replaced is kept, or `mode` is used for a new one.
 *
 * No fsync: measured here it costs ~4 ms a file (300 files: 1.1 s, where `sed -i` — the SPEC's
 * yardstick for the work budget — takes a fraction of that, and does not fsync either). Atomicity
 * for readers does not need it; for a crash, ext4 (auto_da_alloc) flushes a file replaced by
 * rename, and a runner that dies fails the job anyway. `durable: true` adds the fsync.
 */
export function atomicWrite(path, bytes, { mode, uid, gid, durable = false } = {}) {
  if (mode === undefined) {
    try {
      const st = statSync(path);
      mode = st.mode & 0o7777;
      uid = st.uid;
      gid = st.gid;
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
      mode = 0o644;
    }
  }
  // Beside `path`: split at its last separator as strings (path.dirname/basename/join
  // normalise and validate each time: ~10 µs a file, cold, measured on 300 files).
  const cut = Math.max(path.lastIndexOf('/'), sep === '\\' ? path.lastIndexOf('\\') : -1);
  const dir = cut < 0 ? '' : path.slice(0, cut + 1);
  const name = path.slice(cut + 1);
  // The temporary file is created with the final mode when the umask is known to keep it (the
  // first file of each mode tells: fstat), which saves an fchmod per file; otherwise as 0600,
  // then fchmod. Set-id and sticky bits always take the fchmod.
  const kept = (mode & ~0o777) === 0 ? umaskKeeps.get(mode) : false;
  const createMode = kept === false ? 0o600 : mode;
  let temp;
  let fd;
  for (;;) {
    temp = dir + tempName(name);
    try {
      fd = openSync(temp, 'wx', createMode); // exclusive: never an existing file, never through a link
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
  }
  try {
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    if (kept === undefined) {
      const keeps = (fstatSync(fd).mode & 0o7777) === mode;
      umaskKeeps.set(mode, keeps);
      if (!keeps) fchmodSync(fd, mode);
    } else if (!kept) {
      fchmodSync(fd, mode);
    }
    if (process.platform !== 'win32' && uid !== undefined && (uid !== ownUid() || gid !== ownGid())) {
      try {
        fchownSync(fd, uid, gid); // only root may; otherwise the file is the writer's, as with sed -i
      } catch {
        /* not permitted: keep going */
      }
    }
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (crashBeforeRename !== 0 && ++tempsWritten === crashBeforeRename) process.kill(process.pid, 'SIGKILL');
    renameWithRetry(temp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* gone already */
    }
    throw e;
  }
}

/** mode → whether a file created with it keeps it (the process's umask clears none of its bits). */
const umaskKeeps = new Map();

let uidCache;
let gidCache;
const ownUid = () => (uidCache ??= process.getuid());
const ownGid = () => (gidCache ??= process.getgid());

/** The content of `path`, or null when it does not exist. */
export function readIfExists(path) {
  try {
    return readFileSync(path);
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

function removeQuietly(path) {
  try {
    unlinkSync(path);
  } catch {
    /* gone already */
  }
}
