// Issue 8 (4): imports ordered by every type dependency. a (instantiated first) imports demo:p/x@0.1.0 (f only);
// b imports x@0.1.1, whose g uses the record point of demo:p/y@0.1.1. Merged, x is @0.1.1 and uses y: y must be
// imported before x, and x must use y's point (not an anonymous copy of the record).
export default {
  components: ['a.wasm', 'b.wasm'],
  instances: { a: { component: 'a' }, b: { component: 'b' } },
};
