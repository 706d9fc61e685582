// Runs the committed dist/ entry points the way the GitHub runner and a shell do.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distIndex = join(root, 'dist', 'index.js');
export const distCli = join(root, 'dist', 'cli.js');
export const posix = process.platform !== 'win32';

export const actionYml = parse(readFileSync(join(root, 'action.yml'), 'utf8'));

/** The environment a runner gives every step, without this machine's own variables. */
function baseEnv() {
  const env = { PATH: process.env.PATH };
  for (const k of ['SYSTEMROOT', 'SystemRoot', 'TEMP', 'TMP', 'HOME', 'USERPROFILE']) {
    if (process.env[k] !== undefined) env[k] = process.env[k];
  }
  return env;
}

let scratchRoot = null;

/**
 * A fresh directory (its real path) named `<prefix>XXXXXX`, for one test's files. All of them sit
 * in one directory per test process, `crr-tests-XXXXXX` in the system's temp directory, removed
 * when the process exits: a test run, passed or failed, leaves nothing behind. The root is
 * readable by all, so that the tests that drop to `nobody` reach the directories given to it.
 */
export function scratchDir(prefix) {
  if (!scratchRoot) {
    scratchRoot = realpathSync(mkdtempSync(join(tmpdir(), 'crr-tests-')));
    chmodSync(scratchRoot, 0o755);
    process.on('exit', () => removeScratch(scratchRoot));
  }
  return realpathSync(mkdtempSync(join(scratchRoot, prefix)));
}

/** Removes `dir` and everything in it, first making writable the directories a test locked. */
function removeScratch(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
    return;
  } catch {
    // A directory without write or search permission (a test of refused writes) as a non-root user.
  }
  const unlock = (d) => {
    try {
      chmodSync(d, 0o700);
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) unlock(join(d, e.name));
    } catch {
      // Not ours to unlock: reported below if it stops the removal.
    }
  };
  unlock(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (e) {
    process.stderr.write(`test/helpers.js: could not remove ${dir}: ${e.message}\n`);
  }
}

/** A fresh directory (real path) with `files`: { 'a/b.yaml': 'text' | Buffer | { content, mode } | { symlink } }. */
export function makeTree(files, dir = scratchDir('tree-')) {
  for (const [path, spec] of Object.entries(files)) {
    const abs = join(dir, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    if (spec && typeof spec === 'object' && 'symlink' in spec) {
      symlinkSync(spec.symlink, abs);
    } else if (spec && typeof spec === 'object' && !Buffer.isBuffer(spec)) {
      writeFileSync(abs, spec.content);
      if (spec.mode !== undefined) chmodSync(abs, spec.mode);
    } else {
      writeFileSync(abs, spec);
    }
  }
  return dir;
}

/** The `INPUT_*` variables the runner sets: every declared input, from `with:` or its default. */
export function inputEnv(withInputs) {
  const env = {};
  for (const [name, decl] of Object.entries(actionYml.inputs)) {
    const value = Object.hasOwn(withInputs, name) ? withInputs[name] : (decl.default ?? '');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value);
  }
  for (const [name, value] of Object.entries(withInputs)) {
    if (!Object.hasOwn(actionYml.inputs, name)) {
      // An input action.yml does not declare: the runner passes it on (with a warning).
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value);
    }
  }
  return env;
}

/**
 * Parses GITHUB_OUTPUT strictly: only `name<<delimiter EOL value EOL delimiter EOL` records, every
 * byte accounted for. Returns { name: value } (a later record wins, as on the runner).
 */
