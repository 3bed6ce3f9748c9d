import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileBacking } from '../binary/layer.js';
import { WcomposeError } from '../diagnostics/error.js';
import { ValidationError } from './error.js';

/**
 * The code of an input's embedded core modules, validated by V8 (`WebAssembly.validate`): the component layer's
 * validator checks a core module's header, sections and signatures only, so a module whose function bodies are corrupt
 * would otherwise be embedded byte for byte into an output every runtime refuses.
 *
 * Inputs only: a composed output's core modules are its inputs' (already checked) bytes.
 */

/** The part of the WebAssembly JS API used here (this project's TypeScript libs do not declare it). */
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
};

/** Checks one embedded core module: `start`/`end` are its byte range in the input, `index` its module index. */
export type CoreCodeCheck = (start: number, end: number, index: number, nestedAt: number | undefined) => void;

/**
 * V8's refusals that mean "this module uses a proposal this V8 does not enable", not "this module is corrupt". Such a
 * module is not verified (wasmparser, the reference validator, accepts it; refusing it would refuse valid inputs), and
 * it is embedded as it is, as before this check existed:
 *
 * - V8 names the flag that would enable the proposal: `enable with --experimental-wasm-gc`, `(enable via
 *   --experimental-wasm-memory64)`, `--experimental-relaxed-simd` (gc, typed function references, stringref,
 *   memory64, relaxed SIMD, shared-everything's shared types in Node 20, as in the proposals fixture);
 * - Wasm 3.0 features Node 20's V8 (11.3) does not implement, or gates without naming the flag: a second memory
 *   (multi-memory: "memory count of 2 exceeds internal limit of 1"), 64-bit or custom-page-size limits ("invalid memory
 *   limits flags 0x8", "invalid table elements limits flags"), extended constant expressions ("opcode i32.add is not
 *   allowed in constant expressions": only the add, sub and mul it allows, so that another opcode there, which is
 *   corruption, is still refused), and exnref's `try_table` (0x1f) and `throw_ref` (0x0a).
 *
 * A corrupt module that happens to fail in one of these ways is let through: the price of not refusing valid inputs.
 * Newer V8s implement these proposals (and name their flags), so the list only matters on old ones.
 */
const UNSUPPORTED_PROPOSAL = [
  /--experimental-[a-z0-9-]+/,
  /memory count of \d+ exceeds internal limit/,
  /invalid (memory|table elements) limits flags/,
  /opcode i(32|64)\.(add|sub|mul) is not allowed in constant expressions/,
  /Invalid opcode 0x(1f|a)\b/,
];

/** Whether V8's message says the module needs a proposal V8 does not enable (see `UNSUPPORTED_PROPOSAL`). */
export function needsUnsupportedProposal(message: string): boolean {
  return UNSUPPORTED_PROPOSAL.some((re) => re.test(message));
}

/**
 * For V8's "memory count of N exceeds internal limit of 1": whether the memory section really holds N well-formed
 * memories (multi-memory), rather than a corrupt count (fuzz finding plug #5175: 33 memories announced, one there).
 */
export function memorySectionHoldsItsCount(module: Uint8Array): boolean {
  let at = 8;
  const u = (): number => {
    let v = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (at >= module.length) throw new RangeError('end of module');
      const b = module[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return v;
    }
    throw new RangeError('LEB128 too long');
  };
  try {
    while (at < module.length) {
      const id = module[at++]!;
      const size = u();
      const end = at + size;
      if (id !== 5) {
        at = end;
        continue;
      }
      const count = u();
      for (let i = 0; i < count; i++) {
        const flags = u();
        if (flags > 0x0f) return false;
        u(); // minimum
        if ((flags & 0x01) !== 0) u(); // maximum
        if ((flags & 0x08) !== 0) u(); // page size (custom-page-sizes)
      }
      return at === end;
    }
  } catch {
    return false;
  }
  return false;
}

