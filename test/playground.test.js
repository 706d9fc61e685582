// The playground (js/playground/ → dist/playground/).
// - Unit tests of its pure parts (YAML emitter, workflow step, URL state, diff), run everywhere.
// - End-to-end tests of the committed dist/playground/ in a real Chromium (/usr/bin/chromium,
//   driven by playwright-core), served on 127.0.0.1. Skipped, with a message, where there is no
//   /usr/bin/chromium (the macOS and Windows CI jobs) and CHROMIUM_PATH names none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { doubleQuoted, entry } from '../js/playground/yaml.js';
import { checkPath, decodeState, encodeState, toInputs, workflowStep } from '../js/playground/state.js';
import { diffLines, fileDiff } from '../js/playground/diff.js';
import { readmeExample } from './helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = join(root, 'dist', 'playground');
const artifacts = join(root, 'test', 'artifacts');
// CHROMIUM_PATH: another Chromium binary, e.g. on a CI image that has it elsewhere.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const ACTION = 'conditional-regex-replace/conditional-regex-replace@v1';

// ---------------------------------------------------------------------------------------------
// The YAML emitter
// ---------------------------------------------------------------------------------------------

/** Parses `key: value` lines under `with:` and returns the value. */
function roundTrip(value) {
  const doc = ['- uses: x', '  with:', ...entry('k', value, 4), ...entry('after', 'end', 4)].join('\n') + '\n';
  const parsed = parse(doc, { strict: true, prettyErrors: false });
  assert.equal(parsed[0].with.after, 'end', doc);
  return { got: parsed[0].with.k, doc };
}

const TRICKY = [
  '', ' ', '  ', 'plain', "it's", "''", '"', '\\', '\\\\"', '#', ' #', 'a #b', 'a: b', ': ', '- x', '? x', '!tag',
  '&anchor', '*alias', '|', '>', '%', '@', '`', '{a: 1}', '[1, 2]', 'null', '~', 'true', 'no', '0x1F', '1e3', '.inf',
  ' leading', 'trailing ', '\ttab', '${{ github.event.client_payload.docker_image_tag }}',
  'imageTag: "(?<docker_image_tag>.*)"', "key: '(?<v>[^']*)' # comment",
  'a\nb', 'a\nb\n', 'a\nb\n\n', 'a\nb\n\n\n', '\n', '\n\n', '\na', '\n\na\n', '  a\nb', '  a\n  b\n', 'a\n  b',
  '\ta\nb', '# c\nd', '---\n...', 'a\n---\nb', ' \na', 'a\n ', 'a\n \n', '\t\n', 'a\n\tb\n', 'x\n\n\ny',
  'a\r\nb', 'a\rb', '\u0000', 'bell\u0007', 'del\u007f', 'nel\u0085x', 'ls\u2028x', 'ps\u2029x', '\ufeffbom',
  'é ü 😀 中文', 'lone \ud800 surrogate', 'lone \udc00 low', 'nbsp\u00a0x', 'zwsp\u200bx',
];

test('yaml: every tricky string comes back exactly', () => {
  for (const s of TRICKY) {
    const { got, doc } = roundTrip(s);
    assert.equal(got, s, `${JSON.stringify(s)} → ${doc}`);
  }
});

test('yaml: 20,000 random strings come back exactly', () => {
  const alphabet = [
    'a', 'b', ' ', ' ', ' ', '\n', '\n', '\t', '#', ':', "'", '"', '\\', '-', '|', '>', '{', '}', '[', ']', '&',
    '*', '!', '%', '@', '`', '?', ',', '$', '\r', '\u0000', '\u0085', '\u2028', 'é', '😀', '\ufeff', '\ud800',
  ];
  let seed = 42;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 20000; i++) {
    let s = '';
    for (let j = rand(14); j > 0; j--) s += alphabet[rand(alphabet.length)];
    const { got, doc } = roundTrip(s);
    assert.equal(got, s, `${JSON.stringify(s)} → ${doc}`);
  }
});

