#!/usr/bin/env node
// Generates the benchmark inputs deterministically (a seeded PRNG: the same bytes on every run and
// every machine) — see bench/run.sh for how they are used.
//
//   node bench/generate.mjs --size tiny|full [--out bench/out]
//
// Writes, under <out>/<size>/:
//   tree/    a GitOps repository: environments/<region>/<stage>/<app>/{values.yaml,…}, vendored
//            Helm charts, a node_modules-like tools folder and a .git with loose objects and a
//            pack (never walked by the action, but `find` must be told to skip it)
//   tree2/   the same tree doubled (twice the regions, charts, packages and objects), for the
//            memory case
//   big/pristine/big.yaml  one large file with many `imageTag: "…"` lines
//   tree{,2}.{prod,values}.{txt,tar}  the files each case changes: their list, and a tarball of
//            their pristine content that the benchmark extracts to restore them between runs
//   manifest.json counts and bytes
// A stamp (the generator's own hash + size) makes a second run with unchanged inputs a no-op.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// ---- sizes -------------------------------------------------------------------------------
// `full` is the SPEC's tree: 10,000 files / ~100 MB, of which the prod glob selects 300.
export const SIZES = {
  full: {
    tree: { regions: 6, apps: 50, charts: 40, packages: 208, filesPerPackage: 17, gitObjects: 1000, packBytes: 34e6 },
    big: { lines: 100_000, bytes: 50 * 1024 * 1024 },
  },
  tiny: {
    tree: { regions: 2, apps: 5, charts: 2, packages: 3, filesPerPackage: 10, gitObjects: 10, packBytes: 200e3 },
    big: { lines: 2_000, bytes: 1024 * 1024 },
  },
};

export const STAGES = ['dev', 'qa', 'staging', 'preprod', 'prod'];
const REGIONS = [
  'eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1',
  'eu-north-1', 'us-east-2', 'ca-central-1', 'sa-east-1', 'ap-southeast-2', 'me-central-1',
];

// ---- a seeded PRNG (mulberry32) ------------------------------------------------------------
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const r = {
    u32: next,
    int: (n) => next() % n, // n small: the bias is irrelevant here
    pick: (list) => list[next() % list.length],
    range: (lo, hi) => lo + (next() % (hi - lo + 1)),
    hex: (n) => {
      let s = '';
      while (s.length < n) s += next().toString(16).padStart(8, '0');
      return s.slice(0, n);
    },
    bytes: (n) => {
      const buf = Buffer.allocUnsafe(n);
      let i = 0;
      for (; i + 4 <= n; i += 4) buf.writeUInt32LE(next(), i);
      for (; i < n; i++) buf[i] = next() & 0xff;
      return buf;
    },
  };
  return r;
}

const WORDS = [
  'billing', 'checkout', 'catalog', 'search', 'auth', 'gateway', 'payments', 'inventory',
  'notifications', 'orders', 'profile', 'recommendations', 'reviews', 'shipping', 'cart',
  'analytics', 'reporting', 'ledger', 'pricing', 'fraud', 'media', 'identity', 'tenant', 'audit',
];
const KINDS = ['api', 'worker', 'web', 'sync', 'cron', 'consumer'];
const SIDECARS = [
  ['envoy', 'envoyproxy/envoy', () => 'v1.29.2'],
  ['otel-collector', 'otel/opentelemetry-collector', () => '0.98.0'],
  ['vault-agent', 'hashicorp/vault', () => '1.15.6'],
];
const LOREM = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut ' +
  'labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris'
).split(' ');

function appNames(r, n) {
  const names = new Set();
  while (names.size < n) names.add(`${r.pick(WORDS)}-${r.pick(KINDS)}`);
  return [...names].sort();
}

function sentence(r, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(r.pick(LOREM));
  return out.join(' ');
}

function tag(r, stage) {
  return `${r.range(0, 3)}.${r.range(0, 40)}.${r.range(0, 20)}-${r.hex(7)}-${stage}`;
}

