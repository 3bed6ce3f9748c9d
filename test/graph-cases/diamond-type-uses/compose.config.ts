// Issue 8 (4): a diamond of type uses: left and right use base.id, top uses left.l, right.r and base.id. Left as
// imports, base comes first and top last, every use kept (no anonymous copies of id).
export default { components: ['app.wasm'] };
