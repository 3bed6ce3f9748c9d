import type { DefinedType, Extern, InstanceType, ResourceAlias, ResourceType, ValueType } from '../types/model.js';
import { isNamedNonValueType, isResource, typeBinding } from '../types/model.js';
import { Substitution } from '../types/substitute.js';
import type { PlannedImport } from './model.js';
import { compareVersionsDescending, compatibilityKey } from './names.js';
import { resourceRefs, resourcesUsed } from './resources-used.js';

type Use = { instance: string; name: string };

/**
 * Merges leftover imports by semver compatibility: `wasi:io/streams@0.2.3` and `@0.2.12` become one `@0.2.12` import.
 *
 * Its type is the highest version's, plus whatever only other users import: a component imports just the parts of
 * an interface it uses, so two users of one interface (of one version or several) may each need functions or types
 * the other does not import. Resources are unified across the users, by export name, so a type from one component
 * that uses another's resource refers to the merged import's; a named type another user also has (a `stream-error`)
 * is referred to through the merged import's. Whether each user's import is satisfied is then type-checked like any
 * other link.
 */
export function mergeImports(
  leftovers: Use[],
  externOf: (instance: string, name: string) => Extern,
  fail: (code: 'WC4016', message: string) => never,
): { byName: Map<string, PlannedImport>; nameOf: Map<string, string> } {
  const groups = new Map<string, Use[]>();
  for (const l of leftovers) {
    const key = compatibilityKey(l.name);
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const chosen = new Map<string, Use>();
  for (const [key, users] of groups) {
    const names = [...new Set(users.map((u) => u.name))].sort(compareVersionsDescending);
    // Among the highest version's users, the one that uses the most resources from other imports: a user whose
    // interface declares a resource accepts any, one that `use`s it from another interface needs that one, so the
    // merged interface keeps the link (it declares the resource only if no user uses it from elsewhere).
    let best: { user: Use; used: number } | undefined;
    for (const u of users) {
      if (u.name !== names[0]) continue;
      const used = resourcesUsed(externOf(u.instance, u.name)).size;
      if (best === undefined || used > best.used) best = { user: u, used };
    }
    chosen.set(key, best!.user);
  }

  // 1. Which user each part of a merged interface comes from: the chosen version's exports, then, in the users'
  //    (instantiation) order, the exports no earlier user has. Resources pair up with the merged ones by name.
  const resources = new ResourceUnion();
  const aliases = new Map<ResourceAlias | ResourceType, ResourceAlias | undefined>();
  const parts = new Map<string, { rep: Extern; extra: { name: string; extern: Extern; from: InstanceType }[] }>();
  for (const [key, users] of groups) {
    const rep = chosen.get(key)!;
    const repExtern = externOf(rep.instance, rep.name);
    const exports = repExtern.kind === 'instance' ? new Map(repExtern.type.exports) : undefined;
    const extra: { name: string; extern: Extern; from: InstanceType }[] = [];
    for (const u of users) {
      const e = externOf(u.instance, u.name);
      if (exports === undefined || e.kind !== 'instance') {
        resources.pair(e, repExtern);
        continue;
      }
      resources.pair(e, { kind: 'instance', type: { kind: 'instance', exports, declared: [] } });
      for (const [name, x] of e.type.exports) {
        // A resource alias (`type trailers = fields`) both views have is the merged view's: handles written
        // through this user's `trailers` keep that name.
        const y = exports.get(name);
        if (x.kind === 'type' && y?.kind === 'type' && isResource(x.type) && x.alias !== undefined && x.alias !== y.alias) {
          aliases.set(x.alias, y.alias);
        }
      }
      for (const [name, x] of e.type.exports) {
        if (exports.has(name)) continue;
        exports.set(name, x);
        extra.push({ name, extern: x, from: e.type });
      }
    }
    parts.set(key, { rep: repExtern, extra });
  }
  checkUsedResourcesMerge(groups, externOf, resources, fail);

  // 2. The merged types, read with the unified resources.
  const sub = new Substitution(resources.map(), { aliases });
  const merged = new Map<string, Extern>();
  for (const [key, { rep, extra }] of parts) {
    const extern = sub.extern(rep);
    if (extra.length === 0 || extern.kind !== 'instance') {
      merged.set(key, extern);
      continue;
    }
    const exports = new Map(extern.type.exports);
    const declared = [...extern.type.declared];
    for (const x of extra) {
      exports.set(x.name, sub.extern(x.extern));
      // A resource only another user's version declares is declared by the merged interface too.
      const t = x.extern.kind === 'type' ? x.extern.type : undefined;
      if (t !== undefined && typeof t !== 'string' && isResource(t) && x.from.declared.includes(t) && sub.resource(t) === t) {
        declared.push(t);
      }
    }
    merged.set(key, { kind: 'instance', type: { kind: 'instance', exports, declared } });
  }
  checkOneDefinitionEach(merged, groups, chosen, fail);

  // 3. Parts taken from other users, and interfaces that `use` a merged one, refer to the merged interfaces' named
  //    types, not to their own users' copies of them.
  const named = new Map<DefinedType, ValueType>();
  for (const [key, users] of groups) {
    const m = merged.get(key)!;
    if (m.kind !== 'instance') continue;
    for (const u of users) {
      const e = sub.extern(externOf(u.instance, u.name));
      if (e.kind !== 'instance') continue;
      for (const [name, x] of e.type.exports) {
        const target = m.type.exports.get(name);
        if (x.kind !== 'type' || target?.kind !== 'type' || typeof x.type === 'string' || typeof target.type === 'string') continue;
        if (isResource(x.type) || isResource(target.type) || x.type === target.type) continue;
        if (isNamedNonValueType(x.type) || isNamedNonValueType(target.type)) continue;
        named.set(x.type, target.type);
      }
    }
  }
  // Substitution's type renames replace defined types by identity, keeping every part they do not touch.
  const replace = new Substitution(new Map(), { types: named });

  const byName = new Map<string, PlannedImport>();
  const nameOf = new Map<string, string>();
  for (const [key, users] of groups) {
    const rep = chosen.get(key)!;
    let extern = merged.get(key)!;
    // Any part may use another merged interface's type through its user's view of it (an interface only one user
    // imports, `use`ing one several users import): read it as the merged interface's, so the `use` stays a `use`.
    if (extern.kind === 'instance' && named.size > 0) {
      const exports = new Map([...extern.type.exports].map(([n, x]) => [n, replace.extern(x)]));
      extern = { kind: 'instance', type: { ...extern.type, exports } };
    }
    byName.set(rep.name, { name: rep.name, extern, users });
    for (const u of users) nameOf.set(u.name, rep.name);
  }
  return { byName, nameOf };
}

/**
 * Merging two users' imports of one interface pairs the resources they `use` from other imports, so it is sound only
 * if those merge too: a socket whose `wasi:io/streams` uses the resource of an import renamed `wasi:io/arror`, merged
 * with a plug's `wasi:io/streams` that uses the real `wasi:io/error`'s, would make one resource of two imports' (an
 * invalid component: "resource types are not the same"). Such a conflict is an error naming both users and both
 * sources of the resource.
 */
function checkUsedResourcesMerge(
  groups: Map<string, Use[]>,
  externOf: (instance: string, name: string) => Extern,
  resources: ResourceUnion,
  fail: (code: 'WC4016', message: string) => never,
): void {
  // The leftover import that declares each resource (its own, not one it uses).
  const declaredBy = new Map<ResourceType, Use>();
  for (const users of groups.values()) {
    for (const u of users) {
      const e = externOf(u.instance, u.name);
      if (e.kind === 'type' && isResource(e.type)) declaredBy.set(e.type, u);
      for (const r of resourceRefs(e).declared) declaredBy.set(r, u);
    }
  }
  for (const users of groups.values()) {
    // For each merged resource this interface uses: the first user, and where its resource comes from.
    const seen = new Map<ResourceType, { user: Use; source: Use; name: string }>();
    for (const u of users) {
      for (const [name, r] of usedResourceNames(externOf(u.instance, u.name))) {
        const source = declaredBy.get(r);
        if (source === undefined) continue; // provided by an instance: WC4012 when the imports are ordered
        const root = resources.find(r);
        const first = seen.get(root);
        if (first === undefined) {
          seen.set(root, { user: u, source, name });
        } else if (compatibilityKey(first.source.name) !== compatibilityKey(source.name)) {
          fail(
            'WC4016',
            `import "${u.name}" of instance "${u.instance}" and import "${first.user.name}" of instance "${first.user.instance}" ` +
              `would merge into one, but they use resource "${name}" from different imports: ` +
              `"${source.name}" of instance "${source.instance}" and "${first.source.name}" of instance "${first.source.instance}"`,
          );
        }
      }
    }
  }
}

/**
 * Each resource is defined by one import of the composition. Merging can break that when users link interfaces
 * differently (one declares in `foo` what another uses from `bar`, and the highest version's user is the one that
 * declares it): then two merged imports would define one resource, which is invalid. Reported as WC4016.
 */
function checkOneDefinitionEach(
  merged: Map<string, Extern>,
  groups: Map<string, Use[]>,
  chosen: Map<string, Use>,
  fail: (code: 'WC4016', message: string) => never,
): void {
  const definedBy = new Map<ResourceType, string>();
  for (const [key, extern] of merged) {
    const defines = resourceRefs(extern).declared;
    // A top-level resource import defines it when it declares it; `(eq …)` of it (`type y = x`) only names it.
    if (extern.kind === 'type' && isResource(extern.type) && typeBinding(extern) === 'declares') defines.add(extern.type);
    for (const r of defines) {
      const other = definedBy.get(r);
      if (other === undefined) {
        definedBy.set(r, key);
        continue;
      }
      const describe = (k: string): string => {
        const users = groups.get(k)!;
        const instances = [...new Set(users.map((u) => `"${u.instance}"`))];
        return `"${chosen.get(k)!.name}" (of instance${instances.length === 1 ? '' : 's'} ${instances.join(', ')})`;
      };
      fail(
        'WC4016',
        `imports ${describe(other)} and ${describe(key)} would both define resource "${r.name}": their users link it ` +
          'differently (one declares it in an interface, another uses it from another interface)',
      );
    }
  }
}

/** The resources an import uses from elsewhere (not those it declares), each with the name the import gives it. */
function usedResourceNames(e: Extern): Map<string, ResourceType> {
  const used = resourcesUsed(e);
  const out = new Map<string, ResourceType>();
  if (e.kind === 'instance') {
    for (const [name, x] of e.type.exports) if (x.kind === 'type' && isResource(x.type) && used.has(x.type)) out.set(name, x.type);
  }
  // A resource used only through handles, never named: its declared name.
  const named = new Set(out.values());
  for (const r of used) if (!named.has(r)) out.set(r.name, r);
  return out;
}

/** Resources paired by export name, as a union-find: pairs made through different interfaces stay consistent. */
class ResourceUnion {
  private readonly parent = new Map<ResourceType, ResourceType>();

  /** The resource `r` stands for: the root of its class. */
  find(r: ResourceType): ResourceType {
    let root = r;
    for (let p = this.parent.get(root); p !== undefined; p = this.parent.get(root)) root = p;
    return root;
  }

  /** Pairs the resources `e` exports with those `onto` exports under the same names (`onto`'s are kept). */
  pair(e: Extern, onto: Extern): void {
    if (e.kind === 'type' && onto.kind === 'type' && typeof e.type !== 'string' && typeof onto.type !== 'string') {
      if (!isResource(e.type) || !isResource(onto.type)) return;
      const a = this.find(e.type);
      const b = this.find(onto.type);
      if (a !== b) this.parent.set(a, b);
    } else if (e.kind === 'instance' && onto.kind === 'instance') {
      for (const [name, x] of e.type.exports) {
        const y = onto.type.exports.get(name);
        if (y !== undefined) this.pair(x, y);
      }
    }
  }

  /** Each paired resource → the one it stands for. */
  map(): Map<ResourceType, ResourceType> {
    return new Map([...this.parent.keys()].map((r) => [r, this.find(r)]));
  }
}
