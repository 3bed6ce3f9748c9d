// Merged imports at different patch versions carrying resources: the caller is built against demo:t@0.1.0, the
// callee against demo:t@0.1.2. The callee's store@0.1.2 plugs the caller's store@0.1.0 (semver-compatible); the two
// types imports merge into one, at the highest version, whose blob both instances share.
export default { components: ['caller.wasm', 'callee.wasm'] };
