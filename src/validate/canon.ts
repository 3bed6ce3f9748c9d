import type * as bin from '../binary/ast.js';
import { valType } from './define.js';
import type { Scope } from './scope.js';
import { containsPtr, flatCount, type DefinedT, type FuncT, type ValT } from './types.js';

/** The canonical ABI's limits on flattened parameters and results (CanonicalABI.md `MAX_FLAT_*`). */
const MAX_FLAT_PARAMS = 16;
const MAX_FLAT_ASYNC_PARAMS = 4;
const MAX_FLAT_RESULTS = 1;

interface Options {
  memory: boolean;
  realloc: boolean;
  postReturn: boolean;
  async: boolean;
  callback: boolean;
  coreType: boolean;
  gc: boolean;
}

/** wasmparser's `check_options`: each option at most once, one string encoding, indices in bounds, and the pairings. */
function checkOptions(scope: Scope, opts: readonly bin.CanonOpt[]): Options {
  const fail = (m: string): never => scope.fail('WC1107', m);
  const seen = new Set<string>();
  let encoding: string | undefined;
  const o: Options = { memory: false, realloc: false, postReturn: false, async: false, callback: false, coreType: false, gc: false };
  for (const opt of opts) {
    if (opt.kind === 'utf8' || opt.kind === 'utf16' || opt.kind === 'latin1+utf16') {
      if (encoding !== undefined) fail(`canonical encoding option \`${encoding}\` conflicts with option \`${opt.kind}\``);
      encoding = opt.kind;
      continue;
    }
    if (seen.has(opt.kind)) fail(`canonical option \`${opt.kind}\` is specified more than once`);
    seen.add(opt.kind);
    switch (opt.kind) {
      case 'memory':
        scope.inBounds(scope.coreMemories, opt.index, 'memory');
        o.memory = true;
        break;
      case 'realloc':
        o.realloc = true;
        break;
      case 'post-return':
        scope.inBounds(scope.coreFuncs.length, opt.index, 'core function');
        o.postReturn = true;
        break;
      case 'async':
        o.async = true;
        break;
      case 'callback':
        scope.inBounds(scope.coreFuncs.length, opt.index, 'core function');
        o.callback = true;
        break;
      case 'core-type': {
        const t = scope.coreTypes[opt.index];
        if (t === undefined) fail(`unknown core type ${opt.index}: type index out of bounds`);
        if (t!.k !== 'func') fail('canonical option `core type` must reference a core function type');
        o.coreType = true;
        break;
      }
      case 'gc':
        o.gc = true;
        break;
    }
  }
  if (!o.async && o.callback) fail('cannot specify callback without async');
  if (o.async && o.postReturn) fail('cannot specify post-return function in async');
  if (!o.gc && o.coreType) fail('cannot specify `core-type` without `gc`');
  const realloc = opts.find((x): x is Extract<bin.CanonOpt, { kind: 'realloc' }> => x.kind === 'realloc');
  if (realloc !== undefined) {
    if (!o.memory) fail('canonical option `realloc` requires `memory` to also be specified');
    scope.inBounds(scope.coreFuncs.length, realloc.index, 'core function');
    const sig = scope.coreFuncs[realloc.index];
    // A 64-bit memory takes i64 pointers: either form.
    if (sig !== undefined && !sameSignature(sig, 'i32,i32,i32,i32->i32') && !sameSignature(sig, 'i64,i64,i64,i64->i64')) {
      fail('canonical option `realloc` uses a core function with an incorrect signature');
    }
  }
  return o;
}

function requireMemory(scope: Scope, o: Options): void {
  if (!o.memory) scope.fail('WC1107', 'canonical option `memory` is required');
}

function requireRealloc(scope: Scope, o: Options): void {
  requireMemory(scope, o);
  if (!o.realloc) scope.fail('WC1107', 'canonical option `realloc` is required');
}

