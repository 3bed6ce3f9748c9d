import type { ComponentInput, Plan, PlannedInstance } from '../graph/model.js';
import { fileBacking } from '../binary/layer.js';
import { WcomposeError } from '../diagnostics/error.js';
import type { Extern, InstanceType, ResourceType } from '../types/model.js';
import { isResource, typeBinding } from '../types/model.js';
import { resourceRefs } from '../graph/resources-used.js';
import { version } from '../version.js';
import { contentHash, joinChunks, withFileRanges } from './chunks.js';
import type { OutputChunk } from './output-chunk.js';
import { ComponentBuilder, type ItemSort } from './component-builder.js';
import { producersSection } from './producers.js';

function sortOf(e: Extern): ItemSort {
  return e.kind;
}

export interface EmitOptions {
  /**
   * Import each dependency component (component-typed, `unlocked-dep=<ns:name@{>=version}>` as wac names it)
   * and instantiate the import, instead of embedding its bytes (wac's `--import-dependencies`).
   */
  importDependencies?: boolean | undefined;
}

const packageName = /^(%?[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*(?::%?[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)+)(?:@(.+))?$/;
const plainName = /^%?[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;

/**
 * The name a dependency component is imported under: for a package (`ns:name`, `ns:name@1.2.3`, as a WAC document
 * names it), wac's `unlocked-dep=<ns:name>` / `unlocked-dep=<ns:name@{>=1.2.3}>`; for a component a config names
 * (`app`), its name as a plain import name.
 */
export function dependencyImportName(component: string): string {
  const m = packageName.exec(component);
  if (m !== null) return m[2] === undefined ? `unlocked-dep=<${m[1]}>` : `unlocked-dep=<${m[1]}@{>=${m[2]}}>`;
  if (plainName.test(component)) return component;
  throw new WcomposeError('WC2021', `component "${component}" cannot be imported: its name is not a package name (ns:name) or a kebab-case name`, {
    hint: 'rename the component in the config (`components: { "my-app": "./app.wasm" }`), or embed it (leave out --import-dependencies)',
  });
}

/**
 * Writes a plan as one component: the composition's imports (types re-encoded from the model), each distinct input
 * component embedded once and verbatim, one instantiation per instance with its arguments, the exports, and a
 * producers section naming wcompose.
 */
export function emit(plan: Plan, options: EmitOptions = {}): Uint8Array {
  return joinChunks(emitChunks(plan, options));
}

/**
 * `emit`, as chunks that reference the input components' bytes, or their files for components read by their
 * component layer only: for writing out without copying (or ever holding) them.
 */
export function emitChunks(plan: Plan, options: EmitOptions = {}): OutputChunk[] {
  return withFileRanges(emitBuffers(plan, options));
}

/**
 * `emit`, as chunks that reference the input components' buffers (those read by their component layer only hold
 * nothing else): what the output validator walks before the buffers become file ranges.
 */
export function emitBuffers(plan: Plan, options: EmitOptions = {}): Uint8Array[] {
  return build(plan, options).chunks();
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

/**
 * Whether an exported instance gets an explicit type: when its type uses a resource it does not declare itself (one
 * of an import, of another instance, or reached through an `eq` alias of one). Left to inference, such a type refers
 * to the resource through the identities the instance's component made for it: wasmparser then refuses the export
 * when no import or export names those ("instance not valid to be used as export"), and wit-component cannot print
 * two exported instances of one component that share them ("the type `blob` appears more than once"). Written out,
 * the type refers to the composition's own name of the resource, as wit-component's components do. Instances that use
 * only their own resources (or none, as most do) are exported as they are: no bytes spent where nothing is gained.
 */
function needsAscription(t: InstanceType): boolean {
  const own = new Set<ResourceType>();
  for (const e of t.exports.values()) if (e.kind === 'type' && isResource(e.type) && typeBinding(e) === 'declares') own.add(e.type);
  for (const r of resourceRefs({ kind: 'instance', type: t }).mentioned) if (!own.has(r)) return true;
  return false;
}

function build(plan: Plan, options: EmitOptions): ComponentBuilder {
  const b = new ComponentBuilder();

  const importIndex = new Map<string, { sort: ItemSort; index: number }>();
  for (const i of plan.imports) importIndex.set(i.name, { sort: sortOf(i.extern), index: b.import(i.name, i.extern) });

  // Each distinct component once: embedded, or (importDependencies) imported by its type, where it would be embedded.
  const embedded = embeddedAs(plan.components);
  const componentIndex = new Map<ComponentInput, number>();
  const dependencyNames = new Map<string, string>();
  for (const c of plan.components) {
    const first = embedded.get(c)!;
    let index = componentIndex.get(first);
    if (index === undefined && options.importDependencies === true) {
      const name = dependencyImportName(first.name);
      const clash = importIndex.has(name) ? `import "${name}" of the composition` : dependencyNames.get(name);
      if (clash !== undefined) {
        throw new WcomposeError('WC2021', `component "${first.name}" cannot be imported as "${name}": the name is taken by ${clash}`, {
          hint: 'rename the component in the config, or embed it (leave out --import-dependencies)',
        });
      }
      dependencyNames.set(name, `component "${first.name}"`);
      index = b.import(name, { kind: 'component', type: first.type });
    }
    componentIndex.set(c, index ?? b.embed(first.bytes));
  }

  const instanceIndex = new Map<string, number>();
  const instances = new Map<string, PlannedInstance>(plan.instances.map((i) => [i.name, i]));
  /** Aliases of instance exports are made once and reused by every argument and export that needs them. */
  const aliases = new Map<string, { sort: ItemSort; index: number }>();
  const exportOf = (instance: string, name: string, path?: readonly string[]): { sort: ItemSort; index: number } => {
    const key = `${instance}\u0000${name}`;
    let alias = aliases.get(key);
    if (alias === undefined) {
      const sort = sortOf(instances.get(instance)!.exports.get(name)!);
      alias = { sort, index: b.aliasExport(instanceIndex.get(instance)!, name, sort) };
      aliases.set(key, alias);
    }
    return inside(key, alias, instances.get(instance)!.exports.get(name)!, path);
  };

  /** An export inside an instance export (WAC's `i.a.b`): an alias of each step's export, made once. */
  const inside = (key: string, at: { sort: ItemSort; index: number }, extern: Extern, path: readonly string[] | undefined): { sort: ItemSort; index: number } => {
    let current = at;
    let type = extern;
    for (const step of path ?? []) {
      key = `${key}\u0000${step}`;
      type = (type as Extract<Extern, { kind: 'instance' }>).type.exports.get(step)!;
      let alias = aliases.get(key);
      if (alias === undefined) {
        const sort = sortOf(type);
        alias = { sort, index: b.aliasExport(current.index, step, sort) };
        aliases.set(key, alias);
      }
      current = alias;
    }
    return current;
  };

  /** An export of an imported instance (an argument or export taken from inside an import). */
  const importExportOf = (name: string, exportName: string, path?: readonly string[]): { sort: ItemSort; index: number } => {
    const key = `\u0001${name}\u0000${exportName}`;
    const imported = plan.imports.find((i) => i.name === name)!.extern;
    let alias = aliases.get(key);
    if (alias === undefined) {
      const sort = imported.kind === 'instance' ? sortOf(imported.type.exports.get(exportName)!) : 'func';
      alias = { sort, index: b.aliasExport(importIndex.get(name)!.index, exportName, sort) };
      aliases.set(key, alias);
    }
    if (path === undefined || path.length === 0 || imported.kind !== 'instance') return alias;
    return inside(key, alias, imported.type.exports.get(exportName)!, path);
  };

  for (const inst of plan.instances) {
    const args = inst.args.map((a) => {
      switch (a.source.kind) {
        case 'import':
          return { name: a.name, ...(a.source.export === undefined ? importIndex.get(a.source.name)! : importExportOf(a.source.name, a.source.export, a.source.path)) };
        case 'export':
          return { name: a.name, ...exportOf(a.source.instance, a.source.export, a.source.path) };
        case 'instance':
          return { name: a.name, sort: 'instance' as const, index: instanceIndex.get(a.source.instance)! };
      }
    });
    instanceIndex.set(inst.name, b.instantiate(componentIndex.get(inst.component)!, args));
  }

  for (const e of plan.exports) {
    const { sort, index } = e.import !== undefined
      ? (e.export === '' ? importIndex.get(e.import)! : importExportOf(e.import, e.export, e.path))
      : e.whole === true ? { sort: 'instance' as const, index: instanceIndex.get(e.instance)! } : exportOf(e.instance, e.export, e.path);
    if (e.extern.kind !== 'instance') {
      b.export(e.name, sort, index);
      continue;
    }
    const ascribed = e.import === undefined && needsAscription(e.extern.type) ? b.ascription(index, e.extern.type) : undefined;
    b.exported(b.export(e.name, sort, index, ascribed), e.extern.type);
  }

  b.custom('producers', producersSection('wcompose', version));
  return b;
}
