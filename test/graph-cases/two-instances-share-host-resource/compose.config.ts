// Two instances of one component (store-impl), each importing the host's demo:t/types, both plugged into one
// caller (as demo:t/store and as its plain-named import backup): the three instances share the host's blob.
export default {
  components: ['caller.wasm', 'store-impl.wasm'],
  instances: {
    primary: { component: 'store-impl' },
    secondary: { component: 'store-impl' },
    caller: {
      component: 'caller',
      with: { 'demo:t/store@0.1.0': 'primary', backup: { instance: 'secondary', export: 'demo:t/store@0.1.0' } },
    },
  },
};
