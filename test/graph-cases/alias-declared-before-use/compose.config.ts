// Issue 8 (1): aliases declared between a resource and its functions, used by later functions (own<headers>,
// borrow<trailers>): the re-encoded import keeps fields as the declaration and every function's resource.
export default { components: ['app.wat'] };
