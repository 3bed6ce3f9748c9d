import { WcomposeError } from '../diagnostics/error.js';
import { WcomposeWarning } from '../diagnostics/warning.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { Instantiation } from '../types/instantiate.js';
import type { Extern, ResourceType } from '../types/model.js';
import type { LinkChecker } from './link-checker.js';
import { checkLink } from './link-checker.js';
import type {
  ArgumentSource, ArgumentSpec, CompositionSpec, ComponentInput, ImportPolicy, InstanceSpec, Plan, PlannedArgument, PlannedExport,
  PlannedImport, PlannedInstance,
} from './model.js';
import { findCompatible } from '../check/names.js';
import { formatFinding, type Finding } from '../check/finding.js';
import { mergeImports } from './merge-imports.js';
import { orderImports } from './order-imports.js';
import { topologicalOrder } from './order.js';
import { resourceRefs, resourcesUsed } from './resources-used.js';

/** An argument taken from an instance (not from a declared import). */
type InstanceArgument = Extract<ArgumentSpec, { instance: string }>;

/**
 * Turns a composition spec into a plan: resolves every import of every instance (explicit argument, automatic plug,
 * or an import of the composition), type-checks each link, merges the leftover imports, orders everything and
 * chooses the exports. Any problem is a WcomposeError naming the instance and import.
 */
export interface PlanOptions {
  /** How links are type-checked (default: the component model's subtyping). */
  checker?: LinkChecker | undefined;
  /**
   * Hears of every link that does not type-check, and planning goes on (for `check`, which reports them all);
   * without it, the first such link is an error with the code of its first problem (as `check` reports it).
   */
  onLinkProblems?: ((where: string, problems: Finding[], link: { instance: string; name: string }) => void) | undefined;
}

