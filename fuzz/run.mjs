#!/usr/bin/env node
/**
 * wcompose's fuzzer: mutants of the fixtures (structure-aware: bit flips, LEB128 sizes and counts, sections swapped,
 * duplicated, removed, spliced from another component, truncated) run through `inspect` and `plug`, each in a worker
 * thread watched for hangs. Every outcome is classified: ok, a diagnostic (by code), a crash (anything that is not a
 * diagnostic), a hang, output written on failure, and, for plug, an output jco rejects (every successful plug output
 * is validated with jco; a sample of successful inspects too). Crashes are minimized and saved with their seed.
 *
 *   npm run fuzz                                   # 60 s, seed 1
 *   npm run fuzz -- --time 600 --seed 7 --workers 2
 *   npm run fuzz -- --inspect 1000000 --plug 20000 --time 3600
 *   npm run fuzz -- --seed 7 --repro inspect:12345 # replay one mutant (writes it to fuzz/crashes/)
 *   npm run fuzz -- --repro plug:2964,3940         # replay plug mutants (their scenarios' files, in fuzz/crashes/)
 *
 * Same seed, same mutants: mutant i of a kind is a pure function of (seed, kind, i) and the fixtures.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { findScenarios, loadCorpus, ROOT } from './corpus.mjs';
import { mutant, applyPatch, plugMutant, scenarioOf } from './mutate.mjs';
import { jcoValidate, runInspect, runPlug } from './targets.mjs';

const STREAM = { inspect: 1, plug: 2 };
const KIND = { 1: 'inspect', 2: 'plug' };
const UNBOUNDED = 2 ** 30;

/**
 * Runs the fuzzer. Stops when both targets are reached or when `timeSeconds` have passed. Returns the summary:
 * counts per kind and outcome, the findings, throughput.
 */
export async function runFuzz(options = {}) {
  const seed = options.seed ?? 1;
  const timeMs = (options.timeSeconds ?? 60) * 1000;
  const hangMs = options.hangMs ?? 2000;
  const workers = options.workers ?? 2;
  const log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
  const targets = { inspect: options.inspect ?? UNBOUNDED, plug: options.plug ?? UNBOUNDED };
  const corpus = options.corpus ?? (await loadCorpus({ js: options.js ?? true, log }));
  const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'wcompose-fuzz-'));
  try {
    const scenarioDir = join(base, 'scenarios');
    mkdirSync(scenarioDir);
    const scenarios = options.plug === 0 ? [] : await findScenarios(corpus, scenarioDir, { log });
    // Big (componentize-js) inputs cost milliseconds each: they get a small share of the mutants.
    const weighted = corpus.map((e) => ({ ...e, weight: e.big ? (options.bigWeight ?? 0.1) : 1 }));
    const plugScenarios = scenarios.filter((s) => !s.big || options.bigPlugs !== false);
    log(`fuzzing with seed ${seed}: ${corpus.length} fixtures, ${plugScenarios.length} plug scenarios, ${workers} workers, ` +
      `${timeMs / 1000} s at most${targets.inspect < UNBOUNDED ? `, ${targets.inspect} inspect mutants` : ''}${targets.plug < UNBOUNDED ? `, ${targets.plug} plug mutants` : ''}`);
    const summary = await drive({
      seed, timeMs, hangMs, workers, targets, corpus: weighted, scenarios: plugScenarios, base, log,
      jcoSample: options.jcoSample ?? 0.01, bigPlugWeight: options.bigPlugWeight ?? 0.02,
    });
    summary.saved = saveFindings(summary, { seed, corpus: weighted, dir: options.out ?? join(ROOT, 'fuzz', 'crashes'), log });
    return summary;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

async function drive({ seed, timeMs, hangMs, workers, targets, corpus, scenarios, base, log, jcoSample, bigPlugWeight }) {
  const counters = new Int32Array(new SharedArrayBuffer(4 * 3));
  const state = new Float64Array(new SharedArrayBuffer(8 * 4 * workers));
  const counts = { inspect: {}, plug: {} };
  const findings = [];
  const started = Date.now();
  let generation = 0;
  let live = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));

  const spawn = (slot, resume) => {
    const dir = join(base, `w${slot}-${generation++}`);
    mkdirSync(dir, { recursive: true });
    const w = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { seed, corpus, scenarios, targets, jcoSample, bigPlugWeight, slot, dir, resume, counters: counters.buffer, state: state.buffer },
      // The CLI runs on the main thread's stack (about 1 MB): the same here, so a stack overflow shows up as it would.
      resourceLimits: { stackSizeMb: 1 },
    });
    live++;
    const entry = { worker: w, slot, done: false };
    w.on('message', (m) => {
      if (m.type === 'progress') {
        for (const kind of Object.keys(m.counts)) for (const [k, n] of Object.entries(m.counts[kind])) counts[kind][k] = (counts[kind][k] ?? 0) + n;
        findings.push(...m.findings);
      } else if (m.type === 'fatal') {
        findings.push({ kind: 'fuzzer', outcome: 'fatal', message: m.message });
      }
    });
    w.on('exit', () => {
      live--;
      if (entry.replaced) return;
      entry.done = true;
      if (live === 0) finish();
    });
    w.on('error', (e) => findings.push({ kind: 'fuzzer', outcome: 'worker-error', message: String(e?.stack ?? e) }));
    return entry;
  };

  const pool = Array.from({ length: workers }, (_, slot) => spawn(slot));
  let lastReport = Date.now();
  const watchdog = setInterval(() => {
    const now = Date.now();
    if (now - started > timeMs) Atomics.store(counters, 2, 1);
    for (const [i, entry] of pool.entries()) {
      const s = new Float64Array(state.buffer, entry.slot * 4 * 8, 4);
      if (entry.done || s[2] === 0 || now - s[2] < hangMs) continue;
      // A hang: the worker is stopped (terminate interrupts even a busy loop), the mutant recorded, and a new
      // worker finishes the rest of its chunk.
      const kind = KIND[s[0]];
      const index = s[1];
      findings.push({ kind, index, outcome: 'hang', message: `still running after ${now - s[2]} ms` });
      counts[kind].hang = (counts[kind].hang ?? 0) + 1;
      entry.replaced = true;
      s[2] = 0;
      void entry.worker.terminate();
      pool[i] = spawn(entry.slot, index + 1 < s[3] ? { kind, from: index + 1, to: s[3] } : undefined);
    }
    if (now - lastReport > 10_000) {
      lastReport = now;
      log(progressLine(counts, now - started));
    }
  }, 100);
  await finished;
  clearInterval(watchdog);
  const elapsedMs = Date.now() - started;
  const total = (kind) => Object.entries(counts[kind]).filter(([k]) => !k.startsWith('jco-')).reduce((a, [, n]) => a + n, 0);
  return {
    seed,
    elapsedMs,
    counts,
    totals: { inspect: total('inspect'), plug: total('plug') },
    throughput: { inspect: total('inspect') / (elapsedMs / 1000), plug: total('plug') / (elapsedMs / 1000) },
    findings,
  };
}

