// A small YAML emitter for the "copy as workflow step" button: every string round-trips exactly.
//
// - One-line strings: single-quoted ('…', a `'` is written `''`): inside, every character is
//   literal — backslashes, `"`, `#`, `: `, `${{ }}`, leading and trailing spaces.
// - Multi-line strings: a literal block scalar (`|`), with the chomping indicator that keeps the
//   final newlines exactly (`|-` none, `|` one, `|+` more), and an explicit indentation indicator
//   (`|2`) when the first line with content starts with a space (or there is none), since YAML
//   would otherwise take those spaces for indentation. A line of only spaces before the first
//   or after the last line with content is read differently by different YAML readers: such a
//   string is double-quoted instead.
// - Anything a YAML reader could change — a carriage return, control characters, the line
//   separators NEL, LS and PS that YAML 1.1 readers (as GitHub's) break lines at, a byte order
//   mark, lone surrogates — goes into a double-quoted scalar with escapes instead.

// Characters that neither a single-quoted nor a block scalar can carry unchanged.
const NEEDS_ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const MULTI_LINE = /\n/;

const ESCAPES = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f',
  '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

function hex(code, width) {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** A double-quoted YAML scalar for `s`, every non-printable character escaped. */
export function doubleQuoted(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += '\\x' + hex(code, 2);
    else if (code === 0xfeff || code === 0xfffe || code === 0xffff) out += '\\u' + hex(code, 4);
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += ch + s[i + 1]; // a valid surrogate pair: an ordinary character
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\\u' + hex(code, 4);
    else out += ch;
  }
  return out + '"';
}

/** A single-quoted YAML scalar for a one-line string. */
export function singleQuoted(s) {
  return "'" + s.replaceAll("'", "''") + "'";
}

/**
 * The lines of a literal block scalar for the multi-line string `s`, as the value of a key at
 * `indent` spaces: [header, ...content lines] (the header goes right after `key: `).
 */
export function literalBlock(s, indent) {
  const lines = s.split('\n');
  let chomp;
  if (!s.endsWith('\n')) chomp = '-';
  else {
    lines.pop(); // the part after the last newline is empty
    // `|` keeps one newline after the last line with content; trailing empty lines need `|+`.
    chomp = lines[lines.length - 1] === '' ? '+' : '';
  }
  // YAML takes the indentation from the first line that is not all spaces: when that line
  // starts with a space or a tab, or a line of spaces comes before it, say it explicitly.
  const step = 2;
  const first = lines.findIndex((l) => /[^ ]/.test(l));
  const needsIndicator =
    first === -1 || /^[ \t]/.test(lines[first]) || lines.slice(0, first).some((l) => l !== '');
  const header = '|' + (needsIndicator ? String(step) : '') + chomp;
  const pad = ' '.repeat(indent + step);
  return [header, ...lines.map((l) => (l === '' ? '' : pad + l))];
}

/**
 * Whether a line of only spaces or tabs comes before the first line with content or after the
 * last one: YAML readers disagree whether such a line of a block scalar is content or empty.
 */
function blankEdges(s) {
  const lines = s.split('\n');
  const first = lines.findIndex((l) => /[^ \t]/.test(l));
  const last = lines.findLastIndex((l) => /[^ \t]/.test(l));
  return lines.some((l, i) => l !== '' && (first === -1 || i < first || i > last));
}

/**
 * `key: value` as YAML lines at `indent` spaces, `value` a string that must come back exactly.
 */
export function entry(key, value, indent) {
  const at = ' '.repeat(indent);
  if (NEEDS_ESCAPES.test(value) || (MULTI_LINE.test(value) && blankEdges(value))) {
    return [`${at}${key}: ${doubleQuoted(value)}`];
  }
  if (MULTI_LINE.test(value)) {
    const [header, ...rest] = literalBlock(value, indent);
    return [`${at}${key}: ${header}`, ...rest];
  }
  return [`${at}${key}: ${singleQuoted(value)}`];
}

/** `key: expression` for a GitHub expression such as `${{ github.event.client_payload.tag }}`. */
export function rawEntry(key, expression, indent) {
  return [`${' '.repeat(indent)}${key}: ${expression}`];
}