/** The memory and realloc a function's lowering (`lower`) or lifting (`lift`) needs, as wasmparser's `lower` asks. */
function checkAbi(scope: Scope, f: FuncT, o: Options, abi: 'lift' | 'lower'): void {
  if (o.gc) return;
  if (o.async && !f.async) scope.fail('WC1107', 'the `async` canonical option requires an async function type');
  const maxParams = abi === 'lower' && o.async ? MAX_FLAT_ASYNC_PARAMS : MAX_FLAT_PARAMS;
  let flat = 0;
  for (const p of f.params) {
    if (containsPtr(p.type)) {
      if (abi === 'lower') requireMemory(scope, o);
      else requireRealloc(scope, o);
    }
    flat += flatCount(p.type);
    if (flat > maxParams) {
      requireMemory(scope, o);
      if (abi === 'lift') requireRealloc(scope, o);
      break;
    }
  }
  if (f.result !== undefined) {
    if (abi === 'lower' && containsPtr(f.result)) requireRealloc(scope, o);
    if (!o.async && flatCount(f.result) > MAX_FLAT_RESULTS) requireMemory(scope, o);
    if (abi === 'lower' && o.async) requireMemory(scope, o);
    if (abi === 'lift' && o.async && (containsPtr(f.result) || flatCount(f.result) > MAX_FLAT_PARAMS)) requireMemory(scope, o);
  }
}

function streamOrFuture(scope: Scope, index: number, kind: 'stream' | 'future', builtin: string): DefinedT {
  const t = scope.type(index);
  if (t.k !== 'defined' || t.kind !== kind) scope.fail('WC1102', `\`${builtin}\` requires a ${kind} type`);
  return t;
}

/** `cancellable` was removed by component-model#716: the byte stays, and must be 0x00. */
const reservedZero = new Set([
  'waitable-set.wait', 'waitable-set.poll', 'thread.suspend', 'thread.yield', 'thread.suspend-then-resume',
  'thread.yield-then-resume', 'thread.suspend-then-promote', 'thread.yield-then-promote',
]);

export function validateCanon(scope: Scope, c: bin.Canon): void {
  switch (c.kind) {
    case 'lift': {
      const t = scope.type(c.type);
      if (t.k !== 'func') scope.fail('WC1102', `type index ${c.type} is not a function type`);
      scope.inBounds(scope.coreFuncs.length, c.coreFunc, 'core function');
      const o = checkOptions(scope, c.opts);
      if (o.coreType) scope.fail('WC1107', 'canonical option `core-type` is not allowed in `canon lift`');
      checkAbi(scope, t, o, 'lift');
      // With a memory, pointers are that memory's address type (64-bit memories take i64), which we do not track:
      // the signature is then compared with 32-bit pointers, any of which may be i64 (see `sameSignature`).
      const want = o.gc ? undefined : `${o.memory ? ANY_POINTERS : ''}${loweredSignature(t, o, 'lift')}`;
      const have = scope.coreFuncs[c.coreFunc];
      if (want !== undefined && have !== undefined && !sameSignature(want, have)) {
        scope.fail('WC1107', `lowered function type (${want}) does not match type (${have}) of core function ${c.coreFunc}`);
      }
      checkPostReturn(scope, c.opts, have);
      scope.funcs.push(t);
      return;
    }
    case 'lower': {
      const f = scope.at(scope.funcs, c.func, 'function');
      const o = checkOptions(scope, c.opts);
      if (o.postReturn) scope.fail('WC1107', 'canonical option `post-return` cannot be specified for lowerings');
      if (o.callback) scope.fail('WC1107', 'canonical option `callback` cannot be specified for lowerings');
      if (o.gc && !o.coreType) scope.fail('WC1107', 'cannot specify `gc` without also specifying a `core-type` for lowerings');
      checkAbi(scope, f, o, 'lower');
      scope.coreFuncs.push(o.gc ? undefined : `${o.memory ? ANY_POINTERS : ''}${loweredSignature(f, o, 'lower')}`);
      return;
    }
    case 'builtin':
      scope.coreFuncs.push(validateBuiltin(scope, c.name, c.immediates));
      return;
  }
}

/**
 * Validates a canonical built-in; returns its core signature where it is simple to know (the resource built-ins and
 * `task.return`, which core instantiations and lifts are checked against), else undefined.
 */
