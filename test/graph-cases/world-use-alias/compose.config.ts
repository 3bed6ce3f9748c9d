// Issues 8 (1) and (4): component-level type imports of a resource and of an alias of it (world-level use of
// fields and headers = fields): headers stays an alias of fields at both levels.
export default { components: ['app.wasm'] };
