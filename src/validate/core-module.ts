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
  return module;
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
