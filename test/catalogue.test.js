// The bad-input catalogue (issue 7, item 3): every row is one bad input, run through the real
// action entrypoint (dist/index.js spawned as the runner spawns it, test/helpers.js), asserting
//   - the exit code;
//   - an annotation (error, or warning where the SPEC says skip-with-warning) that names the
//     culprit, and the hint where the fix is obvious;
//   - that not one byte, mode or entry of the workspace changed, and no temp file is left
//     (snapshotTree before and after) — or, for the inputs that must simply work (odd file
//     names), exactly the expected change;
//   - for a configuration error: no output and no job summary written either.
// A row with `todo` records a known bug (expected vs actual in the reason); `node --test`
// reports it without failing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  NOBODY,
  nobodySkip,
  cannotMount,
  chownTree,
  fileEntry,
  isRoot,
  makeTree,
  mountTmpfs,
  parseOutputs,
  posix,
  runAction,
  scratchDir,
  seedTree,
  seedWith,
  snapshotTree,
} from './helpers.js';

const R = 'r=imageTag: "(?<docker_image_tag>[^"]*)"';
/** A mapping that always applies regex `r` to the files `glob` selects. */
const always = (glob, over = {}) => ({ mappings: `__always__ {THEN_UPDATE_FILES} ${glob}=r`, regexes: R, docker_image_tag: '2', ...over });
const OLD = 'imageTag: "1"\n';
const NEW = 'imageTag: "2"\n';
const GiB = 1 << 30;

const scratch = scratchDir('catalogue-');
// Peak RSS of the spawned action, written at exit: NODE_OPTIONS=--import=<this module>.
const rssProbe = join(scratch, 'rss-probe.mjs');
writeFileSync(
  rssProbe,
  "import { writeFileSync } from 'node:fs';\n" +
    "process.on('exit', () => writeFileSync(process.env.CRR_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n",
);
const rssEnv = (name) => ({ NODE_OPTIONS: `--import=${pathToFileURL(rssProbe).href}`, CRR_RSS_FILE: join(scratch, name) });
const peakRss = (name) => Number(readFileSync(join(scratch, name), 'utf8'));