function validateBuiltin(scope: Scope, name: string, imm: readonly bin.CanonImmediate[]): string | undefined {
  const u32 = (i: number): number => (imm[i] as { value: number }).value;
  if (reservedZero.has(name)) {
    const flag = imm.find((x) => x.kind === 'flag');
    if (flag?.value === true) {
      scope.fail('WC1113', `\`${name}\`: expected a zero byte where \`cancellable\` used to be (removed by component-model#716), found 0x01`);
    }
  }
  switch (name) {
    case 'resource.new':
    case 'resource.rep': {
      const t = scope.type(u32(0));
      if (t.k !== 'resource' || !t.local) scope.fail('WC1102', `type ${u32(0)} is not a local resource`);
      return 'i32->i32';
    }
    case 'resource.drop': {
      const t = scope.type(u32(0));
      if (t.k !== 'resource') scope.fail('WC1102', `type index ${u32(0)} is not a resource type`);
      return 'i32->';
    }
    case 'task.return': {
      const result = (imm[0] as { value: bin.ValType | undefined }).value;
      const params: { name: string; type: ValT }[] = result === undefined ? [] : [{ name: 'v', type: valType(scope, result) }];
      const o = checkOptions(scope, (imm[1] as { value: bin.CanonOpt[] }).value);
      if (o.realloc) scope.fail('WC1107', 'cannot specify `realloc` option on `task.return`');
      if (o.postReturn) scope.fail('WC1107', 'cannot specify `post-return` option on `task.return`');
      if (o.callback) scope.fail('WC1107', 'canonical option `callback` cannot be specified for lowerings');
      if (o.async) scope.fail('WC1107', 'cannot specify `async` option on `task.return`');
      const f: FuncT = { k: 'func', async: false, params, result: undefined, info: { size: 1, depth: 1, borrow: false } };
      checkAbi(scope, f, o, 'lower');
      return o.gc ? undefined : `${o.memory ? ANY_POINTERS : ''}${loweredSignature(f, o, 'lower')}`;
    }
    case 'context.get':
    case 'context.set': {
      const t = (imm[0] as { value: bin.CoreValType }).value;
      if (t.kind !== 'num' || (t.code !== 0x7f && t.code !== 0x7e)) scope.fail('WC1102', `\`${name}\` only supports \`i32\` or \`i64\``);
      if (u32(1) > 1) scope.fail('WC1102', `\`${name}\` immediate must be zero or one: ${u32(1)}`);
      return;
    }
    case 'waitable-set.wait':
    case 'waitable-set.poll':
      scope.inBounds(scope.coreMemories, u32(1), 'memory');
      return;
    case 'error-context.new':
    case 'error-context.debug-message': {
      const o = checkOptions(scope, (imm[0] as { value: bin.CanonOpt[] }).value);
      requireMemory(scope, o);
      if (name === 'error-context.debug-message') requireRealloc(scope, o);
      if (o.async) scope.fail('WC1107', `cannot specify \`async\` option on \`${name}\``);
      return;
    }
    case 'thread.new-indirect':
    case 'thread.spawn-indirect':
      coreFuncType(scope, u32(0));
      scope.inBounds(scope.coreTables, u32(1), 'table');
      return;
    case 'thread.spawn-ref':
      coreFuncType(scope, u32(0));
      return;
    default:
      break;
  }
  const m = /^(stream|future)\.(.*)$/.exec(name);
  if (m !== null) {
    streamOrFuture(scope, u32(0), m[1] as 'stream' | 'future', name);
    const opts = imm.find((x): x is Extract<bin.CanonImmediate, { kind: 'opts' }> => x.kind === 'opts');
    if (opts !== undefined) {
      const o = checkOptions(scope, opts.value);
      if (o.postReturn) scope.fail('WC1107', 'canonical option `post-return` cannot be specified for lowerings');
      if (o.callback) scope.fail('WC1107', 'canonical option `callback` cannot be specified for lowerings');
    }
  }
}

function coreFuncType(scope: Scope, index: number): void {
  const t = scope.coreTypes[index];
  if (t === undefined) scope.fail('WC1101', `unknown core type ${index}: type index out of bounds`);
  if (t.k !== 'func') scope.fail('WC1102', 'expected a core function type');
}

function checkPostReturn(scope: Scope, opts: readonly bin.CanonOpt[], lifted: string | undefined): void {
  const post = opts.find((x): x is Extract<bin.CanonOpt, { kind: 'post-return' }> => x.kind === 'post-return');
  if (post === undefined || lifted === undefined) return;
  const sig = scope.coreFuncs[post.index];
  if (sig === undefined) return;
  const fuzzy = lifted.startsWith(ANY_POINTERS) ? ANY_POINTERS : '';
  if (!sameSignature(sig, `${fuzzy}${lifted.slice(lifted.indexOf('->') + 2)}->`)) {
    scope.fail('WC1107', 'canonical option `post-return` uses a core function with an incorrect signature');
  }
}

// ───────────────────────────── core signatures ─────────────────────────────

