import type { ComponentType } from '../types/model.js';
import type { Finding } from './finding.js';
import { SubtypeChecker, TypeNames } from './subtype.js';

/**
 * Does a component target a world? Its imports must all be provided by the world's imports (names matched
 * semver-aware; a provided interface may export more than the component uses), and its exports must cover the
 * world's exports (it may export more). Returns every finding; none means it fits.
 */
export function checkTarget(component: ComponentType, world: ComponentType): Finding[] {
  const names = new TypeNames().add(world).add(component);
  const checker = new SubtypeChecker({ names });
  checker.component(world, component, [], { semver: true, labels: { expected: 'the world', actual: 'the component' } });
  return checker.findings;
}
