/**
 * A fuzzing worker (a worker thread): takes chunks of mutant indices from the shared counters, runs each mutant,
 * and reports counts and findings to the main thread. Before each mutant it records which one and when it started in
 * shared memory, so the main thread can tell a hang (and terminate this worker) without any message from it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { applyPatch, mutant, plugMutant, scenarioOf } from './mutate.mjs';
import { jcoValidate, preparePlug, runInspect, runPlug } from './targets.mjs';

export const STREAM = { inspect: 1, plug: 2 };
/** Shared counters: next inspect index, next plug index, stop flag. */
export const COUNTER = { inspect: 0, plug: 1, stop: 2 };
const CHUNK = { inspect: 64, plug: 4 };

// Diagnostics are thrown by the hundred thousand: short stack traces keep that cheap (a crash's signature only needs
// its top frames).
Error.stackTraceLimit = 12;

const { seed, corpus, scenarios, targets, jcoSample, slot, dir, bigPlugWeight } = workerData;
const counters = new Int32Array(workerData.counters);
/** Per worker: [kind (1 inspect, 2 plug), index, start time (ms since epoch, 0 when idle), end of its chunk]. */
const state = new Float64Array(workerData.state, slot * 4 * 8, 4);

// The plug scenarios' files, written once; a mutant replaces one of them and is put back after.
const plugFiles = scenarios.map((s, i) => {
  const d = join(dir, `s${i}`);
  mkdirSync(d, { recursive: true });
  return s.components.map((bytes, j) => {
    const f = join(d, `${j === 0 ? 'socket' : `plug${j}`}.wasm`);
    writeFileSync(f, bytes);
    return f;
  });
});

const counts = { inspect: {}, plug: {} };
let pending = [];
let lastFlush = Date.now();

function count(kind, key) {
  counts[kind][key] = (counts[kind][key] ?? 0) + 1;
}

function flush(force = false) {
  if (!force && Date.now() - lastFlush < 500) return;
  parentPort.postMessage({ type: 'progress', counts, findings: pending });
  pending = [];
  lastFlush = Date.now();
  for (const k of Object.keys(counts)) counts[k] = {};
}

function take(kind) {
  if (Atomics.load(counters, COUNTER.stop) !== 0) return undefined;
  if (kind === 'plug' && scenarios.length === 0) return undefined;
  const start = Atomics.add(counters, COUNTER[kind], CHUNK[kind]);
  if (start >= targets[kind]) return undefined;
  return { kind, from: start, to: Math.min(start + CHUNK[kind], targets[kind]) };
}

async function inspectOne(index) {
  const m = mutant(seed, STREAM.inspect, index, corpus);
  let result;
  if (m.patch !== undefined) {
    // In place (12 MB inputs are not copied), then undone.
    const undo = applyPatch(m.entry.bytes, m.patch);
    try {
      // A new view of the patched bytes for each mutant: wcompose remembers what it validated and parsed per buffer
      // object, so the same object, patched differently each time, would be judged by its first mutant.
      const view = new Uint8Array(m.entry.bytes.buffer, m.entry.bytes.byteOffset, m.entry.bytes.length);
      result = await timed(() => runInspect(view));
      // (jco takes seconds to validate a 12 MB component: those are sampled ten times less.)
      if (result.outcome === 'ok' && sampled(index, m.entry.big ? jcoSample / 10 : jcoSample)) result.jco = await jcoValidate(view);
    } finally {
      applyPatch(m.entry.bytes, undo);
    }
  } else {
    result = await timed(() => runInspect(m.bytes));
    if (result.outcome === 'ok' && sampled(index, m.entry.big ? jcoSample / 10 : jcoSample)) result.jco = await jcoValidate(m.bytes);
  }
  count('inspect', result.outcome === 'diagnostic' ? result.code : result.outcome);
  if (result.jco !== undefined) count('inspect', result.jco.valid ? 'jco-agrees' : 'jco-rejects-accepted-input');
  if (result.outcome === 'crash') pending.push({ kind: 'inspect', index, op: m.op, entry: m.entry.name, ...result });
  if (result.jco !== undefined && !result.jco.valid) {
    pending.push({ kind: 'inspect', index, op: m.op, entry: m.entry.name, outcome: 'accepted-invalid', message: result.jco.message });
  }
}

