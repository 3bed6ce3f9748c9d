import type {
  Alias, Canon, CanonImmediate, CanonOpt, ComponentDecl, CoreInstance, CoreSort, DefValType, Export, ExternName,
  ExternType, FuncType, Import, Instance, InstanceDecl, NameAttribute, PrimValType, Section, SectionKind, Sort, SortIdx,
  Start, TypeDef, ValType, ValueDef,
} from './ast.js';
import { SectionId } from './ast.js';
import { ByteReader } from './byte-reader.js';
import { limits } from './limits.js';
import { canonByOpcode } from './canon-table.js';
import { readCoreType, readCoreValType } from './read-core.js';

export const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const COMPONENT_VERSION = 0x0d;
export const COMPONENT_LAYER = 0x01;

export interface SectionHeader {
  id: number;
  kind: SectionKind;
  /** Offset of the section's id byte. */
  offset: number;
  /** Offset of the section's payload, and of the byte after it. */
  start: number;
  end: number;
}

/**
 * Parsed sections, per buffer and section offset: the validator and the decoder both read a component's sections,
 * and the second reading is then free. Held weakly by the buffer, so a component's parse lives as long as its bytes.
 */
const parsedSections = new WeakMap<Uint8Array, Map<number, Section>>();

const kindById = Object.fromEntries(Object.entries(SectionId).map(([k, v]) => [v, k])) as Record<number, SectionKind>;

/**
 * A component binary, walked lazily: opening it reads only the section headers (id and size), so a 12 MB core
 * module costs the same as an empty one. Section payloads are parsed on demand by `section()`.
 *
 * A nested component is a window [start, end) on the same buffer, so offsets in errors stay absolute.
 */
export class ComponentReader {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly headers: readonly SectionHeader[];

  private constructor(bytes: Uint8Array, start: number, end: number, headers: SectionHeader[]) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.headers = headers;
  }

  /** Checks the preamble and walks the section headers of the component in `bytes[start, end)`. */
  static open(bytes: Uint8Array, start = 0, end = bytes.length): ComponentReader {
    const r = new ByteReader(bytes, start, end);
    checkPreamble(r);
    const headers: SectionHeader[] = [];
    while (!r.done) {
      const offset = r.pos;
      const id = r.u8();
      const kind = kindById[id] ?? r.fail('WC1007', `unknown section id ${id}`, offset);
      const size = r.u32();
      const body = r.sub(size, `${kind} section`);
      headers.push({ id, kind, offset, start: body.pos, end: body.end });
    }
    return new ComponentReader(bytes, start, end, headers);
  }

  /** The component's own bytes (a window, not a copy). */
  get data(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }

  /** Parses one section's payload. Core modules and nested components come back as byte windows, not copies. */
  section(header: SectionHeader): Section {
    let cache = parsedSections.get(this.bytes);
    const cached = cache?.get(header.start);
    if (cached !== undefined && cached.kind === header.kind) return cached;
    const r = new ByteReader(this.bytes, header.start, header.end);
    const section = readSectionPayload(header.kind, r);
    r.expectEnd(`the ${header.kind} section`);
    if (cache === undefined) parsedSections.set(this.bytes, (cache = new Map()));
    cache.set(header.start, section);
    return section;
  }

  sections(): Section[] {
    return this.headers.map((h) => this.section(h));
  }

  /** Opens the nested component of a `component` section, sharing this buffer. */
  nested(header: SectionHeader): ComponentReader {
    if (header.kind !== 'component') throw new TypeError(`section at ${header.offset} is not a component`);
    return ComponentReader.open(this.bytes, header.start, header.end);
  }
}

