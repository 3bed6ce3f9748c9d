// Issue 8 (5): exports: [] says the composition exports nothing: valid, with a warning.
export default { components: ['logger-impl.wasm'], exports: [] };
