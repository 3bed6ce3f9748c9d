import type {
  Alias, Canon, CanonOpt, ComponentDecl, CoreInstance, CoreSort, DefValType, Export, ExternName, ExternType, Import,
  Instance, InstanceDecl, NameAttribute, PrimValType, Section, Sort, SortIdx, TypeDef, ValType,
} from './ast.js';
import { SectionId } from './ast.js';
import { ByteWriter } from './byte-writer.js';
import { canonByName } from './canon-table.js';
import { COMPONENT_LAYER, COMPONENT_VERSION, MAGIC } from './read.js';
import { writeCoreType, writeCoreValType } from './write-core.js';

/** Writes a component from its sections; the mirror of read.ts. */
export function writeComponent(sections: Iterable<Section>): Uint8Array {
  return componentWriter(sections).finish();
}

/** The same, as chunks that reference embedded modules and components instead of copying them. */
export function writeComponentChunks(sections: Iterable<Section>): Uint8Array[] {
  return componentWriter(sections).chunks();
}

function componentWriter(sections: Iterable<Section>): ByteWriter {
  const w = new ByteWriter(1024);
  writePreamble(w);
  for (const section of sections) writeSection(w, section);
  return w;
}

export function writePreamble(w: ByteWriter): void {
  for (const b of MAGIC) w.u8(b);
  w.u8(COMPONENT_VERSION).u8(0).u8(COMPONENT_LAYER).u8(0);
}

export function writeSection(w: ByteWriter, s: Section): void {
  const id = SectionId[s.kind];
  switch (s.kind) {
    case 'custom':
      w.section(id, (x) => x.name(s.name).bytes(s.data));
      return;
    case 'coreModule':
    case 'component':
      // Embedded verbatim: the payload is the module's or component's own bytes.
      w.u8(id).u32(s.bytes.length).bytes(s.bytes);
      return;
    case 'coreInstance':
      w.section(id, (x) => x.vec(s.items, writeCoreInstance));
      return;
    case 'coreType':
      w.section(id, (x) => x.vec(s.items, writeCoreType));
      return;
    case 'instance':
      w.section(id, (x) => x.vec(s.items, writeInstance));
      return;
    case 'alias':
      w.section(id, (x) => x.vec(s.items, writeAlias));
      return;
    case 'type':
      w.section(id, (x) => x.vec(s.items, writeTypeDef));
      return;
    case 'canon':
      w.section(id, (x) => x.vec(s.items, writeCanon));
      return;
    case 'start':
      w.section(id, (x) => x.u32(s.start.func).vec(s.start.args, (y, a) => y.u32(a)).u32(s.start.results));
      return;
    case 'import':
      w.section(id, (x) => x.vec(s.items, writeImport));
      return;
    case 'export':
      w.section(id, (x) => x.vec(s.items, writeExport));
      return;
    case 'value':
      w.section(id, (x) =>
        x.vec(s.items, (y, v) => {
          writeValType(y, v.type);
          y.u32(v.bytes.length).bytes(v.bytes);
        }),
      );
  }
}

// ───────────────────────────── sorts and names ─────────────────────────────

const coreSortCodes: Record<CoreSort, number> = {
  func: 0x00, table: 0x01, memory: 0x02, global: 0x03, tag: 0x04, type: 0x10, module: 0x11, instance: 0x12,
};

function writeSort(w: ByteWriter, s: Sort): void {
  if (typeof s === 'object') {
    w.u8(0x00).u8(coreSortCodes[s.core]);
    return;
  }
  w.u8({ func: 0x01, value: 0x02, type: 0x03, component: 0x04, instance: 0x05 }[s]);
}

function writeSortIdx(w: ByteWriter, s: SortIdx): void {
  writeSort(w, s.sort);
  w.u32(s.index);
}

function writeAttribute(w: ByteWriter, a: NameAttribute): void {
  switch (a.kind) {
    case 'implements':
      w.u8(0x00).name(a.interface);
      return;
    case 'versionsuffix':
      w.u8(0x01).name(a.suffix);
      return;
    case 'external-id':
      w.u8(0x02).name(a.id);
  }
}

export function writeExternName(w: ByteWriter, n: ExternName): void {
  w.u8(n.form).name(n.name);
  if (n.form === 2) w.vec(n.attributes ?? [], writeAttribute);
}

