import { childTypes } from '../types/children.js';
import type { Extern, ResourceAlias, ResourceType, ValueType } from '../types/model.js';
import { asExtern, isNamedNonValueType, isResource, nameIdentity, typeBinding } from '../types/model.js';
import type { PlannedImport } from './model.js';
import { topologicalOrder } from './order.js';
import { resourcesUsed } from './resources-used.js';

/**
 * Orders the composition's imports so that each comes after every import whose types it refers to: the resources
 * it uses (which another import declares), and any type another import names — a record, variant or alias `use`d
 * from another interface, at any depth of `use` chains. The encoder then writes such a type as an outer alias of
 * the other import's export (as wit-component does), which is only possible when that import comes first.
 *
 * A resource that no import declares is provided by an instance of the composition: an error (WC4012).
 */
export function orderImports(imports: PlannedImport[], fail: (code: 'WC4012', message: string) => never): PlannedImport[] {
  const owner = new Map<ResourceType, string>();
  /** The import whose export created each type identity (a defined type's, a resource alias' token). */
  const creator = new Map<object, string>();
  for (const i of imports) {
    if (i.extern.kind === 'instance') {
      for (const r of i.extern.type.declared) owner.set(r, i.name);
      for (const e of i.extern.type.exports.values()) {
        if (e.kind !== 'type') continue;
        const id = nameIdentity(e);
        if (id !== undefined && !creator.has(id)) creator.set(id, i.name);
      }
    }
    // A resource imported at the top level is owned by the import that declares it, not by its aliases.
    if (i.extern.kind === 'type' && isResource(i.extern.type) && typeBinding(i.extern) === 'declares' && !owner.has(i.extern.type)) {
      owner.set(i.extern.type, i.name);
    }
    if (i.extern.kind === 'type') {
      const id = nameIdentity(i.extern);
      if (id !== undefined && !creator.has(id)) creator.set(id, i.name);
    }
  }
  const byName = new Map(imports.map((i) => [i.name, i]));
  const resourceDeps = (name: string): Set<string> => {
    const deps = new Set<string>();
    for (const r of resourcesUsed(byName.get(name)!.extern)) {
      const o = owner.get(r);
      if (o === undefined) {
        fail('WC4012', `import "${name}" uses resource "${r.name}", which is provided by an instance of the composition, not imported`);
      }
      if (o !== name) deps.add(o);
    }
    return deps;
  };
  const typeDeps = (name: string): Set<string> => {
    const deps = resourceDeps(name);
    for (const id of typeIdentitiesUsed(byName.get(name)!.extern)) {
      const c = creator.get(id);
      if (c !== undefined && c !== name) deps.add(c);
    }
    return deps;
  };
  let ordered = topologicalOrder([...byName.keys()], typeDeps);
  // Types only ever refer to earlier ones, so a cycle through types alone means two imports were merged from
  // views that name each other's types: order by resources then, and the encoder copies what it cannot alias.
  if ('cycle' in ordered) ordered = topologicalOrder([...byName.keys()], resourceDeps);
  if ('cycle' in ordered) throw new Error(`imports use each other's resources in a cycle: ${ordered.cycle.join(' → ')}`);
  return ordered.order.map((n) => byName.get(n)!);
}

/**
 * Every type identity an extern's type refers to: the defined types it reaches, the identities they were named
 * from (`aliasOf`, `eq`: how a `use` of another interface's type is recorded), and the names of resources its
 * handles and type exports are written with (alias tokens and the tokens they were made from). Iterative, with a
 * visited set: untrusted input cannot make it recurse without bound.
 */
export function typeIdentitiesUsed(e: Extern): Set<object> {
  const out = new Set<object>();
  const values: ValueType[] = [];
  const externs: Extern[] = [e];
  const alias = (a: ResourceAlias | undefined): void => {
    for (let x = a; x !== undefined && !out.has(x); x = x.of) out.add(x);
  };
  while (externs.length > 0 || values.length > 0) {
    const x = externs.pop();
    if (x !== undefined) {
      switch (x.kind) {
        case 'func':
          // The function type itself too: a type import may name it (`(import "ft" (type (eq …)))`).
          if (out.has(x.type)) break;
          out.add(x.type);
          for (const p of x.type.params) values.push(p.type);
          if (x.type.result !== undefined) values.push(x.type.result);
          break;
        case 'instance':
          if (out.has(x.type)) break;
          out.add(x.type);
          externs.push(...x.type.exports.values());
          break;
        case 'type':
          if (isResource(x.type)) alias(x.alias);
          else if (isNamedNonValueType(x.type)) externs.push(asExtern(x.type));
          else values.push(x.type);
          if (x.eq !== undefined) {
            if (isResource(x.eq.type)) {
              out.add(x.eq.type);
              alias(x.eq.alias);
            } else {
              values.push(x.eq.type);
            }
          }
          break;
        case 'value':
          values.push(x.type);
          break;
        default:
          break;
      }
      continue;
    }
    const t = values.pop()!;
    if (typeof t === 'string' || out.has(t)) continue;
    out.add(t);
    if (t.aliasOf !== undefined) values.push(t.aliasOf);
    if (t.kind === 'own' || t.kind === 'borrow') alias(t.alias);
    else values.push(...childTypes(t));
  }
  return out;
}
