// Issues 8 (2) and (4): a diamond of uses of one resource: left and right use base.token, top uses it through
// both (renamed issued and checked). lib exports top over the host's base, left and right; app imports top from lib
// and the rest from the host: the three host imports are merged, and top's issued and checked are the host's token.
export default { components: ['lib.wasm', 'app.wasm'] };
