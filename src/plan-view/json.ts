import type { PlanGraph, PlanGraphSource } from './graph.js';

/** The JSON document `wcompose plan --format json` prints: `{ ok: true, …graph }`, keys in a fixed order. */
export interface PlanJson {
  ok: true;
  config: string | null;
  output: string | null;
  instances: { name: string; component: string; file: string }[];
  edges: { instance: string; import: string; how: 'explicit' | 'auto' | 'import'; from: PlanGraphSource }[];
  imports: { name: string; kind: string; type: string | null; users: { instance: string; import: string }[] }[];
  exports: { name: string; kind: string; type: string | null; instance: string; export: string }[];
}

/** The graph as plain data with a stable key order (absent values are `null`, so every key is always there). */
export function planJson(graph: PlanGraph): PlanJson {
  return {
    ok: true,
    config: graph.config ?? null,
    output: graph.output ?? null,
    instances: graph.instances.map((i) => ({ name: i.name, component: i.component, file: i.file })),
    edges: graph.edges.map((e) => ({ instance: e.instance, import: e.import, how: e.how, from: e.from })),
    imports: graph.imports.map((i) => ({
      name: i.name,
      kind: i.kind,
      type: i.type ?? null,
      users: i.users.map((u) => ({ instance: u.instance, import: u.import })),
    })),
    exports: graph.exports.map((e) => ({
      name: e.name,
      kind: e.kind,
      type: e.type ?? null,
      instance: e.instance,
      export: e.export,
    })),
  };
}

/** `planJson` as text: two-space indented, with a final newline. */
export function renderJson(graph: PlanGraph): string {
  return `${JSON.stringify(planJson(graph), null, 2)}\n`;
}
