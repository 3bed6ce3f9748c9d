import type {
  CoreCompType, CoreExternType, CoreFieldType, CoreHeapType, CoreLimits, CoreModuleDecl, CoreSubType, CoreType,
  CoreValType,
} from './ast.js';
import type { ByteWriter } from './byte-writer.js';

/** Writers for core types inside components; the mirror of read-core.ts. */

export function writeCoreHeapType(w: ByteWriter, h: CoreHeapType): void {
  if ('index' in h) {
    w.s33(h.index);
    return;
  }
  if (h.shared) w.u8(0x65).u8(h.code);
  else w.u8(h.code);
}

export function writeCoreValType(w: ByteWriter, t: CoreValType): void {
  switch (t.kind) {
    case 'num':
    case 'refShort':
      w.u8(t.code);
      return;
    case 'ref':
      w.u8(t.nullable ? 0x63 : 0x64);
      writeCoreHeapType(w, t.heap);
  }
}

function writeFieldType(w: ByteWriter, f: CoreFieldType): void {
  if (f.type.kind === 'packed') w.u8(f.type.code);
  else writeCoreValType(w, f.type);
  w.flag(f.mutable);
}

function writeCompType(w: ByteWriter, t: CoreCompType): void {
  if (t.shared) w.u8(0x65);
  switch (t.kind) {
    case 'func':
      w.u8(0x60).vec(t.params, writeCoreValType).vec(t.results, writeCoreValType);
      return;
    case 'struct':
      w.u8(0x5f).vec(t.fields, writeFieldType);
      return;
    case 'array':
      w.u8(0x5e);
      writeFieldType(w, t.field);
  }
}

function writeSubType(w: ByteWriter, t: CoreSubType, topLevel: boolean): void {
  if (t.explicit) {
    if (!t.final && topLevel) w.u8(0x00);
    w.u8(t.final ? 0x4f : 0x50).vec(t.supertypes, (x, i) => x.u32(i));
  }
  writeCompType(w, t.type);
}

export function writeLimits(w: ByteWriter, l: CoreLimits): void {
  const wide = (l.flags & 0x04) !== 0;
  w.u8(l.flags);
  if (wide) w.u64(l.min);
  else w.u32(Number(l.min));
  if (l.max !== undefined) {
    if (wide) w.u64(l.max);
    else w.u32(Number(l.max));
  }
  if (l.pageSizeLog2 !== undefined) w.u32(l.pageSizeLog2);
}

export function writeCoreExternType(w: ByteWriter, t: CoreExternType): void {
  switch (t.kind) {
    case 'func':
      w.u8(0x00).u32(t.type);
      return;
    case 'table':
      w.u8(0x01);
      writeCoreValType(w, t.element);
      writeLimits(w, t.limits);
      return;
    case 'memory':
      w.u8(0x02);
      writeLimits(w, t.limits);
      return;
    case 'global':
      w.u8(0x03);
      writeCoreValType(w, t.type);
      w.flag(t.mutable);
      return;
    case 'tag':
      w.u8(0x04).u8(0x00).u32(t.type);
  }
}

function writeModuleDecl(w: ByteWriter, d: CoreModuleDecl): void {
  switch (d.kind) {
    case 'import':
      w.u8(0x00).name(d.import.module).name(d.import.name);
      writeCoreExternType(w, d.import.type);
      return;
    case 'type':
      // Inside a module type, 0x50 is a non-final subtype (module types do not nest): no 0x00 prefix.
      w.u8(0x01);
      writeCoreType(w, d.type, false);
      return;
    case 'alias':
      w.u8(0x02).u8(0x10).u8(0x01).u32(d.count).u32(d.index);
      return;
    case 'export':
      w.u8(0x03).name(d.name);
      writeCoreExternType(w, d.type);
  }
}

export function writeCoreType(w: ByteWriter, t: CoreType, topLevel = true): void {
  switch (t.kind) {
    case 'module':
      w.u8(0x50).vec(t.decls, writeModuleDecl);
      return;
    case 'rec':
      w.u8(0x4e).vec(t.types, (x, s) => writeSubType(x, s, false));
      return;
    case 'sub':
      writeSubType(w, t.type, topLevel);
  }
}
