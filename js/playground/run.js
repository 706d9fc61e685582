// One run of the engine on the playground's state: what the action would do to these files.
import { toInputs } from './state.js';
import { fileDiff } from './diff.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Runs the engine (`Engine`, the wasm class) on a state. Returns
 * `{ diagnostics, errors, origins, report, selection, files }`: with errors, only the first three.
 * `files`: every selected file, `{ path, status, edits, warnings, diff }` (`diff` when changed).
 */
export function run(Engine, state) {
  const { inputs, problems, origins } = toInputs(state);
  const engine = new Engine({ inputs, env: {} });
  try {
    const diagnostics = [...problems, ...engine.diagnostics()];
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length || engine.hasErrors()) return { diagnostics, errors, origins };
    const report = engine.report();
    const contents = new Map(state.files.map((f) => [f.path, f.content]));
    const selection = engine.select(state.files.map((f) => f.path));
    const warned = new Set();
    for (const t of selection.targets) {
      const mapping = report.mappings[t.mapping];
      if (mapping?.active && t.files.length === 0 && !warned.has(t.glob)) {
        warned.add(t.glob);
        diagnostics.push({
          severity: 'warning', title: 'Glob selects no file',
          message: `glob ${t.glob} (mapping ${t.mapping + 1}) selects no file`, hint: null,
          origin: null, rendered: `warning: glob ${t.glob} (mapping ${t.mapping + 1}) selects no file\n`,
          line: null, column: null, endLine: null, endColumn: null, path: null,
        });
      }
    }
    const files = selection.files.map((path) => {
      const original = contents.get(path);
      const r = engine.apply(path, encoder.encode(original));
      diagnostics.push(...r.warnings);
      const file = { path, status: r.status, edits: r.edits, warnings: r.warnings, diff: null };
      if (r.status === 'changed') {
        file.diff = fileDiff(original, r.edits);
        file.content = decoder.decode(r.content);
      }
      return file;
    });
    return { diagnostics, errors, origins, report, selection, files };
  } finally {
    engine.free();
  }
}