/** V8's reason for refusing `module`, or `undefined` if it accepts it (asked on the failure path only: it compiles). */
function v8Reason(module: Uint8Array): string | undefined {
  try {
    new WebAssembly.Module(module);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Modules of large input files (read by their component layer only) that V8 accepted in this process, by file
 * identity (device, inode, size, modification and change times in ns) and byte range: a build in watch mode, or a
 * program calling `build()` again, does not pay for validating the same 12 MB of code again. A file that changed has
 * another identity (its ctime cannot be set back). Bounded: cleared when it gets large.
 */
const verifiedInFiles = new Set<string>();
const MAX_REMEMBERED = 10_000;

/**
 * The buffer modules of large files are read into, one module at a time: held weakly, so a process that composes
 * twenty 12 MB inputs holds one module's bytes at a time, and one that is done composing holds none.
 */
let scratch: WeakRef<Uint8Array> | undefined;

function scratchBuffer(size: number): Uint8Array {
  const current = scratch?.deref();
  if (current !== undefined && current.length >= size) return current.subarray(0, size);
  const fresh = new Uint8Array(size);
  scratch = new WeakRef(fresh);
  return fresh;
}

/**
 * The check for the core modules of `bytes` (an input as `readComponentBinary` or the caller returned it): the
 * module's bytes are `bytes` itself, or, for a large file read by its component layer only (where core module code is
 * left zero), read from the file with positioned reads, one module at a time.
 */
export function coreCodeCheck(bytes: Uint8Array): CoreCodeCheck {
  const backing = fileBacking(bytes);
  if (backing === undefined) return (start, end, index, nestedAt) => verify(bytes.subarray(start, end), start, index, nestedAt);
  return (start, end, index, nestedAt) => {
    let fd: number | undefined;
    try {
      fd = openSync(backing.file, 'r');
    } catch {
      throw changed(backing.file);
    }
    try {
      const info = fstatSync(fd, { bigint: true });
      if (info.size !== BigInt(backing.size)) throw changed(backing.file);
      const key = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}:${start}:${end}`;
      if (verifiedInFiles.has(key)) return;
      const module = scratchBuffer(end - start);
      for (let at = 0; at < module.length; ) {
        const n = readSync(fd, module, at, module.length - at, start + at);
        if (n === 0) throw changed(backing.file);
        at += n;
      }
      verify(module, start, index, nestedAt);
      if (verifiedInFiles.size >= MAX_REMEMBERED) verifiedInFiles.clear();
      verifiedInFiles.add(key);
    } finally {
      closeSync(fd);
    }
  };
}

function changed(file: string): WcomposeError {
  return new WcomposeError('WC9001', 'cannot read file: it changed or went away while wcompose was reading it', {
    file,
    hint: 'run again once whatever writes it is done',
  });
}

/** V8's verdict on one module (at file offset `start`); a refusal is WC1115 at the offset V8 names, in the file. */
function verify(module: Uint8Array, start: number, index: number, nestedAt: number | undefined): void {
  if (WebAssembly.validate(module)) return;
  const reason = v8Reason(module);
  if (reason === undefined) return;
  const multiMemory = /memory count of \d+ exceeds internal limit/.test(reason);
  if (multiMemory ? memorySectionHoldsItsCount(module) : needsUnsupportedProposal(reason)) return;
  // V8's messages read `WebAssembly.Module(): <reason> @+<offset in the module>`.
  const match = /^(?:WebAssembly\.Module\(\): )?([\s\S]*?)(?: @\+(\d+))?$/.exec(reason.trim());
  const why = match?.[1] ?? reason;
  const at = match?.[2] === undefined ? undefined : start + Number(match[2]);
  const where = `core module ${index}${nestedAt === undefined ? '' : ` of the component nested at byte ${nestedAt}`} (at byte ${start}, ${sizeText(module.length)})`;
  // The diagnostic's offset is V8's, translated into the file (the module's start when V8 gives none).
  throw new ValidationError('WC1115', `${where} is not valid WebAssembly (V8): ${why}`, at ?? start);
}

function sizeText(length: number): string {
  return length >= 1024 * 1024 ? `${(length / (1024 * 1024)).toFixed(1)} MB` : `${length} bytes`;
}
