import type { DefinedType, ValueType } from './model.js';

/**
 * The value-type positions of a defined type, in order, with `undefined` where a position is empty (a variant case
 * without payload, a result without ok or err type, an element-less stream). A handle's resource is not a value
 * type: handles have none. One place knows the shape of every constructor, so walkers over types need not.
 */
export function childSlots(t: DefinedType): (ValueType | undefined)[] {
  switch (t.kind) {
    case 'record':
      return t.fields.map((f) => f.type);
    case 'variant':
      return t.cases.map((c) => c.type);
    case 'list':
    case 'stream':
    case 'future':
      return [t.element];
    case 'tuple':
      return t.types;
    case 'option':
      return [t.type];
    case 'result':
      return [t.ok, t.err];
    case 'map':
      return [t.key, t.value];
    case 'own':
    case 'borrow':
    case 'alias':
    case 'enum':
    case 'flags':
      return [];
  }
}

/** The value types a defined type is made of, in order. */
export function childTypes(t: DefinedType): ValueType[] {
  return childSlots(t).filter((x): x is ValueType => x !== undefined);
}
