// The shared types import is left to the host, which the config's import policy forbids.
export default { components: ['caller.wasm', 'callee.wasm'], imports: { deny: ['demo:t/*'] } };
