import type { PlanGraph } from './graph.js';

export interface NodeIds {
  instance(name: string): string;
  import(name: string): string;
  export(name: string): string;
}

/** Positional node ids (`i0`, `i1`, …): safe in any diagram syntax, and stable for a given plan. */
export function nodeIds(graph: PlanGraph, prefixes: { instance: string; import: string; export: string }): NodeIds {
  const table = (names: string[], prefix: string): ((name: string) => string) => {
    const ids = new Map(names.map((n, i) => [n, `${prefix}${i}`]));
    return (name) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`the plan graph refers to "${name}", which it does not declare`);
      return id;
    };
  };
  return {
    instance: table(graph.instances.map((i) => i.name), prefixes.instance),
    import: table(graph.imports.map((i) => i.name), prefixes.import),
    export: table(graph.exports.map((e) => e.name), prefixes.export),
  };
}
