// `npm run bench`: wcompose's benchmarks. Prints ratios and per-item costs, not pass/fail: the goals are in the
// issue tracker and in the README. Uses the built package (dist/), as a user would.
//
//   1. decoding the world of a ~12 MB componentize-js component (goal: < 30 ms after start-up)
//   2. composing two ~12 MB components vs. a script that only reads the inputs and writes their concatenation
//      (goal: ≤ 1.3×, ideally 1.1×)
//   3. a chain of 100 and of 1000 small components (goal: 1000 in < 2 s; cost linear in the count)
//   4. the validator's share of composing the two ~12 MB components (goal: < 5%)
//   5. parsing and resolving a generated 5,000-line WAC document (goal: < 200 ms)
//   6. start-up, as ratios of child processes' wall time in the same run: `wcompose --version` and
//      `wcompose inspect --wit` of a ~12 MB component against `node -e 0` (goals ≤ 1.3× and ≤ 1.5×), and
//      `wcompose plug` of two ~12 MB components against a Node script that reads both and writes their
//      concatenation (goal ≤ 1.1×, start-up included)
//   7. peak memory of `wcompose build` composing 2, 20 and 50 distinct ~12 MB components (goal for 20: at
//      most the largest input + 100 MB)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { build, compose, decodeComponent, parseWac, PackageResolver, resolveWac } from '../dist/index.js';
import { composeChunks } from '../dist/api/compose.js';
import { readComponentBinary } from '../dist/io/read-input.js';
import { validateComponent, validateOutput } from '../dist/validate/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules', '.cache', 'wcompose-bench');
mkdirSync(cache, { recursive: true });

