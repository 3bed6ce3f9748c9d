// Issue 8 (4): a component-level type import of a record (world-level use), used by an imported and an exported
// function.
export default { components: ['app.wasm'] };
