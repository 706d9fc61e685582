// The playground's state: what it feeds the engine, how it travels in the URL, and the workflow
// step it stands for. No DOM here, so Node tests can use it as it is.
import { entry, rawEntry } from './yaml.js';

export const WELL_KNOWN_VARIABLES = ['docker_image_tag', 'git_tag', 'git_branch'];
export const WELL_KNOWN_REGEXES = WELL_KNOWN_VARIABLES.map((n) => `${n}_regex`);
export const ACTION = 'conditional-regex-replace/conditional-regex-replace@v1';
const NAME = /^[A-Za-z0-9_]+$/;

/**
 * @typedef {{ mappings: string, variables: {name: string, value: string}[],
 *   regexes: {name: string, pattern: string}[], files: {path: string, content: string}[],
 *   exclude: string, payload: boolean }} State
 */

/** A problem found in the tables before the engine sees them, shaped like a diagnostic. */
function problem(message, hint, origin, table, row) {
  return {
    severity: 'error', title: 'invalid name', message, hint, origin, table, row,
    rendered: `error: ${message}\n${hint ? `  = hint: ${hint}\n` : ''}`,
    line: null, column: null, endLine: null, endColumn: null, path: null,
  };
}

/**
 * The engine's inputs for a state: well-known variables and regexes as inputs of their name, the
 * others as `name=value` lines of the `variables` and `regexes` inputs.
 * Returns `{ inputs, problems, origins }`; `origins` maps an engine diagnostic's origin (and its
 * line, for the multi-line inputs) back to a table row: `{ 'input git_branch': ['variables', 2],
 * 'input variables': [null, ['variables', 3], …] }`.
 */
export function toInputs(state) {
  const inputs = { mappings: state.mappings };
  const problems = [];
  const origins = {};
  for (const [table, wellKnown, input, valueOf] of [
    ['variables', WELL_KNOWN_VARIABLES, 'variables', (r) => r.value],
    ['regexes', WELL_KNOWN_REGEXES, 'regexes', (r) => r.pattern],
  ]) {
    const lines = [];
    const lineRows = [null];
    state[table].forEach((row, i) => {
      const name = row.name.trim();
      const value = valueOf(row);
      const what = table === 'variables' ? 'variable' : 'regex';
      if (name === '') {
        if (value.trim() !== '') {
          problems.push(problem(`${what} ${i + 1} has a value but no name`, 'give it a name, or remove the row', `${table} table`, table, i));
        }
        return;
      }
      if (!NAME.test(name)) {
        problems.push(problem(`\`${name}\` is not a ${what} name`, 'names are letters, digits and `_`', `${table} table`, table, i));
        return;
      }
      const lower = name.toLowerCase();
      if (wellKnown.includes(lower)) {
        inputs[lower] = value;
        origins[`input ${lower}`] = [table, i];
        return;
      }
      if (/[\r\n]/.test(value)) {
        problems.push(problem(`the ${what} \`${name}\` contains a line break`, 'a value is one line', `${table} table`, table, i));
        return;
      }
      lines.push(`${name}=${value}`);
      lineRows.push([table, i]);
    });
    if (lines.length) {
      inputs[input] = lines.join('\n');
      origins[`input ${input}`] = lineRows;
    }
  }
  if (state.exclude.trim() !== '') inputs.exclude = state.exclude;
  return { inputs, problems, origins };
}

/** The table row (`['regexes', 1]`) a diagnostic of the engine points at, or null. */
export function rowOf(diagnostic, origins) {
  if (diagnostic.table) return [diagnostic.table, diagnostic.row];
  const o = origins[diagnostic.origin];
  if (!o) return null;
  if (typeof o[0] === 'string') return o;
  return o[diagnostic.line ?? -1] ?? null;
}

