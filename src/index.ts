/** wcompose's programmatic API: the CLI is a thin shell over these. */
export { inspect, type InspectResult } from './api/inspect.js';
export { check, type CheckOptions, type CheckResult } from './api/check.js';
export {
  checkComposition, type CheckCompositionOptions, type CheckCompositionResult,
} from './api/check-composition.js';
export { checkTarget } from './check/target.js';
export { SubtypeChecker, TypeNames, checkExtern, isSubtype } from './check/subtype.js';
export { formatFinding, type Finding } from './check/finding.js';
export {
  compatibilityTrack, findCompatible, isCompatibleName, parseName, type InterfaceName, type ParsedName, type PlainName,
} from './check/names.js';
export { loadWitWorld, type LoadWitOptions, type LoadedWorld, type WitInput } from './wit/load.js';
export { build, type ArtifactKind, type ArtifactResult, type BuildOptions, type BuildResult } from './api/build.js';
export { watch, type WatchOptions, type WatchResult, type Watcher } from './api/watch.js';
export { plug, type PlugOptions } from './api/plug.js';
export { compose, type ComposeOptions, type ComposeResult } from './api/compose.js';
export { InvalidOutputError, ValidationError, validateComponent } from './validate/index.js';
export { planComposition, type PlanOptions, type PlanResult } from './api/plan.js';
export {
  planFormats, planGraph, planJson, renderPlan, renderSvg as renderPlanSvg, type PlanFormat, type PlanGraph,
  type PlanGraphEdge, type PlanGraphExport, type PlanGraphImport, type PlanGraphInstance, type PlanGraphKind,
  type PlanGraphOptions, type PlanGraphSource, type PlanJson, type PlanTextOptions,
} from './plan-view/index.js';
export {
  defineConfig, type ArtifactsConfig, type JsArtifactOptions, type WadmArtifactOptions, type WcomposeConfig,
} from './config/schema.js';
export type * from './graph/model.js';
export { WcomposeError, isWcomposeError } from './diagnostics/error.js';
export { WcomposeWarning } from './diagnostics/warning.js';
export { diagnostics, type DiagnosticCode } from './diagnostics/codes.js';
export type * from './types/model.js';
export { decodeComponent } from './types/decode.js';
export { printWorld, printWorldWithDependencies } from './wit/print-world.js';
export { version } from './version.js';
