// Issue 8 (4): two components with the same component-level type import (point) and the same function import:
// merged into one import of geo, one type import of point, one import of origin.
export default { components: ['a.wasm', 'b.wasm'] };
