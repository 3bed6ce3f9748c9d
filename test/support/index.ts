/** Barrel for the test-support helpers. */
export * from './fixtures.js';
export * from './jco.js';
export * from './paths.js';
export * from './wasm-tools.js';
export * from './wit.js';