function checkPreamble(r: ByteReader): void {
  const size = r.end - r.pos;
  if (size < 8) {
    if (size === 0) r.fail('WC1001', 'the file is empty');
    r.fail('WC1001', `the input is ${size} byte(s) long, shorter than the 8-byte preamble`);
  }
  const at = r.pos;
  for (let i = 0; i < 4; i++) {
    if (r.u8() !== MAGIC[i]) r.fail('WC1002', 'bad magic number: not a WebAssembly binary', at);
  }
  const version = r.u8() | (r.u8() << 8);
  const layer = r.u8() | (r.u8() << 8);
  if (layer === 0) r.fail('WC1003', 'this is a core WebAssembly module, not a component', at + 4);
  if (layer !== COMPONENT_LAYER) r.fail('WC1004', `unknown layer ${layer}`, at + 6);
  if (version !== COMPONENT_VERSION) {
    r.fail('WC1004', `unsupported component binary version 0x${version.toString(16)} (expected 0x${COMPONENT_VERSION.toString(16)})`, at + 4);
  }
}

function readSectionPayload(kind: SectionKind, r: ByteReader): Section {
  switch (kind) {
    case 'custom': {
      const name = r.name();
      return { kind, name, data: r.take(r.end - r.pos) };
    }
    case 'coreModule':
      return { kind, bytes: r.take(r.end - r.pos) };
    case 'component':
      return { kind, bytes: r.take(r.end - r.pos) };
    case 'coreInstance':
      return { kind, items: r.vec(readCoreInstance) };
    case 'coreType':
      return { kind, items: r.vec(readCoreType) };
    case 'instance':
      return { kind, items: r.vec(readInstance) };
    case 'alias':
      return { kind, items: r.vec(readAlias) };
    case 'type':
      return { kind, items: r.vec(readTypeDef) };
    case 'canon':
      return { kind, items: r.vec(readCanon) };
    case 'start':
      return { kind, start: readStart(r) };
    case 'import':
      return { kind, items: r.vec(readImport) };
    case 'export':
      return { kind, items: r.vec(readExport) };
    case 'value':
      return { kind, items: r.vec(readValue) };
  }
}

// ───────────────────────────── sorts and names ─────────────────────────────

const coreSorts: Record<number, CoreSort> = {
  0x00: 'func', 0x01: 'table', 0x02: 'memory', 0x03: 'global', 0x04: 'tag', 0x10: 'type', 0x11: 'module', 0x12: 'instance',
};

function readCoreSort(r: ByteReader): CoreSort {
  const at = r.pos;
  const b = r.u8();
  const sort = coreSorts[b];
  if (sort === undefined) r.fail('WC1009', `unknown core sort 0x${b.toString(16)}`, at);
  return sort;
}

function readSort(r: ByteReader): Sort {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00:
      return { core: readCoreSort(r) };
    case 0x01:
      return 'func';
    case 0x02:
      return 'value';
    case 0x03:
      return 'type';
    case 0x04:
      return 'component';
    case 0x05:
      return 'instance';
    default:
      return r.fail('WC1009', `unknown sort 0x${b.toString(16)}`, at);
  }
}

function readSortIdx(r: ByteReader): SortIdx {
  const sort = readSort(r);
  return { sort, index: r.u32() };
}

function readAttribute(r: ByteReader): NameAttribute {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00:
      return { kind: 'implements', interface: r.name() };
    case 0x01:
      return { kind: 'versionsuffix', suffix: r.name() };
    case 0x02:
      return { kind: 'external-id', id: r.name() };
    default:
      return r.fail('WC1009', `unknown name attribute 0x${b.toString(16)}`, at);
  }
}

export function readExternName(r: ByteReader): ExternName {
  const at = r.pos;
  const form = r.u8();
  if (form === 0x00 || form === 0x01) return { name: r.name(), form };
  if (form === 0x02) {
    const name = r.name();
    return { name, form, attributes: r.vec(readAttribute) };
  }
  return r.fail('WC1009', `unknown name form 0x${form.toString(16)}`, at);
}

// ───────────────────────────── instances and aliases ─────────────────────────────

