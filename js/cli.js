#!/usr/bin/env node
// `npx conditional-regex-replace …`: the action's core with flags for inputs and a terminal
// reporter (bundled to dist/cli.js; package.json `bin`).
import './preload.js'; // first: starts compiling the engine (see there)
import { finish, fs, writeFd } from './node.js';
import { parseArgs, helpText, UsageError } from './args.js';
import { run, EXIT } from './core.js';
import { countLine, diagnosticText, listHead, show } from './format.js';
import { unifiedDiff, paint } from './diff.js';

const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** Colour on a terminal, unless NO_COLOR; FORCE_COLOR (not 0/false) forces it. */
export function useColor(stream, env = process.env) {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Reports to a terminal: messages on stderr, groups, diffs and the result on stdout. */
export function cliReporter({ out, err, color, errColor, verbose }) {
  const c = {
    bold: paint('bold', color),
    cyan: paint('cyan', color),
    red: paint('red', errColor),
    yellow: (t) => (errColor ? `\x1b[33m${t}\x1b[39m` : t),
    blue: (t) => (errColor ? `\x1b[34m${t}\x1b[39m` : t),
  };
  const label = { error: c.red('error'), warning: c.yellow('warning'), notice: c.blue('note') };
  let indent = '';
  return {
    begin() {},
    diagnostic(d) {
      err(`${label[d.severity] ?? d.severity}: ${diagnosticText(d)}\n`);
    },
    error: (title, message) => err(`${label.error}: ${message}\n`),
    warning: (title, message) => err(`${label.warning}: ${message}\n`),
    notice: (title, message) => err(`${label.notice}: ${message}\n`),
    debug: (message) => {
      if (verbose) err(`debug: ${message}\n`);
    },
    info: (line) => out(indent + line + '\n'),
    startGroup(name) {
      out(c.bold(name) + '\n');
      indent = '  ';
    },
    endGroup() {
      indent = '';
    },
    dump: (text) => out(text.endsWith('\n') ? text : text + '\n'),
    fileChanged({ path, target, before, after, dryRun }) {
      out('\n' + unifiedDiff(path, target, before.toString('utf8'), Buffer.from(after).toString('utf8'), { color }) + '\n');
      if (dryRun) out(c.cyan(`(dry run: ${target} not written)`) + '\n');
    },
    setOutputs() {},
    summary() {},
    finished({ modified, dryRun }) {
      out(`\n${countLine(modified, dryRun)}${listHead(modified.map(show))}\n`);
    },
  };
}

export async function main(argv = process.argv.slice(2), env = process.env) {
  // A Windows console needs the stream (UTF-16 console API); elsewhere a synchronous write.
  const winConsole = process.platform === 'win32';
  const out = winConsole && process.stdout.isTTY ? (s) => process.stdout.write(s) : (s) => writeFd(1, s);
  const err = winConsole && process.stderr.isTTY ? (s) => process.stderr.write(s) : (s) => writeFd(2, s);
  let args;
  try {
    args = parseArgs(argv, { readFile: (f) => fs.readFileSync(f, 'utf8') });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`error: ${e.message}\n`);
    return EXIT.ERROR;
  }
  if (args.help) {
    out(helpText(VERSION));
    return EXIT.OK;
  }
  if (args.version) {
    out(VERSION + '\n');
    return EXIT.OK;
  }
  if (args.inputs.mappings === undefined) {
    err('error: --mappings is required (or --mappings-file); see --help\n');
    return EXIT.ERROR;
  }
  const reporter = cliReporter({
    out,
    err,
    color: useColor(process.stdout, env),
    errColor: useColor(process.stderr, env),
    verbose: args.verbose,
  });
  try {
    return await run({ inputs: args.inputs, env, baseDir: process.cwd(), reporter });
  } catch (e) {
    err(`error: unexpected: ${e && e.stack ? e.stack : e}\n`);
    return EXIT.ERROR;
  }
}

// No top-level await: the bundle is CommonJS. A Windows console is written through the streams.
main().then((code) => finish(code, { streamed: process.platform === 'win32' }));
