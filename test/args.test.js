import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseArgs, helpText, INPUTS, UsageError } from '../js/args.js';

const actionYml = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8'));

test('every input of action.yml has a CLI flag, and every flag an input', () => {
  const declared = Object.keys(actionYml.inputs).filter((n) => !n.includes('-'));
  assert.deepEqual(INPUTS.map((i) => i.name).sort(), declared.sort());
  const help = helpText('1.2.3');
  for (const name of declared) assert.ok(help.includes(`--${name.replace(/_/g, '-')}`), `--help lists ${name}`);
});

test('flags map to the same inputs object as the action', () => {
  const { inputs } = parseArgs([
    '--mappings', 'a==b {THEN_UPDATE_FILES} x=y',
    '--var', 'docker_image_tag=1.0=x',
    '--var=git_branch=main',
    '--regex', 'y=imageTag: (?<a>.*)',
    '--directory', 'dir',
    '--exclude', 'a/**',
    '--exclude=b/**',
    '--dry-run',
    '--dump=false',
    '--skip_regexes_autodetect',
    '--no-if-no-match-fail',
    '--max-file-size', '1MiB',
    '--git-tag', '--looks-like-a-flag',
  ]);
  assert.deepEqual(inputs, {
    mappings: 'a==b {THEN_UPDATE_FILES} x=y',
    variables: 'docker_image_tag=1.0=x\ngit_branch=main',
    regexes: 'y=imageTag: (?<a>.*)',
    directory: 'dir',
    exclude: 'a/**\nb/**',
    dry_run: 'true',
    dump: 'false',
    skip_regexes_autodetect: 'true',
    if_no_match_fail: 'false',
    max_file_size: '1MiB',
    git_tag: '--looks-like-a-flag',
  });
});

test('--variables and --var add up; short flags', () => {
  const { inputs, help } = parseArgs(['--variables', 'a=1\nb=2', '--var', 'c=3', '-m', 'x', '-C', 'd', '-n', '-h']);
  assert.equal(inputs.variables, 'a=1\nb=2\nc=3');
  assert.equal(inputs.mappings, 'x');
  assert.equal(inputs.directory, 'd');
  assert.equal(inputs.dry_run, 'true');
  assert.equal(help, true);
});

test('--mappings-file reads the mappings', () => {
  const { inputs } = parseArgs(['--mappings-file', 'm.txt'], { readFile: (f) => `from ${f}` });
  assert.equal(inputs.mappings, 'from m.txt');
  assert.throws(
    () => parseArgs(['--mappings-file', 'm.txt'], { readFile: () => { throw Object.assign(new Error('x'), { code: 'ENOENT' }); } }),
    /--mappings-file m.txt: cannot be read \(ENOENT\)/,
  );
});

test('bad command lines are usage errors naming the flag', () => {
  const cases = [
    [['--dry-rn'], /unknown option: --dry-rn \(did you mean --dry-run\?\)/],
    [['--frobnicate'], /unknown option: --frobnicate \(see --help\)/],
    [['--directory'], /option --directory needs a value/],
    [['--var', 'novalue'], /--var novalue: expected NAME=VALUE/],
    [['--directory', 'a', '--directory', 'b'], /--directory is given more than once/],
    [['values.yaml'], /unexpected argument: values.yaml/],
    [['-x'], /unknown option: -x/],
    [['--mappings', 'a', '--mappings-file', 'b'], /either --mappings or --mappings-file/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseArgs(argv, { readFile: () => '' }), (e) => e instanceof UsageError && message.test(e.message), argv.join(' '));
  }
});