/** Runs what is watched for hangs: wcompose's own work (not the fuzzer's, nor jco's), with its start in shared memory. */
async function timed(fn) {
  state[2] = Date.now();
  try {
    return await fn();
  } finally {
    state[2] = 0;
  }
}

function sampled(index, rate) {
  return ((index * 2654435761) >>> 0) / 4294967296 < rate;
}

async function plugOne(index) {
  // The scenario and which of its components is mutated come from the mutant's own generator (through `mutant`):
  // the corpus for a plug mutant is the scenario's components, one of them picked.
  const which = scenarioOf(index, scenarios, bigPlugWeight);
  const s = scenarios[which];
  const files = plugFiles[which];
  const m = plugMutant(seed, STREAM.plug, index, s);
  const bytes = m.bytes;
  let result;
  const scenarioDir = join(dir, `s${which}`);
  try {
    await preparePlug(scenarioDir, files, m.entry.slot, bytes);
    result = await timed(() => runPlug(scenarioDir, files));
  } finally {
    writeFileSync(files[m.entry.slot], m.entry.bytes);
  }
  if (result.outcome === 'ok') {
    const v = await jcoValidate(result.output);
    count('plug', 'jco-checked');
    if (!v.valid) {
      const input = await jcoValidate(bytes);
      result = { outcome: input.valid ? 'invalid-output' : 'invalid-output-of-invalid-input', message: v.message, inputMessage: input.message };
    } else if (v.witOnly) {
      count('plug', 'jco-wit-only');
    }
  }
  if (result.outcome === 'invalid-output' && result.inputMessage === undefined) {
    // Caught by the validator before writing (WC9101): was the input itself valid?
    const input = await jcoValidate(bytes);
    if (!input.valid) result = { ...result, outcome: 'invalid-output-of-invalid-input', inputMessage: input.message };
  }
  count('plug', result.outcome === 'diagnostic' ? result.code : result.outcome);
  if (!['ok', 'diagnostic'].includes(result.outcome)) {
    const { output: _output, ...rest } = result;
    pending.push({ kind: 'plug', index, op: m.op, entry: `${s.names.join(' + ')} (mutated: ${m.entry.name})`, ...rest });
  }
}

async function main() {
  // A worker started again after a hang first finishes the chunk of the one it replaces.
  let resume = workerData.resume;
  for (;;) {
    // Both kinds advance together, towards their targets (or, without targets, fifty inspect mutants a plug one).
    const share = (kind, unbounded) => Atomics.load(counters, COUNTER[kind]) / (targets[kind] >= 2 ** 30 ? unbounded : targets[kind]);
    const kind = scenarios.length > 0 && share('plug', 1) <= share('inspect', 50) ? 'plug' : 'inspect';
    const chunk = resume ?? take(kind) ?? take(kind === 'plug' ? 'inspect' : 'plug');
    resume = undefined;
    if (chunk === undefined) break;
    const k = chunk.kind;
    for (let i = chunk.from; i < chunk.to; i++) {
      state[0] = STREAM[k];
      state[1] = i;
      state[3] = chunk.to;
      if (k === 'inspect') await inspectOne(i);
      else await plugOne(i);
      flush();
    }
  }
  flush(true);
  parentPort.postMessage({ type: 'done' });
}

main().catch((e) => {
  parentPort.postMessage({ type: 'fatal', message: String(e?.stack ?? e) });
}).finally(() => {
  rmSync(dir, { recursive: true, force: true });
});
