// The playground page: inputs in, the engine's results out, live as one types.
// Everything user-provided reaches the DOM as text (textContent, value), never as HTML.
import init, { Engine } from '../../pkg/conditional_regex_replace.js';
import { exampleState } from './example.js';
import { run } from './run.js';
import { offsetOf } from './diff.js';
import { checkPath, decodeState, encodeState, rowOf, workflowStep } from './state.js';

const DEBOUNCE_MS = 80;
const $ = (id) => document.getElementById(id);

/** A tiny element builder: h('td', { class: 'x', 'aria-label': 'y' }, 'text', child). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const code = (text) => h('code', {}, text);
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

let state = exampleState();
let selectedPath = state.files[1]?.path ?? null;
let ready = false;
let timer = 0;
let updates = 0;
let hashSeq = 0;
let lastResult = null;
let hashPending = 0;
const timings = []; // ms of each update, the first one (cold engine) included

// ---------- inputs ----------

const tables = {
  variables: { tbody: () => $('variables').querySelector('tbody'), value: 'value', what: 'variable', valueLabel: 'Value' },
  regexes: { tbody: () => $('regexes').querySelector('tbody'), value: 'pattern', what: 'regex', valueLabel: 'Regex' },
};

function rowLabel(table, i) {
  const name = state[table][i].name.trim();
  return name || `${tables[table].what} ${i + 1}`;
}

function renderTable(table) {
  const t = tables[table];
  const rows = state[table].map((row, i) => {
    const name = h('input', {
      type: 'text', class: 'name', value: row.name, spellcheck: 'false', autocomplete: 'off',
      'aria-label': `Name of ${t.what} ${i + 1}`,
      oninput: (e) => {
        row.name = e.target.value;
        value.setAttribute('aria-label', `${t.valueLabel} of ${rowLabel(table, i)}`);
        remove.setAttribute('aria-label', `Remove ${rowLabel(table, i)}`);
        schedule();
      },
    });
    const value = h('input', {
      type: 'text', class: 'value', value: row[t.value], spellcheck: 'false', autocomplete: 'off',
      'aria-label': `${t.valueLabel} of ${rowLabel(table, i)}`,
      oninput: (e) => {
        row[t.value] = e.target.value;
        schedule();
      },
    });
    const remove = h('button', {
      type: 'button', class: 'remove', title: 'Remove', 'aria-label': `Remove ${rowLabel(table, i)}`,
      onclick: () => {
        state[table].splice(i, 1);
        renderTable(table);
        const buttons = t.tbody().querySelectorAll('button.remove');
        (buttons[Math.min(i, buttons.length - 1)] ?? $(table === 'variables' ? 'add-variable' : 'add-regex')).focus();
        schedule();
      },
    }, '×');
    return h('tr', {}, h('td', {}, name), h('td', {}, value), h('td', { class: 'act' }, remove));
  });
  t.tbody().replaceChildren(...rows);
}

function addRow(table) {
  state[table].push(table === 'variables' ? { name: '', value: '' } : { name: '', pattern: '' });
  renderTable(table);
  const names = tables[table].tbody().querySelectorAll('input.name');
  names[names.length - 1].focus();
  schedule();
}

/** The files as a tree: directories first, then files, each sorted. */
function renderTree() {
  const root = { dirs: new Map(), files: [] };
  for (const f of state.files) {
    const parts = f.path.split('/');
    let node = root;
    for (const dir of parts.slice(0, -1)) {
      if (!node.dirs.has(dir)) node.dirs.set(dir, { dirs: new Map(), files: [] });
      node = node.dirs.get(dir);
    }
    node.files.push({ name: parts[parts.length - 1], path: f.path });
  }
  const status = new Map((lastResult?.files ?? []).map((f) => [f.path, f.status]));
  const items = (node) => [
    ...[...node.dirs.keys()].sort().map((name) =>
      h('li', { class: 'dir' }, h('span', { class: 'dir-name' }, `${name}/`), h('ul', {}, items(node.dirs.get(name)))),
    ),
    ...node.files
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => {
        const s = status.get(f.path);
        const badge = s === 'changed' ? 'changed' : s ? 'selected' : null;
        return h('li', { class: 'file' },
          h('button', {
            type: 'button', 'data-path': f.path, 'aria-current': f.path === selectedPath ? 'true' : null,
            'aria-label': badge ? `${f.path} (${badge})` : f.path,
            onclick: () => selectFile(f.path),
          }, f.name),
          badge ? h('span', { class: `badge ${badge}`, 'aria-hidden': 'true' }, badge) : null);
      }),
  ];
  const focused = document.activeElement?.closest?.('#tree button')?.dataset.path;
  $('tree').replaceChildren(...items(root));
  if (focused !== undefined) {
    [...$('tree').querySelectorAll('button')].find((b) => b.dataset.path === focused)?.focus();
  }
}

