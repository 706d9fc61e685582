// Entry point of the GitHub Action (bundled to dist/index.js; action.yml: `runs.main`).
import './preload.js'; // first: starts compiling the engine (see there)
import { finish, path } from './node.js';
import * as runner from './runner.js';
import { run, EXIT } from './core.js';
import { countLine, diagnosticText, listHead, show } from './format.js';

const { isAbsolute, join, relative, resolve, sep } = path;

/** A file annotation path: relative to the workspace, `/`-separated, or nothing when outside it. */
function annotationFile(directory, path, workspace) {
  if (!path) return undefined;
  const rel = relative(workspace, join(directory, ...path.split('/')));
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Reports through the runner protocol: annotations, groups, outputs, job summary. */
export function actionReporter({ env, workspace }) {
  const debugOn = runner.isDebug(env);
  let directory = workspace;
  const annotate = (severity, title, message, path) => {
    const props = { title };
    const file = annotationFile(directory, path, workspace);
    if (file) props.file = file;
    runner[severity](message, props);
  };
  return {
    begin(context) {
      directory = context.directory;
    },
    diagnostic(d) {
      const text = diagnosticText(d);
      annotate(d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice', d.title, text, d.path);
    },
    error: (title, message) => annotate('error', title, message),
    warning: (title, message, { path } = {}) => annotate('warning', title, message, path),
    notice: (title, message) => annotate('notice', title, message),
    debug: (message) => {
      if (debugOn) runner.debug(message);
    },
    info: (line) => runner.info(line),
    startGroup: (name) => runner.startGroup(name),
    endGroup: () => runner.endGroup(),
    dump: (text) => runner.info(text.replace(/\n$/, '')),
    fileChanged({ target, edits, dryRun }) {
      for (const e of edits) {
        runner.info(`${target}:${e.line}: ${show(e.old)} → ${show(e.new)}${dryRun ? ' (dry run)' : ''}`);
      }
    },
    setOutputs: (pairs) => runner.setOutputs(pairs, env),
    summary: (markdown) => runner.appendSummary(markdown, env),
    finished({ modified, dryRun }) {
      runner.info(`${countLine(modified, dryRun)}${listHead(modified)}`);
    },
  };
}

export async function main(env = process.env) {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const inputs = runner.getInputs(env);
  const reporter = actionReporter({ env, workspace });
  // Outputs are written last: a GITHUB_OUTPUT that cannot take them must stop the step first.
  const broken = runner.checkCommandFiles(env);
  if (broken) {
    runner.error(`${broken}; nothing was changed`, { title: 'Runner files not writable' });
    return EXIT.ERROR;
  }
  try {
    return await run({ inputs, env, baseDir: workspace, reporter });
  } catch (e) {
    runner.error(`${e && e.stack ? e.stack : e}`, { title: 'Unexpected error' });
    return EXIT.ERROR;
  }
}

// No top-level await: the bundle is CommonJS.
main().then((code) => finish(code));
