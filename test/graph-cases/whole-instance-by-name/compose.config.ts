// An argument naming an instance that has no export of the import's name: the whole instance (its exports log and
// count; version is more than env needs, which subtyping allows).
export default {
  components: ['app.wasm', 'host.wasm'],
  instances: { host: { component: 'host' }, app: { component: 'app', with: { env: 'host' } } },
  exports: ['app'],
};