// ───────────────────────────── instances and aliases ─────────────────────────────

function writeCoreInstance(w: ByteWriter, i: CoreInstance): void {
  if (i.kind === 'instantiate') {
    w.u8(0x00).u32(i.module).vec(i.args, (x, a) => x.name(a.name).u8(0x12).u32(a.instance));
  } else {
    w.u8(0x01).vec(i.exports, (x, e) => x.name(e.name).u8(coreSortCodes[e.sort]).u32(e.index));
  }
}

function writeInstance(w: ByteWriter, i: Instance): void {
  if (i.kind === 'instantiate') {
    w.u8(0x00).u32(i.component).vec(i.args, (x, a) => {
      x.name(a.name);
      writeSortIdx(x, a.item);
    });
  } else {
    w.u8(0x01).vec(i.exports, (x, e) => {
      writeExternName(x, e.name);
      writeSortIdx(x, e.item);
    });
  }
}

export function writeAlias(w: ByteWriter, a: Alias): void {
  writeSort(w, a.sort);
  switch (a.kind) {
    case 'export':
      w.u8(0x00).u32(a.instance).name(a.name);
      return;
    case 'core-export':
      w.u8(0x01).u32(a.instance).name(a.name);
      return;
    case 'outer':
      w.u8(0x02).u32(a.count).u32(a.index);
  }
}

// ───────────────────────────── types ─────────────────────────────

export const primCodes: Record<PrimValType, number> = {
  bool: 0x7f, s8: 0x7e, u8: 0x7d, s16: 0x7c, u16: 0x7b, s32: 0x7a, u32: 0x79, s64: 0x78, u64: 0x77, f32: 0x76,
  f64: 0x75, char: 0x74, string: 0x73, 'error-context': 0x64,
};

export function writeValType(w: ByteWriter, t: ValType): void {
  if (typeof t === 'number') w.s33(t);
  else w.u8(primCodes[t]);
}

function writeResultList(w: ByteWriter, t: ValType | undefined): void {
  if (t === undefined) {
    w.u8(0x01).u8(0x00);
  } else {
    w.u8(0x00);
    writeValType(w, t);
  }
}

function writeExternType(w: ByteWriter, t: ExternType): void {
  switch (t.kind) {
    case 'module':
      w.u8(0x00).u8(0x11).u32(t.type);
      return;
    case 'func':
      w.u8(0x01).u32(t.type);
      return;
    case 'value':
      w.u8(0x02);
      if (t.bound.kind === 'eq') w.u8(0x00).u32(t.bound.value);
      else {
        w.u8(0x01);
        writeValType(w, t.bound.type);
      }
      return;
    case 'type':
      w.u8(0x03);
      if (t.bound.kind === 'eq') w.u8(0x00).u32(t.bound.type);
      else w.u8(0x01);
      return;
    case 'component':
      w.u8(0x04).u32(t.type);
      return;
    case 'instance':
      w.u8(0x05).u32(t.type);
  }
}

function writeInstanceDecl(w: ByteWriter, d: InstanceDecl): void {
  switch (d.kind) {
    case 'coreType':
      w.u8(0x00);
      writeCoreType(w, d.type);
      return;
    case 'type':
      w.u8(0x01);
      writeTypeDef(w, d.type);
      return;
    case 'alias':
      w.u8(0x02);
      writeAlias(w, d.alias);
      return;
    case 'export':
      w.u8(0x04);
      writeExternName(w, d.name);
      writeExternType(w, d.type);
  }
}

function writeComponentDecl(w: ByteWriter, d: ComponentDecl): void {
  if (d.kind === 'import') {
    w.u8(0x03);
    writeExternName(w, d.name);
    writeExternType(w, d.type);
  } else {
    writeInstanceDecl(w, d);
  }
}

