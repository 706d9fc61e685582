// The GitHub Actions runner protocol, written by hand.
//
// Why not @actions/core: it imports @actions/http-client, which pulls in undici (for the OIDC
// token helpers we never use). Loading that costs more start-up time than the whole rest of the
// action, and the SPEC's budget is ≤ 1.5× `node -e 0` end to end. What we need of the toolkit is
// a handful of string formats, reproduced here exactly; test/runner.test.js checks them byte for
// byte against @actions/core itself (a devDependency, used only by the tests).
//
// Formats (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions):
//   ::command key=value,key=value::message          one line, terminated by os.EOL
//   message data:  % → %25, \r → %0D, \n → %0A
//   property data: the same, plus : → %3A and , → %2C
//   GITHUB_OUTPUT: name<<ghadelimiter_<uuid>EOL value EOL ghadelimiter_<uuid>EOL
import { fs, EOL, randomUUID, writeFd } from './node.js';

const { appendFileSync, closeSync, existsSync, openSync, statSync, writeSync } = fs;

// Stdout is written in blocks, not a syscall per line (a run that changes 300 files logs 300+
// lines): lines are buffered up to 64 KiB and flushed when the buffer is full, before the
// process exits, and whenever a test swaps the sink.
let pending = '';
function flush() {
  if (pending) {
    const text = pending;
    pending = '';
    writeFd(1, text);
  }
}
process.on('exit', flush);

/** Where the runner protocol goes (stdout); replaceable so that tests can capture it. */
let sink = (text) => {
  pending += text;
  if (pending.length >= 64 * 1024) flush();
};

/** Replaces the function that receives everything written to stdout; returns the previous one. */
export function setSink(fn) {
  flush();
  const previous = sink;
  sink = fn;
  return previous;
}

function toCommandValue(input) {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return String(input);
  return JSON.stringify(input);
}

export function escapeData(s) {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s) {
  return toCommandValue(s)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}

/** The text of one workflow command, without the line terminator. Empty properties are left out. */
export function formatCommand(command, properties, message) {
  let out = '::' + command;
  const keys = properties ? Object.keys(properties) : [];
  if (keys.length > 0) {
    out += ' ';
    let first = true;
    for (const key of keys) {
      const value = properties[key];
      if (value) {
        if (!first) out += ',';
        first = false;
        out += `${key}=${escapeProperty(value)}`;
      }
    }
  }
  return out + '::' + escapeData(message);
}

export function issueCommand(command, properties, message) {
  sink(formatCommand(command, properties, message) + EOL);
}

/**
 * Annotation properties in the toolkit's vocabulary ({ title, file, startLine, endLine,
 * startColumn, endColumn }) to the command's (title, file, line, endLine, col, endColumn).
 */
function annotationProperties(p) {
  if (!p || Object.keys(p).length === 0) return {};
  return {
    title: p.title,
    file: p.file,
    line: p.startLine,
    endLine: p.endLine,
    col: p.startColumn,
    endColumn: p.endColumn,
  };
}

export function error(message, properties = {}) {
  issueCommand('error', annotationProperties(properties), message);
}
export function warning(message, properties = {}) {
  issueCommand('warning', annotationProperties(properties), message);
}
export function notice(message, properties = {}) {
  issueCommand('notice', annotationProperties(properties), message);
}
export function debug(message) {
  issueCommand('debug', {}, message);
}
export function info(message) {
  sink(message + EOL);
}
export function startGroup(name) {
  issueCommand('group', {}, name);
}
export function endGroup() {
  issueCommand('endgroup', {}, '');
}

/** True when the step runs with debug logging (`ACTIONS_STEP_DEBUG` secret or re-run with debug). */
export function isDebug(env = process.env) {
  return env.RUNNER_DEBUG === '1' || /^true$/i.test(env.ACTIONS_STEP_DEBUG ?? '');
}

/**
 * The action's inputs from the environment: `INPUT_FOO_BAR` → `foo_bar`, `INPUT_FOO-BAR` →
 * `foo-bar`. Values are passed as given (the engine trims what it trims); the engine knows the
 * input names and their defaults. An empty value is left out: the runner sets every declared
 * input, with '' for those without a default (the hyphenated spellings), and '' means "not
 * given" for every input of this action.
 */
export function getInputs(env = process.env) {
  const inputs = {};
  for (const key of Object.keys(env)) {
    if (key.length > 6 && key.slice(0, 6).toUpperCase() === 'INPUT_' && env[key] !== '') {
      inputs[key.slice(6).toLowerCase()] = env[key];
    }
  }
  return inputs;
}

