;; WebAssembly twin of sgd-epoch.ts's runEpoch (and of the dueEdges it calls): one epoch of UMAP's layout SGD over the due
;; edges, 3 components a point. Same edge order (two interleaved halves), same xorshift32, same
;; table look-up (segment from the high word of d²'s f64 bits, curve-table.ts) and interpolation,
;; same clipping, same order of operations: every value is computed in f64
;; from f32 loads and rounded to f32 on store, as JavaScript does with Float32Arrays, so both
;; paths give identical bytes (sgd-wasm.test.ts). The exact gradient factors (Math.pow, outside
;; the table's range) are imported from curve-table.ts. Source of sgd-epoch-bytes.ts
;; (`node --import tsx tools/build/build-wasm.ts`).
;;
;; All areas are byte offsets into the exported memory, laid out once per fit (sgd-wasm.ts):
;;   $head, $tail f32[n × 3] (the same offset when a graph is laid out on itself),
;;   $edgeHead, $edgeTail i32[m], $epn (epochs per negative), $nextNeg f64[m], $due i32[count],
;;   $attract, $repel f32[2 × nodes] (value, slope pairs).
(module
  (import "curve" "attract" (func $exactAttract (param f64) (result f64)))
  (import "curve" "repel" (func $exactRepel (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; sample-schedule.ts's dueEdges: books epoch $n's samples (edges in order of epochs per sample,
  ;; $every/$next f64[m]) into the bitset $bits i32[words], then lists the due edges, ascending,
  ;; in $due; returns how many.
  (func (export "due") (param $order i32) (param $every i32) (param $next i32) (param $bits i32) (param $due i32)
    (param $m i32) (param $words i32) (param $n f64) (result i32)
    (local $t i32) (local $e i32) (local $at i32) (local $w i32) (local $word i32) (local $count i32)
    (local.set $w (i32.const 0))
    (block $zeroed (loop $zero
      (br_if $zeroed (i32.ge_u (local.get $w) (local.get $words)))
      (i32.store (i32.add (local.get $bits) (i32.shl (local.get $w) (i32.const 2))) (i32.const 0))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br $zero)))
    (local.set $t (i32.const 0))
    (block $booked (loop $book
      (br_if $booked (i32.ge_u (local.get $t) (local.get $m)))
      (local.set $at (i32.add (local.get $next) (i32.shl (local.get $t) (i32.const 3))))
      (if (i32.eqz (f64.gt (f64.load (local.get $at)) (local.get $n)))
        (then
          (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.load (i32.add (local.get $every) (i32.shl (local.get $t) (i32.const 3))))))
          (local.set $e (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
          (local.set $at (i32.add (local.get $bits) (i32.shl (i32.shr_u (local.get $e) (i32.const 5)) (i32.const 2))))
          (i32.store (local.get $at) (i32.or (i32.load (local.get $at)) (i32.shl (i32.const 1) (local.get $e))))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $book)))
    (local.set $w (i32.const 0))
    (block $listed (loop $list
      (br_if $listed (i32.ge_u (local.get $w) (local.get $words)))
      (local.set $word (i32.load (i32.add (local.get $bits) (i32.shl (local.get $w) (i32.const 2)))))
      (block $empty (loop $bit
        (br_if $empty (i32.eqz (local.get $word)))
        (i32.store (i32.add (local.get $due) (i32.shl (local.get $count) (i32.const 2)))
          (i32.add (i32.shl (local.get $w) (i32.const 5)) (i32.ctz (local.get $word))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $word (i32.and (local.get $word) (i32.sub (local.get $word) (i32.const 1))))
        (br $bit)))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br $list)))
    (local.get $count))

  (func (export "epoch")
    (param $head i32) (param $tail i32) (param $edgeHead i32) (param $edgeTail i32)
    (param $epn i32) (param $nextNeg i32) (param $due i32) (param $attract i32) (param $repel i32)
    (param $count i32) (param $n f64) (param $alpha f64) (param $base i32) (param $nodes i32) (param $nTail i32)
    (param $push1 f64) (param $push2 f64) (param $random i32) (result i32)
    (local $half i32) (local $t i32) (local $e i32) (local $j i32) (local $jb i32) (local $kb i32)
    (local $ob i32) (local $k i32) (local $i i32) (local $hi i32) (local $moveOther i32) (local $negatives i32) (local $r i32)
    (local $h0 f64) (local $h1 f64) (local $h2 f64) (local $t0 f64) (local $t1 f64) (local $t2 f64)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $dd f64) (local $f f64)
    (local $g0 f64) (local $g1 f64) (local $g2 f64) (local $r0 f64) (local $r1 f64) (local $r2 f64)
    (local $nTail64 i64) (local $epnE f64) (local $negF f64) (local $v f64)
    (local.set $moveOther (i32.eq (local.get $head) (local.get $tail)))
    (local.set $nTail64 (i64.extend_i32_u (local.get $nTail)))
    (local.set $half (i32.shr_s (i32.add (local.get $count) (i32.const 1)) (i32.const 1)))
    (local.set $t (i32.const 0))
    (block $done
      (loop $edges
        (br_if $done (i32.ge_s (local.get $t) (local.get $count)))
        ;; e = due[t even ? t >> 1 : half + (t >> 1)]
        (local.set $e (i32.load (i32.add (local.get $due) (i32.shl
          (select (i32.shr_s (local.get $t) (i32.const 1))
                  (i32.add (local.get $half) (i32.shr_s (local.get $t) (i32.const 1)))
                  (i32.eqz (i32.and (local.get $t) (i32.const 1))))
          (i32.const 2)))))
        (local.set $j (i32.load (i32.add (local.get $edgeHead) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $jb (i32.add (local.get $head) (i32.mul (local.get $j) (i32.const 12))))
        (local.set $kb (i32.add (local.get $tail) (i32.mul
          (i32.load (i32.add (local.get $edgeTail) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 12))))
        (local.set $h0 (f64.promote_f32 (f32.load (local.get $jb))))
        (local.set $h1 (f64.promote_f32 (f32.load offset=4 (local.get $jb))))
        (local.set $h2 (f64.promote_f32 (f32.load offset=8 (local.get $jb))))
        (local.set $t0 (f64.promote_f32 (f32.load (local.get $kb))))
        (local.set $t1 (f64.promote_f32 (f32.load offset=4 (local.get $kb))))
        (local.set $t2 (f64.promote_f32 (f32.load offset=8 (local.get $kb))))
        (local.set $d0 (f64.sub (local.get $h0) (local.get $t0)))
        (local.set $d1 (f64.sub (local.get $h1) (local.get $t1)))
        (local.set $d2 (f64.sub (local.get $h2) (local.get $t2)))
        (local.set $dd (f64.add (f64.add (f64.mul (local.get $d0) (local.get $d0)) (f64.mul (local.get $d1) (local.get $d1)))
          (f64.mul (local.get $d2) (local.get $d2))))
        (if (f64.gt (local.get $dd) (f64.const 0))
          (then
            ;; hi = high word of dd's bits; segment i = (hi >>> 14) - base, in the table when 0 <= i < nodes
            (local.set $hi (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $dd)) (i64.const 32))))
            (local.set $i (i32.sub (i32.shr_u (local.get $hi) (i32.const 14)) (local.get $base)))
            (if (i32.lt_u (local.get $i) (local.get $nodes))
              (then
                (local.set $ob (i32.add (local.get $attract) (i32.shl (local.get $i) (i32.const 3))))
                (local.set $f (f64.add (f64.promote_f32 (f32.load (local.get $ob)))
                  (f64.mul (f64.mul (f64.convert_i32_s (i32.and (local.get $hi) (i32.const 0x3fff))) (f64.const 0x1p-14))
                    (f64.promote_f32 (f32.load offset=4 (local.get $ob)))))))
              (else (local.set $f (call $exactAttract (local.get $dd)))))
            (local.set $g0 (f64.mul (select (f64.const 4) (select (f64.const -4) (local.tee $v (f64.mul (local.get $f) (local.get $d0))) (f64.lt (local.get $v) (f64.const -4))) (f64.gt (local.get $v) (f64.const 4))) (local.get $alpha)))
            (local.set $g1 (f64.mul (select (f64.const 4) (select (f64.const -4) (local.tee $v (f64.mul (local.get $f) (local.get $d1))) (f64.lt (local.get $v) (f64.const -4))) (f64.gt (local.get $v) (f64.const 4))) (local.get $alpha)))
            (local.set $g2 (f64.mul (select (f64.const 4) (select (f64.const -4) (local.tee $v (f64.mul (local.get $f) (local.get $d2))) (f64.lt (local.get $v) (f64.const -4))) (f64.gt (local.get $v) (f64.const 4))) (local.get $alpha)))
            (local.set $h0 (f64.add (local.get $h0) (local.get $g0)))
            (local.set $h1 (f64.add (local.get $h1) (local.get $g1)))
            (local.set $h2 (f64.add (local.get $h2) (local.get $g2)))
            (if (local.get $moveOther)
              (then
                (f32.store (local.get $kb) (f32.demote_f64 (f64.sub (local.get $t0) (local.get $g0))))
                (f32.store offset=4 (local.get $kb) (f32.demote_f64 (f64.sub (local.get $t1) (local.get $g1))))
                (f32.store offset=8 (local.get $kb) (f32.demote_f64 (f64.sub (local.get $t2) (local.get $g2))))))))
        ;; negatives = floor((n - nextNegative[e]) / epochsPerNegative[e])
        (local.set $epnE (f64.load (i32.add (local.get $epn) (i32.shl (local.get $e) (i32.const 3)))))
        (local.set $ob (i32.add (local.get $nextNeg) (i32.shl (local.get $e) (i32.const 3))))
        (local.set $negF (f64.floor (f64.div (f64.sub (local.get $n) (f64.load (local.get $ob))) (local.get $epnE))))
        (if (f64.gt (local.get $negF) (f64.const 0))
          (then
            (f64.store (local.get $ob) (f64.add (f64.load (local.get $ob)) (f64.mul (local.get $negF) (local.get $epnE))))
            (local.set $negatives (i32.trunc_sat_f64_s (local.get $negF)))
            (local.set $r0 (f64.const 0))
            (local.set $r1 (f64.const 0))
            (local.set $r2 (f64.const 0))
            (local.set $r (i32.const 0))
            (block $negDone
              (loop $neg
                (br_if $negDone (i32.ge_s (local.get $r) (local.get $negatives)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (local.set $random (i32.xor (local.get $random) (i32.shl (local.get $random) (i32.const 13))))
                (local.set $random (i32.xor (local.get $random) (i32.shr_u (local.get $random) (i32.const 17))))
                (local.set $random (i32.xor (local.get $random) (i32.shl (local.get $random) (i32.const 5))))
                ;; k = floor(random · nTail / 2^32), one exact 64-bit product (sgd-epoch.ts: two 16-bit halves)
                (local.set $k (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $random)) (local.get $nTail64)) (i64.const 32))))
                (br_if $neg (i32.and (local.get $moveOther) (i32.eq (local.get $k) (local.get $j))))
                (local.set $ob (i32.add (local.get $tail) (i32.mul (local.get $k) (i32.const 12))))
                (local.set $d0 (f64.sub (local.get $h0) (f64.promote_f32 (f32.load (local.get $ob)))))
                (local.set $d1 (f64.sub (local.get $h1) (f64.promote_f32 (f32.load offset=4 (local.get $ob)))))
                (local.set $d2 (f64.sub (local.get $h2) (f64.promote_f32 (f32.load offset=8 (local.get $ob)))))
                (local.set $dd (f64.add (f64.add (f64.mul (local.get $d0) (local.get $d0)) (f64.mul (local.get $d1) (local.get $d1)))
                  (f64.mul (local.get $d2) (local.get $d2))))
                (if (f64.gt (local.get $dd) (f64.const 0))
                  (then
                    (local.set $hi (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $dd)) (i64.const 32))))
                    (local.set $i (i32.sub (i32.shr_u (local.get $hi) (i32.const 14)) (local.get $base)))
                    (if (i32.lt_u (local.get $i) (local.get $nodes))
                      (then
                        (local.set $ob (i32.add (local.get $repel) (i32.shl (local.get $i) (i32.const 3))))
                        (local.set $f (f64.add (f64.promote_f32 (f32.load (local.get $ob)))
                          (f64.mul (f64.mul (f64.convert_i32_s (i32.and (local.get $hi) (i32.const 0x3fff))) (f64.const 0x1p-14))
                            (f64.promote_f32 (f32.load offset=4 (local.get $ob)))))))
                      (else (local.set $f (call $exactRepel (local.get $dd)))))
                    ;; f·f·dd <= 16: no component can exceed the clip (f >= 0)
                    (if (f64.le (f64.mul (f64.mul (local.get $f) (local.get $f)) (local.get $dd)) (f64.const 16))
                      (then
                        (local.set $r0 (f64.add (local.get $r0) (f64.mul (local.get $f) (local.get $d0))))
                        (local.set $r1 (f64.add (local.get $r1) (f64.mul (local.get $f) (local.get $d1))))
                        (local.set $r2 (f64.add (local.get $r2) (f64.mul (local.get $f) (local.get $d2)))))
                      (else
                        (local.set $r0 (f64.add (local.get $r0) (select (f64.const 4) (select (f64.const -4) (local.tee $v (f64.mul (local.get $f) (local.get $d0))) (f64.lt (local.get $v) (f64.const -4))) (f64.gt (local.get $v) (f64.const 4)))))
                        (local.set $r1 (f64.add (local.get $r1) (select (f64.const 4) (select (f64.const -4) (local.tee $v (f64.mul (local.get $f) (local.get $d1))) (f64.lt (local.get $v) (f64.const -4))) (f64.gt (local.get $v) (f64.const 4)))))
                        (local.set $r2 (f64.add (local.get $r2) (select (f64.const 4) (select (f64.const -4) (local.tee $v (f64.mul (local.get $f) (local.get $d2))) (f64.lt (local.get $v) (f64.const -4))) (f64.gt (local.get $v) (f64.const 4))))))))
                  (else
                    (local.set $r0 (f64.add (local.get $r0) (f64.const 4)))
                    (local.set $r1 (f64.add (local.get $r1) (local.get $push1)))
                    (local.set $r2 (f64.add (local.get $r2) (local.get $push2)))))
                (br $neg)))
            (local.set $h0 (f64.add (local.get $h0) (f64.mul (local.get $r0) (local.get $alpha))))
            (local.set $h1 (f64.add (local.get $h1) (f64.mul (local.get $r1) (local.get $alpha))))
            (local.set $h2 (f64.add (local.get $h2) (f64.mul (local.get $r2) (local.get $alpha))))))
        (f32.store (local.get $jb) (f32.demote_f64 (local.get $h0)))
        (f32.store offset=4 (local.get $jb) (f32.demote_f64 (local.get $h1)))
        (f32.store offset=8 (local.get $jb) (f32.demote_f64 (local.get $h2)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $edges)))
    (local.get $random))
)