const mounts = [];
const sparseTrees = [];
after(() => {
  for (const m of mounts) m.unmount();
  for (const dir of sparseTrees) rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** A 1 GiB sparse file: no disk space, no memory — until someone reads it. */
function sparse(ws, rel, size = GiB) {
  sparseTrees.push(ws);
  const fd = openSync(join(ws, ...rel.split('/')), 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

/**
 * Rows. Fields:
 *   name      what is bad
 *   tree      the workspace (makeTree), default the seed tree
 *   setup     (ws) => ctx, after the tree is made and before the snapshot; may return { skip }
 *   with      the step's `with:` (or (ctx) => it); env: more environment (or (ctx) => it)
 *   user      run as this user (privileges dropped)
 *   code      the exit code
 *   expect    [{ severity, title, has: [regex…] }]: an annotation of that severity whose message
 *             matches every regex (the culprit, the hint); severity 'error' by default
 *   config    a configuration error: nothing output, no job summary
 *   changes   { path: new content }: the only entries allowed to change (same mode)
 *   check     (r, ws, ctx) => more assertions
 *   skip, todo
 */
const CASES = [
  // ── The mappings DSL ──────────────────────────────────────────────────────────────────────
  {
    name: 'DSL: misspelt keyword {THEN_UPDATE_FILE}',
    with: seedWith({ mappings: 'docker_image_tag==.*-dev {THEN_UPDATE_FILE} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ title: /unknown keyword/, has: [/`\{THEN_UPDATE_FILE\}`/, /\^{18}/, /did you mean `\{THEN_UPDATE_FILES\}`\?/] }],
  },
  {
    name: 'DSL: keyword in lower case {or}',
    with: seedWith({ mappings: 'docker_image_tag==.*-dev {or} git_branch {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/unknown keyword `\{or\}`/, /did you mean `\{OR\}`\? keywords are upper-case/] }],
  },
  {
    name: 'DSL: unknown keyword {ELSE}',
    with: seedWith({ mappings: 'docker_image_tag==.*-dev {ELSE} **dev/values.yaml' }),
    code: 1,
    config: true,
    expect: [{ has: [/unknown keyword `\{ELSE\}`/, /the keywords are `\{NEXT_MAPPING\}`, `\{THEN_UPDATE_FILES\}`, `\{OR\}`, `\{AND\}`/, /escape them/] }],
  },
  {
    name: 'DSL: empty condition before {THEN_UPDATE_FILES}',
    with: seedWith({ mappings: 'docker_image_tag {OR} {THEN_UPDATE_FILES} **dev/values.yaml' }),
    code: 1,
    config: true,
    expect: [{ title: /empty condition/, has: [/empty condition/, /a condition is `variable` or `variable==regex`/] }],
  },
  {
    name: 'DSL: empty target after {AND}',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} **dev/values.yaml {AND} ' }),
    code: 1,
    config: true,
    expect: [{ has: [/empty target/, /a target is `glob` or `glob=regex_name&other_regex`/] }],
  },
  {
    name: 'DSL: empty glob before =',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} =docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/empty glob before `=`/, /write the files to update before `=`/] }],
  },
  {
    name: 'DSL: empty regex list after =',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} **dev/values.yaml=' }),
    code: 1,
    config: true,
    expect: [{ has: [/empty regex list after `=`/, /`=\*` for all, or drop the `=`/] }],
  },
  {
    name: 'DSL: empty regex name in a & list',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&&git_branch_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/empty regex name in the list/, /joined with a single `&`/] }],
  },
  {
    name: 'DSL: = instead of == in a condition',
    with: seedWith({ mappings: 'docker_image_tag=1.2.0-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/`docker_image_tag=1\.2\.0-dev` is not a variable name/, /compare with `==`: `docker_image_tag==1\.2\.0-dev`/] }],
  },
  {
    name: 'DSL: empty regex after ==',
    with: seedWith({ mappings: 'docker_image_tag== {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/empty regex after `==`/, /or drop `==`/] }],
  },
  {
    name: 'DSL: {AND} between conditions',
    with: seedWith({ mappings: 'docker_image_tag {AND} git_branch {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ title: /misplaced keyword/, has: [/`\{AND\}` cannot stand between conditions/, /conditions are joined with `\{OR\}`/] }],
  },
  {
    name: 'DSL: {OR} between targets',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} a.yaml {OR} b.yaml' }),
    code: 1,
    config: true,
    expect: [{ has: [/`\{OR\}` cannot stand between targets/, /targets are joined with `\{AND\}`/] }],
  },
  {
    name: 'DSL: a second {THEN_UPDATE_FILES} in one mapping',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} a.yaml {THEN_UPDATE_FILES} b.yaml' }),
    code: 1,
    config: true,
    expect: [{ has: [/`\{THEN_UPDATE_FILES\}` cannot stand between targets/, /start the next mapping with `\{NEXT_MAPPING\}`/] }],
  },
  {
    name: 'DSL: empty mapping between two {NEXT_MAPPING}',
    with: seedWith({ mappings: 'docker_image_tag {NEXT_MAPPING} {NEXT_MAPPING} git_branch' }),
    code: 1,
    config: true,
    expect: [{ title: /empty mapping/, has: [/empty mapping/, /remove the extra one/] }],
  },
  {
    name: 'DSL: trailing {NEXT_MAPPING}',
    with: seedWith({ mappings: 'docker_image_tag {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex {NEXT_MAPPING}' }),
    code: 1,
    config: true,
    expect: [{ has: [/empty mapping/] }],
  },
  {
    name: 'missing mappings input',
    with: seedWith({ mappings: '' }),
    code: 1,
    config: true,
    expect: [{ title: /missing mappings/, has: [/input `mappings` is required/, /e\.g\. `docker_image_tag==\.\*-dev \{THEN_UPDATE_FILES\}/] }],
  },
  {
    name: 'mappings of only whitespace and newlines',
    with: seedWith({ mappings: '  \n\t\n ' }),
    code: 1,
    config: true,
    expect: [{ has: [/`mappings` is required/] }],
  },

  // ── Regexes ───────────────────────────────────────────────────────────────────────────────
  {
    name: 'regex: look-ahead',
    with: seedWith({ docker_image_tag_regex: 'imageTag: (?=")"(?<docker_image_tag>.*)"' }),
    code: 1,
    config: true,
    expect: [{ has: [/regex `docker_image_tag_regex` uses look-around, which is not supported/, /linear time/, /capture only the part to replace in a named group/] }],
  },
  {
    name: 'regex: look-behind',
    with: seedWith({ docker_image_tag_regex: '(?<=imageTag: ")(?<docker_image_tag>[^"]*)' }),
    code: 1,
    config: true,
    expect: [{ has: [/`docker_image_tag_regex` uses look-around/, /→ `tag: \(\?<docker_image_tag>\\S\+\)`/] }],
  },
  {
    name: 'regex: back-reference \\1',
    with: seedWith({ docker_image_tag_regex: '(")(?<docker_image_tag>[^"]*)\\1' }),
    code: 1,
    config: true,
    expect: [{ has: [/`docker_image_tag_regex` uses a back-reference, which is not supported/, /\\1\n\s+\|\s+\^\^/, /spell out the alternatives/] }],
  },
  {
    name: 'regex: named back-reference \\k<…>',
    with: seedWith({ docker_image_tag_regex: '"(?<docker_image_tag>[^"]*)\\k<docker_image_tag>' }),
    code: 1,
    config: true,
    expect: [{ has: [/uses a back-reference \(`\\k<…>`\)/, /spell out the alternatives/] }],
  },
  {
    name: 'regex: huge repetition a{1000}{1000}',
    with: seedWith({ docker_image_tag_regex: 'imageTag: (?<docker_image_tag>a{1000}{1000})' }),
    code: 1,
    config: true,
    expect: [{ title: /too big/, has: [/`docker_image_tag_regex` is too big once compiled/, /lower the repetition counts/] }],
    check: (r) => assert.ok(r.ms < 10_000, `refused quickly, not compiled at length (${r.ms} ms)`),
  },
  {
    name: 'regex: unclosed group',
    with: seedWith({ docker_image_tag_regex: 'imageTag: "(?<docker_image_tag>[^"]*"' }),
    code: 1,
    config: true,
    expect: [{ has: [/invalid regex `docker_image_tag_regex`: unclosed group/, /imageTag: "\(\?<docker_image_tag>\[\^"\]\*"\n\s+\|\s{12}\^/] }],
  },
  {
    name: 'regex: unopened group',
    with: seedWith({ git_branch_regex: 'git_branch: "[^"]*)"' }),
    code: 1,
    config: true,
    expect: [{ has: [/invalid regex `git_branch_regex`: unopened group/, /escape literal characters with `\\`/] }],
  },
  {
    name: 'regex: nested named groups',
    with: seedWith({ docker_image_tag_regex: 'imageTag: "(?<docker_image_tag>a(?<git_branch>b))"' }),
    code: 1,
    config: true,
    expect: [{ title: /nested/, has: [/named group `git_branch` is inside named group `docker_image_tag`/, /make one of them a plain group/] }],
  },
  {
    name: 'regex: a named group that names no variable (did-you-mean)',
    with: seedWith({ git_branch_regex: 'git_branch: "(?<git_brach>.*)"' }),
    code: 1,
    config: true,
    expect: [{ title: /unknown variable/, has: [/group `git_brach` in regex `git_branch_regex` names no known variable/, /did you mean `git_branch`\?/] }],
  },
  {
    name: 'regex: invalid condition regex',
    with: seedWith({ mappings: 'docker_image_tag==(dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/invalid condition regex: unclosed group/, /-->\s*mappings:1:19/] }],
  },
  {
    name: 'regex: look-around in a condition',
    with: seedWith({ mappings: 'docker_image_tag==(?!x).* {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/condition regex uses look-around, which is not supported/] }],
  },
  {
    name: 'regex: broken regex used only by an inactive mapping is still an error',
    with: seedWith({ git_tag_regex: 'tag: (?<git_tag>[', mappings: `${seedWith().mappings} {NEXT_MAPPING} docker_image_tag==never {THEN_UPDATE_FILES} x.yaml=git_tag_regex` }),
    code: 1,
    config: true,
    expect: [{ has: [/invalid regex `git_tag_regex`/] }],
  },

  // ── Unknown names ─────────────────────────────────────────────────────────────────────────
  {
    name: 'unknown variable in a condition (did-you-mean)',
    with: seedWith({ mappings: 'docker_image_tg==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ title: /unknown variable/, has: [/unknown variable `docker_image_tg` in condition/, /did you mean `docker_image_tag`\?/, /registered variables: .*`git_branch`/, /`DOCKER_IMAGE_TG_VAR`/] }],
  },
  {
    name: 'unknown regex name in a target (did-you-mean)',
    with: seedWith({ mappings: 'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_rgex' }),
    code: 1,
    config: true,
    expect: [{ title: /unknown regex/, has: [/unknown regex `docker_image_tag_rgex`/, /did you mean `docker_image_tag_regex`\?/] }],
  },
  {
    name: 'unknown regex name: the list of what is available is spelt "regexes"',
    with: seedWith({ mappings: 'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_rgex' }),
    code: 1,
    config: true,
    expect: [{ has: [/registered regexes: `docker_image_tag_regex`, `git_branch_regex` and `git_tag_regex`/] }],
  },
  {
    name: 'a regex referenced but without a pattern',
    with: seedWith({ mappings: 'docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=git_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/regex `git_tag_regex` is used here but has no pattern/, /set the input `git_tag_regex` \(or the environment variable `GIT_TAG_REGEX`\)/] }],
  },
  {
    name: 'unknown variable in commit_template (did-you-mean)',
    with: seedWith({ commit_template: 'Deploy {{ docker_imag_tag }}' }),
    code: 1,
    config: true,
    expect: [{ title: /template/, has: [/unknown variable `docker_imag_tag` in the commit template/, /did you mean `docker_image_tag`\?/] }],
  },
  {
    name: 'a Blade @if in commit_template',
    with: seedWith({ commit_template: 'Deploy @if($git_branch) from {{ $git_branch }} @endif' }),
    code: 1,
    config: true,
    expect: [{ title: /template/, has: [/Blade directive `@if` is not supported/, /write `\{% if name %\}`/] }],
  },

  // ── Globs ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'glob: unclosed [',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} env[ironments/**/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ title: /invalid glob/, has: [/unclosed character class `\[`/, /escape a literal bracket as `\\\[`/] }],
  },
  {
    name: 'glob: unclosed {',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} environments/{dev,prod/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/unclosed alternatives `\{`/, /close it with `\}` \(`\{dev,prod\}`\)/] }],
  },
  {
    name: 'glob: .. leaves the directory',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} ../environments/dev/values.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/glob `\.\.\/environments\/dev\/values\.yaml` leaves the directory with `\.\.`/, /set `directory` to the tree you want/] }],
  },
  {
    name: 'glob: .. in the middle',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} environments/../../x.yaml=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/leaves the directory with `\.\.`/] }],
  },
  {
    name: 'glob: absolute path',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} /etc/passwd=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/glob `\/etc\/passwd` is an absolute path/, /drop the leading `\/`/] }],
  },
  {
    name: 'glob: Windows drive letter C:/',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} C:/Windows/win.ini=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/glob `C:\/Windows\/win\.ini` is an absolute path/, /or drive letter/] }],
  },
  {
    name: 'glob: Windows drive letter with backslashes C:\\',
    with: seedWith({ mappings: '__always__ {THEN_UPDATE_FILES} C:\\Windows\\win.ini=docker_image_tag_regex' }),
    code: 1,
    config: true,
    expect: [{ has: [/glob `C:\\Windows\\win\.ini` is an absolute path/] }],
  },
  {
    name: 'exclude: a .. glob',
    with: seedWith({ exclude: 'environments/prod/**\n../outside/**' }),
    code: 1,
    config: true,
    expect: [{ has: [/glob `\.\.\/outside\/\*\*` leaves the directory/, /input exclude:2:1/] }],
  },

  // ── Inputs ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'a bad boolean',
    with: seedWith({ dry_run: 'maybe' }),
    code: 1,
    config: true,
    expect: [{ title: /invalid boolean/, has: [/input `dry_run` must be a boolean, not `maybe`/, /use `true` or `false` \(also accepted: `1`\/`0`, `yes`\/`no`\)/] }],
  },
  {
    name: 'a bad boolean in a hyphenated spelling',
    with: seedWith({ 'if-no-match-fail': 'ja' }),
    code: 1,
    config: true,
    expect: [{ has: [/`if_no_match_fail` must be a boolean, not `ja`/] }],
  },
  {
    name: 'a bad max_file_size unit',
    with: seedWith({ max_file_size: '3 parsecs' }),
    code: 1,
    config: true,
    expect: [{ title: /invalid size/, has: [/input `max_file_size` must be a size in bytes, not `3 parsecs`/, /`64MiB`/] }],
  },
  {
    name: 'a negative max_file_size',
    with: seedWith({ max_file_size: '-1' }),
    code: 1,
    config: true,
    expect: [{ has: [/`max_file_size` must be a size in bytes, not `-1`/] }],
  },
  {
    name: 'an unknown input name (did-you-mean)',
    with: seedWith({ dryrun: 'true' }),
    code: 1,
    config: true,
    expect: [{ title: /unknown input/, has: [/unknown input `dryrun`/, /did you mean `dry_run`\?/] }],
  },
  {
    name: 'both spellings of an input, different values',
    with: seedWith({ max_file_size: '1000', 'max-file-size': '2000' }),
    code: 1,
    config: true,
    expect: [{ title: /conflicting/, has: [/inputs `max-file-size` and `max_file_size` are the same input with different values/, /set only one spelling of `max_file_size`/] }],
  },
  {
    name: 'a variables line without =',
    with: seedWith({ variables: 'region=eu\nnot a line' }),
    code: 1,
    config: true,
    expect: [{ has: [/line in `variables` has no `=`/, /input variables:2:1/, /one `name=value` per line/] }],
  },
  {
    name: 'a bad name in register_custom_variables',
    with: seedWith({ register_custom_variables: 'customer,bad-name' }),
    code: 1,
    config: true,
    expect: [{ has: [/`bad-name` in `register_custom_variables` is not a variable name/] }],
  },
  {
    name: 'push_retries out of range',
    with: seedWith({ push_retries: '1000' }),
    code: 1,
    config: true,
    expect: [{ has: [/input `push_retries` must be a whole number from 0 to 100, not `1000`/] }],
  },
  {
    name: 'updated_file_suffix with a path separator',
    with: seedWith({ updated_file_suffix: '/../../pwned' }),
    code: 1,
    expect: [{ has: [/updated_file_suffix: "\/\.\.\/\.\.\/pwned" must not contain a path separator/] }],
    check: (r) => assert.equal(r.outputText, ''),
  },

  // ── Values ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'a newline in a value (from the environment)',
    with: seedWith(),
    env: { NOTE_VAR: 'line1\nline2' },
    code: 1,
    config: true,
    expect: [{ has: [/the value of variable `note` contains a line break/, /env NOTE_VAR/, /set `allow_multiline_values: true`/] }],
  },
  {
    name: 'a newline in a well-known input',
    with: seedWith({ docker_image_tag: '1.2.0-dev\nreplicas: 0' }),
    code: 1,
    config: true,
    expect: [{ has: [/the value of variable `docker_image_tag` contains a line break/, /input docker_image_tag/] }],
  },
  {
    name: 'a control character (BEL) in a value',
    with: seedWith({ variables: 'note=a\u0007b' }),
    code: 1,
    config: true,
    expect: [{ has: [/the value of variable `note` contains the control character U\+0007/, /allow_multiline_values/] }],
  },
  {
    name: 'newlines and a fake heredoc delimiter in a value, allowed: outputs still parse',
    with: seedWith({ allow_multiline_values: 'true' }),
    env: { NOTE_VAR: 'line1\nghadelimiter_00000000-0000-4000-8000-000000000000\nchanged<<EOF\nfalse\nEOF' },
    code: 0,
    expect: [],
    changes: { 'environments/dev/values.yaml': 'image:\n  imageTag: "1.2.0-dev"\ngit_branch: "feature/login"\nreplicas: 1\n' },
    check: (r) => {
      const outputs = parseOutputs(r.outputText); // strict: every byte accounted for
      assert.equal(outputs.note, 'line1\nghadelimiter_00000000-0000-4000-8000-000000000000\nchanged<<EOF\nfalse\nEOF');
      assert.equal(outputs.changed, 'true', 'the value could not inject an output');
      assert.equal(outputs.total_modified_files, '1');
    },
  },

  // ── directory ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'directory: missing',
    with: seedWith({ directory: 'environments/staging' }),
    code: 1,
    expect: [{ title: /Directory not found/, has: [/input directory: .*environments\/staging does not exist \(ENOENT\)/] }],
    check: (r) => assert.equal(r.outputText, ''),
  },
  {
    name: 'directory: a file',
    with: seedWith({ directory: 'Chart.yaml' }),
    code: 1,
    expect: [{ title: /Not a directory/, has: [/input directory: .*Chart\.yaml is not a directory/] }],
    check: (r) => assert.equal(r.outputText, ''),
  },
  {
    // SPEC §4: "any existing directory is allowed" — outside the workspace too. The workspace is
    // untouched; the directory named is the one worked on.
    name: 'directory: an existing directory outside the workspace is allowed',
    setup: () => ({ other: makeTree(seedTree()) }),
    with: ({ other }) => seedWith({ directory: other }),
    code: 0,
    expect: [],
    check: (r, ws, { other }) => {
      assert.equal(r.outputs.modified_files, '["environments/dev/values.yaml"]');
      assert.match(readFileSync(join(other, 'environments/dev/values.yaml'), 'utf8'), /imageTag: "1\.2\.0-dev"/);
    },
  },

  // ── Files ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'a file with mode 000: skipped (no write bit), even for root',
    skip: !posix,
    tree: { 'locked/values.yaml': { content: OLD, mode: 0o000 }, 'ok/values.yaml': OLD },
    with: always('**/values.yaml'),
    code: 0,
    expect: [{ severity: 'warning', title: /File skipped/, has: [/locked\/values\.yaml: skipped, read-only: the file has no write bit at all/] }],
    changes: { 'ok/values.yaml': NEW },
  },
  {
    // A write-only file: it has a write bit, so only reading it fails. Root reads anything, so a
    // root test process runs the action as nobody.
    name: 'an unreadable (write-only) file: skipped with a warning',
    skip: !posix || nobodySkip,
    tree: { 'secret/values.yaml': { content: OLD, mode: 0o200 }, 'ok/values.yaml': OLD },
    setup: (ws) => {
      if (isRoot) chownTree(ws, NOBODY);
    },
    user: isRoot ? NOBODY : undefined,
    with: always('**/values.yaml'),
    code: 0,
    expect: [{ severity: 'warning', has: [/secret\/values\.yaml: skipped, cannot be read \(EACCES\)/] }],
    changes: { 'ok/values.yaml': NEW },
  },
  {
    name: 'a directory that cannot be listed: an error naming it, nothing changed',
    skip: !posix || nobodySkip,
    tree: { 'locked/values.yaml': OLD, 'ok/values.yaml': OLD },
    setup: (ws) => {
      if (isRoot) chownTree(ws, NOBODY);
      chmodSync(join(ws, 'locked'), 0o000);
    },
    user: isRoot ? NOBODY : undefined,
    with: always('**/values.yaml'),
    code: 1,
    expect: [{ has: [/cannot list the directory locked\/ below .* \(EACCES\)/] }],
  },
  {
    name: 'a read-only target file (0444): skipped with a warning, untouched',
    skip: !posix,
    tree: { 'ro/values.yaml': { content: OLD, mode: 0o444 }, 'ok/values.yaml': OLD },
    with: always('**/values.yaml'),
    code: 0,
    expect: [{ severity: 'warning', has: [/ro\/values\.yaml: skipped, read-only/] }],
    changes: { 'ok/values.yaml': NEW },
  },
  {
    name: 'a target that is a directory: never selected, the glob warns',
    tree: { 'app/values.yaml/inner.txt': OLD },
    with: always('app/values.yaml'),
    code: 0,
    expect: [{ severity: 'warning', title: /Glob selects no file/, has: [/glob app\/values\.yaml \(mapping 1\) selects no file/] }],
  },
  {
    name: 'a target that is a FIFO: skipped without being opened (no hang)',
    skip: !posix,
    tree: { 'ok/values.yaml': OLD },
    setup: (ws) => execFileSync('mkfifo', [join(ws, 'ok', 'pipe.yaml')]),
    with: always('ok/*.yaml'),
    code: 0,
    expect: [{ severity: 'warning', has: [/ok\/pipe\.yaml: skipped, not a regular file/] }],
    changes: { 'ok/values.yaml': NEW },
  },
  {
    name: 'non-UTF-8 content: skipped with a warning',
    tree: { 'latin1/values.yaml': Buffer.from('imageTag: "caf\xe9"\n', 'latin1'), 'ok/values.yaml': OLD },
    with: always('**/values.yaml'),
    code: 0,
    expect: [{ severity: 'warning', has: [/`latin1\/values\.yaml` skipped: it is not valid UTF-8 \(at byte 14\)/] }],
    changes: { 'ok/values.yaml': NEW },
  },
  {
    name: 'a NUL byte: skipped as binary',
    tree: { 'bin/values.yaml': Buffer.from('imageTag: "1"\n\0\x01'), 'ok/values.yaml': OLD },
    with: always('**/values.yaml'),
    code: 0,
    expect: [{ severity: 'warning', has: [/`bin\/values\.yaml` skipped: it contains a NUL byte/] }],
    changes: { 'ok/values.yaml': NEW },
  },
  {
    name: 'a 0-byte file: selected, nothing to replace (exit 3 with if_no_match_fail)',
    tree: { 'empty/values.yaml': '' },
    with: always('**/values.yaml', { if_no_match_fail: 'true' }),
    code: 3,
    expect: [{ title: /No file changed/, has: [/no file was changed, and if_no_match_fail is true/] }],
    check: (r) => {
      assert.match(r.stdout, /^ {2}empty\/values\.yaml$/m, 'selected');
      assert.equal(r.outputs.total_modified_files, '0');
    },
  },
  {
    name: 'a 1 GiB sparse file over max_file_size: skipped from its size, never read',
    skip: process.platform !== 'linux',
    tree: { 'ok/values.yaml': OLD, 'big/values.yaml': '' },
    setup: (ws) => sparse(ws, 'big/values.yaml'),
    with: always('**/values.yaml'),
    env: rssEnv('rss-default'),
    code: 0,
    expect: [{ severity: 'warning', has: [/big\/values\.yaml: skipped, larger than max_file_size \(1073741824 bytes > 67108864 bytes\)/] }],
    changes: { 'ok/values.yaml': NEW },
    check: (r) => {
      assert.ok(r.ms < 5000, `quick: ${r.ms} ms`);
      const rss = peakRss('rss-default');
      assert.ok(rss > 0 && rss < 200 * 1024 * 1024, `peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB: the file was not read`);
    },
  },
  {
    // With max_file_size raised above it, the file is a candidate: it is read (once) and then
    // skipped as binary (a sparse file is NUL bytes). Sensible: at most one copy of it in memory
    // at a time — peak RSS under 1.5× its size.
    name: 'a 1 GiB sparse file under a raised max_file_size: skipped as binary, never held twice',
    skip: process.platform !== 'linux',
    tree: { 'ok/values.yaml': OLD, 'big/values.yaml': '' },
    setup: (ws) => sparse(ws, 'big/values.yaml'),
    with: always('**/values.yaml', { max_file_size: '2GiB' }),
    env: rssEnv('rss-raised'),
    code: 0,
    expect: [{ severity: 'warning', has: [/`big\/values\.yaml` skipped: it contains a NUL byte \(at byte 0\)/] }],
    changes: { 'ok/values.yaml': NEW },
    check: () => {
      const rss = peakRss('rss-raised');
      assert.ok(rss < 1.5 * GiB, `peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB: the 1 GiB file was held twice`);
    },
  },
  {
    name: 'file names with spaces, quotes, $(…), a leading dash, backslashes, tabs, newlines, non-ASCII: they work',
    skip: !posix,
    tree: {
      'with space/values.yaml': OLD,
      'quote"s/it\'s.yaml': OLD,
      '$(touch pwned)/`id`.yaml': OLD,
      '-rf/--help.yaml': OLD,
      'back\\slash/a\\b.yaml': OLD,
      'tab\there/values.yaml': OLD,
      'new\nline/values.yaml': OLD,
      'ünïcødé/värdén-値-🚀.yaml': OLD,
      'glob*chars?[x]{a,b}/values.yaml': OLD,
    },
    with: always('**/*.yaml'),
    code: 0,
    expect: [],
    changes: {
      'with space/values.yaml': NEW,
      'quote"s/it\'s.yaml': NEW,
      '$(touch pwned)/`id`.yaml': NEW,
      '-rf/--help.yaml': NEW,
      'back\\slash/a\\b.yaml': NEW,
      'tab\there/values.yaml': NEW,
      'new\nline/values.yaml': NEW,
      'ünïcødé/värdén-値-🚀.yaml': NEW,
      'glob*chars?[x]{a,b}/values.yaml': NEW,
    },
    check: (r, ws) => {
      assert.equal(r.outputs.total_modified_files, '9');
      assert.ok(JSON.parse(r.outputs.modified_files).includes('new\nline/values.yaml'));
      assert.ok(!existsSync(join(ws, 'pwned')), 'no shell ran the name');
    },
  },
  {
    // (Was a bug while globs were regexes: `**` became `.*`, which stops at `\n`.)
    name: 'a file name with a newline, selected by a bare **',
    skip: !posix,
    tree: { 'new\nline/values.yaml': OLD, 'plain/values.yaml': OLD },
    with: always('**'),
    code: 0,
    expect: [],
    changes: { 'new\nline/values.yaml': NEW, 'plain/values.yaml': NEW },
  },
  {
    // The temp file beside it is `.<name>.crr-<pid>-<token>.tmp`: without cutting <name>, a
    // 250-byte name made it longer than NAME_MAX (ENAMETOOLONG, "Write failed").
    name: 'a 250-byte file name: the atomic write still works',
    tree: { [`${'v'.repeat(245)}.yaml`]: OLD },
    with: always('*.yaml'),
    code: 0,
    expect: [],
    changes: { [`${'v'.repeat(245)}.yaml`]: NEW },
  },

  // ── GITHUB_OUTPUT ─────────────────────────────────────────────────────────────────────────
  {
    // dry_run: the outputs are still written, nothing else is (the real run is the next row).
    name: 'GITHUB_OUTPUT is a directory',
    setup: () => ({ out: mkdtempSync(join(scratch, 'output-dir-')) }),
    with: seedWith({ dry_run: 'true' }),
    env: ({ out }) => ({ GITHUB_OUTPUT: out }),
    code: 1,
    expect: [{ has: [/EISDIR/, /output-dir-/] }],
  },
  {
    name: 'GITHUB_OUTPUT names a missing file',
    with: seedWith({ dry_run: 'true' }),
    env: { GITHUB_OUTPUT: join(scratch, 'missing', 'output') },
    code: 1,
    expect: [{ has: [/GITHUB_OUTPUT names a missing file: .*missing\/output/] }],
  },
  {
    name: 'GITHUB_OUTPUT on a read-only file system',
    skip: cannotMount(),
    setup: () => {
      const m = mountTmpfs('size=64k');
      mounts.push(m);
      writeFileSync(join(m.dir, 'output'), '');
      m.remount('ro');
      return { out: join(m.dir, 'output') };
    },
    with: seedWith({ dry_run: 'true' }),
    env: ({ out }) => ({ GITHUB_OUTPUT: out }),
    code: 1,
    expect: [{ has: [/EROFS/, /crr-mnt-.*\/output/] }],
  },
  {
    name: 'GITHUB_OUTPUT not writable: found before any file is written, a clear error',
    setup: () => ({ out: mkdtempSync(join(scratch, 'output-dir-')) }),
    with: seedWith(),
    env: ({ out }) => ({ GITHUB_OUTPUT: out }),
    code: 1,
    expect: [{ title: /^(?!Unexpected error)/, has: [/GITHUB_OUTPUT/, /^(?![\s\S]*\n\s+at )/] }],
  },
];

function describe(r) {
  const annotations = r.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command));
  return (
    `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n` +
    annotations.map((a) => `[${a.command}] ${a.properties.title ?? ''}: ${a.message}`).join('\n') +
    (r.stderr ? `\nstderr: ${r.stderr}` : '')
  );
}

test('the catalogue has at least 40 bad inputs', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} rows`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length, 'names are unique');
});

CASES.forEach((c, i) => {
  test(`catalogue ${String(i + 1).padStart(2, '0')}: ${c.name}`, { skip: c.skip || false, todo: c.todo }, () => {
    const ws = makeTree(c.tree ?? seedTree());
    const ctx = c.setup?.(ws) ?? {};
    const before = snapshotTree(ws);
    const started = Date.now();
    const r = runAction({
      workspace: ws,
      with: typeof c.with === 'function' ? c.with(ctx) : c.with,
      env: typeof c.env === 'function' ? c.env(ctx) : (c.env ?? {}),
      user: c.user,
    });
    r.ms = Date.now() - started;
    const text = describe(r);

    assert.equal(r.code, c.code, text);
    for (const want of c.expect) {
      const severity = want.severity ?? 'error';
      const found = r.commands.some(
        (a) =>
          a.command === severity &&
          (!want.title || want.title.test(a.properties.title ?? '')) &&
          want.has.every((re) => re.test(a.message)),
      );
      assert.ok(found, `no ${severity} matching ${want.has.join(' & ')}${want.title ? ` titled ${want.title}` : ''}:\n${text}`);
    }
    if (c.code === 0 && c.expect.length === 0) {
      assert.deepEqual(r.commands.filter((a) => a.command === 'error' || a.command === 'warning'), [], text);
    }

    // Not one byte changed (or exactly the expected change), no temp file left.
    const expected = { ...before };
    for (const [path, content] of Object.entries(c.changes ?? {})) {
      const mode = Number.parseInt(before[path].split(' ')[1], 8);
      expected[path] = fileEntry(content, mode);
    }
    assert.deepEqual(snapshotTree(ws), expected, text);
    if (c.changes) assert.equal(r.outputs.total_modified_files, String(Object.keys(c.changes).length), text);

    if (c.config) {
      assert.equal(r.outputText, '', 'a configuration error sets no output');
      assert.equal(r.summary, '', 'a configuration error writes no job summary');
    }
    c.check?.(r, ws, ctx);
  });
});
