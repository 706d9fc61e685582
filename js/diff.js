// A small line diff for the CLI: the engine only replaces spans, so lines map one to one unless a
// value holds a newline; the middle that differs is then shown as one block.

function splitLines(text) {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Edit script: [{ op: ' ' | '-' | '+', text, a, b }] with 1-based line numbers in each side. */
export function lineOps(before, after) {
  const a = splitLines(before);
  const b = splitLines(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const ops = [];
  for (let i = 0; i < p; i++) ops.push({ op: ' ', text: a[i], a: i + 1, b: i + 1 });
  const midA = a.slice(p, a.length - s);
  const midB = b.slice(p, b.length - s);
  if (midA.length === midB.length) {
    let k = 0;
    while (k < midA.length) {
      if (midA[k] === midB[k]) {
        ops.push({ op: ' ', text: midA[k], a: p + k + 1, b: p + k + 1 });
        k++;
        continue;
      }
      let end = k;
      while (end < midA.length && midA[end] !== midB[end]) end++;
      for (let i = k; i < end; i++) ops.push({ op: '-', text: midA[i], a: p + i + 1, pair: midB[i] });
      for (let i = k; i < end; i++) ops.push({ op: '+', text: midB[i], b: p + i + 1, pair: midA[i] });
      k = end;
    }
  } else {
    midA.forEach((t, i) => ops.push({ op: '-', text: t, a: p + i + 1 }));
    midB.forEach((t, i) => ops.push({ op: '+', text: t, b: p + i + 1 }));
  }
  for (let i = 0; i < s; i++) {
    ops.push({ op: ' ', text: a[a.length - s + i], a: a.length - s + i + 1, b: b.length - s + i + 1 });
  }
  return ops;
}

const ESC = {
  bold: ['\x1b[1m', '\x1b[22m'],
  red: ['\x1b[31m', '\x1b[39m'],
  green: ['\x1b[32m', '\x1b[39m'],
  cyan: ['\x1b[36m', '\x1b[39m'],
  inverse: ['\x1b[7m', '\x1b[27m'],
};

export function paint(color, on) {
  return (text) => (on ? ESC[color][0] + text + ESC[color][1] : text);
}

/** The changed middle of `line` against `other`, highlighted (common prefix and suffix plain). */
function highlight(line, other, color) {
  let p = 0;
  while (p < line.length && p < other.length && line[p] === other[p]) p++;
  let s = 0;
  while (s < line.length - p && s < other.length - p && line[line.length - 1 - s] === other[other.length - 1 - s]) s++;
  const mid = line.slice(p, line.length - s);
  return color(line.slice(0, p)) + ESC.inverse[0] + color(mid) + ESC.inverse[1] + color(line.slice(line.length - s));
}

/** A unified diff of one file; coloured (with the changed spans highlighted) when `color`. */
export function unifiedDiff(pathA, pathB, before, after, { color = false, context = 3 } = {}) {
  const ops = lineOps(before, after);
  const bold = paint('bold', color);
  const red = paint('red', color);
  const green = paint('green', color);
  const cyan = paint('cyan', color);
  const out = [bold(`--- a/${pathA}`), bold(`+++ b/${pathB}`)];
  const changed = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i] - context);
    let end = Math.min(ops.length, changed[i] + context + 1);
    let j = i + 1;
    while (j < changed.length && changed[j] - context <= end) {
      end = Math.min(ops.length, changed[j] + context + 1);
      j++;
    }
    const hunk = ops.slice(start, end);
    const aLines = hunk.filter((o) => o.op !== '+');
    const bLines = hunk.filter((o) => o.op !== '-');
    const aStart = aLines.length ? aLines[0].a : 0;
    const bStart = bLines.length ? bLines[0].b : 0;
    out.push(cyan(`@@ -${aStart},${aLines.length} +${bStart},${bLines.length} @@`));
    for (const o of hunk) {
      if (o.op === ' ') out.push(' ' + o.text);
      else if (o.op === '-') out.push(color && o.pair !== undefined ? red('-') + highlight(o.text, o.pair, red) : red('-' + o.text));
      else out.push(color && o.pair !== undefined ? green('+') + highlight(o.text, o.pair, green) : green('+' + o.text));
    }
    i = j;
  }
  return out.join('\n');
}