function renderEditor() {
  const file = state.files.find((f) => f.path === selectedPath);
  const path = $('file-path');
  const content = $('file-content');
  path.disabled = content.disabled = $('delete-file').disabled = !file;
  path.value = file ? file.path : '';
  content.value = file ? file.content : '';
  content.setAttribute('aria-label', file ? `Content of ${file.path}` : 'Content (no file)');
  setPathProblem('');
}

function selectFile(path) {
  selectedPath = path;
  renderTree();
  renderEditor();
  document.querySelector(`#tree button[aria-current="true"]`)?.focus();
}

function setPathProblem(text) {
  $('file-path-problem').textContent = text;
  if (text) $('file-path').setAttribute('aria-invalid', 'true');
  else $('file-path').removeAttribute('aria-invalid');
}

function renameSelected() {
  const file = state.files.find((f) => f.path === selectedPath);
  if (!file) return;
  const typed = $('file-path').value;
  if (typed === file.path) return setPathProblem('');
  const checked = checkPath(typed, state.files.filter((f) => f !== file).map((f) => f.path));
  if (checked.error) return setPathProblem(checked.error);
  file.path = selectedPath = checked.path;
  $('file-path').value = checked.path;
  setPathProblem('');
  renderTree();
  $('file-content').setAttribute('aria-label', `Content of ${file.path}`);
  schedule();
}

function addFile() {
  const paths = state.files.map((f) => f.path);
  let path = 'new-file.yaml';
  for (let n = 2; paths.includes(path); n++) path = `new-file-${n}.yaml`;
  state.files.push({ path, content: '' });
  selectedPath = path;
  renderTree();
  renderEditor();
  $('file-path').focus();
  $('file-path').select();
  schedule();
}

function deleteSelected() {
  const i = state.files.findIndex((f) => f.path === selectedPath);
  if (i === -1) return;
  state.files.splice(i, 1);
  selectedPath = state.files[Math.min(i, state.files.length - 1)]?.path ?? null;
  renderTree();
  renderEditor();
  (document.querySelector('#tree button[aria-current="true"]') ?? $('add-file')).focus();
  schedule();
}

function renderInputs() {
  $('mappings').value = state.mappings;
  sizeMappings();
  renderTable('variables');
  renderTable('regexes');
  if (!state.files.some((f) => f.path === selectedPath)) selectedPath = state.files[0]?.path ?? null;
  renderTree();
  renderEditor();
  $('exclude').value = state.exclude;
  $('payload').checked = state.payload;
}

function sizeMappings() {
  const lines = $('mappings').value.split('\n').length;
  $('mappings').rows = Math.max(4, Math.min(16, lines + 1));
}

// ---------- the mappings editor's highlight layer ----------

