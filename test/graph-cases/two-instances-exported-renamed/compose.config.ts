// Two instances of one component sharing the host's blob, both exported: the second under another name (a plain
// name, an interface that uses the host's demo:t/types).
export default {
  components: ['store-impl.wasm'],
  instances: { primary: { component: 'store-impl' }, secondary: { component: 'store-impl' } },
  exports: ['primary', { instance: 'secondary', export: 'demo:t/store@0.1.0', as: 'backup' }],
};
