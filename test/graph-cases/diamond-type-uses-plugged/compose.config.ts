// Issue 8 (4): the diamond, with top provided by joiner (which imports left, right and base) and right also used
// by a third component: one import of each of base, left, right.
export default { components: ['joiner.wasm', 'app.wasm', 'sider.wasm'] };
