import type {
  CoreCompType, CoreExternType, CoreFieldType, CoreHeapType, CoreLimits, CoreModuleDecl, CoreStorageType,
  CoreSubType, CoreType, CoreValType,
} from './ast.js';
import type { ByteReader } from './byte-reader.js';
import { limits } from './limits.js';

/** Readers for the core WebAssembly types that appear inside components (core type sections, module types). */

const numTypes = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b]);
/** Abstract heap types, which double as abbreviated reference types (`funcref` is `(ref null func)`). */
const absHeapTypes = new Set([0x70, 0x6f, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x71, 0x72, 0x73, 0x69, 0x74, 0x68, 0x75]);

export function readCoreHeapType(r: ByteReader): CoreHeapType {
  const at = r.pos;
  const b = r.peek();
  if (b === 0x65) {
    r.u8();
    const code = r.u8();
    if (!absHeapTypes.has(code)) r.fail('WC1009', `unknown shared heap type 0x${code.toString(16)}`, at);
    return { shared: true, code };
  }
  const v = r.s33();
  if (v >= 0) return { index: v };
  const code = v + 0x80;
  if (!absHeapTypes.has(code)) r.fail('WC1009', `unknown heap type 0x${code.toString(16)}`, at);
  return { shared: false, code };
}

export function readCoreValType(r: ByteReader): CoreValType {
  const at = r.pos;
  const b = r.u8();
  if (numTypes.has(b)) return { kind: 'num', code: b };
  if (absHeapTypes.has(b)) return { kind: 'refShort', code: b };
  if (b === 0x63 || b === 0x64) return { kind: 'ref', nullable: b === 0x63, heap: readCoreHeapType(r) };
  return r.fail('WC1009', `unknown core value type 0x${b.toString(16)}`, at);
}

function readStorageType(r: ByteReader): CoreStorageType {
  const b = r.peek();
  if (b === 0x78 || b === 0x77) return { kind: 'packed', code: r.u8() };
  return readCoreValType(r);
}

function readFieldType(r: ByteReader): CoreFieldType {
  const type = readStorageType(r);
  return { type, mutable: r.flag() };
}

function readCompType(r: ByteReader): CoreCompType {
  const shared = r.peek() === 0x65;
  if (shared) r.u8();
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x60:
      return { shared, kind: 'func', params: r.vec(readCoreValType), results: r.vec(readCoreValType) };
    case 0x5f:
      return { shared, kind: 'struct', fields: r.vec(readFieldType) };
    case 0x5e:
      return { shared, kind: 'array', field: readFieldType(r) };
    default:
      return r.fail('WC1009', `unknown core composite type 0x${b.toString(16)}`, at);
  }
}

function readSubType(r: ByteReader): CoreSubType {
  const b = r.peek();
  if (b === 0x50 || b === 0x4f) {
    r.u8();
    const supertypes = r.vec((x) => x.u32());
    return { explicit: true, final: b === 0x4f, supertypes, type: readCompType(r) };
  }
  return { explicit: false, final: true, supertypes: [], type: readCompType(r) };
}

export function readLimits(r: ByteReader): CoreLimits {
  const at = r.pos;
  const flags = r.u8();
  if (flags & ~0x0f) r.fail('WC1009', `unknown limits flags 0x${flags.toString(16)}`, at);
  const wide = (flags & 0x04) !== 0;
  const min = wide ? r.u64() : BigInt(r.u32());
  const max = flags & 0x01 ? (wide ? r.u64() : BigInt(r.u32())) : undefined;
  const pageSizeLog2 = flags & 0x08 ? r.u32() : undefined;
  return { flags, min, max, pageSizeLog2 };
}

export function readCoreExternType(r: ByteReader): CoreExternType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00:
      return { kind: 'func', type: r.u32() };
    case 0x01: {
      const element = readCoreValType(r);
      return { kind: 'table', element, limits: readLimits(r) };
    }
    case 0x02:
      return { kind: 'memory', limits: readLimits(r) };
    case 0x03: {
      const type = readCoreValType(r);
      return { kind: 'global', type, mutable: r.flag() };
    }
    case 0x04: {
      const attr = r.u8();
      if (attr !== 0) r.fail('WC1009', `unknown tag attribute 0x${attr.toString(16)}`, at + 1);
      return { kind: 'tag', type: r.u32() };
    }
    default:
      return r.fail('WC1009', `unknown core extern type 0x${b.toString(16)}`, at);
  }
}

function readModuleDecl(r: ByteReader): CoreModuleDecl {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const module = r.name();
      const name = r.name();
      return { kind: 'import', import: { module, name, type: readCoreExternType(r) } };
    }
    case 0x01:
      return { kind: 'type', type: readRecType(r) };
    case 0x02: {
      const sortAt = r.pos;
      const sort = r.u8();
      const outer = r.u8();
      if (sort !== 0x10 || outer !== 0x01) r.fail('WC1009', 'a module type alias must be an outer type alias', sortAt);
      return { kind: 'alias', count: r.u32(), index: r.u32() };
    }
    case 0x03: {
      const name = r.name();
      return { kind: 'export', name, type: readCoreExternType(r) };
    }
    default:
      return r.fail('WC1009', `unknown module type declaration 0x${b.toString(16)}`, at);
  }
}

/**
 * A type declared inside a module type: a recursion group or a subtype, never a module type (as in wasmparser, 0x50
 * here is a non-final subtype). Module types therefore never nest.
 */
function readRecType(r: ByteReader): CoreType {
  if (r.peek() === 0x4e) {
    r.u8();
    return { kind: 'rec', types: r.vec(readSubType) };
  }
  return { kind: 'sub', type: readSubType(r) };
}

/** `core:type`: a recursion group, a (prefixed) subtype, or a module type. */
export function readCoreType(r: ByteReader): CoreType {
  const b = r.peek();
  if (b === 0x50) {
    r.u8();
    return { kind: 'module', decls: r.vec(readModuleDecl, { max: limits.moduleTypeDecls, what: 'module type declarations' }) };
  }
  if (b === 0x4e) {
    r.u8();
    return { kind: 'rec', types: r.vec(readSubType) };
  }
  if (b === 0x00) {
    // The spec's disambiguation: a non-final subtype is written 0x00 0x50 here, as 0x50 means module type.
    const at = r.pos;
    r.u8();
    if (r.u8() !== 0x50) r.fail('WC1009', 'expected 0x50 after 0x00 in a core type', at);
    const supertypes = r.vec((x) => x.u32());
    return { kind: 'sub', type: { explicit: true, final: false, supertypes, type: readCompType(r) } };
  }
  return { kind: 'sub', type: readSubType(r) };
}