/** Median of `runs` timings of `fn` (after `warmup` untimed runs), in ms. */
async function time(fn, { runs = 9, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

/** Builds a componentize-js fixture (or reuses the cached build). */
async function jsComponent(name) {
  const dir = join(root, 'fixtures', 'js', name);
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(p.slice(dir.length)).update(readFileSync(p));
    }
  };
  walk(dir);
  const file = join(cache, `${name}-${hash.digest('hex').slice(0, 16)}.wasm`);
  if (!existsSync(file)) {
    process.stderr.write(`building ${name} with componentize-js (once)…\n`);
    const { _setPreopens } = await import('@bytecodealliance/preview2-shim/filesystem');
    _setPreopens({ '/': '/' });
    const { componentize } = await import('@bytecodealliance/componentize-js');
    const meta = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8'));
    const { component } = await componentize({
      sourcePath: join(dir, 'component.js'),
      witPath: join(dir, 'wit'),
      worldName: meta.world,
      disableFeatures: meta.disableFeatures,
    });
    writeFileSync(file, component);
  }
  return file;
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

// ── 1. decoding a big component's world ─────────────────────────────────────────
const big = await jsComponent('cli');
const bigBytes = new Uint8Array(await readFile(big));
const decodeMs = await time(() => decodeComponent(bigBytes), { runs: 21 });
const readDecodeMs = await time(async () => decodeComponent(new Uint8Array(await readFile(big))), { runs: 21 });
// What wcompose does with a file: positioned reads of the component layer, core modules skipped by size.
const layerDecodeMs = await time(() => decodeComponent(readComponentBinary(big)), { runs: 21 });
console.log(
  `1. decode world of a ${mb(bigBytes.length)} component: ${fmt(decodeMs)} (reading its component layer from the file ` +
    `and decoding: ${fmt(layerDecodeMs)}; reading the whole file and decoding: ${fmt(readDecodeMs)}; goal < 30 ms)`,
);

// ── 2. composing two big components vs. copying their bytes ──────────────────────
const other = await jsComponent('hello');
const work = join(tmpdir(), `wcompose-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const out = join(work, 'composed.wasm');
const config = { components: [big, other], output: out };
const baseline = async () => {
  const a = await readFile(big);
  const b = await readFile(other);
  await writeFile(join(work, 'concat.wasm'), Buffer.concat([a, b]));
};
// Interleave the two so machine noise hits both alike.
const composeTimes = [];
const copyTimes = [];
for (let i = 0; i < 4; i++) {
  copyTimes.push(await time(baseline, { runs: 5, warmup: 1 }));
  composeTimes.push(await time(() => build({ config, cwd: work }), { runs: 5, warmup: 1 }));
}
const composeMs = Math.min(...composeTimes);
const copyMs = Math.min(...copyTimes);
const composedSize = readFileSync(out).length;
console.log(
  `2. compose two components (${mb(bigBytes.length)} + ${mb(readFileSync(other).length)} → ${mb(composedSize)}): ${fmt(composeMs)}; ` +
    `read+concat+write: ${fmt(copyMs)}; ratio ${(composeMs / copyMs).toFixed(2)}× (goal ≤ 1.3×, ideally 1.1×)`,
);

// ── 4. the validator's share of composing ───────────────────────────────────────
// Measured directly (validating both inputs and the composed output, as build does) and as the difference between
// builds with and without validation; the inputs are fresh buffers each time, so nothing is remembered between runs.
const otherBytes = new Uint8Array(await readFile(other));
const spec = {
  components: [
    { name: 'a', file: big, bytes: bigBytes, type: decodeComponent(bigBytes) },
    { name: 'b', file: other, bytes: otherBytes, type: decodeComponent(otherBytes) },
  ],
  instances: [{ name: 'a', component: 'a', with: {} }, { name: 'b', component: 'b', with: {} }],
};
const { chunks } = composeChunks(spec, { validate: false });
// As in a build: the inputs were validated when read, so the output's embedded components are not walked again.
validateComponent(bigBytes);
validateComponent(otherBytes);
const copies = Array.from({ length: 40 }, () => [bigBytes.slice(), otherBytes.slice()]);
let copy = 0;
const inputsMs = await time(() => {
  const [a, b] = copies[copy++ % copies.length];
  validateComponent(a);
  validateComponent(b);
}, { runs: 21, warmup: 3 });
const outputMs = await time(() => validateOutput(chunks), { runs: 21, warmup: 3 });
const onTimes = [];
const offTimes = [];
for (let i = 0; i < 4; i++) {
  offTimes.push(await time(() => build({ config, cwd: work, validate: false }), { runs: 5, warmup: 1 }));
  onTimes.push(await time(() => build({ config, cwd: work }), { runs: 5, warmup: 1 }));
}
const onMs = Math.min(...onTimes);
const offMs = Math.min(...offTimes);
console.log(
  `4. validation of two ${mb(bigBytes.length)} inputs: ${inputsMs.toFixed(2)} ms, of the composed output: ${outputMs.toFixed(2)} ms; ` +
    `${(((inputsMs + outputMs) / composeMs) * 100).toFixed(1)}% of composing (goal < 5%); ` +
    `build with validation ${fmt(onMs)}, without ${fmt(offMs)} (ratio ${(onMs / offMs).toFixed(3)})`,
);

// ── 3. chains of small components ───────────────────────────────────────────────
/** Link k of a chain: imports `demo:chain/step` and exports it, adding k. Link 0 imports nothing. */
function linkWat(k) {
  const body = k === 0
    ? `(core module $m (func (export "next") (param i32) (result i32) local.get 0 i32.const ${k + 1} i32.add))
       (core instance $i (instantiate $m))`
    : `(import "demo:chain/step@0.1.0" (instance $prev (export "next" (func (param "x" u32) (result u32)))))
       (alias export $prev "next" (func $prev-next))
       (core func $lowered (canon lower (func $prev-next)))
       (core instance $imports (export "next" (func $lowered)))
       (core module $m (import "prev" "next" (func $p (param i32) (result i32)))
         (func (export "next") (param i32) (result i32) local.get 0 call $p i32.const ${k + 1} i32.add))
       (core instance $i (instantiate $m (with "prev" (instance $imports))))`;
  return `(component ${body}
    (type $t (func (param "x" u32) (result u32)))
    (func $next (type $t) (canon lift (core func $i "next")))
    (instance $api (export "next" (func $next)))
    (export "demo:chain/step@0.1.0" (instance $api)))`;
}

async function chain(n) {
  const components = [];
  for (let k = 0; k < n; k++) {
    const bytes = await parse(linkWat(k));
    components.push({ name: `link${k}`, file: `link${k}.wat`, bytes, type: decodeComponent(bytes) });
  }
  const instances = components.map((c, k) => ({
    name: c.name,
    component: c.name,
    with: k === 0 ? {} : { 'demo:chain/step@0.1.0': { instance: `link${k - 1}` } },
  }));
  const spec = { components, instances, exports: [{ instance: `link${n - 1}` }], autoPlug: false };
  // wasm-tools allows at most 1000 instances in a component (wcompose refuses more, WC4017). A link of the chain
  // costs two (its instantiation, and the alias of its step export the next one takes): the long chain is 499 (2 × 499 + its import).
  const options = {};
  const ms = await time(() => compose(spec, options), { runs: 15, warmup: 3 });
  return { ms, size: compose(spec, options).bytes.length };
}
const c100 = await chain(100);
const c500 = await chain(499);
console.log(
  `3. chain of 100 components: ${fmt(c100.ms)} (${(c100.ms / 100).toFixed(3)} ms each); ` +
    `499: ${fmt(c500.ms)} (${(c500.ms / 499).toFixed(3)} ms each; goal < 2 s); ` +
    `499/100 = ${(c500.ms / c100.ms).toFixed(1)}× for 5× the components ` +
    `(499: the longest chain within wasm-tools' 1000 instances)`,
);

// ── 5. a 5,000-line WAC document ────────────────────────────────────────────────
// 295 interfaces of 12 lines (types and functions, imported by 4-line statements each) and 300 lets instantiating
// a chain of link components, each from the one before, then the last exported.
const wacDeps = join(work, 'deps');
mkdirSync(join(wacDeps, 'demo'), { recursive: true });
writeFileSync(join(wacDeps, 'demo', 'first.wasm'), await parse(linkWat(0)));
writeFileSync(join(wacDeps, 'demo', 'link.wasm'), await parse(linkWat(1)));
const lines = ['package bench:big;', ''];
for (let i = 0; i < 295; i++) {
  lines.push(`interface api${i} {`, `  record point${i} {`, '    x: u32,', '    y: u32,', '  }', `  enum mode${i} { fast, slow }`,
    `  resource handle${i} {`, '    constructor(p: point);'.replace('point', `point${i}`), `    get: func() -> mode${i};`, '  }',
    `  run${i}: func(p: point${i}, m: mode${i}) -> list<point${i}>;`, '}');
  lines.push(`import a${i}`, `  as "bench:api/a${i}@1.0.0"`, `  : api${i};`, '');
}
lines.push('let l0 = new demo:first {};');
for (let i = 1; i < 300; i++) lines.push(`let l${i} = new demo:link { "demo:chain/step@0.1.0": l${i - 1}["demo:chain/step@0.1.0"] };`);
lines.push('export l299...;');
const wacSource = lines.join('\n');
const resolveOnce = async () => {
  const packages = new PackageResolver({ depsDir: wacDeps });
  return resolveWac(wacSource, join(work, 'big.wac'), packages);
};
const parseMs = await time(() => parseWac(wacSource, 'big.wac'), { runs: 9, warmup: 2 });
const resolveMs = await time(resolveOnce, { runs: 9, warmup: 2 });
// CPU time too: on a loaded machine the wall-clock median mostly measures waiting for a core.
let cpuBest = Infinity;
for (let i = 0; i < 9; i++) {
  const before = process.cpuUsage();
  await resolveOnce();
  const used = process.cpuUsage(before);
  cpuBest = Math.min(cpuBest, (used.user + used.system) / 1000);
}
const resolved = await resolveOnce();
const planMs = await time(() => resolved.plan(), { runs: 5, warmup: 1 });
console.log(
  `5. a ${lines.length}-line WAC document: parse ${fmt(parseMs)}, parse + resolve ${fmt(resolveMs)} ` +
    `(CPU ${fmt(cpuBest)}; goal < 200 ms); ` +
    `planning its 300 instances: ${fmt(planMs)}`,
);

// ── 6. start-up: child processes, as a user runs them ────────────────────────────
const bin = join(root, 'bin', 'wcompose.js');
/** Median wall time of each command (child processes, interleaved so machine noise hits all alike), in ms. */
function wallTimes(commands, rounds) {
  const times = commands.map(() => []);
  for (let i = 0; i < rounds; i++) {
    commands.forEach((args, k) => {
      const start = performance.now();
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: work });
      times[k].push(performance.now() - start);
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const [nodeMs, versionMs, inspectMs] = wallTimes([['-e', '0'], [bin, '--version'], [bin, 'inspect', '--wit', big]], 21);
console.log(
  `6. start-up: node -e 0 ${fmt(nodeMs)}; wcompose --version ${fmt(versionMs)} (${ratio(versionMs, nodeMs)}, goal ≤ 1.3×); ` +
    `inspect --wit of ${mb(bigBytes.length)} ${fmt(inspectMs)} (${ratio(inspectMs, nodeMs)}, goal ≤ 1.5×)`,
);
const socket = await jsComponent('app');
const plugFile = await jsComponent('greeter');
const copyScript = join(work, 'copy.mjs');
writeFileSync(
  copyScript,
  `import { readFileSync, writeFileSync } from 'node:fs';
const [a, b, out] = process.argv.slice(2);
writeFileSync(out, Buffer.concat([readFileSync(a), readFileSync(b)]));
`,
);
const [copyScriptMs, plugMs] = wallTimes(
  [[copyScript, socket, plugFile, join(work, 'copied.wasm')], [bin, 'plug', socket, '--plug', plugFile, '-o', join(work, 'plugged.wasm')]],
  15,
);
console.log(
  `   plug of two components (${mb(readFileSync(socket).length)} + ${mb(readFileSync(plugFile).length)}): ${fmt(plugMs)}; ` +
    `node script reading both and writing their concatenation: ${fmt(copyScriptMs)}; ratio ${ratio(plugMs, copyScriptMs)} (goal ≤ 1.1×)`,
);

// ── 7. peak memory of composing many large components ───────────────────────────
/** `base` with a custom section appended: the same component, other bytes (identical inputs are embedded once). */
function variant(base, k) {
  const name = new TextEncoder().encode('wcompose-bench');
  const payload = new TextEncoder().encode(String(k));
  const size = 1 + name.length + payload.length;
  return Buffer.concat([base, Uint8Array.of(0, size, name.length), name, payload]);
}
const greeterBytes = readFileSync(plugFile);
/** Peak memory (bytes) of `wcompose build` composing `n` distinct copies of the greeter component. */
function peakRss(n) {
  const dir = join(work, `many-${n}`);
  mkdirSync(dir, { recursive: true });
  const components = {};
  for (let k = 0; k < n; k++) {
    writeFileSync(join(dir, `g${k}.wasm`), variant(greeterBytes, k));
    components[`g${k}`] = `g${k}.wasm`;
  }
  const config = { components, exports: [{ instance: 'g0' }], output: 'out.wasm' };
  writeFileSync(join(dir, 'compose.config.mjs'), `export default ${JSON.stringify(config)};\n`);
  // The child's own peak is VmHWM on Linux. getrusage's maxRSS would not do: a spawned child starts as a copy of its
  // parent (this benchmark, which holds much more) and keeps that copy's peak across exec.
  const script = `import { main } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href)};
await main(['node', 'wcompose', 'build', '-c', 'compose.config.mjs']);
import { existsSync as exists, readFileSync as read } from 'node:fs';
const hwm = exists('/proc/self/status') ? /VmHWM:\\s+(\\d+) kB/.exec(read('/proc/self/status', 'utf8')) : null;
process.stderr.write('maxRSS ' + (hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) * 1024 + '\\n');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  const rss = /maxRSS (\d+)/.exec(r.stderr);
  if (r.status !== 0 || rss === null) throw new Error(`building ${n} components failed: ${r.stderr}`);
  const size = readFileSync(join(dir, 'out.wasm')).length;
  rmSync(dir, { recursive: true, force: true });
  return { rss: Number(rss[1]), size };
}
const largest = greeterBytes.length;
const peaks = [2, 20, 50].map((n) => ({ n, ...peakRss(n) }));
const p20 = peaks.find((p) => p.n === 20);
console.log(
  `7. peak memory of build: ${peaks.map((p) => `${p.n} × ${mb(largest)} → ${mb(p.size)}: ${mb(p.rss)}`).join('; ')} ` +
    `(goal for 20: ≤ largest input + 100 MB = ${mb(largest + 100 * 1024 * 1024)}: ${p20.rss <= largest + 100 * 1024 * 1024 ? 'met' : 'not met'})`,
);

await rm(work, { recursive: true, force: true });
