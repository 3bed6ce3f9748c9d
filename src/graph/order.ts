/**
 * Orders nodes so each comes after its dependencies (Kahn's algorithm), choosing among ready nodes by name so the
 * order does not depend on input order. O((nodes + edges) · log nodes). A cycle is returned as its path, first node
 * repeated at the end.
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependencies: (node: string) => Iterable<string>,
): { order: string[] } | { cycle: string[] } {
  const known = new Set(nodes);
  const deps = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes) {
    const ds = [...new Set(dependencies(n))].filter((d) => known.has(d));
    deps.set(n, ds);
    waiting.set(n, ds.length);
    for (const d of ds) {
      const list = dependents.get(d);
      if (list) list.push(n);
      else dependents.set(d, [n]);
    }
  }
  const ready = new MinHeap(nodes.filter((n) => waiting.get(n) === 0));
  const order: string[] = [];
  for (let n = ready.pop(); n !== undefined; n = ready.pop()) {
    order.push(n);
    for (const m of dependents.get(n) ?? []) {
      const left = waiting.get(m)! - 1;
      waiting.set(m, left);
      if (left === 0) ready.push(m);
    }
  }
  if (order.length === nodes.length) return { order };
  const done = new Set(order);
  return { cycle: findCycle(nodes.filter((n) => !done.has(n)).sort(), deps, done) };
}

function findCycle(remaining: string[], deps: Map<string, string[]>, done: Set<string>): string[] {
  // Every remaining node waits on another remaining one: following the first such dependency must revisit a node.
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let node = remaining[0]!;
  while (!seenAt.has(node)) {
    seenAt.set(node, path.length);
    path.push(node);
    node = deps.get(node)!.filter((d) => !done.has(d)).sort()[0]!;
  }
  return [...path.slice(seenAt.get(node)), node];
}

/** A binary min-heap of strings. */
class MinHeap {
  private readonly items: string[] = [];

  constructor(initial: string[]) {
    for (const x of initial) this.push(x);
  }

  push(x: string): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): string | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