test('yaml: the readable forms', () => {
  assert.deepEqual(entry('k', "it's", 4), ["    k: 'it''s'"]);
  assert.deepEqual(entry('k', 'a\nb\n', 4), ['    k: |', '      a', '      b']);
  assert.deepEqual(entry('k', 'a\nb', 4), ['    k: |-', '      a', '      b']);
  assert.deepEqual(entry('k', 'a\n\n', 4), ['    k: |+', '      a', '']);
  assert.deepEqual(entry('k', '  a\nb\n', 4), ['    k: |2', '        a', '      b']);
  assert.deepEqual(entry('k', 'a\r\nb', 4), ['    k: "a\\r\\nb"']);
  assert.equal(doubleQuoted('\u0085\u2028\u2029\u0001'), '"\\N\\L\\P\\x01"');
});

// ---------------------------------------------------------------------------------------------
// State: inputs, the workflow step, the URL
// ---------------------------------------------------------------------------------------------

function sampleState() {
  return {
    mappings: '  docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&my_regex\n' +
      "{NEXT_MAPPING} customer==a'b\"c\\d #e: f {THEN_UPDATE_FILES} **=*\n",
    variables: [
      { name: 'docker_image_tag', value: '1.4.0-dev' },
      { name: 'customer', value: "it's: #1 \\o/" },
      { name: 'git_tag', value: '' },
    ],
    regexes: [
      { name: 'docker_image_tag_regex', pattern: '  imageTag: "(?<docker_image_tag>[^"#\\\\]*)" # it\'s' },
      { name: 'my_regex', pattern: "customer: '(?<customer>[^']*)'" },
    ],
    files: [{ path: 'a/b.yaml', content: 'customer: \'x\'\r\n' }],
    exclude: '**/prod/**\n',
    payload: false,
  };
}

test('state: inputs for the engine', () => {
  const { inputs, problems, origins } = toInputs(sampleState());
  assert.deepEqual(problems, []);
  assert.deepEqual(inputs, {
    mappings: sampleState().mappings,
    docker_image_tag: '1.4.0-dev',
    git_tag: '',
    variables: "customer=it's: #1 \\o/",
    docker_image_tag_regex: sampleState().regexes[0].pattern,
    regexes: "my_regex=customer: '(?<customer>[^']*)'",
    exclude: '**/prod/**\n',
  });
  assert.deepEqual(origins['input variables'], [null, ['variables', 1]]);
  assert.deepEqual(origins['input docker_image_tag_regex'], ['regexes', 0]);

  const bad = toInputs({ ...sampleState(), variables: [{ name: 'a b', value: '1' }, { name: '', value: 'x' }] });
  assert.deepEqual(bad.problems.map((p) => [p.severity, p.row]), [['error', 0], ['error', 1]]);
});

test('state: the workflow step gives back every string', () => {
  const state = sampleState();
  const text = workflowStep(state);
  const [step] = parse(text, { strict: true });
  assert.equal(step.uses, ACTION);
  assert.equal(step.with.mappings, state.mappings);
  assert.equal(step.with.docker_image_tag, '1.4.0-dev');
  assert.equal(step.with.git_tag, undefined, 'an empty well-known value is left out');
  assert.equal(step.with.variables, "customer=it's: #1 \\o/");
  assert.equal(step.with.docker_image_tag_regex, state.regexes[0].pattern);
  assert.equal(step.with.regexes, state.regexes.slice(1).map((r) => `${r.name}=${r.pattern}`).join('\n'));
  assert.equal(step.with.exclude, state.exclude);
  assert.equal(step.env, undefined);

  const payload = parse(workflowStep({ ...state, payload: true }), { strict: true })[0];
  assert.equal(payload.with.docker_image_tag, '${{ github.event.client_payload.docker_image_tag }}');
  assert.equal(payload.with.git_tag, '${{ github.event.client_payload.git_tag }}');
  assert.equal(payload.with.variables, undefined);
  assert.deepEqual(payload.env, { CUSTOMER_VAR: '${{ github.event.client_payload.customer }}' });
});

test('state: the URL hash round-trips', async () => {
  const state = sampleState();
  const hash = await encodeState(state);
  assert.match(hash, /^v1\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeState(`#${hash}`), state);
  await assert.rejects(decodeState('#v1.@@@'), /damaged/);
  await assert.rejects(decodeState('#v1.AAAA'), /damaged/);
  await assert.rejects(decodeState('#v9.x'), /not a playground link/);
});

