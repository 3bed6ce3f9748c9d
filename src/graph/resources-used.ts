import type { Extern, FuncType, InstanceType, ResourceType, ValueType } from '../types/model.js';
import { childTypes } from '../types/children.js';
import { asExtern, isNamedNonValueType, isResource } from '../types/model.js';

/** The resources an extern's type refers to, and how. */
export interface ResourceRefs {
  /** Every resource its type mentions (handles, type exports). */
  mentioned: Set<ResourceType>;
  /** Those it gives a name: type exports of its instance types, at any depth. */
  named: Set<ResourceType>;
  /** Those its instance types declare (`(sub resource)`): new with each import of it. */
  declared: Set<ResourceType>;
}

export function resourceRefs(e: Extern): ResourceRefs {
  const refs: ResourceRefs = { mentioned: new Set(), named: new Set(), declared: new Set() };
  const seen = new Set<object>();
  const value = (t: ValueType | undefined): void => {
    if (t === undefined || typeof t === 'string' || seen.has(t)) return;
    seen.add(t);
    if (t.kind === 'own' || t.kind === 'borrow') refs.mentioned.add(t.resource);
    else childTypes(t).forEach(value);
  };
  const func = (f: FuncType): void => {
    f.params.forEach((p) => value(p.type));
    value(f.result);
  };
  const instance = (t: InstanceType): void => {
    t.declared.forEach((r) => refs.declared.add(r));
    for (const x of t.exports.values()) {
      if (x.kind === 'type' && isResource(x.type)) refs.named.add(x.type);
      extern(x);
    }
  };
  const extern = (x: Extern): void => {
    switch (x.kind) {
      case 'func':
        func(x.type);
        return;
      case 'instance':
        instance(x.type);
        return;
      case 'type':
        if (isResource(x.type)) refs.mentioned.add(x.type);
        else if (isNamedNonValueType(x.type)) extern(asExtern(x.type));
        else value(x.type);
        return;
      case 'value':
        value(x.type);
        return;
      default:
        return;
    }
  };
  extern(e);
  return refs;
}

/** The resources an extern's type mentions but does not declare itself (what it `use`s from elsewhere). */
export function resourcesUsed(e: Extern): Set<ResourceType> {
  const { mentioned, declared } = resourceRefs(e);
  return new Set([...mentioned].filter((r) => !declared.has(r)));
}
