// Issue 8 (4): a function import using a component-level type import, plugged by another component whose exported
// function uses the same type: the composition still imports geo and point for the export norm.
export default { components: ['app.wasm', 'origin.wasm'], exports: ['app'] };