function readCoreInstance(r: ByteReader): CoreInstance {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) {
    const module = r.u32();
    const args = r.vec((x) => {
      const name = x.name();
      const sortAt = x.pos;
      if (x.u8() !== 0x12) x.fail('WC1009', 'a core instantiate argument must be an instance', sortAt);
      return { name, instance: x.u32() };
    }, { max: limits.instantiationArgs, what: 'core instantiation arguments' });
    return { kind: 'instantiate', module, args };
  }
  if (b === 0x01) {
    const exports = r.vec((x) => {
      const name = x.name();
      const sort = readCoreSort(x);
      return { name, sort, index: x.u32() };
    }, { max: limits.instantiationArgs, what: 'core instance exports' });
    return { kind: 'exports', exports };
  }
  return r.fail('WC1009', `unknown core instance form 0x${b.toString(16)}`, at);
}

function readInstance(r: ByteReader): Instance {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) {
    const component = r.u32();
    const args = r.vec((x) => {
      const name = x.name();
      return { name, item: readSortIdx(x) };
    }, { max: limits.instantiationArgs, what: 'instantiation arguments' });
    return { kind: 'instantiate', component, args };
  }
  if (b === 0x01) {
    const exports = r.vec((x) => {
      const name = readExternName(x);
      return { name, item: readSortIdx(x) };
    }, { max: limits.instanceExports, what: 'instance exports' });
    return { kind: 'exports', exports };
  }
  return r.fail('WC1009', `unknown instance form 0x${b.toString(16)}`, at);
}

export function readAlias(r: ByteReader): Alias {
  const sort = readSort(r);
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const instance = r.u32();
      return { kind: 'export', sort, instance, name: r.name() };
    }
    case 0x01: {
      const instance = r.u32();
      return { kind: 'core-export', sort, instance, name: r.name() };
    }
    case 0x02: {
      const count = r.u32();
      return { kind: 'outer', sort, count, index: r.u32() };
    }
    default:
      return r.fail('WC1009', `unknown alias target 0x${b.toString(16)}`, at);
  }
}

// ───────────────────────────── types ─────────────────────────────

const primByCode: Record<number, PrimValType> = {
  0x7f: 'bool', 0x7e: 's8', 0x7d: 'u8', 0x7c: 's16', 0x7b: 'u16', 0x7a: 's32', 0x79: 'u32', 0x78: 's64', 0x77: 'u64',
  0x76: 'f32', 0x75: 'f64', 0x74: 'char', 0x73: 'string', 0x64: 'error-context',
};

/** `valtype`: a type index (non-negative s33) or a primitive opcode (a one-byte negative s33). */
function readValType(r: ByteReader): ValType {
  const at = r.pos;
  const b = r.peek();
  const prim = primByCode[b];
  if (prim !== undefined) {
    r.u8();
    return prim;
  }
  const v = r.s33();
  if (v < 0) r.fail('WC1009', `unknown value type 0x${b.toString(16)}`, at);
  return v;
}

function readLabel(r: ByteReader): string {
  return r.name();
}

function readResultList(r: ByteReader): ValType | undefined {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) return readValType(r);
  if (b === 0x01) {
    if (r.u8() !== 0x00) r.fail('WC1009', 'named results are not supported (expected 0x01 0x00)', at);
    return undefined;
  }
  return r.fail('WC1009', `unknown result list form 0x${b.toString(16)}`, at);
}

export { readResultList };

function readFuncType(r: ByteReader, async: boolean): FuncType {
  const params = r.vec((x) => {
    const name = readLabel(x);
    return { name, type: readValType(x) };
  }, { max: limits.funcParams, what: 'function parameters' });
  return { kind: 'func', async, params, result: readResultList(r) };
}

