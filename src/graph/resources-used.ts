import type { Extern, FuncType, InstanceType, ResourceType, ValueType } from '../types/model.js';
import { isResource } from '../types/model.js';

/** The resources an extern's type mentions but does not declare itself (what it `use`s from elsewhere). */
export function resourcesUsed(e: Extern): Set<ResourceType> {
  const out = new Set<ResourceType>();
  const seen = new Set<object>();
  const declared = new Set<ResourceType>();
  const value = (t: ValueType | undefined): void => {
    if (t === undefined || typeof t === 'string' || seen.has(t)) return;
    seen.add(t);
    switch (t.kind) {
      case 'own':
      case 'borrow':
        out.add(t.resource);
        return;
      case 'record':
        t.fields.forEach((f) => value(f.type));
        return;
      case 'variant':
        t.cases.forEach((c) => value(c.type));
        return;
      case 'list':
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
      case 'stream':
      case 'future':
        value(t.element);
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
    t.declared.forEach((r) => declared.add(r));
    for (const x of t.exports.values()) extern(x);
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
        if (isResource(x.type)) out.add(x.type);
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
  for (const r of declared) out.delete(r);
  return out;
}
