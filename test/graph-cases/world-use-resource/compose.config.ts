// Issue 8 (4): a component-level type import (world-level use of a resource): the import of types, then the type
// import of blob, then a function import and a function export using it. Every type index after the type import
// must be right (it used to count twice).
export default { components: ['app.wasm'] };