function readExternType(r: ByteReader): ExternType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const c = r.u8();
      if (c !== 0x11) r.fail('WC1009', `expected core module (0x11) in an extern type, found 0x${c.toString(16)}`, at + 1);
      return { kind: 'module', type: r.u32() };
    }
    case 0x01:
      return { kind: 'func', type: r.u32() };
    case 0x02: {
      const f = r.u8();
      if (f === 0x00) return { kind: 'value', bound: { kind: 'eq', value: r.u32() } };
      if (f === 0x01) return { kind: 'value', bound: { kind: 'type', type: readValType(r) } };
      return r.fail('WC1009', `unknown value bound 0x${f.toString(16)}`, at + 1);
    }
    case 0x03: {
      const f = r.u8();
      if (f === 0x00) return { kind: 'type', bound: { kind: 'eq', type: r.u32() } };
      if (f === 0x01) return { kind: 'type', bound: { kind: 'sub-resource' } };
      return r.fail('WC1009', `unknown type bound 0x${f.toString(16)}`, at + 1);
    }
    case 0x04:
      return { kind: 'component', type: r.u32() };
    case 0x05:
      return { kind: 'instance', type: r.u32() };
    default:
      return r.fail('WC1009', `unknown extern type 0x${b.toString(16)}`, at);
  }
}

function readInstanceDecl(r: ByteReader): InstanceDecl {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00:
      return { kind: 'coreType', type: readCoreType(r) };
    case 0x01:
      return { kind: 'type', type: readTypeDef(r) };
    case 0x02:
      return { kind: 'alias', alias: readAlias(r) };
    case 0x04: {
      const name = readExternName(r);
      return { kind: 'export', name, type: readExternType(r) };
    }
    default:
      return r.fail('WC1009', `unknown instance type declaration 0x${b.toString(16)}`, at);
  }
}

function readComponentDecl(r: ByteReader): ComponentDecl {
  if (r.peek() === 0x03) {
    r.u8();
    const name = readExternName(r);
    return { kind: 'import', name, type: readExternType(r) };
  }
  return readInstanceDecl(r);
}

function readDefValType(r: ByteReader, b: number): DefValType {
  switch (b) {
    case 0x72:
      return { kind: 'record', fields: r.vec((x) => ({ name: readLabel(x), type: readValType(x) }), { max: limits.recordFields, what: 'record fields' }) };
    case 0x71:
      return {
        kind: 'variant',
        cases: r.vec((x) => {
          const name = readLabel(x);
          const type = x.optional(readValType);
          const at = x.pos;
          if (x.u8() !== 0x00) x.fail('WC1009', 'expected 0x00 after a variant case', at);
          return { name, type };
        }, { max: limits.variantCases, what: 'variant cases' }),
      };
    case 0x70:
      return { kind: 'list', element: readValType(r) };
    case 0x67: {
      const element = readValType(r);
      return { kind: 'fixed-list', element, length: r.u32() };
    }
    case 0x6f:
      return { kind: 'tuple', types: r.vec(readValType, { max: limits.tupleTypes, what: 'tuple types' }) };
    case 0x6e:
      return { kind: 'flags', names: r.vec(readLabel, { max: limits.flagNames, what: 'flags' }) };
    case 0x6d:
      return { kind: 'enum', names: r.vec(readLabel, { max: limits.enumCases, what: 'enum cases' }) };
    case 0x6b:
      return { kind: 'option', type: readValType(r) };
    case 0x6a: {
      const ok = r.optional(readValType);
      return { kind: 'result', ok, err: r.optional(readValType) };
    }
    case 0x69:
      return { kind: 'own', type: r.u32() };
    case 0x68:
      return { kind: 'borrow', type: r.u32() };
    case 0x66:
      return { kind: 'stream', element: r.optional(readValType) };
    case 0x65:
      return { kind: 'future', element: r.optional(readValType) };
    case 0x63: {
      const key = readValType(r);
      return { kind: 'map', key, value: readValType(r) };
    }
    default: {
      const prim = primByCode[b];
      if (prim === undefined) return r.fail('WC1009', `unknown type opcode 0x${b.toString(16)}`, r.pos - 1);
      return { kind: 'prim', type: prim };
    }
  }
}

