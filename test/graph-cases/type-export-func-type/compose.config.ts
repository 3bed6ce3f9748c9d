// Issue 8 (5): lib exports a function type (callback) besides demo:w/math. Its math plugs app's import; the type
// export is not part of the composition's exports (WIT cannot describe it), but reading lib must not fail.
export default { components: ['lib.wat', 'app.wasm'], exports: ['app'] };
