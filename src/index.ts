/** wcompose's programmatic API: the CLI is a thin shell over these. */
export { inspect, type InspectResult } from './api/inspect.js';
export { WcomposeError, isWcomposeError } from './diagnostics/error.js';
export { diagnostics, type DiagnosticCode } from './diagnostics/codes.js';
export type * from './types/model.js';
export { decodeComponent } from './types/decode.js';
export { printWorld } from './wit/print-world.js';
export { version } from './version.js';
