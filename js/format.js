// Text helpers for the log, the job summary and the CLI (no engine, no I/O).

/** A value as one log line: control characters made visible. */
export function show(s) {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s) : s;
}

/**
 * A diagnostic's full text (message, the offending text with a caret, hint) without the leading
 * `error: ` — the annotation or the CLI's label already says what it is.
 */
export function diagnosticText(d) {
  const text = d.rendered || d.message;
  return text.replace(/^(error|warning|notice|note): /, '').replace(/\s+$/, '');
}

/** The mappings text on one line, for a group title. */
export function oneLine(s) {
  return s.replace(/\s+/g, ' ').trim();
}

export function plural(n, one, many = one + 's') {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 files modified" / "1 file would be modified (dry run)". */
export function countLine(modified, dryRun) {
  return `${plural(modified.length, 'file')} ${dryRun ? 'would be modified (dry run)' : 'modified'}`;
}

/** ": a, b, c" — the first `max` names, then how many more (the outputs have them all). */
export function listHead(names, max = 20) {
  if (names.length === 0) return '';
  const head = names.slice(0, max).join(', ');
  return `: ${head}${names.length > max ? `, … and ${names.length - max} more` : ''}`;
}

// A cell needing none of the treatments below (most are: paths, versions, names): a thousand of
// them go into the summary of a large run, so they take one test instead of four passes.
// eslint-disable-next-line no-control-regex
const PLAIN_CELL = /^[^|`\u0000-\u001f\u007f]{1,200}$/;

/** A Markdown table cell: a code span, `|` escaped, control characters made visible, long text cut. */
export function cell(s, options) {
  if (options === undefined && typeof s === 'string' && PLAIN_CELL.test(s)) return `\`${s}\``;
  const { code = true, max = 200 } = options ?? {};
  if (s === null || s === undefined) return '';
  let t = show(String(s));
  if (t.length > max) t = t.slice(0, max) + '…';
  t = t.replace(/\|/g, '\\|');
  if (!code) return t;
  if (t === '') return '*(empty)*';
  const ticks = t.includes('`') ? '``' : '`';
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${t}${pad}${ticks}`;
}
