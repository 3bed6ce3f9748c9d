import type { ComponentInput, Plan, PlannedInstance } from '../graph/model.js';
import { fileBacking } from '../binary/layer.js';
import type { Extern } from '../types/model.js';
import { version } from '../version.js';
import { contentHash, joinChunks, withFileRanges } from './chunks.js';
import type { OutputChunk } from './output-chunk.js';
import { ComponentBuilder, type ItemSort } from './component-builder.js';
import { producersSection } from './producers.js';

function sortOf(e: Extern): ItemSort {
  return e.kind;
}

/**
 * Writes a plan as one component: the composition's imports (types re-encoded from the model), each distinct input
 * component embedded once and verbatim, one instantiation per instance with its arguments, the exports, and a
 * producers section naming wcompose.
 */
export function emit(plan: Plan): Uint8Array {
  return joinChunks(emitChunks(plan));
}

/**
 * `emit`, as chunks that reference the input components' bytes, or their files for components read by their
 * component layer only: for writing out without copying (or ever holding) them.
 */
export function emitChunks(plan: Plan): OutputChunk[] {
  return withFileRanges(emitBuffers(plan));
}

/**
 * `emit`, as chunks that reference the input components' buffers (those read by their component layer only hold
 * nothing else): what the output validator walks before the buffers become file ranges.
 */
export function emitBuffers(plan: Plan): Uint8Array[] {
  return build(plan).chunks();
}

/**
 * Which component's bytes each component is embedded as: the first of those with the same bytes (listed under two
 * names, or two paths to the same bytes), so that each distinct binary is embedded once and instantiated as often as
 * needed. Bytes are hashed only when their sizes match another component's.
 */
function embeddedAs(components: readonly ComponentInput[]): Map<ComponentInput, ComponentInput> {
  const bySize = new Map<number, ComponentInput[]>();
  for (const c of components) {
    const same = bySize.get(c.bytes.length);
    if (same === undefined) bySize.set(c.bytes.length, [c]);
    else same.push(c);
  }
  const out = new Map<ComponentInput, ComponentInput>();
  for (const group of bySize.values()) {
    if (group.length === 1) {
      out.set(group[0]!, group[0]!);
      continue;
    }
    const byHash = new Map<string, ComponentInput>();
    // One hash per buffer, and per file for components read from the same file under two names.
    const hashes = new Map<Uint8Array | string, string>();
    for (const c of group) {
      const key = fileBacking(c.bytes)?.file ?? c.bytes;
      let hash = hashes.get(key);
      if (hash === undefined) {
        hash = contentHash(c.bytes);
        hashes.set(key, hash);
      }
      const first = byHash.get(hash);
      if (first === undefined) byHash.set(hash, c);
      out.set(c, first ?? c);
    }
  }
  return out;
}

function build(plan: Plan): ComponentBuilder {
  const b = new ComponentBuilder();

  const importIndex = new Map<string, { sort: ItemSort; index: number }>();
  for (const i of plan.imports) importIndex.set(i.name, { sort: sortOf(i.extern), index: b.import(i.name, i.extern) });

  const embedded = embeddedAs(plan.components);
  const componentIndex = new Map<ComponentInput, number>();
  for (const c of plan.components) {
    const first = embedded.get(c)!;
    componentIndex.set(c, componentIndex.get(first) ?? b.embed(first.bytes));
  }

  const instanceIndex = new Map<string, number>();
  const instances = new Map<string, PlannedInstance>(plan.instances.map((i) => [i.name, i]));
  /** Aliases of instance exports are made once and reused by every argument and export that needs them. */
  const aliases = new Map<string, { sort: ItemSort; index: number }>();
  const exportOf = (instance: string, name: string): { sort: ItemSort; index: number } => {
    const key = `${instance}\u0000${name}`;
    let alias = aliases.get(key);
    if (alias === undefined) {
      const sort = sortOf(instances.get(instance)!.exports.get(name)!);
      alias = { sort, index: b.aliasExport(instanceIndex.get(instance)!, name, sort) };
      aliases.set(key, alias);
    }
    return alias;
  };

  /** An export of an imported instance (an argument or export taken from inside an import). */
  const importExportOf = (name: string, exportName: string): { sort: ItemSort; index: number } => {
    const key = `\u0001${name}\u0000${exportName}`;
    let alias = aliases.get(key);
    if (alias === undefined) {
      const imported = plan.imports.find((i) => i.name === name)!.extern;
      const sort = imported.kind === 'instance' ? sortOf(imported.type.exports.get(exportName)!) : 'func';
      alias = { sort, index: b.aliasExport(importIndex.get(name)!.index, exportName, sort) };
      aliases.set(key, alias);
    }
    return alias;
  };

  for (const inst of plan.instances) {
    const args = inst.args.map((a) => {
      switch (a.source.kind) {
        case 'import':
          return { name: a.name, ...(a.source.export === undefined ? importIndex.get(a.source.name)! : importExportOf(a.source.name, a.source.export)) };
        case 'export':
          return { name: a.name, ...exportOf(a.source.instance, a.source.export) };
        case 'instance':
          return { name: a.name, sort: 'instance' as const, index: instanceIndex.get(a.source.instance)! };
      }
    });
    instanceIndex.set(inst.name, b.instantiate(componentIndex.get(inst.component)!, args));
  }

  for (const e of plan.exports) {
    const { sort, index } = e.import !== undefined
      ? (e.export === '' ? importIndex.get(e.import)! : importExportOf(e.import, e.export))
      : e.whole === true ? { sort: 'instance' as const, index: instanceIndex.get(e.instance)! } : exportOf(e.instance, e.export);
    b.export(e.name, sort, index);
  }

  b.custom('producers', producersSection('wcompose', version));
  return b;
}
