// Command-line flags → the same `inputs` object the action gets from `INPUT_*`.

/** Every action input, with the CLI's help text. `bool` inputs are switches. */
export const INPUTS = [
  { name: 'mappings', arg: 'TEXT', help: 'the mappings (required): COND {THEN_UPDATE_FILES} GLOB=REGEXES {NEXT_MAPPING} …' },
  { name: 'docker_image_tag', arg: 'VALUE', help: 'well-known variable (default: $DOCKER_IMAGE_TAG)' },
  { name: 'git_tag', arg: 'VALUE', help: 'well-known variable (default: $GIT_TAG)' },
  { name: 'git_branch', arg: 'VALUE', help: 'well-known variable (default: $GIT_BRANCH)' },
  { name: 'docker_image_tag_regex', arg: 'REGEX', help: 'well-known regex (default: $DOCKER_IMAGE_TAG_REGEX)' },
  { name: 'git_tag_regex', arg: 'REGEX', help: 'well-known regex (default: $GIT_TAG_REGEX)' },
  { name: 'git_branch_regex', arg: 'REGEX', help: 'well-known regex (default: $GIT_BRANCH_REGEX)' },
  { name: 'register_custom_variables', arg: 'NAMES', help: 'comma-separated variable names, read from $NAME' },
  { name: 'register_custom_regexes', arg: 'NAMES', help: 'comma-separated regex names, read from $NAME' },
  { name: 'skip_variables_autodetect', bool: true, help: 'do not register $*_VAR environment variables' },
  { name: 'skip_regexes_autodetect', bool: true, help: 'do not register $*_REGEX environment variables' },
  { name: 'if_well_known_vars_missing_fail', bool: true, help: 'exit 2 when docker_image_tag, git_tag and git_branch are all empty' },
  { name: 'if_no_match_fail', bool: true, help: 'exit 3 when no file changes' },
  { name: 'updated_file_suffix', arg: 'SUFFIX', help: 'write the new content to FILE+SUFFIX, keep FILE' },
  { name: 'dump', bool: true, help: 'print variables, regexes, globs and their files, mappings; change nothing' },
  { name: 'commit', bool: true, help: 'commit the changed files' },
  { name: 'committer_name', arg: 'NAME', help: 'committer and author name of the commit' },
  { name: 'committer_email', arg: 'EMAIL', help: 'committer and author e-mail of the commit' },
  { name: 'commit_template', arg: 'TEXT', help: 'commit message template ({{ name }}, {% if name %}…{% endif %})' },
  { name: 'variables', arg: 'LINES', help: 'variables, one name=value per line (see also --var)' },
  { name: 'regexes', arg: 'LINES', help: 'regexes, one name=regex per line (see also --regex)' },
  { name: 'exclude', arg: 'GLOB', repeat: true, help: 'leave out files matching GLOB (repeatable)' },
  { name: 'directory', arg: 'DIR', help: 'the directory the globs select below (default: the current directory)' },
  { name: 'dry_run', bool: true, help: 'compute and report everything, write nothing' },
  { name: 'allow_multiline_values', bool: true, help: 'allow control characters (newlines) in values' },
  { name: 'max_file_size', arg: 'BYTES', help: 'skip larger files (default: 67108864)' },
  { name: 'push', bool: true, help: 'push the commit (retried when the branch moved)' },
  { name: 'push_retries', arg: 'N', help: 'how often to re-apply and push again after a rejected push (default: 3)' },
  { name: 'push_branch', arg: 'BRANCH', help: 'the branch to push to (default: the current one)' },
];

/** Flags of the CLI only. */
export const EXTRA = [
  { flag: 'var', arg: 'NAME=VALUE', repeat: true, input: 'variables', help: 'a variable (repeatable); = splits at the first one' },
  { flag: 'regex', arg: 'NAME=REGEX', repeat: true, input: 'regexes', help: 'a regex (repeatable); = splits at the first one' },
  { flag: 'mappings-file', arg: 'FILE', help: 'read the mappings from FILE' },
  { flag: 'verbose', bool: true, help: 'print debug detail' },
  { flag: 'help', bool: true, short: 'h', help: 'print this help' },
  { flag: 'version', bool: true, short: 'V', help: 'print the version' },
];

export class UsageError extends Error {}

const SHORT = { h: 'help', V: 'version', m: 'mappings', C: 'directory', n: 'dry-run' };

function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function flagTable() {
  const table = new Map();
  for (const i of INPUTS) table.set(i.name.replace(/_/g, '-'), { ...i, flag: i.name.replace(/_/g, '-'), input: i.name });
  for (const e of EXTRA) table.set(e.flag, { ...e });
  return table;
}

/**
 * Parses argv (without node and the script). Returns { inputs, verbose, help, version }.
 * Flags are spelt with `-` or `_` (`--dry-run`, `--dry_run`); `--flag=value` or `--flag value`;
 * a switch is `--flag`, `--flag=true|false|…` (checked by the engine, as the action's booleans) or
 * `--no-flag`. Throws UsageError naming the bad flag.
 */