test('state: paths of files', () => {
  assert.deepEqual(checkPath(' ./a\\b.yaml ', []), { path: 'a/b.yaml' });
  assert.deepEqual(checkPath('/x//y', []), { path: 'x/y' });
  assert.match(checkPath('../x', []).error, /\.\./);
  assert.match(checkPath('a', ['a']).error, /already/);
  assert.match(checkPath('a', ['a/b']).error, /directory/);
  assert.match(checkPath('a/b', ['a']).error, /not a directory/);
  assert.match(checkPath('', []).error, /needs a path/);
  assert.match(checkPath('.git/config', []).error, /\.git/);
});

// ---------------------------------------------------------------------------------------------
// Diffs
// ---------------------------------------------------------------------------------------------

const marked = (line, open, close) => {
  let t = line.text;
  for (const [a, b] of [...line.marks].reverse()) t = t.slice(0, a) + open + t.slice(a, b) + close + t.slice(b);
  return t;
};

test('diff: replaced and written spans, over several applications', () => {
  const original = 'x\nv=1 v=2\nkeep\n';
  // r1 replaces both numbers, then r2 (applied to r1's result) replaces the first `v`.
  const edits = [
    { regex: 'r1', variable: 'n', line: 2, column: 3, old: '1', new: '10' },
    { regex: 'r1', variable: 'n', line: 2, column: 7, old: '2', new: '10' },
    { regex: 'r2', variable: 'k', line: 2, column: 1, old: 'v', new: 'key' },
  ];
  const d = fileDiff(original, edits);
  assert.equal(d.text, 'x\nkey=10 v=10\nkeep\n');
  assert.ok(d.exact);
  const lines = d.hunks.flatMap((h) => h.lines);
  assert.deepEqual(lines.map((l) => [l.op, l.oldNo, l.newNo, marked(l, '[', ']')]), [
    [' ', 1, 1, 'x'],
    ['-', 2, null, '[v]=[1] v=[2]'],
    ['+', null, 2, '[key]=[10] v=[10]'],
    [' ', 3, 3, 'keep'],
  ]);
  assert.deepEqual(diffLines(['a', 'b', 'c'], ['a', 'c', 'd']).map((o) => o.op).join(''), ' - +');
});