function writeDefValType(w: ByteWriter, t: DefValType): void {
  const opt = (v: ValType | undefined): void => {
    w.optional(v, writeValType);
  };
  switch (t.kind) {
    case 'prim':
      w.u8(primCodes[t.type]);
      return;
    case 'record':
      w.u8(0x72).vec(t.fields, (x, f) => {
        x.name(f.name);
        writeValType(x, f.type);
      });
      return;
    case 'variant':
      w.u8(0x71).vec(t.cases, (x, c) => {
        x.name(c.name).optional(c.type, writeValType).u8(0x00);
      });
      return;
    case 'list':
      w.u8(0x70);
      writeValType(w, t.element);
      return;
    case 'fixed-list':
      w.u8(0x67);
      writeValType(w, t.element);
      w.u32(t.length);
      return;
    case 'tuple':
      w.u8(0x6f).vec(t.types, writeValType);
      return;
    case 'flags':
      w.u8(0x6e).vec(t.names, (x, n) => x.name(n));
      return;
    case 'enum':
      w.u8(0x6d).vec(t.names, (x, n) => x.name(n));
      return;
    case 'option':
      w.u8(0x6b);
      writeValType(w, t.type);
      return;
    case 'result':
      w.u8(0x6a);
      opt(t.ok);
      opt(t.err);
      return;
    case 'own':
      w.u8(0x69).u32(t.type);
      return;
    case 'borrow':
      w.u8(0x68).u32(t.type);
      return;
    case 'stream':
      w.u8(0x66);
      opt(t.element);
      return;
    case 'future':
      w.u8(0x65);
      opt(t.element);
      return;
    case 'map':
      w.u8(0x63);
      writeValType(w, t.key);
      writeValType(w, t.value);
  }
}

export function writeTypeDef(w: ByteWriter, t: TypeDef): void {
  switch (t.kind) {
    case 'func':
      w.u8(t.async ? 0x43 : 0x40).vec(t.params, (x, p) => {
        x.name(p.name);
        writeValType(x, p.type);
      });
      writeResultList(w, t.result);
      return;
    case 'component':
      w.u8(0x41).vec(t.decls, writeComponentDecl);
      return;
    case 'instance':
      w.u8(0x42).vec(t.decls, writeInstanceDecl);
      return;
    case 'resource':
      w.u8(0x3f);
      writeCoreValType(w, t.rep);
      w.optional(t.dtor, (x, f) => x.u32(f));
      return;
    default:
      writeDefValType(w, t);
  }
}

// ───────────────────────────── canon, imports, exports ─────────────────────────────

function writeCanonOpt(w: ByteWriter, o: CanonOpt): void {
  switch (o.kind) {
    case 'utf8':
      w.u8(0x00);
      return;
    case 'utf16':
      w.u8(0x01);
      return;
    case 'latin1+utf16':
      w.u8(0x02);
      return;
    case 'memory':
      w.u8(0x03).u32(o.index);
      return;
    case 'realloc':
      w.u8(0x04).u32(o.index);
      return;
    case 'post-return':
      w.u8(0x05).u32(o.index);
      return;
    case 'async':
      w.u8(0x06);
      return;
    case 'callback':
      w.u8(0x07).u32(o.index);
      return;
    case 'core-type':
      w.u8(0x08).u32(o.index);
      return;
    case 'gc':
      w.u8(0x09);
  }
}

function writeCanon(w: ByteWriter, c: Canon): void {
  switch (c.kind) {
    case 'lift':
      w.u8(0x00).u8(0x00).u32(c.coreFunc).vec(c.opts, writeCanonOpt).u32(c.type);
      return;
    case 'lower':
      w.u8(0x01).u8(0x00).u32(c.func).vec(c.opts, writeCanonOpt);
      return;
    case 'builtin': {
      const builtin = canonByName.get(c.name);
      if (builtin === undefined) throw new TypeError(`unknown canonical built-in ${c.name}`);
      w.u8(builtin.opcode);
      for (const imm of c.immediates) {
        switch (imm.kind) {
          case 'u32':
            w.u32(imm.value);
            break;
          case 'flag':
            w.flag(imm.value);
            break;
          case 'opts':
            w.vec(imm.value, writeCanonOpt);
            break;
          case 'result':
            writeResultList(w, imm.value);
            break;
          case 'coreValType':
            writeCoreValType(w, imm.value);
        }
      }
    }
  }
}

function writeImport(w: ByteWriter, i: Import): void {
  writeExternName(w, i.name);
  writeExternType(w, i.type);
}

function writeExport(w: ByteWriter, e: Export): void {
  writeExternName(w, e.name);
  writeSortIdx(w, e.item);
  w.optional(e.type, writeExternType);
}