export function parseOutputs(text) {
  const out = {};
  let rest = text;
  const eol = process.platform === 'win32' ? '\r\n' : '\n';
  while (rest.length) {
    const head = rest.match(/^([A-Za-z0-9_-]+)<<(ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\r?\n/);
    if (!head) throw new Error(`GITHUB_OUTPUT is not in heredoc format at: ${JSON.stringify(rest.slice(0, 80))}`);
    const [whole, name, delimiter] = head;
    const end = rest.indexOf(eol + delimiter + eol, whole.length - eol.length);
    if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing delimiter for ${name}`);
    out[name] = end < whole.length ? '' : rest.slice(whole.length, end);
    rest = rest.slice(end + eol.length + delimiter.length + eol.length);
  }
  return out;
}

const unescapeData = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/** Workflow commands in stdout: [{ command, properties, message }], decoded. */
export function parseCommands(stdout) {
  const commands = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = line.match(/^::([a-z-]+)(?: ([^:]*))?::(.*)$/);
    if (!m) continue;
    const properties = {};
    if (m[2]) {
      for (const pair of m[2].split(',')) {
        const eq = pair.indexOf('=');
        properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    commands.push({ command: m[1], properties, message: unescapeData(m[3]) });
  }
  return commands;
}

/**
 * Runs dist/index.js as the runner does: cwd = the workspace, GITHUB_WORKSPACE, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY pointing at (empty) temp files, INPUT_* from `with` plus the defaults.
 * `user: { uid, gid }` runs it as that user (a root test process dropping privileges); the
 * output files are given to that user, the workspace is the caller's business. `nodeArgs` go to
 * node before the script (V8 flags).
 */
export function runAction({ with: withInputs = {}, env = {}, workspace, cwd, user, timeout = 60_000, nodeArgs = [] }) {
  const ws = workspace ?? makeTree({});
  const files = scratchDir('runner-');
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  if (user) for (const f of [files, outputFile, summaryFile]) chownSync(f, user.uid, user.gid);
  const result = spawnSync(process.execPath, [...nodeArgs, distIndex], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    cwd: cwd ?? ws,
    env: {
      ...baseEnv(),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ws,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...inputEnv(withInputs),
      ...env,
    },
    encoding: 'utf8',
    timeout,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const outputText = readFileSync(outputFile, 'utf8');
  return {
    ws,
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    outputText,
    outputs: parseOutputs(outputText),
    summary: readFileSync(summaryFile, 'utf8'),
    commands: parseCommands(result.stdout),
  };
}

/** Runs dist/cli.js with `args` in `cwd`. */
export function runCli(args, { cwd, env = {}, input } = {}) {
  const result = spawnSync(process.execPath, [distCli, ...args], {
    cwd,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** README.md's text. */
export const readmeText = () => readFileSync(join(root, 'README.md'), 'utf8');

/** The README's section under the heading `heading` (any level), up to the next `## ` heading. */
export function readmeSection(heading) {
  const at = new RegExp(`^#+ ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');
  return readmeText().split(at)[1]?.split(/^## /m)[0] ?? '';
}

/** The README's YAML blocks (the text between ```yaml and ```), in order. */
export function readmeYamlBlocks() {
  return [...readmeText().matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** Whether a workflow step runs this action (`uses: conditional-regex-replace/conditional-regex-replace@…`). */
export const usesThisAction = (step) => /^conditional-regex-replace\/conditional-regex-replace@/.test(step?.uses ?? '');

/**
 * Every step of the README's workflows that runs this action, in order, as `{ id, with, env }`
 * (strings), each `${{ github.event.client_payload.NAME }}` given `payload[NAME]` as the dispatch
 * does (a field the payload lacks is empty, as GitHub evaluates it). Throws on any other expression.
 */
export function readmeActionSteps(payload) {
  const fill = (where, map) => {
    const out = {};
    for (const [name, value] of Object.entries(map ?? {})) {
      out[name] = String(value).replace(/\$\{\{\s*github\.event\.client_payload\.(\w+)\s*\}\}/g, (_, field) =>
        Object.hasOwn(payload, field) ? payload[field] : '',
      );
      if (out[name].includes('${{')) throw new Error(`README: ${where} ${name} has an expression this helper cannot fill: ${value}`);
    }
    return out;
  };
  return readmeYamlBlocks()
    .flatMap((block) => Object.values(parse(block)?.jobs ?? {}).flatMap((job) => job.steps ?? []))
    .filter(usesThisAction)
    .map((step) => ({ id: step.id, with: fill('input', step.with), env: fill('env', step.env) }));
}

/**
 * The README's example, as the tests and the benchmark run it: the `with:` of the step
 * `id: promote` (the quick start's downstream workflow), filled from `payload`.
 */
export function readmeExample(payload) {
  const step = readmeActionSteps(payload).find((s) => s.id === 'promote');
  if (!step) throw new Error('README.md: no workflow with a step `id: promote` that uses the action');
  return step.with;
}

/**
 * The shell commands of the README section headed `heading` that start with `program` (its
 * `sh` blocks and plain ones; a line ending in a backslash continues), each as the words after
 * `program`, split as a POSIX shell splits single-quoted and bare words (any other quoting
 * throws: the README uses none).
 */
export function readmeCommands(heading, program) {
  const lines = readmeSection(heading).replace(/\\\n\s*/g, ' ').split('\n');
  return lines
    .filter((l) => l.startsWith(`${program} `))
    .map((line) => {
      if (/["\\$`]/.test(line.replace(/'[^']*'/g, ''))) throw new Error(`README: a command quotes beyond '…': ${line}`);
      return [...line.slice(program.length).matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
    });
}

/** The README's "Try it locally" command: the words after `node dist/cli.js`. */
export function readmeCliArgs() {
  const [args] = readmeCommands('Try it locally', 'node dist/cli.js');
  if (!args) throw new Error('README: no `node dist/cli.js …` line under "## Try it locally"');
  return args;
}

const GIT_SETUP = ['-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', '-c', 'init.defaultBranch=main'];

/** git `args` in `cwd` (as a set-up user), its output trimmed; throws on failure. */
export function git(cwd, ...args) {
  return execFileSync('git', [...GIT_SETUP, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * A bare origin holding `files` (a makeTree spec, or the path of a directory to copy) as one
 * commit on `main`, refusing non-fast-forward pushes and deletions (so a force push would fail):
 * `{ base, origin }`.
 */
export function makeOrigin(files) {
  const base = scratchDir('git-');
  const origin = join(base, 'origin.git');
  git(base, 'init', '--quiet', '--bare', origin);
  git(origin, 'config', 'receive.denyNonFastForwards', 'true');
  git(origin, 'config', 'receive.denyDeletes', 'true');
  let seed;
  if (typeof files === 'string') {
    seed = scratchDir('seed-');
    cpSync(files, seed, { recursive: true });
  } else {
    seed = makeTree(files);
  }
  git(seed, 'init', '--quiet');
  git(seed, 'add', '-A');
  git(seed, 'commit', '--quiet', '-m', 'initial');
  git(seed, 'push', '--quiet', origin, 'HEAD:refs/heads/main');
  return { base, origin };
}

/** A clone of `origin` in a fresh directory (a runner's checkout): its path. */
export function cloneOrigin(origin) {
  const dir = scratchDir('ws-');
  git(dir, 'clone', '--quiet', origin, '.');
  return dir;
}

/** The seed article's tree and step, with the `git_brach` typo corrected. */
export const SEED_MAPPINGS =
  'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&git_branch_regex {NEXT_MAPPING} docker_image_tag==.*-prod {THEN_UPDATE_FILES} **prod/values.yaml=docker_image_tag_regex&git_branch_regex';

export const seedTree = () => ({
  'Chart.yaml': 'apiVersion: v2\nname: myapp\nversion: 0.1.0\n',
  'environments/dev/values.yaml': 'image:\n  imageTag: "1.0.0-dev"\ngit_branch: "main"\nreplicas: 1\n',
  'environments/prod/values.yaml': 'image:\n  imageTag: "0.9.0-prod"\ngit_branch: "release"\nreplicas: 3\n',
});

export const seedWith = (over = {}) => ({
  mappings: SEED_MAPPINGS,
  docker_image_tag: '1.2.0-dev',
  docker_image_tag_regex: 'imageTag: "(?<docker_image_tag>.*)"',
  git_branch: 'feature/login',
  git_branch_regex: 'git_branch: "(?<git_branch>.*)"',
  ...over,
});

export const read = (ws, path) => readFileSync(join(ws, ...path.split('/')), 'utf8');

/**
 * Every entry below `dir` (`.git` included), by `/`-separated relative path: its type and mode,
 * and for a regular file its bytes (a SHA-256), for a symlink its target. Comparing two snapshots
 * proves that not one byte, mode or entry changed and that no file (a temp file) was left behind.
 * Files over 64 MiB are not read: their inode, size, mtime and ctime stand for their bytes (any
 * write or replacement changes the ctime or the inode).
 */
export function snapshotTree(dir) {
  const out = {};
  const visit = (abs, rel) => {
    let names;
    try {
      names = readdirSync(abs).sort();
    } catch (e) {
      if (e.code !== 'EACCES') throw e;
      const key = rel === '' ? '.' : rel; // a mode 000 directory, for a non-root test process
      out[key] = `${out[key] ?? 'dir'} (not listable)`;
      return;
    }
    for (const name of names) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(childAbs, { bigint: true });
      const mode = (Number(st.mode) & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[childRel] = `symlink -> ${readlinkSync(childAbs)}`;
      else if (st.isDirectory()) {
        out[childRel] = `dir ${mode}`;
        visit(childAbs, childRel);
      } else if (st.isFile()) {
        let bytes = null;
        if (st.size <= 64n << 20n) {
          try {
            bytes = readFileSync(childAbs);
          } catch (e) {
            if (e.code !== 'EACCES') throw e; // not readable by a non-root test process: by its stat
          }
        }
        out[childRel] = bytes
          ? `file ${mode} size=${st.size} sha256=${createHash('sha256').update(bytes).digest('hex')}`
          : `file ${mode} ino=${st.ino} size=${st.size} mtime=${st.mtimeNs} ctime=${st.ctimeNs}`;
      } else if (st.isFIFO()) out[childRel] = `fifo ${mode}`;
      else out[childRel] = `other ${mode}`;
    }
  };
  visit(dir, '');
  return out;
}

/** The snapshot line of a regular file with `content` and `mode` (for expected snapshots). */
export function fileEntry(content, mode = 0o644) {
  const bytes = Buffer.from(content);
  return `file ${mode.toString(8)} size=${bytes.length} sha256=${createHash('sha256').update(bytes).digest('hex')}`;
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** An unprivileged user for tests that need permissions to bite (root reads a mode 000 file). */
export const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Whether `user` can run the action at all: the Node binary and dist/ must be reachable for it
 * (a Node kept under /root, or a checkout there, is not). Checked once, by running Node as it.
 */
export function canRunAs(user) {
  const r = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(distIndex)})`], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return !r.error && r.status === 0;
}

/** Why a test that drops to `nobody` cannot run here, or false when it can. */
export const nobodySkip =
  isRoot && !canRunAs(NOBODY)
    ? `nobody cannot run ${process.execPath} on ${distIndex} here (a path under a private directory)`
    : false;

/** chown -R `dir` to `user`. */
export function chownTree(dir, { uid, gid }) {
  chownSync(dir, uid, gid);
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) lchownSync(abs, uid, gid);
    else if (st.isDirectory()) chownTree(abs, { uid, gid });
    else chownSync(abs, uid, gid);
  }
}

/**
 * Mounts a fresh tmpfs with `options` (e.g. `size=64k`, `ro`, `strictatime`) on a new temp
 * directory: { dir, unmount() }, or null where that is not possible (not root, no mount(8), a
 * container without CAP_SYS_ADMIN, not Linux) — the caller skips with that reason.
 */
export function mountTmpfs(options) {
  if (process.platform !== 'linux' || !isRoot) return null;
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'crr-mnt-')));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    remount(more) {
      const m = spawnSync('mount', ['-o', `remount,${more}`, dir], { encoding: 'utf8' });
      if (m.status !== 0) throw new Error(`remount ${more}: ${m.stderr}`);
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why mountTmpfs is not possible here, or '' when it is (checked once). */
let mountProbe;
export function cannotMount() {
  if (mountProbe === undefined) {
    const m = mountTmpfs('size=16k');
    if (m) m.unmount();
    mountProbe = m ? '' : 'cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN on Linux)';
  }
  return mountProbe;
}
