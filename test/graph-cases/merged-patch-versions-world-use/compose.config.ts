// Two components using (at world level) demo:t/types' blob at patch versions 0.1.0 and 0.1.2: one merged import at
// 0.1.2 and one component-level type import of blob, used by both exported functions.
export default { components: ['a.wasm', 'b.wasm'] };
