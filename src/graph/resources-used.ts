import type { Extern, FuncType, InstanceType, ResourceType, ValueType } from '../types/model.js';
import { isResource } from '../types/model.js';

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
    switch (t.kind) {
      case 'own':
      case 'borrow':
        refs.mentioned.add(t.resource);
        return;
      case 'record':
        t.fields.forEach((f) => value(f.type));
        return;
      case 'variant':
        t.cases.forEach((c) => value(c.type));
        return;
      case 'list':
      case 'stream':
      case 'future':
        value(t.element);
        return;
      case 'tuple':
        t.types.forEach(value);
        return;
      case 'option':
        value(t.type);
        return;
      case 'result':
        value(t.ok);
        value(t.err);
        return;
      case 'map':
        value(t.key);
        value(t.value);
        return;
      default:
        return;
    }
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
