// Issue 8 (2): caller and callee both import demo:t/types (resource blob); the callee exports demo:t/store, which
// uses types' blob. The callee's store is plugged into the caller: both instances must see one blob, that of the one
// merged types import.
export default { components: ['caller.wasm', 'callee.wasm'] };
