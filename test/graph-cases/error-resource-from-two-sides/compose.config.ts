// The caller's store comes from callee, whose blob is callee's own; the caller's types is left to the host. The
// caller's store would then use a blob other than its types' blob: a resource mismatch, however the names agree.
export default {
  components: ['caller.wasm', 'callee.wasm'],
  autoPlug: false,
  instances: { callee: { component: 'callee' }, caller: { component: 'caller', with: { 'demo:t/store@0.1.0': 'callee' } } },
  exports: ['caller'],
};