function renderLayer(diagnostics) {
  const ta = $('mappings');
  const text = ta.value;
  const spans = [];
  for (const d of diagnostics) {
    if (d.origin !== 'mappings' || d.line === null || d.severity === 'notice') continue;
    const from = offsetOf(text, d.line, d.column);
    if (from < 0 || from > text.length) continue;
    let to = d.endLine === null ? from : offsetOf(text, d.endLine, d.endColumn);
    if (to < from) to = from;
    // An empty span (e.g. a missing target at the end) underlines the next character, or a
    // space drawn at the end of its line.
    if (to === from && from < text.length && text[from] !== '\n') to = from + 1;
    spans.push({ from, to, severity: d.severity, title: d.message });
  }
  spans.sort((a, b) => a.from - b.from || (a.severity === 'error' ? -1 : 1));
  const out = [];
  let at = 0;
  for (const s of spans) {
    if (s.from < at) continue; // overlapping: the first one wins
    out.push(text.slice(at, s.from));
    const inner = s.to > s.from ? text.slice(s.from, s.to) : ' ';
    out.push(h('mark', { class: s.severity, 'data-from': String(s.from), 'data-to': String(s.to) }, inner));
    at = s.to;
  }
  out.push(text.slice(at), '\n\n');
  $('mappings-layer').replaceChildren(...out);
  // Reading the textarea's scroll position forces a layout: do it when the frame is drawn.
  requestAnimationFrame(syncScroll);
  const own = diagnostics.filter((d) => d.origin === 'mappings' && d.severity === 'error');
  $('mappings-problems').textContent = own.length
    ? own.map((d) => `Line ${d.line}, column ${d.column}: ${d.message}`).join(' · ')
    : '';
  if (own.length) ta.setAttribute('aria-invalid', 'true');
  else ta.removeAttribute('aria-invalid');
}

function syncScroll() {
  const ta = $('mappings');
  const layer = $('mappings-layer');
  layer.scrollTop = ta.scrollTop;
  layer.scrollLeft = ta.scrollLeft;
}

function showInMappings(d) {
  const ta = $('mappings');
  const from = offsetOf(ta.value, d.line, d.column);
  const to = d.endLine === null ? from : offsetOf(ta.value, d.endLine, d.endColumn);
  ta.focus();
  ta.setSelectionRange(from, Math.max(from, to));
  ta.scrollIntoView({ block: 'nearest' });
}

// ---------- outputs ----------

function markRows(result) {
  for (const table of Object.keys(tables)) {
    for (const input of tables[table].tbody().querySelectorAll('input')) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-errormessage');
    }
  }
  for (const [i, d] of result.diagnostics.entries()) {
    if (d.severity !== 'error') continue;
    const row = rowOf(d, result.origins);
    if (!row) continue;
    const tr = tables[row[0]].tbody().children[row[1]];
    const input = tr?.querySelector(/name/i.test(d.title) ? 'input.name' : 'input.value');
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-errormessage', `problem-${i}`);
  }
}

function renderProblems(result) {
  const list = result.diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i);
  if (!list.length) {
    $('problems').replaceChildren(h('p', { class: 'none' }, 'No errors, warnings or notices.'));
    return;
  }
  $('problems').replaceChildren(
    ...list.map(({ d, i }) => {
      const row = rowOf(d, result.origins);
      let action = null;
      if (d.origin === 'mappings' && d.line !== null) {
        action = h('button', { type: 'button', class: 'link', onclick: () => showInMappings(d) }, 'Show in the mappings');
      } else if (row) {
        action = h('button', {
          type: 'button', class: 'link',
          onclick: () => {
            const tr = tables[row[0]].tbody().children[row[1]];
            tr?.querySelector(/name/i.test(d.title) ? 'input.name' : 'input.value')?.focus();
          },
        }, `Go to ${rowLabel(row[0], row[1])}`);
      }
      return h('div', { class: `diag ${d.severity}`, id: `problem-${i}` },
        h('p', { class: 'diag-head' },
          h('span', { class: `sev ${d.severity}` }, d.severity), ' ', d.title,
          d.origin ? h('span', { class: 'origin' }, ` — ${d.origin}`) : null),
        h('pre', { class: 'rendered', tabindex: '0' }, d.rendered.replace(/\n+$/, '')),
        action);
    }),
  );
}

const rank = (d) => ({ error: 0, warning: 1, notice: 2 })[d.severity] ?? 3;

