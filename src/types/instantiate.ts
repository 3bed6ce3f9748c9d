import type { ComponentType, Extern, ResourceType } from './model.js';
import { isNamedNonValueType, isResource, newResource } from './model.js';
import { type Renames, Substitution } from './substitute.js';

/**
 * Pairs the resources an expected extern declares with those of the actual one, by export name: after an import is
 * satisfied, its resources *are* the argument's, and later types that mention them must be read that way. An argument
 * that supplies the very resource the import expects (a leftover import merged from this component's own) is paired
 * too, with itself: the resource is supplied, not left to be made fresh by the instance.
 */
export function matchResources(expected: Extern, actual: Extern, map: Map<ResourceType, ResourceType>): void {
  if (expected.kind === 'type' && actual.kind === 'type' && isResource(expected.type) && isResource(actual.type)) {
    map.set(expected.type, actual.type);
  } else if (expected.kind === 'instance' && actual.kind === 'instance') {
    for (const [name, e] of expected.type.exports) {
      const a = actual.type.exports.get(name);
      if (a !== undefined) matchResources(e, a, map);
    }
  }
}

/**
 * WIT naming metadata: the type identities an argument renames (wasmparser's type renamings), by export name like
 * `matchResources`. An `eq` type import becomes the argument's type, a resource import's identity the argument's.
 */
export function matchRenames(expected: Extern, actual: Extern, renames: Required<Renames>): void {
  if (expected.kind === 'type' && actual.kind === 'type') {
    if (isResource(expected.type)) {
      if (isResource(actual.type)) renames.aliases.set(expected.alias ?? expected.type, actual.alias);
    } else if (
      typeof expected.type !== 'string' && !isResource(actual.type) && !isNamedNonValueType(expected.type) &&
      !isNamedNonValueType(actual.type) && expected.type !== actual.type
    ) {
      renames.types.set(expected.type, actual.type);
    }
  } else if (expected.kind === 'instance' && actual.kind === 'instance') {
    for (const [name, e] of expected.type.exports) {
      const a = actual.type.exports.get(name);
      if (a !== undefined) matchRenames(e, a, renames);
    }
  }
}

/**
 * Instantiation as the spec's validation does it, one import at a time: each argument's resources replace the
 * import's, so that the next import's type (which may `use` them) is read with the argument's identities. What the
 * component declares and no argument supplied is new in each instance.
 */
export class Instantiation {
  readonly map = new Map<ResourceType, ResourceType>();
  /** WIT naming metadata, see `matchRenames`. */
  readonly renames: Required<Renames> = { types: new Map(), aliases: new Map() };

  constructor(readonly component: ComponentType) {}

  /** The type import `name` expects, given the arguments supplied so far. */
  expected(name: string): Extern | undefined {
    const e = this.component.imports.get(name);
    return e === undefined ? undefined : new Substitution(this.map).extern(e);
  }

  /** Records that import `name` is satisfied by `actual`. */
  supply(name: string, actual: Extern): void {
    const e = this.component.imports.get(name);
    if (e !== undefined) {
      matchResources(e, actual, this.map);
      matchRenames(e, actual, this.renames);
    }
  }

  /** The instance's exports: the component's, read with the arguments' resources and fresh ones for the rest. */
  exports(): { exports: Map<string, Extern>; fresh: ResourceType[] } {
    const fresh: ResourceType[] = [];
    const map = new Map(this.map);
    for (const r of this.component.declared) {
      if (!map.has(r)) {
        const n = newResource(r.name, r.local);
        map.set(r, n);
        fresh.push(n);
      }
    }
    const sub = new Substitution(map, this.renames);
    return { exports: new Map([...this.component.exports].map(([n, e]) => [n, sub.extern(e)])), fresh };
  }
}
