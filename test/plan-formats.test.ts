/**
 * Issue #5 (part 1): `wcompose plan` renders the planned composition graph as text, Mermaid, Graphviz dot, JSON and
 * SVG. Two graphs: the bundled example (compose.config.ts at the repo root) and a richer one built in memory from
 * small WAT components — an automatic plug, explicit arguments (an instance, and one named export), leftover imports
 * (one interface that two instances import, merged; one plain function), two instances of one component, and a
 * renamed export.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { instance as vizInstance, type Viz } from '@viz-js/viz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planComposition } from '../src/api/plan.js';
import type { CompositionSpec } from '../src/graph/model.js';
import { plan } from '../src/graph/plan.js';
import { planGraph, type PlanGraph } from '../src/plan-view/graph.js';
import { renderDot, renderJson, renderMermaid, renderPlan, renderSvg, renderText } from '../src/plan-view/index.js';
import { decodeComponent } from '../src/types/decode.js';
import { PROJECT_ROOT } from './support/paths.js';

// ---------------------------------------------------------------------------------------------------------------
// The richer graph's components.

/** Exports demo:math/ops (add) and demo:math/consts (zero). */
const OPS = `(component
  (core module $m
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "zero") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $zero (result u32) (canon lift (core func $i "zero")))
  (instance $ops (export "add" (func $add)))
  (instance $consts (export "zero" (func $zero)))
  (export "demo:math/ops@0.1.0" (instance $ops))
  (export "demo:math/consts@0.1.0" (instance $consts)))`;

/** A decorator: imports demo:math/ops and a log sink, exports demo:math/ops. */
const TWICE = `(component
  (import "demo:math/ops@0.1.0" (instance $inner (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (import "demo:log/sink@0.1.0" (instance $sink (export "log" (func (param "x" u32)))))
  (alias export $inner "add" (func $inner-add))
  (core func $inner-add-lowered (canon lower (func $inner-add)))
  (core module $m
    (import "inner" "add" (func $add (param i32 i32) (result i32)))
    (func (export "add") (param i32 i32) (result i32)
      local.get 0 local.get 1 call $add local.get 0 local.get 1 call $add i32.add))
  (core instance $i (instantiate $m (with "inner" (instance (export "add" (func $inner-add-lowered))))))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (instance $ops (export "add" (func $add)))
  (export "demo:math/ops@0.1.0" (instance $ops)))`;

/** Imports demo:math/ops, demo:math/consts and a plain function, exports demo:math/app. */
const APP = `(component
  (import "demo:math/ops@0.1.0" (instance $ops (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (import "demo:math/consts@0.1.0" (instance $consts (export "zero" (func (result u32)))))
  (import "now" (func $now (result u64)))
  (alias export $ops "add" (func $add))
  (core func $add-lowered (canon lower (func $add)))
  (core module $m
    (import "ops" "add" (func $add (param i32 i32) (result i32)))
    (func (export "double") (param i32) (result i32) local.get 0 local.get 0 call $add))
  (core instance $i (instantiate $m (with "ops" (instance (export "add" (func $add-lowered))))))
  (func $double (param "x" u32) (result u32) (canon lift (core func $i "double")))
  (instance $app (export "double" (func $double)))
  (export "demo:math/app@0.1.0" (instance $app)))`;

