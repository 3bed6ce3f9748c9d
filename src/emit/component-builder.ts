import type * as bin from '../binary/ast.js';
import { writeComponent, writeComponentChunks } from '../binary/write.js';
import type { Extern, InstanceType, ResourceType, TypeExtern } from '../types/model.js';
import { isResource, typeBinding } from '../types/model.js';
import { InstanceTypeScope, registerInstanceTypes, TypeScope } from './type-encoder.js';

export type ItemSort = 'func' | 'instance' | 'component' | 'type' | 'value' | 'module';

function toSort(sort: ItemSort): bin.Sort {
  return sort === 'module' ? { core: 'module' } : sort;
}

/** One definition of the component being built, in order; consecutive ones of a kind share a section. */
type Definition =
  | { section: 'type'; item: bin.TypeDef }
  | { section: 'alias'; item: bin.Alias }
  | { section: 'import'; item: bin.Import }
  | { section: 'component'; bytes: Uint8Array }
  | { section: 'instance'; item: bin.Instance }
  | { section: 'export'; item: bin.Export }
  | { section: 'custom'; name: string; data: Uint8Array };

/**
 * Builds a component definition by definition, keeping every index space (types, funcs, instances, components) so
 * callers get indices back and never count by hand.
 */
export class ComponentBuilder extends TypeScope {
  private readonly definitions: Definition[] = [];
  private readonly counts: Record<Exclude<ItemSort, 'type'>, number> = { func: 0, instance: 0, component: 0, value: 0, module: 0 };
  /** Types the imported instances export by name, reachable through an alias when a later type needs them. */
  private readonly available = new Map<object, { instance: number; name: string }>();

  constructor() {
    super(undefined);
  }

  protected addType(t: bin.TypeDef): number {
    this.definitions.push({ section: 'type', item: t });
    return this.nextType();
  }

  protected addOuterAlias(count: number, index: number): number {
    this.definitions.push({ section: 'alias', item: { kind: 'outer', sort: 'type', count, index } });
    return this.nextType();
  }

  private nextType(): number {
    return this.typeCount++;
  }

  protected override provideHere(t: object): number | undefined {
    const own = this.indices.get(t);
    if (own !== undefined) return own;
    const source = this.available.get(t);
    if (source === undefined) return undefined;
    const index = this.aliasExport(source.instance, source.name, 'type');
    this.indices.set(t, index);
    return index;
  }

  protected override provide(t: object): number | undefined {
    return this.provideHere(t);
  }

  /** Imports `extern` under `name`; returns its index in its sort's space. */
  import(name: string, extern: Extern): number {
    const type = this.externType(extern);
    this.definitions.push({ section: 'import', item: { name: { name, form: 0 }, type } });
    // One index in its sort's space (a type import's is where later uses of the type refer, see `bindExported`).
    const index = this.bump(extern.kind);
    if (extern.kind === 'type') this.bindExported(extern, index);
    if (extern.kind === 'instance') registerInstanceTypes(this.available, index, extern.type);
    return index;
  }

  private bump(sort: ItemSort): number {
    if (sort === 'type') return this.nextType();
    return this.counts[sort]++;
  }

  /** Embeds a component's bytes verbatim; returns its component index. */
  embed(bytes: Uint8Array): number {
    this.definitions.push({ section: 'component', bytes });
    return this.counts.component++;
  }

  instantiate(component: number, args: { name: string; sort: ItemSort; index: number }[]): number {
    this.definitions.push({
      section: 'instance',
      item: { kind: 'instantiate', component, args: args.map((a) => ({ name: a.name, item: { sort: toSort(a.sort), index: a.index } })) },
    });
    return this.counts.instance++;
  }

  aliasExport(instance: number, name: string, sort: ItemSort): number {
    this.definitions.push({ section: 'alias', item: { kind: 'export', sort: toSort(sort), instance, name } });
    return this.bump(sort);
  }

  /** Exports an item, with an explicit type (`ascribed`, an index of an instance type) when given. */
  export(name: string, sort: ItemSort, index: number, ascribed?: number): number {
    const type: bin.ExternType | undefined = ascribed === undefined ? undefined : { kind: 'instance', type: ascribed };
    this.definitions.push({ section: 'export', item: { name: { name, form: 0 }, item: { sort: toSort(sort), index }, type } });
    return this.bump(sort);
  }

  /**
   * An exported instance's types become reachable through aliases of the export (later exports' ascriptions refer
   * to them there), unless an import or an earlier export names them already.
   */
  exported(index: number, t: InstanceType): void {
    registerInstanceTypes(this.available, index, t);
  }

  /**
   * The instance type to ascribe to the export of instance `source` (of type `t`): its resources refer to the names
   * the composition has for them (an import's, an earlier export's), and those it has none for yet (the instance's
   * own, or another instance's it names first) are reached through aliases of the instance's own names, so the
   * ascription declares nothing new (it is `t`, named).
   */
  ascription(source: number, t: InstanceType): number {
    // Declarations first: a resource the instance both declares and aliases is reached through its declaration.
    const names = [...t.exports].filter(([, e]) => e.kind === 'type' && isResource(e.type));
    for (const [name, e] of [...names.filter(([, e]) => typeBinding(e as TypeExtern) === 'declares'), ...names]) {
      const r = e.type as ResourceType;
      if (!this.indices.has(r) && !this.available.has(r)) this.available.set(r, { instance: source, name });
    }
    const inner = new InstanceTypeScope(this);
    inner.declareAll({ ...t, declared: [] });
    return this.addType({ kind: 'instance', decls: inner.decls });
  }

  custom(name: string, data: Uint8Array): void {
    this.definitions.push({ section: 'custom', name, data });
  }

  /** Groups consecutive definitions of a kind into one section each. */
  sections(): bin.Section[] {
    const out: bin.Section[] = [];
    for (const d of this.definitions) {
      const last = out[out.length - 1];
      switch (d.section) {
        case 'component':
          out.push({ kind: 'component', bytes: d.bytes });
          break;
        case 'custom':
          out.push({ kind: 'custom', name: d.name, data: d.data });
          break;
        default:
          if (last !== undefined && last.kind === d.section) (last.items as unknown[]).push(d.item);
          else out.push({ kind: d.section, items: [d.item] } as bin.Section);
      }
    }
    return out;
  }

  finish(): Uint8Array {
    return writeComponent(this.sections());
  }

  /** The component as chunks: embedded components are referenced, not copied. */
  chunks(): Uint8Array[] {
    return writeComponentChunks(this.sections());
  }
}