function progressLine(counts, ms) {
  const part = (kind) => {
    const c = counts[kind];
    const n = Object.entries(c).filter(([k]) => !k.startsWith('jco-')).reduce((a, [, v]) => a + v, 0);
    const bad = ['crash', 'hang', 'invalid-output', 'wrote-on-failure', 'invalid-output-of-invalid-input'].reduce((a, k) => a + (c[k] ?? 0), 0);
    return `${kind} ${n} (${bad} bad)`;
  };
  return `[${(ms / 1000).toFixed(0)} s] ${part('inspect')}, ${part('plug')}`;
}

/**
 * Saves each distinct crash (minimized, for inspect) and every hang and invalid output to `dir` as JSON (the mutant's
 * bytes in hex, with its seed, kind and index, so it can be replayed with --repro and turned into a regression test).
 */
function saveFindings(summary, { seed, corpus, dir, log }) {
  const bad = badFindings(summary);
  if (bad.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  const seen = new Set();
  const saved = [];
  for (const f of bad) {
    const key = `${f.kind}:${f.outcome}:${f.signature ?? f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let bytes;
    if (f.kind === 'inspect') {
      bytes = materialize(mutant(seed, STREAM.inspect, f.index, corpus));
      if (f.outcome === 'crash') bytes = minimize(bytes, (b) => runInspect(b).signature === f.signature, log);
    }
    const name = `${f.kind}-${f.outcome}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}.json`;
    writeFileSync(join(dir, name), `${JSON.stringify({ ...f, seed, hex: bytes === undefined ? undefined : Buffer.from(bytes).toString('hex') }, null, 2)}\n`);
    saved.push(join(dir, name));
  }
  log(`saved ${saved.length} finding(s) to ${dir}`);
  return saved;
}

function materialize(m) {
  if (m.bytes !== undefined) return m.bytes;
  const copy = Uint8Array.from(m.entry.bytes);
  applyPatch(copy, m.patch);
  return copy;
}

/** Delta debugging on bytes: removes ever smaller runs while `same` still holds (a few thousand tries at most). */
export function minimize(bytes, same, log = () => {}) {
  let best = bytes;
  let tries = 0;
  for (let size = Math.max(1, best.length >> 1); size >= 1 && tries < 4000; size >>= 1) {
    for (let at = 8; at < best.length && tries < 4000; ) {
      const candidate = new Uint8Array(best.length - Math.min(size, best.length - at));
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + size), at);
      tries++;
      let keeps = false;
      try {
        keeps = same(candidate);
      } catch {
        keeps = false;
      }
      if (keeps) best = candidate;
      else at += size;
    }
  }
  log(`minimized a crash from ${bytes.length} to ${best.length} bytes in ${tries} tries`);
  return best;
}

/**
 * Outcomes that are findings against wcompose: all but an input that `inspect` accepted though jco rejects it (the
 * validator's completeness: reported, not failed). Any plug output jco rejects is one, whatever its input.
 */
export function badFindings(summary) {
  return summary.findings.filter((f) => !INFORMATIONAL.includes(f.outcome));
}

const INFORMATIONAL = ['accepted-invalid'];

function report(summary) {
  const lines = [];
  lines.push(`seed ${summary.seed}, ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  for (const kind of ['inspect', 'plug']) {
    const c = summary.counts[kind];
    const entries = Object.entries(c).sort((a, b) => b[1] - a[1]);
    lines.push(`${kind}: ${summary.totals[kind]} mutants (${summary.throughput[kind].toFixed(0)}/s)`);
    lines.push(`  ${entries.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  const bad = badFindings(summary);
  lines.push(bad.length === 0 ? 'no crash, no hang, no invalid output, nothing written on failure' : `${bad.length} finding(s):`);
  for (const f of bad.slice(0, 30)) lines.push(`  ${f.kind} #${f.index} ${f.outcome} (${f.entry ?? ''} ${f.op ?? ''}): ${f.signature ?? f.message}`);
  const informational = summary.findings.filter((f) => INFORMATIONAL.includes(f.outcome));
  if (informational.length > 0) {
    lines.push(`${informational.length} input(s) jco rejects that wcompose inspect accepted (the validator's completeness):`);
    for (const f of informational.slice(0, 10)) lines.push(`  ${f.kind} #${f.index} ${f.outcome}: ${f.message.slice(0, 160)}`);
  }
  return lines.join('\n');
}

async function repro(spec, seed, js) {
  const [kind, at] = spec.split(':');
  if (kind === 'plug') return reproPlug(at.split(',').map(Number), seed, js);
  if (kind !== 'inspect') throw new Error('--repro takes inspect:<index> or plug:<index>');
  const corpus = (await loadCorpus({ js })).map((e) => ({ ...e, weight: e.big ? 0.1 : 1 }));
  const m = mutant(seed, STREAM.inspect, Number(at), corpus);
  const bytes = materialize(m);
  const dir = join(ROOT, 'fuzz', 'crashes');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `repro-${seed}-${kind}-${at}.wasm`);
  writeFileSync(file, bytes);
  const t0 = performance.now();
  const result = runInspect(bytes);
  console.log(`${file}: ${m.entry.name}, ${m.op}: ${JSON.stringify(result)} in ${(performance.now() - t0).toFixed(1)} ms`);
}

/**
 * Replays plug mutants (`plug:<index>[,<index>…]`): finds the plug scenarios as a run does (they depend on the
 * fixtures, and on which pairs this build composes validly: compare the scenario printed with the finding's), writes
 * each mutant's scenario, the mutated component replaced, to fuzz/crashes/repro-<seed>-plug-<index>/, and runs `plug`.
 */
async function reproPlug(indices, seed, js) {
  const corpus = await loadCorpus({ js });
  const base = mkdtempSync(join(tmpdir(), 'wcompose-fuzz-repro-'));
  try {
    const scenarios = await findScenarios(corpus, base);
    for (const index of indices) {
      const s = scenarios[scenarioOf(index, scenarios, 0.02)];
      const m = plugMutant(seed, STREAM.plug, index, s);
      const dir = join(ROOT, 'fuzz', 'crashes', `repro-${seed}-plug-${index}`);
      mkdirSync(dir, { recursive: true });
      const files = s.components.map((bytes, j) => {
        const f = join(dir, `${j === 0 ? 'socket' : `plug${j}`}.wasm`);
        writeFileSync(f, j === m.entry.slot ? m.bytes : bytes);
        return f;
      });
      rmSync(join(dir, 'out.wasm'), { force: true });
      const result = await runPlug(dir, files);
      if (result.output !== undefined) {
        const v = await jcoValidate(result.output);
        result.jco = v.valid ? 'valid' : v.message;
        delete result.output;
      }
      console.log(`plug #${index}: ${s.names.join(' + ')} (mutated: ${m.entry.name}), ${m.op}: ${JSON.stringify(result).slice(0, 300)}`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--seed') o.seed = Number(v());
    else if (a === '--time') o.timeSeconds = Number(v());
    else if (a === '--inspect') o.inspect = Number(v());
    else if (a === '--plug') o.plug = Number(v());
    else if (a === '--workers') o.workers = Number(v());
    else if (a === '--hang-ms') o.hangMs = Number(v());
    else if (a === '--jco-sample') o.jcoSample = Number(v());
    else if (a === '--out') o.out = v();
    else if (a === '--no-js') o.js = false;
    else if (a === '--repro') o.repro = v();
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const o = parseArgs(process.argv.slice(2));
  if (o.repro !== undefined) {
    await repro(o.repro, o.seed ?? 1, o.js ?? true);
  } else {
    const summary = await runFuzz(o);
    if (o.json) console.log(JSON.stringify({ ...summary, findings: summary.findings.slice(0, 100) }, null, 2));
    else console.log(report(summary));
    const bad = badFindings(summary);
    process.exitCode = bad.length === 0 ? 0 : 1;
  }
}