/**
 * Marks a core signature computed with 32-bit pointers for a lift or lower with a memory whose address type is not
 * tracked: each of its `i32`s may be an `i64` (a 64-bit memory's pointers and lengths). Everything else (the number
 * and order of parameters and results, the other types) must match, which is what a corrupt input breaks.
 */
export const ANY_POINTERS = '~';

/** Whether two core signatures (`i32,i32->i32`) agree, either of them possibly marked `ANY_POINTERS`. */
export function sameSignature(a: string, b: string): boolean {
  if (a === b) return true;
  const fuzzyA = a.startsWith(ANY_POINTERS);
  const fuzzyB = b.startsWith(ANY_POINTERS);
  if (!fuzzyA && !fuzzyB) return false;
  const [pa = '', ra = ''] = (fuzzyA ? a.slice(1) : a).split('->');
  const [pb = '', rb = ''] = (fuzzyB ? b.slice(1) : b).split('->');
  const same = (x: string, y: string): boolean => {
    const xs = x === '' ? [] : x.split(',');
    const ys = y === '' ? [] : y.split(',');
    return xs.length === ys.length && xs.every((t, i) => {
      const u = ys[i]!;
      return t === u || (fuzzyA && t === 'i32' && u === 'i64') || (fuzzyB && u === 'i32' && t === 'i64');
    });
  };
  return same(pa, pb) && same(ra, rb);
}

// ───────────────────────────── the canonical ABI's flattening ─────────────────────────────

type Core = 'i32' | 'i64' | 'f32' | 'f64';

function flatPrim(t: string): Core[] {
  switch (t) {
    case 's64':
    case 'u64':
      return ['i64'];
    case 'f32':
      return ['f32'];
    case 'f64':
      return ['f64'];
    case 'string':
      return ['i32', 'i32'];
    default:
      return ['i32'];
  }
}

function join(a: Core, b: Core): Core {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

/** CanonicalABI.md `flatten_type`; undefined past `FLAT_LIMIT` values (the caller only needs to know it overflows). */
function flatten(t: ValT, depth = 0): Core[] {
  if (typeof t === 'string') return flatPrim(t);
  if (depth > 200 || t.flat > FLAT_LIMIT) return new Array<Core>(FLAT_LIMIT + 1).fill('i32');
  switch (t.kind) {
    case 'prim':
      return flatPrim(t.prim ?? 'u32');
    case 'record':
    case 'tuple':
      return (t.slots ?? []).flatMap((s) => (s === undefined ? [] : flatten(s, depth + 1)));
    case 'fixed-list': {
      const one = flatten(t.slots![0]!, depth + 1);
      return Array.from({ length: t.length ?? 0 }, () => one).flat();
    }
    case 'list':
    case 'map':
      return ['i32', 'i32'];
    case 'variant':
    case 'option':
    case 'result': {
      // option<T> is variant { none, some(T) }; result<T, E> is variant { ok(T), err(E) }.
      const cases = t.kind === 'option' ? [undefined, t.slots![0]] : (t.slots ?? []);
      const joined: Core[] = [];
      for (const c of cases) {
        if (c === undefined) continue;
        flatten(c, depth + 1).forEach((f, i) => (joined[i] = joined[i] === undefined ? f : join(joined[i]!, f)));
      }
      return ['i32', ...joined];
    }
    default:
      // flags (at most 32), enum, own, borrow, stream, future.
      return ['i32'];
  }
}

const FLAT_LIMIT = 64;

/** The core signature a lifted function must have, or a lowered one gets (`i32,i32->i32`). */
function loweredSignature(f: FuncT, o: Options, abi: 'lift' | 'lower'): string {
  let params = f.params.flatMap((p) => flatten(p.type));
  const maxParams = abi === 'lower' && o.async ? MAX_FLAT_ASYNC_PARAMS : MAX_FLAT_PARAMS;
  if (params.length > maxParams) params = ['i32'];
  let results: Core[] = [];
  if (!o.async) {
    if (f.result !== undefined) {
      results = flatten(f.result);
      if (results.length > MAX_FLAT_RESULTS) {
        if (abi === 'lower') {
          params = [...params, 'i32'];
          results = [];
        } else results = ['i32'];
      }
    }
  } else if (abi === 'lower') {
    if (f.result !== undefined) params = [...params, 'i32'];
    results = ['i32'];
  } else if (o.callback) results = ['i32'];
  return `${params.join(',')}->${results.join(',')}`;
}