/** A realistic Helm values.yaml (~4–9 KB): the app's imageTag, 0–2 sidecars with their own. */
function valuesYaml(r, app, region, stage) {
  const L = [];
  L.push(`# ${app} in ${region}/${stage}.`);
  L.push('# imageTag and git_branch are promoted by CI (conditional-regex-replace); edit the rest by hand.');
  L.push(`nameOverride: ""`, `fullnameOverride: "${app}"`, `replicaCount: ${stage === 'prod' ? r.range(3, 12) : 1}`, '');
  L.push('image:', `  repository: ghcr.io/acme/${app}`, `  imageTag: "${tag(r, stage)}"`, `  pullPolicy: ${stage === 'prod' ? 'IfNotPresent' : 'Always'}`, '');
  L.push(`git_branch: "${stage === 'prod' || stage === 'preprod' ? 'release' : 'feature/' + r.pick(WORDS) + '-' + r.hex(4)}"`, '');
  const sidecars = r.int(3);
  if (sidecars) {
    L.push('sidecars:');
    for (let i = 0; i < sidecars; i++) {
      const [name, repo, version] = SIDECARS[(r.int(3) + i) % 3];
      L.push(`  - name: ${name}`, '    image:', `      repository: ${repo}`, `      imageTag: "${version()}"`);
      L.push('    resources:', `      requests: { cpu: ${r.range(10, 200)}m, memory: ${r.range(32, 256)}Mi }`);
    }
    L.push('');
  }
  L.push('ingress:', '  enabled: true', `  className: nginx`, '  annotations:');
  L.push(`    cert-manager.io/cluster-issuer: letsencrypt-${stage}`, `    nginx.ingress.kubernetes.io/proxy-body-size: ${r.range(1, 64)}m`);
  L.push('  hosts:', `    - host: ${app}.${stage}.${region}.example.com`, '      paths:', '        - path: /', '          pathType: Prefix', '');
  L.push('resources:', '  requests:', `    cpu: ${r.range(50, 2000)}m`, `    memory: ${r.range(64, 4096)}Mi`, '  limits:', `    memory: ${r.range(128, 8192)}Mi`, '');
  L.push('autoscaling:', `  enabled: ${stage === 'prod'}`, `  minReplicas: ${r.range(2, 4)}`, `  maxReplicas: ${r.range(5, 40)}`, `  targetCPUUtilizationPercentage: ${r.range(50, 90)}`, '');
  L.push('env:');
  const envs = r.range(25, 80);
  for (let i = 0; i < envs; i++) {
    const key = `${r.pick(WORDS).toUpperCase()}_${r.pick(LOREM).toUpperCase()}_${i}`;
    L.push(`  ${key}: "${r.int(4) === 0 ? sentence(r, r.range(2, 8)) : r.hex(r.range(4, 32))}"`);
  }
  L.push('', 'config:', '  application.yaml: |');
  const cfg = r.range(10, 40);
  for (let i = 0; i < cfg; i++) L.push(`    ${r.pick(LOREM)}.${r.pick(LOREM)}.${r.pick(WORDS)}: ${r.range(0, 99999)}  # ${sentence(r, r.range(2, 6))}`);
  L.push('', 'nodeSelector: {}', 'tolerations: []', 'affinity: {}', '');
  return L.join('\n');
}

function kustomization(r, app, stage) {
  return [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${app}-${stage}`,
    'helmCharts:',
    `  - name: ${app}`,
    `    repo: oci://ghcr.io/acme/charts`,
    `    version: ${r.range(0, 3)}.${r.range(0, 20)}.${r.range(0, 9)}`,
    '    valuesFile: values.yaml',
    `commonLabels: { team: ${r.pick(WORDS)}, stage: ${stage} }`,
    '',
  ].join('\n');
}

function secretsEnc(r) {
  const L = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: app-secrets', 'type: Opaque', 'data:'];
  const n = r.range(5, 25);
  for (let i = 0; i < n; i++) L.push(`  ${r.pick(WORDS)}_${i}: ENC[AES256_GCM,data:${r.bytes(r.range(24, 120)).toString('base64')},iv:${r.hex(24)},tag:${r.hex(32)},type:str]`);
  L.push('sops:', `  lastmodified: "2024-0${r.range(1, 9)}-1${r.range(0, 9)}T10:00:00Z"`, `  mac: ENC[AES256_GCM,data:${r.hex(64)}]`, '  version: 3.8.1', '');
  return L.join('\n');
}

/** A vendored chart's values.yaml: upstream style, `tag:` not `imageTag:` (nothing to replace). */
function chartValues(r, chart) {
  const L = [`# Default values for ${chart}.`, 'image:', `  repository: docker.io/bitnami/${chart}`, `  tag: ${r.range(1, 9)}.${r.range(0, 30)}.${r.range(0, 9)}`, ''];
  const n = r.range(150, 400);
  for (let i = 0; i < n; i++) {
    L.push(`## @param ${r.pick(LOREM)}.${r.pick(LOREM)} ${sentence(r, r.range(3, 10))}`);
    L.push(`${r.pick(LOREM)}${i}: ${r.int(2) ? r.range(0, 1000) : '""'}`);
  }
  return L.join('\n') + '\n';
}

