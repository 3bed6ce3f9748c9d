// Issue 8 (4): three components import the chain at three depths (a-draw: draw, shapes, geo; b-shapes: shapes,
// geo; c-geo: geo). The merged imports must come in dependency order (geo, shapes, draw) whatever the order of the
// instances, with each use kept.
export default {
  components: ['a-draw.wasm', 'b-shapes.wasm', 'c-geo.wasm'],
  instances: { a: { component: 'a-draw' }, b: { component: 'b-shapes' }, c: { component: 'c-geo' } },
};
