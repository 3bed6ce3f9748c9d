// Issue 8 (5): a composition that exports nothing is valid (wac and wasm-compose build it): a warning, not an
// error. Here the one component has imports and no exports.
export default { components: ['sink.wasm'] };
