/**
 * Orders nodes so each comes after its dependencies, choosing among ready nodes by name so the order does not
 * depend on input order. A cycle is returned as its path (first node repeated at the end).
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependencies: (node: string) => Iterable<string>,
): { order: string[] } | { cycle: string[] } {
  const deps = new Map(nodes.map((n) => [n, new Set(dependencies(n))]));
  const order: string[] = [];
  const done = new Set<string>();
  const sorted = [...nodes].sort();
  while (order.length < nodes.length) {
    const ready = sorted.find((n) => !done.has(n) && [...deps.get(n)!].every((d) => done.has(d) || !deps.has(d)));
    if (ready === undefined) return { cycle: findCycle(sorted.filter((n) => !done.has(n)), deps) };
    order.push(ready);
    done.add(ready);
  }
  return { order };
}

function findCycle(remaining: string[], deps: Map<string, Set<string>>): string[] {
  // Every remaining node waits on another remaining one: walking first dependencies must revisit a node.
  const inRemaining = new Set(remaining);
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let node = remaining[0]!;
  while (!seenAt.has(node)) {
    seenAt.set(node, path.length);
    path.push(node);
    node = [...deps.get(node)!].filter((d) => inRemaining.has(d)).sort()[0]!;
  }
  return [...path.slice(seenAt.get(node)), node];
}
