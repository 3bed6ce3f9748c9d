;; plug-2964-socket.wat (seed 1, plug mutant 2964: a `byte` mutation of fixtures/wat/compose/linked-use-socket.wat
;; that renamed its demo:d/foo's export "r" to "B").
;; `wcompose plug plug-2964-socket.wat --plug fixtures/wat/compose/declared-plug.wat` merged the two users' demo:d/foo:
;; this socket's, whose `make` returns demo:d/bar's resource (named "B" here), and declared-plug's, which declares
;; its own "r" for `make` to return. Resources merge by export name, so nothing paired declared-plug's "r" with "B",
;; and the merged foo kept both: an output whose instantiation of the plug is invalid ("resource types are not the
;; same"), caught only by the output validator (WC9101). The planner's link check let it pass: an abstract resource
;; matched by identity ("r" against the merged "r") was not recorded as paired, so `make` then paired it again with
;; bar's. Now that check fails, and the planner reports the conflict of the merged users as WC4016.
(component
  (import "demo:d/bar@0.1.0" (instance $bar (export "r" (type (sub resource)))))
  (alias export $bar "r" (type $r))
  (import "demo:d/foo@0.1.0" (instance
    (alias outer 1 $r (type $r-outer))
    (export "B" (type $r' (eq $r-outer)))
    (export "make" (func (result (own $r'))))))
  (import "demo:d/plugged@0.1.0" (instance $plugged (export "get" (func (result u32)))))
  (alias export $plugged "get" (func $get))
  (core func $get-lower (canon lower (func $get)))
  (core module $main
    (import "plugged" "get" (func $get (result i32)))
    (func (export "run") (result i32) (call $get)))
  (core instance $main (instantiate $main (with "plugged" (instance (export "get" (func $get-lower))))))
  (func $run (result u32) (canon lift (core func $main "run")))
  (instance $app (export "run" (func $run)))
  (export "demo:d/app@0.1.0" (instance $app))
)
