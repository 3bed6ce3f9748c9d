// Issue 8 (5): the only exporting instance is consumed by one that exports nothing: by default the composition
// exports nothing (and imports nothing): valid, with a warning.
export default { components: ['logger-impl.wasm', 'sink.wasm'] };