function template(r, chart, kind) {
  const L = [`{{- if .Values.${kind}.enabled }}`, 'apiVersion: apps/v1', `kind: ${kind}`, 'metadata:', `  name: {{ include "${chart}.fullname" . }}`, 'spec:'];
  const n = r.range(20, 120);
  for (let i = 0; i < n; i++) L.push(`  ${' '.repeat(2 * r.int(4))}${r.pick(LOREM)}: {{ .Values.${r.pick(LOREM)}.${r.pick(LOREM)} | default ${r.range(0, 99)} }}`);
  L.push('{{- end }}', '');
  return L.join('\n');
}

function jsFile(r, bytes) {
  const parts = [];
  let size = 0;
  while (size < bytes) {
    const line = `function ${r.pick(LOREM)}_${r.hex(6)}(a,b){return a${r.pick(['+', '-', '*', '^'])}b+${r.range(0, 999)}} // ${sentence(r, r.range(2, 8))}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

// ---- writers -------------------------------------------------------------------------------
class Tree {
  constructor(dir) {
    this.dir = dir;
    this.files = 0;
    this.bytes = 0;
    this.dirs = new Set();
  }
  write(rel, content) {
    const abs = join(this.dir, rel);
    const d = dirname(abs);
    if (!this.dirs.has(d)) {
      mkdirSync(d, { recursive: true });
      this.dirs.add(d);
    }
    writeFileSync(abs, content);
    this.files++;
    this.bytes += Buffer.byteLength(content);
  }
}

export function generateTree(dir, p, seed) {
  rmSync(dir, { recursive: true, force: true });
  const r = prng(seed);
  const t = new Tree(dir);
  const prod = [];
  const values = [];
  t.write('README.md', `# acme GitOps\n\n${sentence(r, 200)}\n`);
  t.write('.gitignore', '*.tmp\n');
  t.write('Chart.yaml', 'apiVersion: v2\nname: acme\nversion: 1.0.0\n');
  // environments/<region>/<stage>/<app>/: the files the mappings are about.
  const apps = appNames(prng(seed ^ 0x5eed), p.apps);
  for (const region of REGIONS.slice(0, p.regions)) {
    for (const stage of STAGES) {
      for (const app of apps) {
        const base = `environments/${region}/${stage}/${app}`;
        t.write(`${base}/values.yaml`, valuesYaml(r, app, region, stage));
        t.write(`${base}/kustomization.yaml`, kustomization(r, app, stage));
        t.write(`${base}/secrets.enc.yaml`, secretsEnc(r));
        values.push(`${base}/values.yaml`);
        if (stage === 'prod') prod.push(`${base}/values.yaml`);
      }
    }
  }
  // Vendored charts: 24 files each, a values.yaml among them (`**/values.yaml` selects it).
  for (let c = 0; c < p.charts; c++) {
    const chart = `${WORDS[c % WORDS.length]}${c >= WORDS.length ? c : ''}-chart`;
    const base = `charts/vendor/${chart}`;
    t.write(`${base}/Chart.yaml`, `apiVersion: v2\nname: ${chart}\nversion: ${r.range(1, 20)}.${r.range(0, 9)}.0\n`);
    t.write(`${base}/values.yaml`, chartValues(r, chart));
    values.push(`${base}/values.yaml`);
    t.write(`${base}/README.md`, `# ${chart}\n\n${sentence(r, r.range(200, 800))}\n`);
    for (let i = 0; i < 21; i++) t.write(`${base}/templates/${r.pick(LOREM)}-${i}.yaml`, template(r, chart, r.pick(['Deployment', 'Service', 'ConfigMap', 'Ingress'])));
  }
  // A node_modules-like folder (tooling for the repository's own scripts).
  for (let k = 0; k < p.packages; k++) {
    const pkg = `${r.pick(LOREM)}-${r.pick(WORDS)}-${k}`;
    const base = `tools/node_modules/${pkg}`;
    t.write(`${base}/package.json`, JSON.stringify({ name: pkg, version: `${r.range(0, 9)}.${r.range(0, 9)}.${r.range(0, 9)}`, main: 'index.js', license: 'MIT' }, null, 2) + '\n');
    t.write(`${base}/index.js`, jsFile(r, r.range(500, 4000)));
    for (let i = 2; i < p.filesPerPackage; i++) {
      // mostly small modules, now and then a big bundle
      const big = r.int(25) === 0;
      t.write(`${base}/${i % 3 ? 'lib' : 'dist'}/${r.pick(LOREM)}${i}.js`, jsFile(r, big ? r.range(100e3, 400e3) : r.range(300, 9000)));
    }
  }
  // .git: loose objects (incompressible bytes, as zlib output is) and one pack.
  for (let i = 0; i < p.gitObjects; i++) {
    const h = r.hex(40);
    t.write(`.git/objects/${h.slice(0, 2)}/${h.slice(2)}`, r.bytes(r.range(200, 12000)));
  }
  const packId = r.hex(40);
  t.write(`.git/objects/pack/pack-${packId}.pack`, r.bytes(Math.round(p.packBytes)));
  t.write(`.git/objects/pack/pack-${packId}.idx`, r.bytes(Math.round(p.packBytes / 50)));
  t.write('.git/HEAD', 'ref: refs/heads/main\n');
  t.write('.git/config', '[core]\n\trepositoryformatversion = 0\n\tbare = false\n');
  prod.sort();
  values.sort();
  return { files: t.files, bytes: t.bytes, prod, values };
}

/** One big file: `lines` imageTag lines spread through `bytes` of YAML-ish noise. */
export function generateBig(file, p, seed) {
  const r = prng(seed);
  mkdirSync(dirname(file), { recursive: true });
  const per = Math.floor(p.bytes / p.lines); // bytes per imageTag line + its noise
  const chunks = [];
  let total = 0;
  for (let i = 0; i < p.lines; i++) {
    let block = `- name: svc-${i}\n  imageTag: "${tag(r, 'prod')}"\n`;
    while (block.length < per - 40) block += `  # ${sentence(r, 6)}\n`;
    block = block.padEnd(per - 1, '#') + '\n';
    chunks.push(block);
    total += block.length;
  }
  writeFileSync(file, chunks.join(''));
  return { bytes: total, matches: p.lines };
}

// ---- main ----------------------------------------------------------------------------------
function main() {
  const args = process.argv.slice(2);
  const get = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const size = get('--size', 'full');
  const out = resolve(get('--out', join(here, 'out')));
  if (!SIZES[size]) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const dir = join(out, size);
  const stampFile = join(dir, 'manifest.json');
  const stamp = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).update(size).digest('hex');
  if (existsSync(stampFile)) {
    try {
      const m = JSON.parse(readFileSync(stampFile, 'utf8'));
      if (m.stamp === stamp) {
        process.stderr.write(`generate: ${dir} is up to date\n`);
        return;
      }
    } catch {
      /* regenerate */
    }
  }
  const p = SIZES[size];
  const t0 = Date.now();
  rmSync(dir, { recursive: true, force: true });
  const tree = generateTree(join(dir, 'tree'), p.tree, 1);
  const double = { ...p.tree, regions: p.tree.regions * 2, charts: p.tree.charts * 2, packages: p.tree.packages * 2, gitObjects: p.tree.gitObjects * 2, packBytes: p.tree.packBytes * 2 };
  const tree2 = generateTree(join(dir, 'tree2'), double, 2);
  const big = generateBig(join(dir, 'big', 'pristine', 'big.yaml'), p.big, 3);
  // The file lists (for sed and the restores) and tarballs of the pristine files a case may
  // change: the benchmark restores a tree between runs by extracting one (not timed).
  for (const [name, t] of [['tree', tree], ['tree2', tree2]]) {
    for (const [kind, list] of [['prod', t.prod], ['values', t.values]]) {
      const txt = join(dir, `${name}.${kind}.txt`);
      writeFileSync(txt, list.join('\n') + '\n');
      const tar = spawnSync('tar', ['-cf', join(dir, `${name}.${kind}.tar`), '-C', join(dir, name), '-T', txt], { stdio: 'inherit' });
      if (tar.status !== 0) throw new Error(`tar failed for ${name}.${kind}`);
    }
  }
  const summary = (t) => ({ files: t.files, bytes: t.bytes, prod: t.prod.length, values: t.values.length });
  writeFileSync(stampFile, JSON.stringify({ stamp, size, tree: summary(tree), tree2: summary(tree2), big }, null, 2) + '\n');
  process.stderr.write(
    `generate: ${size} in ${((Date.now() - t0) / 1000).toFixed(1)} s: tree ${tree.files} files / ${(tree.bytes / 1e6).toFixed(1)} MB ` +
      `(${tree.prod.length} prod values, ${tree.values.length} values.yaml); tree2 ${tree2.files} files / ${(tree2.bytes / 1e6).toFixed(1)} MB; ` +
      `big ${(big.bytes / 1e6).toFixed(1)} MB, ${big.matches} matches\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
