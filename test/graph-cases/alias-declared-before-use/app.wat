;; An imported instance whose aliases come right after the resource, before the resource's own functions (the order
;; wit-component writes): the constructor and method of `fields` come after `trailers` and `headers` name it.
(component
  (import "demo:h/types@0.1.0" (instance
    (export "fields" (type $f (sub resource)))
    (export "trailers" (type $t (eq $f)))
    (export "headers" (type $h (eq $f)))
    (type $of (own $f))
    (export "[constructor]fields" (func (result $of)))
    (type $bf (borrow $f))
    (export "[method]fields.has" (func (param "self" $bf) (param "name" string) (result bool)))
    (type $oh (own $h))
    (export "headers-of" (func (param "x" u32) (result $oh)))
    (type $bt (borrow $t))
    (export "count" (func (param "t" $bt) (result u32)))))
  (core module $m (func (export "f") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func $g (result u32) (canon lift (core func $i "f")))
  (export "get" (func $g)))