export function parseArgs(argv, { readFile } = {}) {
  const table = flagTable();
  const values = new Map(); // flag → string | string[]
  const result = { inputs: {}, verbose: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '--') {
      if (i + 1 < argv.length) throw new UsageError(`unexpected argument: ${argv[i + 1]} (every input is a --flag; see --help)`);
      break;
    }
    if (/^-[A-Za-z]$/.test(arg)) {
      const long = SHORT[arg[1]];
      if (!long) throw new UsageError(`unknown option: ${arg} (see --help)`);
      arg = '--' + long;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(`unexpected argument: ${arg} (every input is a --flag, e.g. --directory ${arg}; see --help)`);
    }
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    name = name.replace(/_/g, '-');
    let spec = table.get(name);
    if (!spec && name.startsWith('no-') && table.get(name.slice(3))?.bool && value === undefined) {
      spec = table.get(name.slice(3));
      value = 'false';
      name = name.slice(3);
    }
    if (!spec) {
      let best = null;
      for (const known of table.keys()) {
        const dist = distance(name, known);
        if (dist <= Math.max(2, Math.floor(name.length / 4)) && (!best || dist < best.dist)) best = { known, dist };
      }
      throw new UsageError(`unknown option: --${name}${best ? ` (did you mean --${best.known}?)` : ''} (see --help)`);
    }
    if (spec.bool) {
      if (value === undefined) value = 'true';
    } else if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value: --${name} ${spec.arg}`);
      value = argv[++i];
    }
    if (spec.repeat) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    } else {
      if (values.has(name)) throw new UsageError(`option --${name} is given more than once`);
      values.set(name, value);
    }
  }

  const bool = (flag) => {
    const v = values.get(flag);
    return v !== undefined && v !== 'false';
  };
  result.help = bool('help');
  result.version = bool('version');
  result.verbose = bool('verbose');

  const multi = { variables: [], regexes: [] };
  for (const [flag, value] of values) {
    const spec = table.get(flag);
    if (!spec.input) continue;
    if (spec.input === 'variables' || spec.input === 'regexes') {
      const list = Array.isArray(value) ? value : [value];
      if (spec.flag === 'var' || spec.flag === 'regex') {
        for (const v of list) {
          if (!v.includes('=')) {
            throw new UsageError(`--${flag} ${v}: expected ${spec.arg} (split at the first =)`);
          }
        }
      }
      multi[spec.input].push(...list);
    } else if (spec.input === 'exclude') {
      result.inputs.exclude = value.join('\n');
    } else {
      result.inputs[spec.input] = value;
    }
  }
  if (values.has('mappings-file')) {
    if (values.has('mappings')) throw new UsageError('give either --mappings or --mappings-file, not both');
    const file = values.get('mappings-file');
    try {
      result.inputs.mappings = readFile(file);
    } catch (e) {
      throw new UsageError(`--mappings-file ${file}: cannot be read (${e.code ?? e.message})`);
    }
  }
  if (multi.variables.length) result.inputs.variables = multi.variables.join('\n');
  if (multi.regexes.length) result.inputs.regexes = multi.regexes.join('\n');
  return result;
}

/** The --help text. */
export function helpText(version) {
  const rows = [];
  const fmt = (flag, arg) => `--${flag}${arg ? ' ' + arg : ''}`;
  const all = [
    ...INPUTS.map((i) => ({ flag: i.name.replace(/_/g, '-'), arg: i.arg, help: i.help })),
    ...EXTRA.map((e) => ({ flag: e.flag, arg: e.arg, help: e.help, short: e.short })),
  ];
  const width = Math.max(...all.map((r) => fmt(r.flag, r.arg).length)) + 2;
  for (const r of all) rows.push(`  ${fmt(r.flag, r.arg).padEnd(width)}${r.help}`);
  return `conditional-regex-replace ${version}

If a variable matches a condition, then in the files a glob selects, replace the spans that
the named groups of a regex capture with variable values.

Usage:
  npx conditional-regex-replace --mappings 'COND {THEN_UPDATE_FILES} GLOB=REGEX' [options]

Example:
  npx conditional-regex-replace \\
    --mappings 'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' \\
    --docker-image-tag 1.2.0-dev \\
    --regex 'docker_image_tag_regex=imageTag: "(?<docker_image_tag>[^"]*)"' \\
    --dry-run

Options (each is also an input of the GitHub Action, spelt with _):
${rows.join('\n')}

Switches take --flag, --flag=true|false or --no-flag. Short forms: -m (--mappings),
-C (--directory), -n (--dry-run), -h, -V. Environment variables are read as by the action
(DOCKER_IMAGE_TAG, *_VAR, *_REGEX, …). Colour: on a terminal unless NO_COLOR is set; FORCE_COLOR
forces it.

Exit codes: 0 done, 1 error (nothing changed), 2 no well-known variable has a value and
--if-well-known-vars-missing-fail, 3 no file changed and --if-no-match-fail.
`;
}