export function readTypeDef(r: ByteReader): TypeDef {
  const b = r.u8();
  switch (b) {
    case 0x40:
      return readFuncType(r, false);
    case 0x43:
      return readFuncType(r, true);
    case 0x41:
      return r.nested('component types', (x) => ({
        kind: 'component' as const,
        decls: x.vec(readComponentDecl, { max: limits.componentTypeDecls, what: 'component type declarations' }),
      }));
    case 0x42:
      return r.nested('instance types', (x) => ({
        kind: 'instance' as const,
        decls: x.vec(readInstanceDecl, { max: limits.instanceTypeDecls, what: 'instance type declarations' }),
      }));
    case 0x3f: {
      const rep = readCoreValType(r);
      return { kind: 'resource', rep, dtor: r.optional((x) => x.u32()) };
    }
    default:
      return readDefValType(r, b);
  }
}

// ───────────────────────────── canon, start, imports, exports, values ─────────────────────────────

function readCanonOpt(r: ByteReader): CanonOpt {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00:
      return { kind: 'utf8' };
    case 0x01:
      return { kind: 'utf16' };
    case 0x02:
      return { kind: 'latin1+utf16' };
    case 0x03:
      return { kind: 'memory', index: r.u32() };
    case 0x04:
      return { kind: 'realloc', index: r.u32() };
    case 0x05:
      return { kind: 'post-return', index: r.u32() };
    case 0x06:
      return { kind: 'async' };
    case 0x07:
      return { kind: 'callback', index: r.u32() };
    case 0x08:
      return { kind: 'core-type', index: r.u32() };
    case 0x09:
      return { kind: 'gc' };
    default:
      return r.fail('WC1009', `unknown canonical option 0x${b.toString(16)}`, at);
  }
}

const canonOptions = { max: limits.canonOptions, what: 'canonical options' };

function readCanon(r: ByteReader): Canon {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00 || b === 0x01) {
    const sortAt = r.pos;
    if (r.u8() !== 0x00) r.fail('WC1009', `canon ${b === 0 ? 'lift' : 'lower'} must name a func`, sortAt);
    if (b === 0x00) {
      const coreFunc = r.u32();
      const opts = r.vec(readCanonOpt, canonOptions);
      return { kind: 'lift', coreFunc, opts, type: r.u32() };
    }
    const func = r.u32();
    return { kind: 'lower', func, opts: r.vec(readCanonOpt, canonOptions) };
  }
  const builtin = canonByOpcode.get(b);
  if (builtin === undefined) return r.fail('WC1009', `unknown canonical function 0x${b.toString(16)}`, at);
  const immediates = builtin.immediates.map((kind): CanonImmediate => {
    switch (kind) {
      case 'u32':
        return { kind, value: r.u32() };
      case 'flag':
        return { kind, value: r.flag() };
      case 'opts':
        return { kind, value: r.vec(readCanonOpt, canonOptions) };
      case 'result':
        return { kind, value: readResultList(r) };
      case 'coreValType':
        return { kind, value: readCoreValType(r) };
    }
  });
  return { kind: 'builtin', name: builtin.name, immediates };
}

function readStart(r: ByteReader): Start {
  const func = r.u32();
  const args = r.vec((x) => x.u32(), { max: limits.startArgs, what: 'start function arguments' });
  const at = r.pos;
  const results = r.u32();
  if (results > limits.funcParams) r.fail('WC1013', `${results} start function results are more than the ${limits.funcParams} allowed`, at);
  return { func, args, results };
}

function readImport(r: ByteReader): Import {
  const name = readExternName(r);
  return { name, type: readExternType(r) };
}

function readExport(r: ByteReader): Export {
  const name = readExternName(r);
  const item = readSortIdx(r);
  return { name, item, type: r.optional(readExternType) };
}

function readValue(r: ByteReader): ValueDef {
  const type = readValType(r);
  const len = r.u32();
  return { type, bytes: r.take(len, 'value') };
}
