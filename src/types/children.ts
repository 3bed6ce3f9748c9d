import type { DefinedType, ValueType } from './model.js';

/**
 * The value types a defined type is made of, in order (a handle's resource is not a value type: none). One place
 * knows the shape of every constructor, so walkers over types need not.
 */
export function childTypes(t: DefinedType): ValueType[] {
  const present = (xs: (ValueType | undefined)[]): ValueType[] => xs.filter((x): x is ValueType => x !== undefined);
  switch (t.kind) {
    case 'record':
      return t.fields.map((f) => f.type);
    case 'variant':
      return present(t.cases.map((c) => c.type));
    case 'list':
    case 'stream':
    case 'future':
      return present([t.element]);
    case 'tuple':
      return t.types;
    case 'option':
      return [t.type];
    case 'result':
      return present([t.ok, t.err]);
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
