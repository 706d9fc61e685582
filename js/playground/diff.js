// Diffs for the playground: which characters the engine's edits replaced (old side) and wrote
// (new side), and a line diff of the two texts with those spans marked.

/** Offset in `text` of 1-based `line` (lines end at `\n`) and 1-based UTF-16 `column`. */
export function offsetOf(text, line, column) {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return -1;
    at = nl + 1;
  }
  return at + column - 1;
}

/**
 * Replays the engine's edits on `original` and returns where they are:
 * `{ text, removed: Uint8Array (per UTF-16 unit of original), added: Uint8Array (of text),
 *    addedBy: Int32Array (edit index per unit of text, -1 elsewhere), exact }`.
 *
 * Each edit's line and column are positions in the content its regex was applied to: edits of
 * one application are in order and refer to the text before it; the next application sees the
 * result. An edit that does not fit after the previous one of its application (same regex, later
 * position, its `old` text there) starts a new application. `exact` is false when an edit could
 * not be placed (its `old` text is not where it says), then the marks are those placed so far.
 */
export function replay(original, edits) {
  // A piece table: pieces of the original (o: true, [start, end)) and written values.
  let pieces = [{ o: true, start: 0, end: original.length, text: original }];
  let current = original;
  let base = original; // the text the current application started from
  let shift = 0; // how much the edits of this application have moved the text so far
  let lastEnd = -1; // end of the previous edit of this application, in `base`
  let lastRegex = null;
  let exact = true;

  edits.forEach((edit, index) => {
    let at = -1;
    if (edit.regex === lastRegex) {
      const inBase = offsetOf(base, edit.line, edit.column);
      if (inBase >= lastEnd && inBase >= 0 && current.startsWith(edit.old, inBase + shift)) {
        at = inBase + shift;
        lastEnd = inBase + edit.old.length;
      }
    }
    if (at === -1) {
      const here = offsetOf(current, edit.line, edit.column);
      if (here < 0 || !current.startsWith(edit.old, here)) {
        exact = false;
        return;
      }
      base = current;
      shift = 0;
      at = here;
      lastEnd = here + edit.old.length;
    }
    lastRegex = edit.regex;
    pieces = splice(pieces, at, at + edit.old.length, { o: false, text: edit.new, edit: index });
    current = current.slice(0, at) + edit.new + current.slice(at + edit.old.length);
    shift += edit.new.length - edit.old.length;
  });

  const removed = new Uint8Array(original.length).fill(1);
  const added = new Uint8Array(current.length);
  const addedBy = new Int32Array(current.length).fill(-1);
  let pos = 0;
  for (const p of pieces) {
    if (p.o) removed.fill(0, p.start, p.end);
    else {
      added.fill(1, pos, pos + p.text.length);
      addedBy.fill(p.edit, pos, pos + p.text.length);
    }
    pos += p.text.length;
  }
  return { text: current, removed, added, addedBy, exact };
}

/** Replaces [from, to) of the text the pieces spell with `piece`. */
function splice(pieces, from, to, piece) {
  const out = [];
  let pos = 0;
  let inserted = false;
  for (const p of pieces) {
    const start = pos;
    const end = pos + p.text.length;
    pos = end;
    if (end <= from) {
      out.push(p);
      continue;
    }
    if (start < from) out.push(cut(p, 0, from - start));
    if (!inserted) {
      out.push(piece);
      inserted = true;
    }
    if (end > to) out.push(cut(p, Math.max(0, to - start), p.text.length));
  }
  if (!inserted) out.push(piece);
  return out.filter((p) => p.text.length > 0);
}

function cut(p, a, b) {
  if (a === 0 && b === p.text.length) return p;
  if (p.o) return { o: true, start: p.start + a, end: p.start + b, text: p.text.slice(a, b) };
  return { o: false, text: p.text.slice(a, b), edit: p.edit };
}

/** Splits a text into lines, each with its start offset; a final newline ends the last line. */
export function splitLines(text) {
  const lines = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    lines.push({ start: at, end, text: text.slice(at, end) });
    at = end;
  }
  return lines;
}

/**
 * Myers' line diff of `a` and `b` (arrays of strings): the operations
 * `{ op: ' ' | '-' | '+', a: index | -1, b: index | -1 }` in order.
 */
export function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x;
      if (k === -d || (k !== d && v[max + k - 1] < v[max + k + 1])) x = v[max + k + 1];
      else x = v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the trace.
  const ops = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK;
    if (k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: ' ', a: --x, b: --y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: '+', a: -1, b: --y });
      else ops.push({ op: '-', a: --x, b: -1 });
    }
  }
  while (x > 0 && y > 0) ops.push({ op: ' ', a: --x, b: --y });
  ops.reverse();
  // Within each run of changes, show the removed lines first.
  const out = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i].op === ' ') {
      out.push(ops[i++]);
      continue;
    }
    const run = [];
    while (i < ops.length && ops[i].op !== ' ') run.push(ops[i++]);
    out.push(...run.filter((o) => o.op === '-'), ...run.filter((o) => o.op === '+'));
  }
  return out;
}

/**
 * The diff of one changed file as hunks with `context` lines around each change:
 * `[{ lines: [{ op, oldNo, newNo, text, marks: [[from, to, editIndex]] }] }]`, where marks are
 * the replaced (old side) or written (new side) spans within the line, line endings excluded.
 */
export function fileDiff(original, edits, context = 2) {
  const r = replay(original, edits);
  const oldLines = splitLines(original);
  const newLines = splitLines(r.text);
  const ops = diffLines(
    oldLines.map((l) => l.text),
    newLines.map((l) => l.text),
  );
  const rows = ops.map((o) => {
    if (o.op === '+') {
      const l = newLines[o.b];
      return { op: '+', oldNo: null, newNo: o.b + 1, text: strip(l.text), marks: marksOf(r.added, l, r.addedBy) };
    }
    if (o.op === '-') {
      const l = oldLines[o.a];
      return { op: '-', oldNo: o.a + 1, newNo: null, text: strip(l.text), marks: marksOf(r.removed, l, null) };
    }
    return { op: ' ', oldNo: o.a + 1, newNo: o.b + 1, text: strip(oldLines[o.a].text), marks: [] };
  });
  // Keep changed rows and `context` rows around them.
  const keep = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.op !== ' ') keep.fill(1, Math.max(0, i - context), Math.min(rows.length, i + context + 1));
  });
  const hunks = [];
  let hunk = null;
  rows.forEach((row, i) => {
    if (!keep[i]) {
      hunk = null;
      return;
    }
    if (!hunk) hunks.push((hunk = { lines: [] }));
    hunk.lines.push(row);
  });
  return { hunks, text: r.text, exact: r.exact };
}

function strip(line) {
  return line.replace(/\r?\n$/, '');
}

/** The marked spans [from, to, editIndex] of one line, from a per-unit mask. */
function marksOf(mask, line, by) {
  const marks = [];
  const end = line.start + strip(line.text).length;
  for (let i = line.start; i < end; ) {
    if (!mask[i]) {
      i++;
      continue;
    }
    const edit = by ? by[i] : -1;
    let j = i;
    while (j < end && mask[j] && (by ? by[j] === edit : true)) j++;
    marks.push([i - line.start, j - line.start, edit]);
    i = j;
  }
  return marks;
}