function renderMappings(result) {
  if (!result.report) {
    $('mapping-results').replaceChildren(h('p', { class: 'none' }, 'Shown when there are no errors.'));
    return;
  }
  $('mapping-results').replaceChildren(
    ...result.report.mappings.map((m) => {
      const conditions = h('table', { class: 'conds' },
        h('caption', { class: 'vh' }, `Conditions of mapping ${m.index + 1}`),
        h('thead', {}, h('tr', {}, ['Variable', 'Value', 'Regex', 'Result'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, m.conditions.map((c) => [
          h('tr', { class: c.matched ? 'yes' : 'no' },
            h('td', {}, code(c.variable)),
            h('td', {}, c.value === null ? h('em', {}, 'no value') : code(c.value)),
            h('td', {}, code(c.regex)),
            h('td', { class: 'result' }, c.matched ? '✓ matches' : '✗ no match')),
          c.note ? h('tr', { class: 'note' }, h('td', { colspan: '4' }, c.note)) : null,
        ])));
      const selected = (result.selection?.targets ?? []).filter((t) => t.mapping === m.index);
      const targets = h('ul', { class: 'targets' }, m.targets.map((t, ti) => {
        const files = selected.find((s) => s.target === ti)?.files ?? [];
        return h('li', {},
          h('span', { class: 'glob' }, code(t.glob)), ' with ',
          t.regexes.length ? t.regexes.map((r, ri) => [ri ? ' & ' : '', code(r)]) : h('em', {}, 'no regex'),
          files.length
            ? h('ul', { class: 'selected', 'aria-label': `Files ${m.active ? '' : 'it would '}select${m.active ? 's' : ''}` },
              files.map((f) => h('li', {}, f)))
            : h('p', { class: 'nofile' }, 'selects no file'));
      }));
      return h('article', { class: `mapping ${m.active ? 'active' : 'inactive'}` },
        h('h3', {}, `Mapping ${m.index + 1} `,
          h('span', { class: `badge ${m.active ? 'on' : 'off'}` }, m.active ? 'active' : 'not active')),
        h('pre', { class: 'mapping-text' }, m.text),
        conditions,
        h('p', { class: 'targets-head' }, m.active ? 'Targets:' : 'Targets (left alone, since no condition matched):'),
        targets);
    }),
  );
}

function renderChanges(result) {
  if (!result.files) {
    $('changes').replaceChildren(h('p', { class: 'none' }, 'Shown when there are no errors.'));
    return;
  }
  const changed = result.files.filter((f) => f.status === 'changed');
  const unchanged = result.files.filter((f) => f.status === 'unchanged');
  const skipped = result.files.filter((f) => f.status === 'skipped');
  const out = changed.map((f) => {
    const rows = [];
    f.diff.hunks.forEach((hunk, hi) => {
      if (hi > 0) rows.push(h('tr', { class: 'gap' }, h('td', { colspan: '4' }, '⋯')));
      for (const l of hunk.lines) {
        const kind = l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'ctx';
        const wrap = l.op === '+' ? 'ins' : 'del';
        const pieces = [];
        let at = 0;
        for (const [a, b, edit] of l.marks) {
          pieces.push(l.text.slice(at, a));
          const e = f.edits[edit];
          pieces.push(h(wrap, { title: e ? `${e.regex}: ${e.variable}` : null }, l.text.slice(a, b)));
          at = b;
        }
        pieces.push(l.text.slice(at));
        rows.push(h('tr', { class: kind },
          h('td', { class: 'ln' }, l.oldNo ?? ''),
          h('td', { class: 'ln' }, l.newNo ?? ''),
          h('td', { class: 'sign' }, h('span', { 'aria-hidden': 'true' }, l.op === ' ' ? '' : l.op === '-' ? '−' : '+'),
            l.op === ' ' ? null : h('span', { class: 'vh' }, l.op === '-' ? 'removed' : 'added')),
          h('td', { class: 'text' }, h('code', {}, pieces))));
      }
    });
    return h('article', { class: 'file-diff', 'data-path': f.path },
      h('h3', {}, code(f.path), ' ', h('span', { class: 'badge changed' }, 'changed')),
      h('ul', { class: 'edits' }, f.edits.map((e) =>
        h('li', {}, `line ${e.line}: `, code(e.old), ' → ', code(e.new), h('span', { class: 'muted' }, ` (${e.regex}, ${e.variable})`)))),
      h('div', { class: 'diff-scroll', tabindex: '0', role: 'region', 'aria-label': `Diff of ${f.path}` },
        h('table', { class: 'diff' }, h('caption', { class: 'vh' }, `Changes in ${f.path}`), h('tbody', {}, rows))));
  });
  if (!changed.length) out.push(h('p', { class: 'none' }, 'No file would change.'));
  if (unchanged.length) {
    out.push(h('p', { class: 'muted' }, 'Selected, nothing to replace: ',
      unchanged.map((f, i) => [i ? ', ' : '', code(f.path)])));
  }
  if (skipped.length) {
    out.push(h('p', { class: 'muted' }, 'Skipped: ', skipped.map((f, i) => [i ? ', ' : '', code(f.path)]), ' (see Problems).'));
  }
  $('changes').replaceChildren(...out);
}

function renderSummary(result) {
  let text;
  if (result.errors.length) {
    text = `${plural(result.errors.length, 'error')}: nothing would change. Fix ${result.errors.length === 1 ? 'it' : 'them'} to see the results.`;
  } else {
    const active = result.report.mappings.filter((m) => m.active).length;
    const changed = result.files.filter((f) => f.status === 'changed');
    const edits = changed.reduce((n, f) => n + f.edits.length, 0);
    text = `${active} of ${plural(result.report.mappings.length, 'mapping')} active; ` +
      (changed.length
        ? `${plural(changed.length, 'file')} would change (${plural(edits, 'replacement')}): ${changed.map((f) => f.path).join(', ')}.`
        : 'no file would change.');
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    if (warnings) text += ` ${plural(warnings, 'warning')}.`;
  }
  const summary = $('summary');
  if (summary.textContent !== text) summary.textContent = text;
  summary.classList.toggle('bad', result.errors.length > 0);
}

function renderStep() {
  $('step').textContent = workflowStep(state);
}

// ---------- the update loop ----------

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
}

function update() {
  clearTimeout(timer);
  timer = 0;
  if (!ready) return;
  const t0 = performance.now();
  let result;
  try {
    result = run(Engine, state);
  } catch (e) {
    // A panic of the engine: report it; the engine must not be used again.
    ready = false;
    result = {
      diagnostics: [{
        severity: 'error', title: 'engine crashed', message: String(e?.message ?? e), hint: 'reload the page; please report this with the link',
        origin: null, rendered: `error: ${e?.message ?? e}\n  = hint: reload the page; please report this with the link (Copy link)\n`,
        line: null, column: null, endLine: null, endColumn: null, path: null,
      }],
      origins: {},
    };
    result.errors = result.diagnostics;
  }
  lastResult = result;
  renderLayer(result.diagnostics);
  markRows(result);
  renderProblems(result);
  renderMappings(result);
  renderChanges(result);
  renderSummary(result);
  renderTree();
  renderStep();
  const ms = performance.now() - t0;
  updates++;
  timings.push(ms);
  document.documentElement.dataset.updates = String(updates);
  document.documentElement.dataset.updateMs = ms.toFixed(2);
  $('timing').textContent = `Updated in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms ·`;
  saveHash();
}

// The URL follows the state, but history.replaceState at most every HASH_INTERVAL_MS: Safari
// refuses more than 100 calls in 30 seconds.
const HASH_INTERVAL_MS = 350;
let hashTimer = 0;
let lastReplace = -Infinity;

async function saveHash() {
  const seq = ++hashSeq;
  hashPending++;
  try {
    const hash = await encodeState(state);
    if (seq !== hashSeq) return;
    clearTimeout(hashTimer);
    hashTimer = 0;
    const replace = () => {
      hashTimer = 0;
      lastReplace = performance.now();
      if (location.hash !== `#${hash}`) history.replaceState(null, '', `#${hash}`);
    };
    const wait = lastReplace + HASH_INTERVAL_MS - performance.now();
    if (wait <= 0) replace();
    else hashTimer = setTimeout(replace, wait);
  } finally {
    hashPending--;
  }
}

async function loadFromHash() {
  if (!location.hash || location.hash === '#') return false;
  try {
    state = await decodeState(location.hash);
    $('banner').hidden = true;
    return true;
  } catch (e) {
    $('banner').textContent = `Could not restore the state from this link: ${e.message}. Showing the example instead.`;
    $('banner').hidden = false;
    state = exampleState();
    return false;
  }
}

// ---------- clipboard ----------

async function copy(text, what) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    const ta = h('textarea', { class: 'offscreen', 'aria-hidden': 'true', readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
  }
  toast(ok ? `${what} copied to the clipboard.` : `Could not copy: select the ${what.toLowerCase()} by hand.`);
}

let toastTimer = 0;
function toast(text) {
  clearTimeout(toastTimer);
  $('toast').textContent = text;
  toastTimer = setTimeout(() => ($('toast').textContent = ''), 4000);
}

// ---------- wiring ----------

function wire() {
  const ta = $('mappings');
  ta.addEventListener('input', () => {
    state.mappings = ta.value;
    sizeMappings();
    // Keep the layer's text in step at once (the marks follow after the update).
    renderLayer(lastResult?.diagnostics.filter((d) => d.origin !== 'mappings') ?? []);
    schedule();
  });
  ta.addEventListener('scroll', syncScroll);
  $('add-variable').addEventListener('click', () => addRow('variables'));
  $('add-regex').addEventListener('click', () => addRow('regexes'));
  $('add-file').addEventListener('click', addFile);
  $('delete-file').addEventListener('click', deleteSelected);
  $('file-path').addEventListener('change', renameSelected);
  $('file-path').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      $('file-path').value = selectedPath ?? '';
      setPathProblem('');
    }
  });
  $('file-content').addEventListener('input', (e) => {
    const file = state.files.find((f) => f.path === selectedPath);
    if (!file) return;
    file.content = e.target.value;
    schedule();
  });
  $('exclude').addEventListener('input', (e) => {
    state.exclude = e.target.value;
    schedule();
  });
  $('payload').addEventListener('change', (e) => {
    state.payload = e.target.checked;
    renderStep();
    saveHash();
  });
  $('copy-link').addEventListener('click', async () => {
    const hash = await encodeState(state);
    copy(`${location.href.split('#')[0]}#${hash}`, 'Link');
  });
  $('copy-step').addEventListener('click', () => copy(workflowStep(state), 'Workflow step'));
  $('reset').addEventListener('click', async () => {
    state = exampleState();
    selectedPath = state.files[1].path;
    renderInputs();
    // A new history entry: Back returns to what was there before.
    const hash = await encodeState(state);
    clearTimeout(hashTimer);
    hashTimer = 0;
    hashSeq++;
    history.pushState(null, '', `#${hash}`);
    update();
    toast('Reset to the example. Back restores the previous state.');
  });
  window.addEventListener('hashchange', async () => {
    const current = await encodeState(state);
    if (location.hash === `#${current}`) return;
    await loadFromHash();
    renderInputs();
    update();
  });
}

async function main() {
  wire();
  await loadFromHash();
  selectedPath = state.files.find((f) => f.path === 'environments/dev/values.yaml')?.path ?? state.files[0]?.path ?? null;
  renderInputs();
  renderStep();
  try {
    await init({ module_or_path: new URL('./conditional_regex_replace_bg.wasm', import.meta.url) });
    ready = true;
  } catch (e) {
    $('summary').textContent = `The engine could not be loaded: ${e.message}`;
    $('summary').classList.add('bad');
    return;
  }
  update();
  document.documentElement.dataset.ready = 'true';
  // Handy for the console and for tests: the state, the last result, the update timings, and a
  // promise that resolves once no update and no URL change is pending.
  window.playground = {
    state: () => structuredClone(state),
    result: () => lastResult,
    timings: () => [...timings],
    update,
    async idle() {
      while (timer || hashPending || hashTimer) await new Promise((r) => setTimeout(r, 10));
    },
  };
}

main();