export function plan(spec: CompositionSpec, options: PlanOptions = {}): Plan {
  const checker = options.checker ?? checkLink;
  const components = new Map(spec.components.map((c) => [c.name, c]));
  const specs = new Map(spec.instances.map((i) => [i.name, i]));
  const fail = (code: ConstructorParameters<typeof WcomposeError>[0], message: string, path: string[] = []): never => {
    throw new WcomposeError(code, message, { file: spec.source, path });
  };

  for (const i of spec.instances) {
    if (!components.has(i.component)) {
      fail('WC4001', `instance "${i.name}" uses unknown component "${i.component}"${didYouMean(i.component, components.keys())}`);
    }
  }
  const componentOf = (i: InstanceSpec): ComponentInput => components.get(i.component)!;
  const exportNamesOf = new Map(spec.instances.map((i) => [i.name, [...componentOf(i).type.exports.keys()]]));
  const exportNames = (instance: string): string[] => exportNamesOf.get(instance)!;
  const declared = new Map((spec.declaredImports ?? []).map((d) => [d.name, d.extern]));

  // 1. Where each import comes from.
  const sources = new Map<string, PlannedArgument[]>();
  /** Arguments taken by name from an instance, and the whole instance to use instead if the export does not fit. */
  const wholeInstead = new Map<PlannedArgument, ArgumentSource>();
  for (const inst of spec.instances) {
    const imports = componentOf(inst).type.imports;
    for (const [name, arg] of Object.entries(inst.with)) {
      if (!imports.has(name)) {
        fail('WC4003', `instance "${inst.name}" has no import "${name}"${didYouMean(name, imports.keys())}`, [`instances.${inst.name}.with`]);
      }
      if ('import' in arg) {
        checkDeclared(arg.import, arg.export, [`instances.${inst.name}.with["${name}"]`], arg.path);
        continue;
      }
      if (!specs.has(arg.instance)) {
        fail('WC4002', `unknown instance "${arg.instance}"${didYouMean(arg.instance, specs.keys())}`, [`instances.${inst.name}.with["${name}"]`]);
      }
    }
    const args: PlannedArgument[] = [];
    for (const name of imports.keys()) {
      const explicit = inst.with[name];
      if (explicit !== undefined && 'import' in explicit) {
        args.push({ name, source: { kind: 'import', name: explicit.import, export: explicit.export, path: explicit.path }, how: 'explicit' });
        continue;
      }
      if (explicit !== undefined) {
        const arg: PlannedArgument = { name, source: explicitSource(name, explicit), how: 'explicit' };
        // An instance named for an instance import: its export named as the import, or else the whole instance,
        // whichever fits (type-checked in step 4), as when the instance has an export of that name of another kind.
        if (explicit.export === undefined && explicit.whole !== true && arg.source.kind === 'export' && imports.get(name)!.kind === 'instance') {
          wholeInstead.set(arg, { kind: 'instance', instance: explicit.instance });
        }
        args.push(arg);
        continue;
      }
      const auto = spec.autoPlug === false ? undefined : autoSource(inst.name, name);
      args.push(auto === undefined ? { name, source: { kind: 'import', name }, how: 'import' } : { name, source: auto, how: 'auto' });
    }
    sources.set(inst.name, args);
  }

  /** An import the spec declares by name and type, and (for an instance) one of its exports. */
  function checkDeclared(name: string, exportName: string | undefined, path: string[], inside?: string[]): void {
    const d = declared.get(name);
    if (d === undefined) return fail('WC4003', `the composition declares no import "${name}"${didYouMean(name, declared.keys())}`, path);
    if (exportName === undefined) return;
    const names = d.kind === 'instance' ? [...d.type.exports.keys()] : [];
    if (!names.includes(exportName)) fail('WC4004', `import "${name}" has no export "${exportName}"${didYouMean(exportName, names)}`, path);
    checkPath(`import "${name}"`, (d as Extract<Extern, { kind: 'instance' }>).type.exports.get(exportName)!, exportName, inside, path);
  }

  /** That `inside` (the steps into instance export `exportName`) names an export at each step. */
  function checkPath(owner: string, e: Extern, exportName: string, inside: string[] | undefined, path: string[]): void {
    let at: Extern = e;
    const walked = [exportName];
    for (const step of inside ?? []) {
      const names = at.kind === 'instance' ? [...at.type.exports.keys()] : [];
      const next = at.kind === 'instance' ? at.type.exports.get(step) : undefined;
      if (next === undefined) {
        fail('WC4004', `export "${walked.join('.')}" of ${owner} ${at.kind === 'instance' ? `has no export "${step}"${didYouMean(step, names)}` : `is a ${at.kind}, not an instance: it has no export "${step}"`}`, path);
      }
      walked.push(step);
      at = next!;
    }
  }

  function explicitSource(importName: string, { instance, export: exportName, whole, path }: InstanceArgument): ArgumentSource {
    if (whole === true) return { kind: 'instance', instance };
    const names = exportNames(instance);
    if (exportName !== undefined) {
      const found = findCompatible(exportName, names);
      if (found === undefined) {
        return fail('WC4004', `instance "${instance}" has no export "${exportName}"${didYouMean(exportName, names)}`);
      }
      checkPath(`instance "${instance}"`, componentOf(specs.get(instance)!).type.exports.get(found)!, found, path, []);
      return path === undefined || path.length === 0 ? { kind: 'export', instance, export: found } : { kind: 'export', instance, export: found, path };
    }
    const found = findCompatible(importName, names);
    return found === undefined ? { kind: 'instance', instance } : { kind: 'export', instance, export: found };
  }

  function autoSource(self: string, importName: string): ArgumentSource | undefined {
    const candidates: { instance: string; export: string }[] = [];
    for (const other of [...specs.keys()].sort()) {
      if (other === self) continue;
      const found = findCompatible(importName, exportNames(other));
      if (found !== undefined) candidates.push({ instance: other, export: found });
    }
    if (candidates.length === 0) return undefined;
    const exact = candidates.filter((c) => c.export === importName);
    const chosen = exact.length === 1 ? exact[0]! : candidates.length === 1 ? candidates[0]! : undefined;
    if (chosen === undefined) {
      const list = candidates.map((c) => `${c.instance} (${c.export})`).join(', ');
      return fail('WC4005', `import "${importName}" of instance "${self}" can be plugged by several instances: ${list}`, [
        `instances.${self}.with`,
      ]);
    }
    return { kind: 'export', ...chosen };
  }

  // 2. Order: each instance after those it consumes.
  const ordered = topologicalOrder([...specs.keys()], (name) =>
    sources.get(name)!.flatMap((a) => (a.source.kind === 'import' ? [] : [a.source.instance])),
  );
  if ('cycle' in ordered) {
    const { cycle } = ordered;
    const steps = cycle.slice(0, -1).map((from, i) => {
      const to = cycle[i + 1]!;
      const via = sources.get(from)!.find((a) => a.source.kind !== 'import' && a.source.instance === to)!;
      return `"${from}" takes import "${via.name}" from "${to}"`;
    });
    fail('WC4006', `instances depend on each other in a cycle: ${cycle.join(' → ')} (${steps.join(', ')})`);
  }
  const order = (ordered as { order: string[] }).order;

  // 3. Leftover imports: checked against the policy, merged by semver compatibility.
  const leftovers = order.flatMap((inst) =>
    sources.get(inst)!.filter((a) => a.source.kind === 'import').map((a) => ({ instance: inst, name: a.name })),
  );
  checkPolicy(spec.imports ?? 'allow', leftovers, fail);
  const implicit = leftovers.filter((l) => {
    const explicit = specs.get(l.instance)!.with[l.name];
    return explicit === undefined || !('import' in explicit);
  });
  const imports = mergeImports(implicit, (inst, name) => componentOf(specs.get(inst)!).type.imports.get(name)!, fail);
  for (const [inst, arg] of sources) {
    for (const a of arg) {
      if (a.source.kind !== 'import') continue;
      const explicit = specs.get(inst)!.with[a.name];
      if (explicit !== undefined && 'import' in explicit) continue;
      a.source = { kind: 'import', name: imports.nameOf.get(a.source.name)! };
    }
  }
  // Declared imports come first, as declared; an implicit import may not take a declared one's name.
  if (declared.size > 0) {
    for (const name of imports.byName.keys()) {
      if (declared.has(name)) fail('WC4007', `import "${name}" is declared, and also left open by an instance`);
    }
    const byName = new Map([...declared].map(([name, extern]) => [name, { name, extern, users: [] as PlannedImport['users'] }]));
    for (const [inst, arg] of sources) for (const a of arg) if (a.source.kind === 'import') byName.get(a.source.name)?.users.push({ instance: inst, name: a.name });
    for (const [name, i] of imports.byName) byName.set(name, i);
    imports.byName.clear();
    for (const [name, i] of byName) imports.byName.set(name, i);
  }

  // 4. Instantiate in order, checking every link with the resources supplied so far.
  const planned = new Map<string, PlannedInstance>();
  const importedResources = new Set<ResourceType>();
  for (const i of imports.byName.values()) for (const r of resourceRefs(i.extern).mentioned) importedResources.add(r);
  for (const name of order) {
    const inst = specs.get(name)!;
    const component = componentOf(inst);
    const instantiation = new Instantiation(component.type);
    const args = sources.get(name)!;
    for (const arg of args) {
      let actual = resolveSource(arg.source);
      const expected = instantiation.expected(arg.name)!;
      let problems = checker(expected, actual, [arg.name]);
      const whole = wholeInstead.get(arg);
      if (problems.length > 0 && whole !== undefined) {
        const instead = resolveSource(whole);
        if (checker(expected, instead, [arg.name]).length === 0) {
          arg.source = whole;
          actual = instead;
          problems = [];
        }
      }
      const where = `instance "${name}" ← ${describeSource(arg.source)}`;
      if (problems.length > 0 && arg.source.kind === 'import') {
        // The import would have to use a resource one of the instances provides: no import of the composition can
        // (imports come before every instance). Say that, rather than "a different resource of the same name".
        const fromInstance = [...resourcesUsed(expected)].find((r) => !importedResources.has(r));
        if (fromInstance !== undefined) {
          fail('WC4012', `import "${arg.name}" of instance "${name}" uses resource "${fromInstance.name}", which is provided by an instance of the composition, not imported`, [where]);
        }
      }
      if (problems[0]?.code === 'WC3008' && arg.source.kind === 'import') {
        // Several users' imports were merged into this one, and this user's resources do not fit what the merge made
        // of them (they declare or link a resource differently: fuzz finding plug #2964): a conflict between the users.
        // (Other differences keep their own codes, as `wcompose check` reports them.)
        const other = imports.byName.get(arg.source.name)?.users.find((u) => u.instance !== name);
        if (other !== undefined) {
          fail(
            'WC4016',
            `import "${arg.name}" of instance "${name}" and import "${other.name}" of instance "${other.instance}" would merge ` +
              `into one, but they do not agree: ${formatFinding(problems[0]!)}`,
            [where],
          );
        }
      }
      if (problems.length > 0 && options.onLinkProblems !== undefined) {
        options.onLinkProblems(where, problems, { instance: name, name: arg.name });
      } else if (problems.length > 0) {
        // The first problem's own code (WC3xxx), as `wcompose check` reports the same link.
        const first = problems[0]!;
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).map(formatFinding).join('; ')})` : '';
        throw new WcomposeError(first.code, `${formatFinding(first)}${more}`, { file: spec.source, path: [where], hint: first.hint });
      }
      instantiation.supply(arg.name, actual);
    }
    planned.set(name, { name, component, args, exports: instantiation.exports().exports });
  }

  function resolveSource(s: ArgumentSource): Extern {
    switch (s.kind) {
      case 'import': {
        const extern = imports.byName.get(s.name)!.extern;
        return s.export === undefined || extern.kind !== 'instance' ? extern : within(extern.type.exports.get(s.export)!, s.path);
      }
      case 'export':
        return within(planned.get(s.instance)!.exports.get(s.export)!, s.path);
      case 'instance':
        return { kind: 'instance', type: { kind: 'instance', exports: planned.get(s.instance)!.exports, declared: [] } };
    }
  }

  // 5. Exports. None is valid (wac and wasm-compose build such a composition), but worth a warning.
  const warnings: WcomposeWarning[] = [];
  const exports = chooseExports(spec, planned, sources, order, fail, imports.byName, (why) => {
    warnings.push(new WcomposeWarning('WC4011', `the composition exports nothing: ${why}`, { file: spec.source }));
  });

  // 6. Imports in an order where each comes after those whose types (resources included) it uses; exports after
  //    those that name the resources they use (the spec requires every resource in an export's type to be named before).
  const importOrder = orderImports([...imports.byName.values()], fail);
  const exportOrder = orderExports(exports, importOrder, planned, fail);

  const instances = order.map((n) => planned.get(n)!);
  checkInstanceCount(planned, importOrder, exportOrder, fail);
  const distinct = [...new Set(instances.map((i) => i.component))];
  return { components: distinct, instances, imports: importOrder, exports: exportOrder, warnings };
}

/** The export at `path` inside an instance export (the extern itself for no path). */
function within(e: Extern, path: readonly string[] | undefined): Extern {
  const found = withinOrUndefined(e, path);
  if (found === undefined) throw new WcomposeError('WC4004', `no export "${path!.join('.')}" in the instance`);
  return found;
}

function withinOrUndefined(e: Extern | undefined, path: readonly string[] | undefined): Extern | undefined {
  let at = e;
  for (const name of path ?? []) at = at?.kind === 'instance' ? at.type.exports.get(name) : undefined;
  return at;
}

function describeSource(s: ArgumentSource): string {
  switch (s.kind) {
    case 'import':
      return s.export === undefined ? `import "${s.name}" of the composition` : `export "${[s.export, ...(s.path ?? [])].join('.')}" of import "${s.name}"`;
    case 'export':
      return `export "${[s.export, ...(s.path ?? [])].join('.')}" of instance "${s.instance}"`;
    case 'instance':
      return `instance "${s.instance}"`;
  }
}

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  // A pattern without a version matches every version of the name.
  return new RegExp(`^${body}${pattern.includes('@') ? '' : '(@.*)?'}$`);
}

function checkPolicy(
  policy: ImportPolicy,
  leftovers: { instance: string; name: string }[],
  fail: (code: 'WC4008' | 'WC4010', message: string, path?: string[]) => never,
): void {
  if (policy === 'allow' || leftovers.length === 0) return;
  if (policy === 'none') {
    const first = leftovers[0]!;
    const more = leftovers.length > 1 ? ` (and ${leftovers.length - 1} more: ${leftovers.slice(1).map((l) => `"${l.name}" of "${l.instance}"`).join(', ')})` : '';
    fail('WC4010', `import "${first.name}" of instance "${first.instance}" is not supplied, and imports are "none"${more}`);
  }
  const allow = policy.allow?.map(wildcard);
  const deny = policy.deny?.map(wildcard) ?? [];
  for (const l of leftovers) {
    const denied = deny.some((d) => d.test(l.name)) || (allow !== undefined && !allow.some((a) => a.test(l.name)));
    if (denied) {
      fail('WC4008', `import "${l.name}" of instance "${l.instance}" would be an import of the composition, which the imports policy forbids`);
    }
  }
}

function chooseExports(
  spec: CompositionSpec,
  planned: Map<string, PlannedInstance>,
  sources: Map<string, PlannedArgument[]>,
  order: string[],
  fail: (code: 'WC4002' | 'WC4004' | 'WC4007', message: string, path?: string[]) => never,
  imports: ReadonlyMap<string, PlannedImport>,
  nothingExported: (why: string) => void,
): PlannedExport[] {
  let wanted = spec.exports;
  if (wanted === undefined) {
    // By default, what nobody inside consumes: the exports of instances no other instance takes arguments from.
    const consumed = new Set([...sources.values()].flat().flatMap((a) => (a.source.kind === 'import' ? [] : [a.source.instance])));
    wanted = order.filter((n) => !consumed.has(n)).map((instance) => ({ instance }));
  }
  const out: PlannedExport[] = [];
  const seen = new Map<string, string>();
  for (const e of wanted) {
    if (e.instance === undefined) {
      // A declared import (or one export of it), exported again.
      const imported = imports.get(e.import);
      if (imported === undefined) return fail('WC4004', `the composition has no import "${e.import}"`, ['exports']);
      const extern = e.export === undefined || imported.extern.kind !== 'instance' ? imported.extern : withinOrUndefined(imported.extern.type.exports.get(e.export), e.path);
      if (extern === undefined) return fail('WC4004', `import "${e.import}" has no export "${[e.export, ...(e.path ?? [])].join('.')}"`, ['exports']);
      const as = e.as ?? e.path?.[e.path.length - 1] ?? e.export ?? e.import;
      if (seen.has(as)) fail('WC4007', `export "${as}" is exported twice: from ${seen.get(as)} and from import "${e.import}"`, ['exports']);
      seen.set(as, `import "${e.import}"`);
      out.push({ name: as, instance: '', export: e.export ?? '', extern, import: e.import, ...(e.path?.length ? { path: e.path } : {}) });
      continue;
    }
    const inst = planned.get(e.instance);
    if (inst === undefined) fail('WC4002', `unknown instance "${e.instance}"${didYouMean(e.instance, planned.keys())}`, ['exports']);
    if ('whole' in e && e.whole === true) {
      if (seen.has(e.as)) fail('WC4007', `export "${e.as}" is exported twice: from ${seen.get(e.as)} and from instance "${e.instance}"`, ['exports']);
      seen.set(e.as, `instance "${e.instance}"`);
      const extern: Extern = { kind: 'instance', type: { kind: 'instance', exports: inst.exports, declared: [] } };
      out.push({ name: e.as, instance: e.instance, export: '', extern, whole: true });
      continue;
    }
    const names = e.export === undefined ? [...inst.exports.keys()] : [findCompatible(e.export, inst.exports.keys()) ?? e.export];
    const path = 'path' in e && e.path !== undefined && e.path.length > 0 ? e.path : undefined;
    for (const name of names) {
      const extern = withinOrUndefined(inst.exports.get(name), path);
      if (extern === undefined) {
        const what = [name, ...(path ?? [])].join('.');
        fail('WC4004', `instance "${e.instance}" has no export "${what}"${didYouMean(name, inst.exports.keys())}`, ['exports']);
      }
      const as = e.as ?? path?.[path.length - 1] ?? name;
      const previous = seen.get(as);
      if (previous !== undefined) {
        fail('WC4007', `export "${as}" is exported twice: from ${previous} and from instance "${e.instance}"`, ['exports']);
      }
      seen.set(as, `instance "${e.instance}"`);
      out.push({ name: as, instance: e.instance, export: name, extern, ...(path === undefined ? {} : { path }) });
    }
  }
  if (out.length === 0) {
    const silent = [...new Set(wanted.map((e) => (e.instance === undefined ? `import "${e.import}"` : `"${e.instance}"`)))];
    nothingExported(
      spec.exports?.length === 0
        ? 'its `exports` is empty'
        : silent.length === 0
          ? 'it has no instances'
          : `${silent.length === 1 ? 'instance' : 'instances'} ${silent.join(', ')} ${silent.length === 1 ? 'exports' : 'export'} nothing`,
    );
  }
  return out;
}

/**
 * Orders the exports so that each comes after those that name the resources its type uses (keeping the chosen order
 * where it already is so). A resource that neither an import nor any export names would make the composed component
 * invalid: that is an error, naming the instance export that could name it.
 */
function orderExports(
  exports: PlannedExport[],
  imports: PlannedImport[],
  planned: Map<string, PlannedInstance>,
  fail: (code: 'WC4015', message: string, path?: string[]) => never,
): PlannedExport[] {
  const named = new Set<ResourceType>();
  for (const i of imports) for (const r of resourceRefs(i.extern).mentioned) named.add(r);
  const refs = new Map(exports.map((e) => [e, resourceRefs(e.extern)]));
  const missing = (e: PlannedExport): ResourceType[] => {
    const { mentioned, named: own } = refs.get(e)!;
    return [...mentioned].filter((r) => !named.has(r) && !own.has(r));
  };
  const out: PlannedExport[] = [];
  const left = [...exports];
  while (left.length > 0) {
    const ready = left.findIndex((e) => missing(e).length === 0);
    if (ready < 0) {
      const e = left[0]!;
      const r = missing(e)[0]!;
      // An instance export that names the resource (and the name it gives it: a local resource has none of its own).
      const namer = [...planned.values()]
        .flatMap((inst) => [...inst.exports].map(([n, x]) => ({ instance: inst.name, export: n, as: typeNameOf(x, r) })))
        .find((x) => x.as !== undefined);
      return fail(
        'WC4015',
        `export "${e.name}" uses resource "${namer?.as ?? r.name}", which no import or export of the composition names` +
          (namer ? `: export "${namer.export}" of instance "${namer.instance}" too` : ''),
        ['exports'],
      );
    }
    const [e] = left.splice(ready, 1);
    out.push(e!);
    for (const r of refs.get(e!)!.named) named.add(r);
  }
  return out;
}

/** The name under which an extern's instance type (at any depth) exports resource `r`, if it does. */
function typeNameOf(e: Extern, r: ResourceType): string | undefined {
  if (e.kind !== 'instance') return undefined;
  for (const [name, x] of e.type.exports) {
    if (x.kind === 'type' && x.type === r) return name;
    const inner = typeNameOf(x, r);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** wasm-tools' limit on a component's instance index space (wasmparser's MAX_WASM_INSTANCES). */
const MAX_INSTANCES = 1000;

/**
 * The composed component's instances (imported ones, one per instantiation, and the aliases of instance exports the
 * emitter makes for arguments and exports) must stay within wasm-tools' limit, or every runtime refuses the output.
 */
function checkInstanceCount(
  instances: ReadonlyMap<string, PlannedInstance>,
  imports: readonly PlannedImport[],
  exports: readonly PlannedExport[],
  fail: (code: 'WC4017', message: string) => never,
): void {
  const aliased = new Set<string>();
  // An instance export used by an argument or an export is aliased once, and so is each instance inside it on the way.
  const alias = (instance: string, exportName: string, path: readonly string[] | undefined): void => {
    let at = instances.get(instance)?.exports.get(exportName);
    let key = `${instance}\u0000${exportName}`;
    for (const step of ['', ...(path ?? [])]) {
      if (step !== '') {
        at = at?.kind === 'instance' ? at.type.exports.get(step) : undefined;
        key = `${key}\u0000${step}`;
      }
      if (at?.kind === 'instance') aliased.add(key);
    }
  };
  for (const inst of instances.values()) {
    for (const a of inst.args) if (a.source.kind === 'export') alias(a.source.instance, a.source.export, a.source.path);
  }
  for (const e of exports) if (e.import === undefined && e.whole !== true && e.export !== '') alias(e.instance, e.export, e.path);
  // An imported instance's instance export, exported again, is an alias too (made once however often it is used).
  for (const e of exports) if (e.import !== undefined && e.export !== '' && e.extern.kind === 'instance') aliased.add(`\u0001${e.import}\u0000${e.export}\u0000${(e.path ?? []).join('\u0000')}`);
  const count = imports.filter((i) => i.extern.kind === 'instance').length + instances.size + aliased.size;
  if (count > MAX_INSTANCES) {
    fail('WC4017', `the composed component would have ${count} instances (${instances.size} instantiated), more than the ${MAX_INSTANCES} wasm-tools allows`);
  }
}
