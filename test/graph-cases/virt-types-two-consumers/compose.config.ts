// Issue 8 (3): a component (virt) exports demo:t/types, which defines resource blob; two others import it. Both
// are plugged by virt: the composition imports nothing and exports the two functions.
export default { components: ['virt.wasm', 'one.wasm', 'two.wasm'] };
