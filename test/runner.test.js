import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, EOL } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  escapeData,
  escapeProperty,
  formatCommand,
  formatKeyValue,
  getInputs,
  fitSummary,
  appendSummary,
  setOutput,
  SUMMARY_LIMIT,
} from '../js/runner.js';
import { scratchDir } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

function runSequence(which, { withOutputFile = true } = {}) {
  const dir = scratchDir('protocol-');
  const output = join(dir, 'output');
  writeFileSync(output, '');
  const env = { PATH: process.env.PATH };
  for (const k of ['SYSTEMROOT', 'SystemRoot', 'TEMP', 'TMP']) if (process.env[k] !== undefined) env[k] = process.env[k];
  if (withOutputFile) env.GITHUB_OUTPUT = output;
  const stdout = execFileSync(process.execPath, [join(here, 'fixtures', 'protocol.mjs'), which], { env });
  return { stdout, output: readFileSync(output) };
}

const normaliseDelimiters = (buf) =>
  buf.toString('utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_UUID');

test('stdout commands are byte for byte those of @actions/core', () => {
  const ours = runSequence('ours');
  const theirs = runSequence('toolkit');
  assert.equal(ours.stdout.toString('hex'), theirs.stdout.toString('hex'));
  assert.ok(ours.stdout.length > 200);
});

test('GITHUB_OUTPUT is byte for byte that of @actions/core (delimiters aside)', () => {
  const ours = runSequence('ours');
  const theirs = runSequence('toolkit');
  assert.equal(normaliseDelimiters(ours.output), normaliseDelimiters(theirs.output));
  assert.match(ours.output.toString(), /^modified_files<<ghadelimiter_[0-9a-f-]{36}\n\["a","b"\]\nghadelimiter_/);
  // A fresh delimiter for each output.
  const delimiters = ours.output.toString().match(/ghadelimiter_[0-9a-f-]{36}/g);
  assert.equal(delimiters.length, 8);
  assert.equal(new Set(delimiters).size, 4);
});

test('without GITHUB_OUTPUT, outputs fall back to ::set-output exactly like the toolkit', () => {
  const ours = runSequence('ours', { withOutputFile: false });
  const theirs = runSequence('toolkit', { withOutputFile: false });
  assert.equal(ours.stdout.toString(), theirs.stdout.toString());
  assert.match(ours.stdout.toString(), /::set-output name=multi::l1%0Al2%0D%0Al3/);
});

test('escaping follows the documented rules', () => {
  assert.equal(escapeData('100%\r\n:,'), '100%25%0D%0A:,');
  assert.equal(escapeProperty('100%\r\n:,'), '100%25%0D%0A%3A%2C');
  assert.equal(escapeData('%0A'), '%250A'); // a literal %0A is not a newline
  assert.equal(
    formatCommand('error', { title: 'Unknown variable: git_brach', file: '', line: 0 }, 'a\nb'),
    '::error title=Unknown variable%3A git_brach::a%0Ab',
  );
  assert.equal(formatCommand('endgroup', {}, ''), '::endgroup::');
});

test('formatKeyValue refuses a value or a name that contains the delimiter', () => {
  assert.equal(formatKeyValue('a', 'b', 'ghadelimiter_x'), `a<<ghadelimiter_x${EOL}b${EOL}ghadelimiter_x`);
  assert.throws(() => formatKeyValue('a', 'x ghadelimiter_x y', 'ghadelimiter_x'), /contains the delimiter/);
  assert.throws(() => formatKeyValue('aghadelimiter_x', 'b', 'ghadelimiter_x'), /contains the delimiter/);
});

test('setOutput fails clearly when GITHUB_OUTPUT names a missing file', () => {
  assert.throws(() => setOutput('a', 'b', { GITHUB_OUTPUT: join(tmpdir(), 'crr-no-such-dir', 'out') }), /GITHUB_OUTPUT names a missing file/);
});

test('getInputs maps INPUT_ names to lower case, keeps hyphens, drops empty values', () => {
  const inputs = getInputs({
    INPUT_MAPPINGS: 'a',
    'INPUT_SKIP-REGEXES-AUTODETECT': 'true',
    INPUT_DRY_RUN: 'false',
    INPUT_GIT_BRANCH: '',
    INPUTX: 'no',
    PATH: '/bin',
    MY_VAR: 'x',
  });
  assert.deepEqual(inputs, { mappings: 'a', 'skip-regexes-autodetect': 'true', dry_run: 'false' });
});

test('the job summary is cut at a line boundary, with a note, before 1 MiB', () => {
  const line = 'x'.repeat(99) + '\n';
  const big = line.repeat(12000); // 1.2 MB
  const cut = fitSummary(big);
  assert.ok(Buffer.byteLength(cut) < SUMMARY_LIMIT);
  assert.ok(Buffer.byteLength(cut) > SUMMARY_LIMIT - 2048);
  assert.match(cut, /\n> \*\*Summary cut:\*\* \d+ more bytes/);
  const kept = cut.slice(0, cut.indexOf('\n> **Summary cut'));
  assert.ok(kept.split('\n').every((l) => l === '' || l.length === 99), 'no line cut in the middle');
  assert.equal(fitSummary('small\n'), 'small\n');
  // Counting what the file already holds.
  const dir = scratchDir('summary-');
  const file = join(dir, 'summary.md');
  writeFileSync(file, 'y'.repeat(SUMMARY_LIMIT - 1000));
  appendSummary(line.repeat(100), { GITHUB_STEP_SUMMARY: file });
  const size = readFileSync(file).length;
  assert.ok(size < SUMMARY_LIMIT, `summary file is ${size} bytes`);
  assert.match(readFileSync(file, 'utf8'), /Summary cut/);
});

test('the job summary as UTF-8 pieces: appended in order, or cut at a line boundary across pieces', () => {
  const line = 'é'.repeat(49) + '\n'; // 99 bytes
  const pieces = [Buffer.from('# head\n'), Buffer.from(line.repeat(3)), Buffer.from(line), Buffer.from('tail\n')];
  const whole = Buffer.concat(pieces).toString('utf8');
  assert.equal(fitSummary(pieces), pieces, 'fits: returned as it was');
  const dir = scratchDir('summary-');
  const file = join(dir, 'summary.md');
  writeFileSync(file, 'before\n');
  appendSummary(pieces, { GITHUB_STEP_SUMMARY: file });
  assert.equal(readFileSync(file, 'utf8'), 'before\n' + whole);
  // Over the limit: the cut keeps whole lines, whichever piece they came from.
  const big = [Buffer.from('# head\n'), ...Array.from({ length: 30 }, () => Buffer.from(line.repeat(400)))]; // 1.19 MB
  const cut = fitSummary(big);
  assert.equal(typeof cut, 'string');
  assert.ok(Buffer.byteLength(cut) < SUMMARY_LIMIT && Buffer.byteLength(cut) > SUMMARY_LIMIT - 2048);
  const kept = cut.slice(0, cut.indexOf('\n> **Summary cut'));
  assert.ok(kept.startsWith('# head\n'));
  assert.ok(kept.split('\n').slice(1).every((l) => l === '' || l === line.slice(0, -1)), 'no line cut in the middle');
  const left = Buffer.concat(big).length - Buffer.byteLength(kept);
  assert.ok(cut.endsWith(`\n> **Summary cut:** ${left} more bytes would exceed GitHub's 1 MiB limit for a job summary; the step log has every line.\n`), 'the note counts the bytes left out');
});
