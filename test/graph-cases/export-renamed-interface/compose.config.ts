// An export renamed: lib's demo:w/math is exported as demo:w/calc (same functions, another interface name).
export default { components: ['lib.wasm'], exports: [{ instance: 'lib', export: 'demo:w/math@0.1.0', as: 'demo:w/calc@0.1.0' }] };
