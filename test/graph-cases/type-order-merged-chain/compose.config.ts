// Issue 8 (4), a nested use chain through merged versions: a imports x@0.1.0 then y@0.1.0 (no uses); b imports
// x@0.1.2, which uses y@0.1.2's labelled, which uses z@0.1.2's tag. Merged: z, y, x in that order, uses kept.
export default {
  components: ['a.wasm', 'b.wasm'],
  instances: { a: { component: 'a' }, b: { component: 'b' } },
};