/** The `- uses:` step for a state, as YAML text that gives back every string exactly. */
export function workflowStep(state) {
  const env = [];
  const withLines = [...entry('mappings', state.mappings, 4)];
  const custom = [];
  for (const { name, value } of state.variables) {
    const n = name.trim();
    if (n === '') continue;
    const lower = n.toLowerCase();
    const wellKnown = WELL_KNOWN_VARIABLES.includes(lower);
    if (state.payload && NAME.test(n)) {
      const expression = `\${{ github.event.client_payload.${lower} }}`;
      // Other variables come in through the environment (`NAME_VAR`), where a value with a line
      // break is refused, rather than as a line of `variables:`, where it would add lines.
      if (wellKnown) withLines.push(...rawEntry(lower, expression, 4));
      else env.push(...rawEntry(`${n.toUpperCase()}_VAR`, expression, 4));
    } else if (wellKnown && NAME.test(n)) {
      if (value !== '') withLines.push(...entry(lower, value, 4));
    } else custom.push(`${n}=${value}`);
  }
  if (custom.length) withLines.push(...entry('variables', custom.join('\n'), 4));
  const customRegexes = [];
  for (const { name, pattern } of state.regexes) {
    const n = name.trim();
    if (n === '') continue;
    const lower = n.toLowerCase();
    if (WELL_KNOWN_REGEXES.includes(lower) && NAME.test(n)) withLines.push(...entry(lower, pattern, 4));
    else customRegexes.push(`${n}=${pattern}`);
  }
  if (customRegexes.length) withLines.push(...entry('regexes', customRegexes.join('\n'), 4));
  if (state.exclude.trim() !== '') withLines.push(...entry('exclude', state.exclude, 4));
  const lines = [`- uses: ${ACTION}`];
  if (env.length) lines.push('  env:', ...env);
  lines.push('  with:', ...withLines);
  return lines.join('\n') + '\n';
}

// ---- the state in the URL: JSON, deflate-raw, base64url, after `#v1.` ----

const PREFIX = 'v1.';

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (not base64url)');
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The URL hash (without `#`) that stands for a state. */
export async function encodeState(state) {
  const json = JSON.stringify({
    m: state.mappings,
    v: state.variables.map((r) => [r.name, r.value]),
    r: state.regexes.map((r) => [r.name, r.pattern]),
    f: state.files.map((f) => [f.path, f.content]),
    x: state.exclude,
    p: state.payload ? 1 : 0,
  });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(packed);
}

const isStr = (x) => typeof x === 'string';
const isPairs = (x) => Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && p.every(isStr));

/** The state a URL hash (with or without `#`) stands for; throws with a readable message. */
export async function decodeState(hash) {
  const text = hash.replace(/^#/, '');
  if (!text.startsWith(PREFIX)) throw new Error('the link is not a playground link of this version');
  let json;
  try {
    const bytes = await pipe(fromBase64Url(text.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new Error(`the link is damaged (${e.message})`);
  }
  if (!json || !isStr(json.m) || !isPairs(json.v) || !isPairs(json.r) || !isPairs(json.f) || !isStr(json.x)) {
    throw new Error('the link is damaged (unexpected content)');
  }
  return {
    mappings: json.m,
    variables: json.v.map(([name, value]) => ({ name, value })),
    regexes: json.r.map(([name, pattern]) => ({ name, pattern })),
    files: json.f.map(([path, content]) => ({ path, content })),
    exclude: json.x,
    payload: json.p === 1,
  };
}

/**
 * Normalises a path typed for a file: `\` → `/`, no leading `./` or `/`. Returns
 * `{ path }` or `{ error }` (empty, `..`, a directory, or a duplicate of `others`).
 */
export function checkPath(typed, others) {
  const path = typed.trim().replaceAll('\\', '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  if (path === '') return { error: 'a file needs a path' };
  if (path.endsWith('/')) return { error: 'a path ends with a file name, not `/`' };
  if (path.split('/').some((part) => part === '..' || part === '.')) return { error: 'a path may not contain `.` or `..` parts' };
  if (path === '.git' || path.startsWith('.git/')) return { error: 'files under `.git/` are never selected' };
  if (others.includes(path)) return { error: `there is already a file \`${path}\`` };
  for (const o of others) {
    if (o.startsWith(path + '/')) return { error: `\`${path}\` is a directory here` };
    if (path.startsWith(o + '/')) return { error: `\`${o}\` is a file, not a directory` };
  }
  return { path };
}
