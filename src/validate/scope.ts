import type { DiagnosticCode } from '../diagnostics/codes.js';
import { ValidationError } from './error.js';
import type {
  AnyT, ComponentT, CoreInstanceT, CoreTypeT, Entity, FuncT, InstanceT, ModuleT, ResourceT, ValT,
} from './types.js';

export type ScopeKind = 'component' | 'component type' | 'instance type';

/** Where resource names are registered for the `[constructor]`/`[method]`/`[static]` checks (imports or exports). */
export class ResourceNames {
  /** The name each resource (alias object) was imported or exported under. */
  readonly byResource = new Map<ResourceT, string>();
  readonly all = new Set<string>();

  register(name: string, r: ResourceT): void {
    if (!this.byResource.has(r)) this.byResource.set(r, name);
    this.all.add(name);
  }
}

/** The index spaces of one component, component type or instance type, as the spec's validation builds them. */
export class Scope {
  readonly types: AnyT[] = [];
  readonly coreTypes: CoreTypeT[] = [];
  readonly funcs: FuncT[] = [];
  /** The core function index space: each function's core signature (`i32,i32->i32`) when known. */
  readonly coreFuncs: (string | undefined)[] = [];
  coreTables = 0;
  coreMemories = 0;
  coreGlobals = 0;
  coreTags = 0;
  readonly coreInstances: CoreInstanceT[] = [];
  readonly modules: ModuleT[] = [];
  readonly instances: InstanceT[] = [];
  readonly components: ComponentT[] = [];
  readonly values: { type: ValT; used: boolean }[] = [];

  readonly imports = new Map<string, Entity>();
  readonly exports = new Map<string, Entity>();
  // Made when first needed: instance types are many, and most need few of these.
  private importKeysMap: Map<string, string> | undefined;
  private exportKeysMap: Map<string, string> | undefined;
  private importedNames: ResourceNames | undefined;
  private exportedNames: ResourceNames | undefined;
  private importedSet: Set<object> | undefined;
  private exportedSet: Set<object> | undefined;

  get importKeys(): Map<string, string> {
    return (this.importKeysMap ??= new Map());
  }

  get exportKeys(): Map<string, string> {
    return (this.exportKeysMap ??= new Map());
  }

  get importedResources(): ResourceNames {
    return (this.importedNames ??= new ResourceNames());
  }

  get exportedResources(): ResourceNames {
    return (this.exportedNames ??= new ResourceNames());
  }

  /** Types (defined types, and resources per alias) imported so far: later imports may use them. */
  get importedTypes(): Set<object> {
    return (this.importedSet ??= new Set());
  }

  /** Types imported or exported so far: later exports may use them. */
  get exportedTypes(): Set<object> {
    return (this.exportedSet ??= new Set());
  }
  /** Byte offset of the item being validated, for errors. */
  offset = 0;

  constructor(readonly kind: ScopeKind, readonly parent: Scope | undefined) {}

  fail(code: DiagnosticCode, message: string): never {
    throw new ValidationError(code, message, this.offset);
  }

  at<T>(space: readonly T[], index: number, what: string): T {
    const item = space[index];
    if (item === undefined) this.fail('WC1101', `unknown ${what} ${index}: ${what} index out of bounds (${space.length} defined)`);
    return item;
  }

  inBounds(count: number, index: number, what: string): void {
    if (index >= count) this.fail('WC1101', `unknown ${what} ${index}: ${what} index out of bounds (${count} defined)`);
  }

  type(index: number): AnyT {
    return this.at(this.types, index, 'type');
  }

  /** The scope `count` levels out (for outer aliases), bounded by the scopes that exist. */
  outer(count: number): Scope {
    if (count === 0) return this;
    // The loop runs at most as many times as there are enclosing scopes, whatever the count (it may be near 2^32).
    let s = this.parent;
    for (let i = 1; i < count && s !== undefined; i++) s = s.parent;
    if (s === undefined) this.fail('WC1109', `invalid outer alias count of ${count}`);
    return s;
  }
}
