// Issue 8 (2): as shared-import-resource-plug, with the store named by an explicit argument and no automatic plugs:
// the argument supplies the very blob the caller's store import expects (the caller's types import, which is the
// composition's types import, as the callee's is).
export default {
  components: ['caller.wasm', 'callee.wasm'],
  autoPlug: false,
  instances: {
    callee: { component: 'callee' },
    caller: { component: 'caller', with: { 'demo:t/store@0.1.0': { instance: 'callee', export: 'demo:t/store@0.1.0' } } },
  },
  exports: ['caller'],
};
