// As type-order-merged-versions, with a resource: merged x@0.1.1 uses y's resource cell, so y comes first.
export default {
  components: ['a.wasm', 'b.wasm'],
  instances: { a: { component: 'a' }, b: { component: 'b' } },
};
