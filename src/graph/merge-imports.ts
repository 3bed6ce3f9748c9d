import type { DefinedType, Extern, InstanceType, ResourceAlias, ResourceType, ValueType } from '../types/model.js';
import { isNamedNonValueType, isResource } from '../types/model.js';
import { Substitution } from '../types/substitute.js';
import type { PlannedImport } from './model.js';
import { compareVersionsDescending, compatibilityKey } from './names.js';

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
): { byName: Map<string, PlannedImport>; nameOf: Map<string, string> } {
  const groups = new Map<string, Use[]>();
  for (const l of leftovers) {
    const key = compatibilityKey(l.name);
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const chosen = new Map<string, Use>();
  for (const [key, users] of groups) {
    const names = [...new Set(users.map((u) => u.name))].sort(compareVersionsDescending);
    chosen.set(key, users.find((u) => u.name === names[0])!);
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

/** Resources paired by export name, as a union-find: pairs made through different interfaces stay consistent. */
class ResourceUnion {
  private readonly parent = new Map<ResourceType, ResourceType>();

  private find(r: ResourceType): ResourceType {
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