/** `name<<delimiter EOL value EOL delimiter` — throws when name or value contains the delimiter. */
export function formatKeyValue(name, value, delimiter = `ghadelimiter_${randomUUID()}`) {
  const converted = toCommandValue(value);
  if (name.includes(delimiter)) {
    throw new Error(`output name ${JSON.stringify(name)} contains the delimiter "${delimiter}"`);
  }
  if (converted.includes(delimiter)) {
    throw new Error(`the value of output ${name} contains the delimiter "${delimiter}"`);
  }
  return `${name}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`;
}

/**
 * Sets a step output: appended to the file `GITHUB_OUTPUT` names, or, on a runner too old to have
 * that file, the deprecated `::set-output` command (as the toolkit does).
 */
export function setOutput(name, value, env = process.env) {
  setOutputs([[name, value]], env);
}

/**
 * Sets several outputs (`[name, value]` pairs, in order), as `setOutput` does each, with one
 * append to `GITHUB_OUTPUT`.
 */
export function setOutputs(pairs, env = process.env) {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    for (const [name, value] of pairs) {
      sink(EOL);
      issueCommand('set-output', { name }, toCommandValue(value));
    }
    return;
  }
  if (!existsSync(file)) throw new Error(`GITHUB_OUTPUT names a missing file: ${file}`);
  if (pairs.length === 0) return;
  appendFileSync(file, pairs.map(([name, value]) => formatKeyValue(name, value) + EOL).join(''), { encoding: 'utf8' });
}

/**
 * Checks that the files the runner gave for outputs and the job summary can be appended to, so
 * that a broken one is found before any file of the workspace is written. Returns a message
 * naming the culprit, or '' when all is well.
 */
export function checkCommandFiles(env = process.env) {
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    const file = env[name];
    if (!file) continue;
    if (!existsSync(file)) return `${name} names a missing file: ${file}`;
    try {
      closeSync(openSync(file, 'a'));
    } catch (e) {
      return `${name} (${file}) cannot be written: ${e.code || e.message}`;
    }
  }
  return '';
}

/** GitHub refuses a step summary of 1 MiB or more ("$GITHUB_STEP_SUMMARY upload aborted"). */
export const SUMMARY_LIMIT = 1024 * 1024;

/**
 * Cuts `markdown` (text, its UTF-8 bytes, or an array of UTF-8 pieces in order) so that,
 * appended to a file of `existing` bytes, it stays below the limit: returned as it was when it
 * fits, else as text cut at a line boundary and followed by a note saying how much was left out.
 */
export function fitSummary(markdown, existing = 0, limit = SUMMARY_LIMIT) {
  const bytes =
    typeof markdown === 'string'
      ? Buffer.byteLength(markdown, 'utf8')
      : Array.isArray(markdown)
        ? markdown.reduce((n, piece) => n + piece.length, 0)
        : markdown.length;
  if (existing + bytes < limit) return markdown;
  const budget = limit - existing - 512; // room for the note
  if (budget <= 0) return '';
  const buffer =
    typeof markdown === 'string' ? Buffer.from(markdown, 'utf8') : Array.isArray(markdown) ? Buffer.concat(markdown) : markdown;
  let end = buffer.lastIndexOf(0x0a, budget - 1); // keep whole lines
  if (end < 0) end = 0;
  else end += 1;
  const kept = buffer.subarray(0, end).toString('utf8');
  const left = bytes - end;
  return (
    kept +
    `\n> **Summary cut:** ${left} more bytes would exceed GitHub's 1 MiB limit for a job summary; ` +
    'the step log has every line.\n'
  );
}

/** Appends to the job summary (`GITHUB_STEP_SUMMARY`), cut before GitHub's 1 MiB limit. */
export function appendSummary(markdown, env = process.env) {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  let existing = 0;
  try {
    existing = statSync(file).size;
  } catch {
    existing = 0;
  }
  const text = fitSummary(markdown, existing);
  if (Array.isArray(text)) appendPieces(file, text);
  else if (text) appendFileSync(file, text, { encoding: 'utf8' });
  return true;
}

/** Appends UTF-8 pieces to `file`, in order, through one descriptor. */
function appendPieces(file, pieces) {
  const fd = openSync(file, 'a');
  try {
    for (const piece of pieces) {
      for (let at = 0; at < piece.length; ) at += writeSync(fd, piece, at, piece.length - at);
    }
  } finally {
    closeSync(fd);
  }
}
