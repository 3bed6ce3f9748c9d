import { ByteReader } from '../binary/byte-reader.js';
import { readCoreExternType } from '../binary/read-core.js';
import type { CoreKind, ModuleT } from './types.js';
import { ValidationError } from './error.js';

const coreKinds: readonly CoreKind[] = ['func', 'table', 'memory', 'global', 'tag'];

/**
 * A core module embedded in a component: its header must be sane (magic, version 1, core layer), and its section
 * headers must stay inside it. Its import and export sections are read for what they name (so core instantiations and
 * aliases can be checked); its code, data and the rest are stepped over by size, never read: core code is embedded
 * verbatim and is not ours to validate.
 */
export function readCoreModule(bytes: Uint8Array, start: number, end: number): ModuleT {
  if (end - start < 8) {
    throw new ValidationError('WC1111', `an embedded core module of ${end - start} byte(s) is shorter than its 8-byte header`, start);
  }
  const magic = [0x00, 0x61, 0x73, 0x6d];
  for (let i = 0; i < 4; i++) {
    if (bytes[start + i] !== magic[i]) throw new ValidationError('WC1111', 'an embedded core module does not start with \\0asm', start);
  }
  const version = bytes[start + 4]! | (bytes[start + 5]! << 8);
  const layer = bytes[start + 6]! | (bytes[start + 7]! << 8);
  if (version !== 1 || layer !== 0) {
    throw new ValidationError('WC1111', `an embedded core module has version ${version} and layer ${layer} (expected a core module: version 1, layer 0)`, start + 4);
  }
  const r = new ByteReader(bytes, start + 8, end);
  const module: ModuleT = { k: 'module', imports: undefined, exports: undefined };
  let importsAt = -1;
  let exportsAt = -1;
  let importsEnd = 0;
  let exportsEnd = 0;
  let typesAt = -1;
  let typesEnd = 0;
  let funcsAt = -1;
  let funcsEnd = 0;
  try {
    while (!r.done) {
      const at = r.pos;
      const id = r.u8();
      const size = r.u32();
      if (r.pos + size > end) {
        throw new ValidationError('WC1111', `a section of an embedded core module runs past the module's end`, at);
      }
      if (id === 2) [importsAt, importsEnd] = [r.pos, r.pos + size];
      if (id === 7) [exportsAt, exportsEnd] = [r.pos, r.pos + size];
      if (id === 1) [typesAt, typesEnd] = [r.pos, r.pos + size];
      if (id === 3) [funcsAt, funcsEnd] = [r.pos, r.pos + size];
      r.pos += size;
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw new ValidationError('WC1111', 'the section headers of an embedded core module are corrupt', r.pos);
  }
  // What a module imports and exports is read leniently: a form we do not know leaves it unknown (and unchecked),
  // since a core module's own encoding is the core validator's business.
  module.imports = importsAt < 0 ? [] : tryRead(() => readImports(new ByteReader(bytes, importsAt, importsEnd)));
  module.exports = exportsAt < 0 ? new Map() : tryRead(() => readExports(new ByteReader(bytes, exportsAt, exportsEnd)));
  // Function signatures, for the canonical ABI checks: read only when every type is a plain function type.
  const types = typesAt < 0 ? [] : tryRead(() => readFuncTypes(new ByteReader(bytes, typesAt, typesEnd)));
  if (types !== undefined && module.imports !== undefined && importsAt >= 0) {
    const funcTypes = tryRead(() => readImportFuncTypes(new ByteReader(bytes, importsAt, importsEnd)));
    if (funcTypes !== undefined && funcTypes.length === module.imports.length) {
      module.imports.forEach((imp, i) => {
        const t = funcTypes[i];
        if (t !== undefined) imp.sig = types[t];
      });
    }
  }
  if (types !== undefined && exportsAt >= 0) {
    module.funcSigs = tryRead(() => exportSigs(bytes, types, module, [importsAt, importsEnd], [funcsAt, funcsEnd], [exportsAt, exportsEnd]));
  }
  return module;
}

const valTypeNames: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

/** The type section as signatures (`i32,i32->i32`); throws (so: unknown) on anything but plain function types. */
function readFuncTypes(r: ByteReader): string[] {
  const valtypes = (): string => r.vec((x) => {
    const name = valTypeNames[x.u8()];
    if (name === undefined) throw new Error('not a plain value type');
    return name;
  }).join(',');
  const out = r.vec((x) => {
    if (x.u8() !== 0x60) throw new Error('not a plain function type');
    const params = valtypes();
    return `${params}->${valtypes()}`;
  });
  r.expectEnd('types');
  return out;
}

/** Each import's function type index (undefined for other kinds). */
function readImportFuncTypes(r: ByteReader): (number | undefined)[] {
  return r.vec((x) => {
    x.name();
    x.name();
    const t = readCoreExternType(x);
    return t.kind === 'func' ? t.type : undefined;
  });
}

function exportSigs(
  bytes: Uint8Array, types: readonly string[], module: ModuleT,
  imports: [number, number], funcs: [number, number], exports: [number, number],
): Map<string, string> {
  const funcTypes: number[] = [];
  if (imports[0] >= 0) for (const t of readImportFuncTypes(new ByteReader(bytes, imports[0], imports[1]))) if (t !== undefined) funcTypes.push(t);
  if (funcs[0] >= 0) {
    const r = new ByteReader(bytes, funcs[0], funcs[1]);
    const n = r.u32();
    for (let i = 0; i < n; i++) funcTypes.push(r.u32());
  }
  const out = new Map<string, string>();
  const r = new ByteReader(bytes, exports[0], exports[1]);
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const kind = r.u8();
    const index = r.u32();
    if (kind !== 0) continue;
    const sig = types[funcTypes[index]!];
    if (sig !== undefined) out.set(name, sig);
  }
  void module;
  return out;
}

function tryRead<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function readImports(r: ByteReader): { module: string; name: string; kind: CoreKind }[] {
  const out = r.vec((x) => {
    const module = x.name();
    const name = x.name();
    return { module, name, kind: readCoreExternType(x).kind };
  });
  r.expectEnd('imports');
  return out;
}

function readExports(r: ByteReader): Map<string, CoreKind> {
  const out = new Map<string, CoreKind>();
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const kind = coreKinds[r.u8()];
    r.u32();
    if (kind === undefined) throw new Error('unknown export kind');
    out.set(name, kind);
  }
  r.expectEnd('exports');
  return out;
}
