import { entityKindName, type AnyT, type DefinedT, type Entity, type FuncT, type ModuleT, type ValT } from './types.js';

/**
 * Is what an instantiation argument (or an export's item) provides a subtype of what is expected? The structural
 * part of wasmparser's `SubtypeCx` on the validator's descriptors: functions and value types match exactly (names
 * compared as kebab names, ignoring ASCII case), resources by identity, instances by width (the actual one may export
 * more). Component types are compared by the kinds of their imports and exports. Returns why not, or undefined.
 *
 * The walk follows the types' structure, whose depth the validator bounds when it defines them (100); instance types
 * nest as deep as the binary's declarators, which the reader bounds.
 */
export function entityMismatch(got: Entity, want: Entity, depth = 0): string | undefined {
  if (got.kind !== want.kind) return `expected ${entityKindName(want.kind)}, found ${entityKindName(got.kind)}`;
  switch (want.kind) {
    case 'func':
      return funcMismatch(got.type as FuncT, want.type, depth);
    case 'value':
      return valMismatch(got.type as ValT, want.type, depth);
    case 'type':
      return typeMismatch(got.type as AnyT, want.type, depth);
    case 'instance': {
      const g = got.type as typeof want.type;
      for (const [name, w] of want.type.exports) {
        const e = g.exports.get(name);
        if (e === undefined) return `missing expected export \`${name}\``;
        const why = entityMismatch(e, w, depth + 1);
        if (why !== undefined) return `type mismatch in instance export \`${name}\`: ${why}`;
      }
      return undefined;
    }
    case 'component': {
      const g = got.type as typeof want.type;
      for (const [name, e] of g.imports) {
        const w = want.type.imports.get(name);
        if (w === undefined) return `missing expected import \`${name}\``;
        if (w.kind !== e.kind) return `import \`${name}\` is a ${entityKindName(e.kind)}, expected a ${entityKindName(w.kind)}`;
      }
      for (const [name, w] of want.type.exports) {
        const e = g.exports.get(name);
        if (e === undefined) return `missing expected export \`${name}\``;
        if (w.kind !== e.kind) return `export \`${name}\` is a ${entityKindName(e.kind)}, expected a ${entityKindName(w.kind)}`;
      }
      return undefined;
    }
    case 'module':
      return moduleMismatch(got.type as typeof want.type, want.type);
  }
}

/** Core module subtyping by names and kinds: the actual module may import less and export more. */
function moduleMismatch(got: ModuleT, want: ModuleT): string | undefined {
  if (got.imports !== undefined && want.imports !== undefined) {
    for (const i of got.imports) {
      const w = want.imports.find((x) => x.module === i.module && x.name === i.name);
      if (w === undefined) return `missing expected import \`${i.module}::${i.name}\``;
      if (w.kind !== i.kind) return `import \`${i.module}::${i.name}\` is a ${i.kind}, expected a ${w.kind}`;
    }
  }
  if (got.exports !== undefined && want.exports !== undefined) {
    for (const [name, kind] of want.exports) {
      const g = got.exports.get(name);
      if (g === undefined) return `missing expected export \`${name}\``;
      if (g !== kind) return `export \`${name}\` is a ${g}, expected a ${kind}`;
    }
  }
  return undefined;
}

function typeMismatch(got: AnyT, want: AnyT, depth: number): string | undefined {
  if (want.k === 'resource' || got.k === 'resource') {
    if (want.k !== 'resource' || got.k !== 'resource') return `expected ${want.k === 'resource' ? 'a resource' : 'a value type'}`;
    return got.id === want.id ? undefined : 'resource types are not the same';
  }
  if (want.k === 'defined' && got.k === 'defined') return valMismatch(got, want, depth);
  if (want.k === 'func' && got.k === 'func') return funcMismatch(got, want, depth);
  if (want.k === 'instance' && got.k === 'instance') {
    return entityMismatch({ kind: 'instance', type: got }, { kind: 'instance', type: want }, depth + 1);
  }
  if (want.k === 'component' && got.k === 'component') {
    return entityMismatch({ kind: 'component', type: got }, { kind: 'component', type: want }, depth + 1);
  }
  return `expected a ${want.k} type, found a ${got.k} type`;
}

function funcMismatch(got: FuncT, want: FuncT, depth: number): string | undefined {
  if (got.async !== want.async) return want.async ? 'expected an async function' : 'expected a function that is not async';
  if (got.params.length !== want.params.length) return `expected ${want.params.length} parameters, found ${got.params.length}`;
  for (const [i, w] of want.params.entries()) {
    const g = got.params[i]!;
    if (g.name.toLowerCase() !== w.name.toLowerCase()) return `expected parameter named \`${w.name}\`, found \`${g.name}\``;
    const why = valMismatch(g.type, w.type, depth + 1);
    if (why !== undefined) return `type mismatch in function parameter \`${w.name}\`: ${why}`;
  }
  if ((got.result === undefined) !== (want.result === undefined)) return 'expected a result, found none (or the reverse)';
  if (got.result !== undefined && want.result !== undefined) {
    const why = valMismatch(got.result, want.result, depth + 1);
    if (why !== undefined) return `type mismatch with result type: ${why}`;
  }
  return undefined;
}

/** A `prim` definition is its primitive. */
function norm(t: ValT): ValT {
  return typeof t !== 'string' && t.kind === 'prim' && t.prim !== undefined ? t.prim : t;
}

function valMismatch(gotIn: ValT, wantIn: ValT, depth: number): string | undefined {
  const got = norm(gotIn);
  const want = norm(wantIn);
  if (got === want) return undefined;
  if (depth > 250) return undefined;
  if (typeof want === 'string' || typeof got === 'string') {
    return `expected ${typeof want === 'string' ? `primitive \`${want}\`` : want.kind}, found ${typeof got === 'string' ? `primitive \`${got}\`` : got.kind}`;
  }
  return definedMismatch(got, want, depth);
}

function definedMismatch(got: DefinedT, want: DefinedT, depth: number): string | undefined {
  if (got.kind !== want.kind) return `expected ${want.kind}, found ${got.kind}`;
  if (want.resource !== undefined) {
    return got.resource?.id === want.resource.id ? undefined : 'resource types are not the same';
  }
  const wl = want.labels ?? [];
  const gl = got.labels ?? [];
  if (wl.length !== gl.length) return `expected ${wl.length} names, found ${gl.length}`;
  for (const [i, n] of wl.entries()) {
    if (gl[i]!.toLowerCase() !== n.toLowerCase()) return `expected name \`${n}\`, found \`${gl[i]}\``;
  }
  if (want.length !== got.length) return `expected length ${want.length}, found ${got.length}`;
  const ws = want.slots ?? [];
  const gs = got.slots ?? [];
  if (ws.length !== gs.length) return `expected ${ws.length} types, found ${gs.length}`;
  for (const [i, w] of ws.entries()) {
    const g = gs[i];
    if ((w === undefined) !== (g === undefined)) return 'expected a payload type, found none (or the reverse)';
    if (w !== undefined && g !== undefined) {
      const why = valMismatch(g, w, depth + 1);
      if (why !== undefined) return why;
    }
  }
  return undefined;
}
