import type { CanonImmediate } from './ast.js';

/** The immediates a canonical built-in carries after its opcode, in order. */
export type ImmediateKind = CanonImmediate['kind'];

/**
 * Canonical built-ins other than lift/lower: opcode → name and immediates, from Binary.md's `canon` production.
 * Reading and writing both walk this table, so the two cannot disagree.
 */
export const canonBuiltins: readonly { opcode: number; name: string; immediates: readonly ImmediateKind[] }[] = [
  { opcode: 0x02, name: 'resource.new', immediates: ['u32'] },
  { opcode: 0x03, name: 'resource.drop', immediates: ['u32'] },
  { opcode: 0x04, name: 'resource.rep', immediates: ['u32'] },
  { opcode: 0x24, name: 'backpressure.inc', immediates: [] },
  { opcode: 0x25, name: 'backpressure.dec', immediates: [] },
  { opcode: 0x09, name: 'task.return', immediates: ['result', 'opts'] },
  { opcode: 0x05, name: 'task.cancel', immediates: [] },
  { opcode: 0x0a, name: 'context.get', immediates: ['coreValType', 'u32'] },
  { opcode: 0x0b, name: 'context.set', immediates: ['coreValType', 'u32'] },
  { opcode: 0x06, name: 'subtask.cancel', immediates: ['flag'] },
  { opcode: 0x0d, name: 'subtask.drop', immediates: [] },
  { opcode: 0x0e, name: 'stream.new', immediates: ['u32'] },
  { opcode: 0x0f, name: 'stream.read', immediates: ['u32', 'opts'] },
  { opcode: 0x10, name: 'stream.write', immediates: ['u32', 'opts'] },
  { opcode: 0x11, name: 'stream.cancel-read', immediates: ['u32', 'flag'] },
  { opcode: 0x12, name: 'stream.cancel-write', immediates: ['u32', 'flag'] },
  { opcode: 0x13, name: 'stream.drop-readable', immediates: ['u32'] },
  { opcode: 0x14, name: 'stream.drop-writable', immediates: ['u32'] },
  { opcode: 0x15, name: 'future.new', immediates: ['u32'] },
  { opcode: 0x16, name: 'future.read', immediates: ['u32', 'opts'] },
  { opcode: 0x17, name: 'future.write', immediates: ['u32', 'opts'] },
  { opcode: 0x18, name: 'future.cancel-read', immediates: ['u32', 'flag'] },
  { opcode: 0x19, name: 'future.cancel-write', immediates: ['u32', 'flag'] },
  { opcode: 0x1a, name: 'future.drop-readable', immediates: ['u32'] },
  { opcode: 0x1b, name: 'future.drop-writable', immediates: ['u32'] },
  { opcode: 0x1c, name: 'error-context.new', immediates: ['opts'] },
  { opcode: 0x1d, name: 'error-context.debug-message', immediates: ['opts'] },
  { opcode: 0x1e, name: 'error-context.drop', immediates: [] },
  { opcode: 0x1f, name: 'waitable-set.new', immediates: [] },
  { opcode: 0x20, name: 'waitable-set.wait', immediates: ['flag', 'u32'] },
  { opcode: 0x21, name: 'waitable-set.poll', immediates: ['flag', 'u32'] },
  { opcode: 0x22, name: 'waitable-set.drop', immediates: [] },
  { opcode: 0x23, name: 'waitable.join', immediates: [] },
  { opcode: 0x26, name: 'thread.index', immediates: [] },
  { opcode: 0x27, name: 'thread.new-indirect', immediates: ['u32', 'u32'] },
  { opcode: 0x28, name: 'thread.resume-later', immediates: [] },
  { opcode: 0x29, name: 'thread.suspend', immediates: ['flag'] },
  { opcode: 0x0c, name: 'thread.yield', immediates: ['flag'] },
  { opcode: 0x2a, name: 'thread.suspend-then-resume', immediates: ['flag'] },
  { opcode: 0x2b, name: 'thread.yield-then-resume', immediates: ['flag'] },
  { opcode: 0x2c, name: 'thread.suspend-then-promote', immediates: ['flag'] },
  { opcode: 0x2d, name: 'thread.yield-then-promote', immediates: ['flag'] },
  // 🧵② Binary.md gives these a `shared?` byte, but wasm-tools (which writes the binaries we read) does not emit
  // it yet; we follow the bytes that exist in the wild.
  { opcode: 0x40, name: 'thread.spawn-ref', immediates: ['u32'] },
  { opcode: 0x41, name: 'thread.spawn-indirect', immediates: ['u32', 'u32'] },
  { opcode: 0x42, name: 'thread.available-parallelism', immediates: [] },
];

export const canonByOpcode = new Map(canonBuiltins.map((b) => [b.opcode, b]));
export const canonByName = new Map(canonBuiltins.map((b) => [b.name, b]));
