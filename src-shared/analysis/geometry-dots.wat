;; WebAssembly SIMD (f64x2) kernel for the per-sample geometry's hot part: w_c · f for every class c
;; and ‖f‖² for a block of feature rows. Source of geometry-dots-bytes.ts, which
;; `node --import tsx tools/build/build-wasm.ts` regenerates (wabt, pinned devDependency).
;;
;; Every sum is f64 with the exact float32 × float32 products, accumulated in the same order as
;; the scalar kernel in dot-kernel.ts (lane 0 = even k, lane 1 = odd k, then lane 0 + lane 1), so
;; both paths give bit-identical results, NaN/±Inf/−0 included.
;;
;; Layouts (byte offsets into the exported memory, all 16-byte aligned; the caller pads):
;;   staging, f32: rows × d, row-major (a copy of the caller's rows or weights).
;;   widened, f64: groups of G rows (G = 4 for features, 2 for class weights) interleaved by k pairs:
;;     for group g and pair j, [x_{Gg}(2j), x_{Gg}(2j+1), x_{Gg+1}(2j), …, x_{Gg+G-1}(2j+1)]
;;     (16·G bytes); pairs run to dPad / 2.
;;   Padding (k ≥ d, a padded class or row) is +0: it adds +0 to a sum, which leaves it unchanged.
(module
  (memory (export "memory") 1)

  ;; Widens `rows` float32 rows of length d (at $src) into the interleaved f64 layout with groups of
  ;; G = 2^shift rows (at $dst, pairs up to dPad / 2, zero beyond d) and writes ‖row‖² (f64) for
  ;; each row at $norms.
  (func (export "widen") (param $src i32) (param $dst i32) (param $norms i32) (param $rows i32) (param $d i32) (param $dPad i32) (param $shift i32)
    (local $r i32) (local $k i32) (local $d4 i32) (local $out i32) (local $in i32) (local $pairBytes i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $acc v128)
    (local $s0 f64) (local $s1 f64) (local $x f64)
    (local.set $d4 (i32.and (local.get $d) (i32.const -4)))
    (local.set $pairBytes (i32.shl (i32.const 16) (local.get $shift)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        ;; Row r starts at group (r >> shift), slot (r mod G): 16 bytes per slot, 16·G per pair.
        (local.set $out
          (i32.add (local.get $dst)
            (i32.add
              (i32.mul (i32.shr_u (local.get $r) (local.get $shift)) (i32.mul (i32.shr_u (local.get $dPad) (i32.const 1)) (local.get $pairBytes)))
              (i32.shl (i32.and (local.get $r) (i32.sub (i32.shl (i32.const 1) (local.get $shift)) (i32.const 1))) (i32.const 4)))))
        (local.set $in (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $d)) (i32.const 2))))
        (local.set $acc (f64x2.splat (f64.const 0)))
        (local.set $k (i32.const 0))
        (block $quadsDone
          (loop $quad
            (br_if $quadsDone (i32.ge_u (local.get $k) (local.get $d4)))
            (local.set $v (v128.load align=4 (i32.add (local.get $in) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
            (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
            (v128.store (local.get $out) (local.get $lo))
            (v128.store (i32.add (local.get $out) (local.get $pairBytes)) (local.get $hi))
            ;; Even k in lane 0, odd k in lane 1, each in order: the scalar kernel's two sums.
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $lo) (local.get $lo))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $hi) (local.get $hi))))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $pairBytes) (i32.const 1))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $quad)))
        (local.set $s0 (f64x2.extract_lane 0 (local.get $acc)))
        (local.set $s1 (f64x2.extract_lane 1 (local.get $acc)))
        ;; The last d mod 4 values one at a time, then +0 up to dPad.
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $k) (local.get $dPad)))
            (local.set $x (f64.const 0))
            (if (i32.lt_u (local.get $k) (local.get $d))
              (then (local.set $x (f64.promote_f32 (f32.load (i32.add (local.get $in) (i32.shl (local.get $k) (i32.const 2))))))))
            (if (i32.and (local.get $k) (i32.const 1))
              (then
                (f64.store offset=8 (local.get $out) (local.get $x))
                (if (i32.lt_u (local.get $k) (local.get $d)) (then (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $x) (local.get $x))))))
                (local.set $out (i32.add (local.get $out) (local.get $pairBytes))))
              (else
                (f64.store (local.get $out) (local.get $x))
                (if (i32.lt_u (local.get $k) (local.get $d)) (then (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $x) (local.get $x))))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $tail)))
        (f64.store (i32.add (local.get $norms) (i32.shl (local.get $r) (i32.const 3))) (f64.add (local.get $s0) (local.get $s1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; out[r · cPad + c] = w_c · f_r for `groups` groups of 4 widened rows (at $rows) and cPad / 2
  ;; widened class pairs (at $weights); dPad / 2 k pairs each. Register block: 4 rows × 2 classes.
  (func (export "dots") (param $weights i32) (param $cPad i32) (param $dPad i32) (param $rows i32) (param $groups i32) (param $out i32)
    (local $g i32) (local $p i32) (local $f i32) (local $w i32) (local $wEnd i32) (local $o i32)
    (local $groupBytes i32) (local $pairBytes i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $y0 v128) (local $y1 v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local.set $groupBytes (i32.shl (local.get $dPad) (i32.const 5)))
    (local.set $pairBytes (i32.shl (local.get $dPad) (i32.const 4)))
    (block $groupsDone
      (loop $group
        (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $groups)))
        (local.set $p (i32.const 0))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $cPad)))
            (local.set $f (i32.add (local.get $rows) (i32.mul (local.get $g) (local.get $groupBytes))))
            (local.set $w (i32.add (local.get $weights) (i32.mul (i32.shr_u (local.get $p) (i32.const 1)) (local.get $pairBytes))))
            (local.set $wEnd (i32.add (local.get $w) (local.get $pairBytes)))
            (local.set $a00 (v128.const i64x2 0 0)) (local.set $a01 (v128.const i64x2 0 0))
            (local.set $a10 (v128.const i64x2 0 0)) (local.set $a11 (v128.const i64x2 0 0))
            (local.set $a20 (v128.const i64x2 0 0)) (local.set $a21 (v128.const i64x2 0 0))
            (local.set $a30 (v128.const i64x2 0 0)) (local.set $a31 (v128.const i64x2 0 0))
            (loop $k
              (local.set $x0 (v128.load (local.get $f)))
              (local.set $x1 (v128.load offset=16 (local.get $f)))
              (local.set $x2 (v128.load offset=32 (local.get $f)))
              (local.set $x3 (v128.load offset=48 (local.get $f)))
              (local.set $y0 (v128.load (local.get $w)))
              (local.set $y1 (v128.load offset=16 (local.get $w)))
              (local.set $a00 (f64x2.add (local.get $a00) (f64x2.mul (local.get $x0) (local.get $y0))))
              (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $x0) (local.get $y1))))
              (local.set $a10 (f64x2.add (local.get $a10) (f64x2.mul (local.get $x1) (local.get $y0))))
              (local.set $a11 (f64x2.add (local.get $a11) (f64x2.mul (local.get $x1) (local.get $y1))))
              (local.set $a20 (f64x2.add (local.get $a20) (f64x2.mul (local.get $x2) (local.get $y0))))
              (local.set $a21 (f64x2.add (local.get $a21) (f64x2.mul (local.get $x2) (local.get $y1))))
              (local.set $a30 (f64x2.add (local.get $a30) (f64x2.mul (local.get $x3) (local.get $y0))))
              (local.set $a31 (f64x2.add (local.get $a31) (f64x2.mul (local.get $x3) (local.get $y1))))
              (local.set $f (i32.add (local.get $f) (i32.const 64)))
              (local.set $w (i32.add (local.get $w) (i32.const 32)))
              (br_if $k (i32.lt_u (local.get $w) (local.get $wEnd))))
            ;; Row 4g + i, classes p and p + 1: out[(4g + i) · cPad + p + j].
            (local.set $o
              (i32.add (local.get $out)
                (i32.shl (i32.add (i32.mul (i32.shl (local.get $g) (i32.const 2)) (local.get $cPad)) (local.get $p)) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a00)) (f64x2.extract_lane 1 (local.get $a00))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a01)) (f64x2.extract_lane 1 (local.get $a01))))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $cPad) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a10)) (f64x2.extract_lane 1 (local.get $a10))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a11)) (f64x2.extract_lane 1 (local.get $a11))))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $cPad) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a20)) (f64x2.extract_lane 1 (local.get $a20))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a21)) (f64x2.extract_lane 1 (local.get $a21))))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $cPad) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a30)) (f64x2.extract_lane 1 (local.get $a30))))
            (f64.store offset=8 (local.get $o) (f64.add (f64x2.extract_lane 0 (local.get $a31)) (f64x2.extract_lane 1 (local.get $a31))))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $pair)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $group))))
)