async function richSpec(): Promise<CompositionSpec> {
  const component = async (name: string, wat: string): Promise<CompositionSpec['components'][number]> => {
    const bytes = await parse(wat);
    return { name, file: `wat/${name}.wat`, bytes, type: decodeComponent(bytes) };
  };
  return {
    components: [await component('app', APP), await component('ops', OPS), await component('twice', TWICE)],
    // Listed out of order: the plan orders instances by what they consume.
    instances: [
      { name: 'app', component: 'app', with: { 'demo:math/ops@0.1.0': { instance: 'second' } } },
      { name: 'second', component: 'twice', with: { 'demo:math/ops@0.1.0': { instance: 'first', export: 'demo:math/ops@0.1.0' } } },
      { name: 'first', component: 'twice', with: { 'demo:math/ops@0.1.0': { instance: 'ops' } } },
      { name: 'ops', component: 'ops', with: {} },
    ],
    exports: [
      { instance: 'app' },
      { instance: 'second', export: 'demo:math/ops@0.1.0', as: 'demo:math/fast-ops@0.1.0' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Checkers for the diagram formats.

/**
 * A tiny Mermaid flowchart checker for what renderMermaid writes: the `flowchart LR` header, then node declarations
 * (`id["…"]`, `id(["…"])`), subgraphs, comments and edges (`a --> b`, `a ==>|"…"| b`, `a -.->|"…"| b`). Every label is
 * quoted without raw quotes inside; every id is declared once; every edge joins declared nodes. Returns the nodes
 * (id → label) and the edges.
 */
function checkMermaid(text: string): { nodes: Map<string, string>; edges: { from: string; to: string; label: string }[] } {
  const lines = text.split('\n');
  expect(lines[0]).toBe('flowchart LR');
  expect(lines.at(-1)).toBe('');
  const nodes = new Map<string, string>();
  const edges: { from: string; to: string; label: string }[] = [];
  let depth = 0;
  for (const line of lines.slice(1, -1)) {
    const t = line.trim();
    if (t.startsWith('%%')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^subgraph ([A-Za-z]\w*) \[\w+\]$/.exec(t))) {
      depth += 1;
      continue;
    }
    if (t === 'end') {
      depth -= 1;
      expect(depth, 'end without subgraph').toBeGreaterThanOrEqual(0);
      continue;
    }
    if ((m = /^([A-Za-z]\w*)(?:\["([^"]*)"\]|\(\["([^"]*)"\]\))$/.exec(t))) {
      expect(nodes.has(m[1]!), `node ${m[1]} declared twice`).toBe(false);
      nodes.set(m[1]!, m[2] ?? m[3]!);
      continue;
    }
    if ((m = /^([A-Za-z]\w*) (-->|==>|-\.->)(?:\|"([^"]*)"\|)? ([A-Za-z]\w*)$/.exec(t))) {
      edges.push({ from: m[1]!, to: m[4]!, label: m[3] ?? '' });
      continue;
    }
    throw new Error(`not Mermaid as renderMermaid writes it: ${JSON.stringify(line)}`);
  }
  expect(depth, 'unclosed subgraph').toBe(0);
  for (const e of edges) {
    expect(nodes.has(e.from), `edge from undeclared node ${e.from}`).toBe(true);
    expect(nodes.has(e.to), `edge to undeclared node ${e.to}`).toBe(true);
  }
  return { nodes, edges };
}

let viz: Viz;

/** Lays out dot text with Graphviz (which rejects invalid dot) and returns its node names and edges. */
function layOutDot(dot: string): { nodes: string[]; edges: [string, string][] } {
  const result = viz.render(dot, { format: 'json' });
  expect(result.errors).toEqual([]);
  expect(result.status).toBe('success');
  const json = JSON.parse(result.output!) as {
    objects?: { name: string; nodes?: number[] }[];
    edges?: { tail: number; head: number }[];
  };
  const objects = json.objects ?? [];
  // Clusters are objects too (with `nodes`); nodes are the rest.
  const name = (i: number): string => objects[i]!.name;
  return {
    nodes: objects.filter((o) => o.nodes === undefined).map((o) => o.name),
    edges: (json.edges ?? []).map((e) => [name(e.tail), name(e.head)]),
  };
}

/** The text of an SVG document with its character references resolved (Graphviz writes `-` as `&#45;`). */
function svgText(svg: string): string {
  return svg
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Enough of an XML check for an SVG document: an `<svg` root element after the prolog, closed at the end. */
function checkSvg(svg: string): void {
  expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
  const body = svg
    .replace(/^<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  expect(body.startsWith('<svg')).toBe(true);
  expect(body.endsWith('</svg>')).toBe(true);
  // Tags balance (self-closing ones aside): a truncated or interleaved document would not.
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `</${tag}>`).toBe(tag);
    else stack.push(tag!);
  }
  expect(stack).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

let example: PlanGraph;
let rich: PlanGraph;
const tmp = mkdtempSync(join(tmpdir(), 'wcompose-plan-'));

beforeAll(async () => {
  viz = await vizInstance();
  example = (await planComposition({ cwd: PROJECT_ROOT })).graph;
  rich = planGraph(plan(await richSpec()));
});

afterAll(() => rm(tmp, { recursive: true, force: true }));

const EXAMPLE_TEXT = `compose.config.ts → out/example.wasm
instances (in instantiation order)
  logger-stdout  fixtures/example/logger-stdout.wat
    wasi:io/error@0.2.3 ← import
    wasi:io/streams@0.2.3 ← import
    wasi:cli/stdout@0.2.3 ← import
  app            fixtures/example/app.wat
    demo:log/logger@0.1.0 ← logger-stdout (auto)
imports
  wasi:io/error@0.2.3 → logger-stdout
  wasi:io/streams@0.2.3 → logger-stdout
  wasi:cli/stdout@0.2.3 → logger-stdout
exports
  wasi:cli/run@0.2.3 ← app
`;

const RICH_TEXT = `composition
instances (in instantiation order)
  ops     wat/ops.wat
  first   wat/twice.wat (component twice)
    demo:math/ops@0.1.0 ← ops (explicit)
    demo:log/sink@0.1.0 ← import
  second  wat/twice.wat (component twice)
    demo:math/ops@0.1.0 ← first (explicit)
    demo:log/sink@0.1.0 ← import
  app     wat/app.wat
    demo:math/ops@0.1.0 ← second (explicit)
    demo:math/consts@0.1.0 ← ops (auto)
    now ← import
imports
  demo:log/sink@0.1.0 → first, second
  now: func() -> u64 → app
exports
  demo:math/app@0.1.0 ← app
  demo:math/fast-ops@0.1.0 ← second › demo:math/ops@0.1.0
`;

describe('text', () => {
  it('the bundled example', () => {
    expect(renderText(example)).toBe(EXAMPLE_TEXT);
    expect(renderPlan(example, 'text')).toBe(EXAMPLE_TEXT);
  });

  it('a graph with explicit and automatic plugs, shared imports and two instances of one component', () => {
    expect(renderText(rich)).toBe(RICH_TEXT);
  });

  it('names whole-instance arguments, merged imports and imports under another name', () => {
    const graph: PlanGraph = {
      config: undefined,
      output: 'out.wasm',
      instances: [
        { name: 'a', component: 'a', file: 'a.wasm' },
        { name: 'b', component: 'b', file: 'b.wasm' },
      ],
      edges: [
        { instance: 'a', import: 'wasi:io/streams@0.2.0', how: 'import', from: { kind: 'import', import: 'wasi:io/streams@0.2.12' } },
        { instance: 'b', import: 'x:y/z', how: 'explicit', from: { kind: 'instance', instance: 'a' } },
        { instance: 'b', import: 'wasi:io/streams@0.2.12', how: 'import', from: { kind: 'import', import: 'wasi:io/streams@0.2.12' } },
      ],
      imports: [
        {
          name: 'wasi:io/streams@0.2.12',
          kind: 'interface',
          type: undefined,
          users: [
            { instance: 'a', import: 'wasi:io/streams@0.2.0' },
            { instance: 'b', import: 'wasi:io/streams@0.2.12' },
          ],
        },
      ],
      exports: [],
    };
    expect(renderText(graph)).toBe(`composition → out.wasm
instances (in instantiation order)
  a  a.wasm
    wasi:io/streams@0.2.0 ← import wasi:io/streams@0.2.12
  b  b.wasm
    x:y/z ← a (explicit, whole instance)
    wasi:io/streams@0.2.12 ← import
imports
  wasi:io/streams@0.2.12 → a (wasi:io/streams@0.2.0), b
exports
  (none)
`);
    // The diagrams draw it too.
    const { edges } = checkMermaid(renderMermaid(graph));
    expect(edges.map((e) => e.label)).toContain('x:y/z (explicit, whole instance)');
    expect(layOutDot(renderDot(graph)).edges).toContainEqual(['instance:a', 'instance:b']);
  });
});

describe('mermaid', () => {
  it.each([
    ['the bundled example', () => example],
    ['the richer graph', () => rich],
  ])('%s parses back, with every instance, import, export and link', (_, graph) => {
    const g = graph();
    const { nodes, edges } = checkMermaid(renderMermaid(g));
    const labels = [...nodes.values()];
    for (const i of g.instances) expect(labels).toContain(`${i.name}<br/>${i.file}${i.component === i.name ? '' : ` (component ${i.component})`}`);
    for (const i of g.imports) expect(labels).toContain(i.name);
    for (const e of g.exports) expect(labels).toContain(e.name);
    // One edge per import of an instance, one per export.
    expect(edges).toHaveLength(g.edges.length + g.exports.length);
  });

  it('the richer graph, exactly', () => {
    expect(renderMermaid(rich)).toBe(`flowchart LR
  %% composition
  subgraph imports [imports]
    im0(["demo:log/sink@0.1.0"])
    im1(["now"])
  end
  i0["ops<br/>wat/ops.wat"]
  i1["first<br/>wat/twice.wat (component twice)"]
  i2["second<br/>wat/twice.wat (component twice)"]
  i3["app<br/>wat/app.wat"]
  subgraph exports [exports]
    ex0(["demo:math/app@0.1.0"])
    ex1(["demo:math/fast-ops@0.1.0"])
  end
  i0 ==>|"demo:math/ops@0.1.0 (explicit)"| i1
  im0 -.->|"demo:log/sink@0.1.0"| i1
  i1 ==>|"demo:math/ops@0.1.0 (explicit)"| i2
  im0 -.->|"demo:log/sink@0.1.0"| i2
  i2 ==>|"demo:math/ops@0.1.0 (explicit)"| i3
  i0 -->|"demo:math/consts@0.1.0 (auto)"| i3
  im1 -.->|"now"| i3
  i3 --> ex0
  i2 -->|"demo:math/ops@0.1.0"| ex1
`);
  });

  it('escapes what would break a label', () => {
    const graph: PlanGraph = { ...example, instances: example.instances.map((i) => ({ ...i, file: `dir "x" <y> #1 & |z|/${i.file}` })) };
    const { nodes } = checkMermaid(renderMermaid(graph));
    expect([...nodes.values()].join('\n').replaceAll('<br/>', '')).not.toMatch(/["<>|]/u);
  });
});

describe('dot', () => {
  it.each([
    ['the bundled example', () => example],
    ['the richer graph', () => rich],
  ])('%s is valid dot (Graphviz lays it out), with every node and link', (_, graph) => {
    const g = graph();
    const { nodes, edges } = layOutDot(renderDot(g));
    expect(nodes.sort()).toEqual(
      [
        ...g.instances.map((i) => `instance:${i.name}`),
        ...g.imports.map((i) => `import:${i.name}`),
        ...g.exports.map((e) => `export:${e.name}`),
      ].sort(),
    );
    const expected = [
      ...g.edges.map((e): [string, string] => [
        e.from.kind === 'import' ? `import:${e.from.import}` : `instance:${e.from.instance}`,
        `instance:${e.instance}`,
      ]),
      ...g.exports.map((e): [string, string] => [`instance:${e.instance}`, `export:${e.name}`]),
    ];
    expect(edges.sort()).toEqual(expected.sort());
  });

  it('escapes quotes and backslashes in labels', () => {
    const graph: PlanGraph = { ...example, config: 'C:\\dir\\"odd".ts' };
    const dot = renderDot(graph);
    expect(dot).toContain('label="C:\\\\dir\\\\\\"odd\\".ts -> out/example.wasm"');
    layOutDot(dot);
  });
});

describe('json', () => {
  it.each([
    ['the bundled example', () => example],
    ['the richer graph', () => rich],
  ])('%s parses, with instances, edges, imports and exports in a stable key order', (_, graph) => {
    const g = graph();
    const doc = JSON.parse(renderJson(g)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['ok', 'config', 'output', 'instances', 'edges', 'imports', 'exports']);
    expect(doc['ok']).toBe(true);
    expect(doc['instances']).toEqual(g.instances);
    expect((doc['edges'] as unknown[]).length).toBe(g.edges.length);
    expect((doc['imports'] as unknown[]).length).toBe(g.imports.length);
    expect((doc['exports'] as unknown[]).length).toBe(g.exports.length);
    expect(renderJson(g)).toBe(renderJson(structuredClone(g)));
  });

  it('the richer graph: links, merged imports with their users, renamed exports', () => {
    const doc = JSON.parse(renderJson(rich)) as {
      config: null;
      edges: unknown[];
      imports: unknown[];
      exports: unknown[];
    };
    expect(doc.config).toBeNull();
    expect(doc.edges).toEqual([
      { instance: 'first', import: 'demo:math/ops@0.1.0', how: 'explicit', from: { kind: 'export', instance: 'ops', export: 'demo:math/ops@0.1.0' } },
      { instance: 'first', import: 'demo:log/sink@0.1.0', how: 'import', from: { kind: 'import', import: 'demo:log/sink@0.1.0' } },
      { instance: 'second', import: 'demo:math/ops@0.1.0', how: 'explicit', from: { kind: 'export', instance: 'first', export: 'demo:math/ops@0.1.0' } },
      { instance: 'second', import: 'demo:log/sink@0.1.0', how: 'import', from: { kind: 'import', import: 'demo:log/sink@0.1.0' } },
      { instance: 'app', import: 'demo:math/ops@0.1.0', how: 'explicit', from: { kind: 'export', instance: 'second', export: 'demo:math/ops@0.1.0' } },
      { instance: 'app', import: 'demo:math/consts@0.1.0', how: 'auto', from: { kind: 'export', instance: 'ops', export: 'demo:math/consts@0.1.0' } },
      { instance: 'app', import: 'now', how: 'import', from: { kind: 'import', import: 'now' } },
    ]);
    expect(doc.imports).toEqual([
      {
        name: 'demo:log/sink@0.1.0',
        kind: 'interface',
        type: null,
        users: [
          { instance: 'first', import: 'demo:log/sink@0.1.0' },
          { instance: 'second', import: 'demo:log/sink@0.1.0' },
        ],
      },
      { name: 'now', kind: 'func', type: 'func() -> u64', users: [{ instance: 'app', import: 'now' }] },
    ]);
    expect(doc.exports).toEqual([
      { name: 'demo:math/app@0.1.0', kind: 'interface', type: null, instance: 'app', export: 'demo:math/app@0.1.0' },
      { name: 'demo:math/fast-ops@0.1.0', kind: 'interface', type: null, instance: 'second', export: 'demo:math/ops@0.1.0' },
    ]);
  });
});

describe('svg', () => {
  it('renderSvg draws every instance', async () => {
    const svg = await renderSvg(rich);
    checkSvg(svg);
    for (const i of rich.instances) expect(svgText(svg)).toContain(`>${i.name}</text>`);
  });

  it('planComposition({ svg }) writes the SVG atomically (no temporary file left)', async () => {
    const result = await planComposition({ cwd: PROJECT_ROOT, svg: join(tmp, 'plan.svg') });
    expect(result.svg).toBe(join(tmp, 'plan.svg'));
    expect(readdirSync(tmp)).toEqual(['plan.svg']);
    const svg = readFileSync(result.svg!, 'utf8');
    checkSvg(svg);
    for (const i of result.graph.instances) expect(svgText(svg)).toContain(`>${i.name}</text>`);
  });
});