test('diff: a span across lines, CRLF and astral characters', () => {
  const d = fileDiff('😀 t="a\r\nb"\r\nz\r\n', [{ regex: 'r', variable: 'v', line: 1, column: 7, old: 'a\r\nb', new: 'é😀' }]);
  assert.equal(d.text, '😀 t="é😀"\r\nz\r\n');
  const lines = d.hunks.flatMap((h) => h.lines);
  assert.deepEqual(lines.map((l) => [l.op, marked(l, '[', ']')]), [
    ['-', '😀 t="[a]'],
    ['-', '[b]"'],
    ['+', '😀 t="[é😀]"'],
    [' ', 'z'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// In Chromium
// ---------------------------------------------------------------------------------------------

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !MIME[extname(file)]) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)], 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

test('playground in Chromium', { timeout: 180_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} is missing: the browser tests of the playground need Chromium (apt-get install chromium, or set CHROMIUM_PATH)`);
    return;
  }
  for (const f of ['index.html', 'app.js', 'style.css', 'conditional_regex_replace_bg.wasm']) {
    assert.ok(existsSync(join(site, f)), `dist/playground/${f} is missing: run npm run build`);
  }
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.after(async () => {
    await browser.close();
    server.close();
  });

  /** A fresh page (own context) on `address`, ready, with its requests and errors recorded. */
  async function open(address = url, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(address);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 20_000 });
    await idle(page);
    return { page, context, requests, errors };
  }
  const idle = (page) => page.evaluate(() => window.playground.idle());
  const summary = (page) => page.textContent('#summary');
  const changed = (page) => page.$$eval('#changes article.file-diff', (a) => a.map((x) => x.dataset.path));

  await t.test('the example: the dev file changes, prod is untouched', async () => {
    const { page, context, errors } = await open();
    assert.match(await summary(page), /1 of 2 mappings active; 1 file would change \(2 replacements\): environments\/dev\/values\.yaml\./);
    assert.deepEqual(await changed(page), ['environments/dev/values.yaml']);
    const diff = page.locator('article.file-diff[data-path="environments/dev/values.yaml"]');
    assert.deepEqual(await diff.locator('del').allTextContents(), ['1.3.2-dev', 'feature/faster-login']);
    assert.deepEqual(await diff.locator('ins').allTextContents(), ['1.4.0-dev', 'main']);
    assert.deepEqual(
      await diff.locator('tr.add td.text').allTextContents(),
      ['  imageTag: "1.4.0-dev"', 'git_branch: "main"'],
    );
    // Each condition: variable, value, regex, result.
    const conds = await page.$$eval('table.conds tbody tr', (rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(conds, ['docker_image_tag 1.4.0-dev .*-dev ✓ matches', 'docker_image_tag 1.4.0-dev .*-prod ✗ no match']);
    // The files each glob selects (mapping 2's, though it is not active).
    const selected = await page.$$eval('ul.targets ul.selected', (l) => l.map((u) => u.innerText.trim()));
    assert.deepEqual(selected, ['environments/dev/values.yaml', 'environments/prod/values.yaml']);
    assert.equal(await page.textContent('#problems'), 'No errors, warnings or notices.');
    // The page's example is the README's: its workflow step is the README's promote step, as a
    // dispatch of 1.4.0-dev from main fills it.
    const [step] = parse(await page.textContent('#step'), { strict: true });
    assert.deepEqual(step.with, readmeExample({ docker_image_tag: '1.4.0-dev', git_branch: 'main' }));
    mkdirSync(artifacts, { recursive: true });
    if (!existsSync(join(artifacts, '.gitignore'))) writeFileSync(join(artifacts, '.gitignore'), '*\n');
    await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  await t.test('typing a -prod tag flips it, each update under 50 ms', async () => {
    const { page, context } = await open();
    const tag = page.getByLabel('Value of docker_image_tag');
    await tag.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1.4.0-prod', { delay: 15 });
    await idle(page);
    assert.deepEqual(await changed(page), ['environments/prod/values.yaml']);
    assert.match(await summary(page), /environments\/prod\/values\.yaml\.$/);
    const diff = page.locator('article.file-diff[data-path="environments/prod/values.yaml"]');
    assert.deepEqual(await diff.locator('ins').allTextContents(), ['1.4.0-prod', 'main']);
    assert.deepEqual(await diff.locator('del').allTextContents(), ['1.3.1-prod', 'release']);
    // Updates as one types (the first, at load, also warms the engine up).
    for (let i = 0; i < 10; i++) {
      await tag.fill(`1.4.${i}-${i % 2 ? 'prod' : 'dev'}`);
      await idle(page);
    }
    const [first, ...rest] = await page.evaluate(() => window.playground.timings());
    const sorted = [...rest].sort((a, b) => a - b);
    t.diagnostic(`update at load: ${first.toFixed(1)} ms; while typing (${rest.length}): ` +
      `median ${sorted[sorted.length >> 1].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
    assert.ok(rest.length >= 10);
    assert.ok(Math.max(...rest) < 50, `updates took ${rest.map((x) => x.toFixed(1)).join(', ')} ms`);
    await context.close();
  });

  await t.test('a broken regex: its error with the caret under the right column', async () => {
    const { page, context } = await open();
    await page.getByLabel('Regex of docker_image_tag_regex').fill('imageTag: "(?<docker_image_tag>.*"');
    await idle(page);
    assert.match(await summary(page), /^1 error/);
    assert.deepEqual(await changed(page), []);
    const rendered = await page.textContent('#problems .diag.error pre.rendered');
    assert.match(rendered, /invalid regex `docker_image_tag_regex`: unclosed group/);
    const lines = rendered.split('\n');
    const source = lines.find((l) => l.startsWith('1 | '));
    const caret = lines[lines.indexOf(source) + 1];
    assert.equal(source, '1 | imageTag: "(?<docker_image_tag>.*"');
    assert.equal(caret.indexOf('^'), source.indexOf('('), `caret line ${JSON.stringify(caret)}`);
    assert.equal(await page.getByLabel('Regex of docker_image_tag_regex').getAttribute('aria-invalid'), 'true');
    await context.close();
  });

  await t.test('an error in the mappings is underlined in the editor', async () => {
    const { page, context } = await open();
    const typo = 'docker_image_tag==.*-dev  {THEN_UPDATE_FILE} **dev/values.yaml=docker_image_tag_regex';
    await page.fill('#mappings', `${typo}\n`);
    await idle(page);
    const rendered = await page.textContent('#problems .diag.error pre.rendered');
    assert.match(rendered, /unknown keyword `\{THEN_UPDATE_FILE\}`/);
    assert.match(rendered, /did you mean `\{THEN_UPDATE_FILES\}`/);
    const mark = page.locator('#mappings-layer mark.error');
    assert.equal(await mark.count(), 1);
    assert.equal(await mark.textContent(), '{THEN_UPDATE_FILE}');
    // The mark sits exactly over the text in the textarea: 26 characters in, on line 1.
    const geometry = await page.evaluate(() => {
      const ta = document.getElementById('mappings');
      const cs = getComputedStyle(ta);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
      const r = ta.getBoundingClientRect();
      const m = document.querySelector('#mappings-layer mark.error').getBoundingClientRect();
      return {
        expectedLeft: r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) + ctx.measureText('x'.repeat(26)).width,
        expectedTop: r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop),
        lineHeight: parseFloat(cs.lineHeight),
        left: m.left,
        top: m.top,
        bottom: m.bottom,
      };
    });
    assert.ok(Math.abs(geometry.left - geometry.expectedLeft) < 1.5, JSON.stringify(geometry));
    assert.ok(geometry.top >= geometry.expectedTop - 1 && geometry.bottom <= geometry.expectedTop + geometry.lineHeight + 1, JSON.stringify(geometry));
    assert.equal(await page.getAttribute('#mappings', 'aria-invalid'), 'true');
    // "Show in the mappings" selects the span.
    await page.click('#problems .diag.error button');
    const selection = await page.evaluate(() => {
      const ta = document.getElementById('mappings');
      return [document.activeElement === ta, ta.value.slice(ta.selectionStart, ta.selectionEnd)];
    });
    assert.deepEqual(selection, [true, '{THEN_UPDATE_FILE}']);
    // Fixed: the mark goes away.
    await page.fill('#mappings', typo.replace('FILE}', 'FILES}'));
    await idle(page);
    assert.equal(await mark.count(), 0);
    assert.equal(await page.getAttribute('#mappings', 'aria-invalid'), null);
    await context.close();
  });

  await t.test('files: add, rename, edit, delete', async () => {
    const { page, context } = await open();
    await page.click('#add-file');
    assert.equal(await page.inputValue('#file-path'), 'new-file.yaml');
    await page.fill('#file-path', 'environments/staging/dev/values.yaml');
    await page.press('#file-path', 'Enter');
    await page.fill('#file-content', 'image:\n  imageTag: "0.1.0-dev"\n');
    await idle(page);
    assert.deepEqual(await changed(page), ['environments/dev/values.yaml', 'environments/staging/dev/values.yaml']);
    assert.ok(await page.isVisible('#tree button[data-path="environments/staging/dev/values.yaml"]'));
    // A duplicate path is refused with a message, the file keeps its path.
    await page.fill('#file-path', 'Chart.yaml');
    await page.press('#file-path', 'Enter');
    assert.match(await page.textContent('#file-path-problem'), /already a file `Chart\.yaml`/);
    await page.keyboard.press('Escape');
    await page.click('#delete-file');
    await idle(page);
    assert.deepEqual(await changed(page), ['environments/dev/values.yaml']);
    assert.equal(await page.locator('#tree button[data-path="environments/staging/dev/values.yaml"]').count(), 0);
    await context.close();
  });

  await t.test('a link restores the state in a fresh page', async () => {
    const { page, context } = await open();
    await page.fill('#mappings', 'customer==acme {THEN_UPDATE_FILES} **/*.txt=customer_regex\n');
    // Let the update this typing schedules land first: it re-renders the problems above the
    // tables, and a click racing that layout shift can miss the button on a loaded machine.
    await idle(page);
    await page.click('#add-variable');
    await page.getByLabel('Name of variable 3').fill('customer');
    await page.getByLabel('Value of customer').fill('acme');
    await idle(page);
    await page.click('#add-regex');
    await page.getByLabel('Name of regex 3').fill('customer_regex');
    await page.getByLabel('Regex of customer_regex').fill('name: (?<customer>\\w+)');
    await page.click('#add-file');
    await page.fill('#file-path', 'a/b.txt');
    await page.press('#file-path', 'Enter');
    await page.fill('#file-content', 'name: old # ü 😀\n');
    await page.fill('#exclude', 'environments/prod/**\n');
    await page.check('#payload');
    await idle(page);
    const state = await page.evaluate(() => window.playground.state());
    const text = await summary(page);
    assert.match(text, /a\/b\.txt/);
    const link = page.url();
    assert.match(link, /#v1\.[A-Za-z0-9_-]+$/);
    await context.close();

    const fresh = await open(link);
    assert.deepEqual(await fresh.page.evaluate(() => window.playground.state()), state);
    assert.equal(await summary(fresh.page), text);
    assert.equal(await fresh.page.inputValue('#mappings'), state.mappings);
    assert.equal(await fresh.page.getByLabel('Value of customer').inputValue(), 'acme');
    assert.equal(await fresh.page.inputValue('#exclude'), 'environments/prod/**\n');
    assert.ok(await fresh.page.isChecked('#payload'));
    // "Copy link" copies the same link.
    await fresh.page.click('#copy-link');
    await fresh.page.waitForFunction(() => /copied/.test(document.getElementById('toast').textContent));
    assert.equal(await fresh.page.evaluate(() => navigator.clipboard.readText()), link);
    await fresh.context.close();

    // A damaged link says so and shows the example.
    const damaged = await open(`${url}#v1.AAAA`);
    assert.match(await damaged.page.textContent('#banner'), /could not restore/i);
    assert.deepEqual(await changed(damaged.page), ['environments/dev/values.yaml']);
    await damaged.context.close();
  });

  await t.test('"copy as workflow step" gives back exactly what was typed', async () => {
    const { page, context } = await open();
    const mappings =
      '   docker_image_tag==.*-dev {THEN_UPDATE_FILES} **dev/values.yaml=docker_image_tag_regex&my_regex\n' +
      "{NEXT_MAPPING} customer==it's \"quoted\" \\back\\slash #hash: colon {THEN_UPDATE_FILES} **=*\n";
    const regex = '  imageTag: "(?<docker_image_tag>[^"#\\\\]*)" # it\'s: \\d';
    const custom = "customer: '(?<customer>[^'#]*)' #: \\\\";
    await page.fill('#mappings', mappings);
    await page.getByLabel('Regex of docker_image_tag_regex').fill(regex);
    await idle(page); // as above: no click during the re-render the typing schedules
    await page.click('#add-regex');
    await page.getByLabel('Name of regex 3').fill('my_regex');
    await page.getByLabel('Regex of my_regex').fill(custom);
    await idle(page);
    await page.click('#add-variable');
    await page.getByLabel('Name of variable 3').fill('customer');
    await page.getByLabel('Value of customer').fill("it's \"x\" #1: \\o/");
    await idle(page);
    await page.click('#copy-step');
    await page.waitForFunction(() => /copied/.test(document.getElementById('toast').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.textContent('#step'));
    const [step] = parse(copied, { strict: true });
    assert.equal(step.uses, ACTION);
    assert.equal(step.with.mappings, mappings);
    assert.equal(step.with.docker_image_tag_regex, regex);
    assert.equal(step.with.git_branch_regex, 'git_branch: "(?<git_branch>.*)"');
    assert.equal(step.with.regexes, `my_regex=${custom}`);
    assert.equal(step.with.docker_image_tag, '1.4.0-dev');
    assert.equal(step.with.git_branch, 'main');
    assert.equal(step.with.variables, "customer=it's \"x\" #1: \\o/");
    assert.match(copied, /^ {4}mappings: \|2\n/m, 'leading spaces need an indentation indicator');
    await context.close();
  });

  await t.test('no network request after load, and it works offline', async () => {
    const { page, context, requests } = await open();
    const origin = new URL(url).origin;
    assert.deepEqual(
      requests.map((r) => r.replace(origin, '')).sort(),
      ['/', '/app.js', '/conditional_regex_replace_bg.wasm', '/style.css'],
    );
    const loaded = requests.length;
    await context.setOffline(true);
    await page.getByLabel('Value of docker_image_tag').fill('2.0.0-prod');
    await page.fill('#mappings', 'docker_image_tag==.*-prod {THEN_UPDATE_FILES} **prod/values.yaml\n');
    await page.click('#add-file');
    await page.fill('#file-content', 'x');
    await page.click('#copy-link');
    await page.click('#copy-step');
    await page.click('#reset');
    await idle(page);
    await page.getByLabel('Value of docker_image_tag').fill('2.0.0-prod');
    await idle(page);
    assert.deepEqual(await changed(page), ['environments/prod/values.yaml']);
    await page.waitForTimeout(300);
    assert.deepEqual(requests.slice(loaded), []);
    await context.close();
  });

  await t.test('keyboard and contrast', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context } = await open(url, { colorScheme });
      // Text colours against their backgrounds: at least 4.5:1 (WCAG AA).
      const failures = await page.evaluate(() => {
        const parse = (c) => {
          const m = c.match(/rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/);
          return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
        };
        const lum = ([r, g, b]) => {
          const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = (el) => {
          const layers = [];
          for (let e = el; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) {
              layers.push(c);
              if (c[3] === 1) break;
            }
          }
          let out = [255, 255, 255];
          for (const c of layers.reverse()) out = out.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
          return out;
        };
        const bad = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const seen = new Set();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!n.textContent.trim() || seen.has(el)) continue;
          seen.add(el);
          if (el.closest('.vh, [hidden], #mappings-layer, .skip')) continue;
          const st = getComputedStyle(el);
          const fg = parse(st.color);
          if (!fg || fg[3] === 0) continue;
          const bg = background(el);
          const mixed = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
          const opacity = el.closest('button:disabled') ? 0.6 : 1;
          const shown = mixed.map((v, i) => v * opacity + bg[i] * (1 - opacity));
          const [a, b] = [lum(shown), lum(bg)].sort((x, y) => y - x);
          const ratio = (a + 0.05) / (b + 0.05);
          if (ratio < 4.5 && !el.closest('button:disabled')) bad.push(`${ratio.toFixed(2)} ${el.tagName}.${el.className} "${n.textContent.trim().slice(0, 30)}"`);
        }
        // The form fields' own text.
        for (const el of document.querySelectorAll('input[type=text], textarea')) {
          const fg = parse(getComputedStyle(el).color);
          const bg = background(el);
          const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
          const ratio = (a + 0.05) / (b + 0.05);
          if (ratio < 4.5) bad.push(`${ratio.toFixed(2)} ${el.tagName}#${el.id}`);
        }
        return bad;
      });
      assert.deepEqual(failures, [], `${colorScheme}: low contrast`);
      await context.close();
    }

    const { page, context } = await open();
    // The first Tab reaches the skip link, then the toolbar; every focused control shows an outline.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    const outlines = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      outlines.push(await page.evaluate(() => {
        const el = document.activeElement;
        const st = getComputedStyle(el);
        return `${el.id || el.tagName}:${st.outlineStyle}:${parseFloat(st.outlineWidth) >= 2}`;
      }));
    }
    assert.ok(outlines.every((o) => o.endsWith(':solid:true')), outlines.join(' '));
    assert.deepEqual(outlines.slice(0, 4).map((o) => o.split(':')[0]), ['copy-link', 'copy-step', 'reset', 'mappings']);
    // Every form control has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, button')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim()))
        .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    await context.close();
  });
});
