// Issue 8 (2): as shared-import-resource-plug, with two resources of the shared interface (own and borrow).
export default { components: ['caller.wasm', 'callee.wasm'] };
