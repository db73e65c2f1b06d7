;; Local similarity sort over every probe × gallery minutia-cylinder pair (see cylinders.ts, compare.ts).
;; Hand-written; compiled to lss-wasm.ts by `npm run build:lss-wasm -w @custodian/biometrics`.
;;
;; Cylinder records of 64 bytes, usable cylinders only: 6 × i64 bits (bin k = 64 spatial cells),
;; i64 validity mask, i32 set-bit count, i32 minutia direction (1/256 turn).
;; Probe records from byte 0, gallery records from byte 16384 (≤ 255 each); the top list (f64) from 32768;
;; from 33280 a table of √k for k = 0..384 (f64), filled by the loader: table lookups instead of f64.sqrt.
;; Per probe record, the best similarity over the gallery records it was compared with (f64 from 36864; 0 when
;; none is positive) and that gallery record's index (i32 from 38912; −1 when none): the candidates of the
;; consolidation step (consolidation.ts). The first of equal bests is kept. Tracked only when rows ≠ 0
;; (otherwise the row test never passes: a well-predicted branch, and the outputs are 0 and −1).
;;
;; lss(np, ng, rotation, maxAngle, nP, minCommon, rows) = (sum of the nP best similarities) / nP over the pairs whose
;; direction difference (gallery − probe − rotation) is within ±maxAngle and that share ≥ minCommon valid cells.
;; Similarity = 1 − √popcount((a ⊕ b) & c) / (√popcount(a & c) + √popcount(b & c)), c = common validity mask:
;; the same double-precision expression, in the same order, as cylinderSimilarity() in JavaScript.
(module
  (memory (export "memory") 1)
  (func (export "lss")
    (param $np i32) (param $ng i32) (param $rot i32) (param $maxA i32) (param $nP i32) (param $minCommon i32) (param $rows i32)
    (result f64)
    (local $pa i32) (local $paEnd i32) (local $pb i32) (local $pbEnd i32) (local $lo i32) (local $span i32)
    (local $a0 i64) (local $a1 i64) (local $a2 i64) (local $a3 i64) (local $a4 i64) (local $a5 i64) (local $va i64)
     (local $c i64) (local $nx i32) (local $na i32) (local $nb i32)
    (local $v f64) (local $kept i32) (local $floor f64) (local $pos i32) (local $prev f64) (local $sum f64)
    (local $sqx f64) (local $s f64) (local $limit f64)
    (local $rowBest f64) (local $rowLim f64) (local $rowIdx i32)
    (local.set $limit (f64.const inf))
    (local.set $span (i32.shl (local.get $maxA) (i32.const 1)))
    (local.set $paEnd (i32.shl (local.get $np) (i32.const 6)))
    (local.set $pbEnd (i32.add (i32.const 16384) (i32.shl (local.get $ng) (i32.const 6))))
    (block $doneA
      (loop $outer
        (br_if $doneA (i32.ge_u (local.get $pa) (local.get $paEnd)))
        (local.set $a0 (i64.load offset=0 (local.get $pa)))
        (local.set $a1 (i64.load offset=8 (local.get $pa)))
        (local.set $a2 (i64.load offset=16 (local.get $pa)))
        (local.set $a3 (i64.load offset=24 (local.get $pa)))
        (local.set $a4 (i64.load offset=32 (local.get $pa)))
        (local.set $a5 (i64.load offset=40 (local.get $pa)))
        (local.set $va (i64.load offset=48 (local.get $pa)))
        (local.set $lo (i32.sub (i32.add (i32.load offset=60 (local.get $pa)) (local.get $rot)) (local.get $maxA)))
        (local.set $pb (i32.const 16384))
        (local.set $rowBest (f64.const 0))
        (local.set $rowLim (select (f64.const inf) (f64.const 0) (local.get $rows)))
        (local.set $rowIdx (i32.const -1))
        (block $doneB
          (loop $inner
            (br_if $doneB (i32.ge_u (local.get $pb) (local.get $pbEnd)))
            (block $skip
              ;; direction gate, one unsigned range test
              (br_if $skip (i32.gt_u
                (i32.and (i32.sub (i32.load offset=60 (local.get $pb)) (local.get $lo)) (i32.const 255))
                (local.get $span)))
              (local.set $c (i64.and (local.get $va) (i64.load offset=48 (local.get $pb))))
              ;; Masked counts always (no data-dependent branches: they mispredict more than they save).
              (local.set $nx (i32.wrap_i64 (i64.add (i64.add (i64.add (i64.popcnt (i64.and (i64.xor (local.get $a0) (i64.load offset=0 (local.get $pb))) (local.get $c))) (i64.popcnt (i64.and (i64.xor (local.get $a1) (i64.load offset=8 (local.get $pb))) (local.get $c)))) (i64.add (i64.popcnt (i64.and (i64.xor (local.get $a2) (i64.load offset=16 (local.get $pb))) (local.get $c))) (i64.popcnt (i64.and (i64.xor (local.get $a3) (i64.load offset=24 (local.get $pb))) (local.get $c))))) (i64.add (i64.popcnt (i64.and (i64.xor (local.get $a4) (i64.load offset=32 (local.get $pb))) (local.get $c))) (i64.popcnt (i64.and (i64.xor (local.get $a5) (i64.load offset=40 (local.get $pb))) (local.get $c)))))))
              (local.set $na (i32.wrap_i64 (i64.add (i64.add (i64.add (i64.popcnt (i64.and (local.get $a0) (local.get $c))) (i64.popcnt (i64.and (local.get $a1) (local.get $c)))) (i64.add (i64.popcnt (i64.and (local.get $a2) (local.get $c))) (i64.popcnt (i64.and (local.get $a3) (local.get $c))))) (i64.add (i64.popcnt (i64.and (local.get $a4) (local.get $c))) (i64.popcnt (i64.and (local.get $a5) (local.get $c)))))))
              (local.set $nb (i32.wrap_i64 (i64.add (i64.add (i64.add (i64.popcnt (i64.and (i64.load offset=0 (local.get $pb)) (local.get $c))) (i64.popcnt (i64.and (i64.load offset=8 (local.get $pb)) (local.get $c)))) (i64.add (i64.popcnt (i64.and (i64.load offset=16 (local.get $pb)) (local.get $c))) (i64.popcnt (i64.and (i64.load offset=24 (local.get $pb)) (local.get $c))))) (i64.add (i64.popcnt (i64.and (i64.load offset=32 (local.get $pb)) (local.get $c))) (i64.popcnt (i64.and (i64.load offset=40 (local.get $pb)) (local.get $c)))))))
              (local.set $sqx (f64.load offset=33280 (i32.shl (local.get $nx) (i32.const 3))))
              (local.set $s (f64.add (f64.load offset=33280 (i32.shl (local.get $na) (i32.const 3)))
                (f64.load offset=33280 (i32.shl (local.get $nb) (i32.const 3)))))
              ;; Refused: too few common cells or nothing set (then s > 0 below).
              (br_if $skip (i32.or
                (i32.lt_u (i32.wrap_i64 (i64.popcnt (local.get $c))) (local.get $minCommon))
                (i32.eqz (i32.add (local.get $na) (local.get $nb)))))
              ;; The row's best: $rowLim = (1 − rowBest)·(1 + 1e-9) (+∞ before) lets through every similarity
              ;; that may beat it; the exact test follows.
              (if (f64.lt (local.get $sqx) (f64.mul (local.get $rowLim) (local.get $s)))
                (then
                  (local.set $v (f64.sub (f64.const 1) (f64.div (local.get $sqx) (local.get $s))))
                  (if (f64.gt (local.get $v) (local.get $rowBest))
                    (then
                      (local.set $rowBest (local.get $v))
                      (local.set $rowIdx (i32.shr_u (i32.sub (local.get $pb) (i32.const 16384)) (i32.const 6)))
                      (local.set $rowLim (f64.mul (f64.sub (f64.const 1) (local.get $v)) (f64.const 1.000000001)))))))
              ;; Once nP are kept, 1 − √nx / s certainly ≤ floor: $limit = (1 − floor)·(1 + 1e-9), a margin far
              ;; above rounding (+∞ before). The exact test follows.
              (br_if $skip (f64.ge (local.get $sqx) (f64.mul (local.get $limit) (local.get $s))))
              (local.set $v (f64.sub (f64.const 1) (f64.div (local.get $sqx) (local.get $s))))
              (if (i32.eq (local.get $kept) (local.get $nP))
                (then (br_if $skip (f64.le (local.get $v) (local.get $floor)))))
              ;; keep the nP best, descending
              (if (i32.lt_u (local.get $kept) (local.get $nP))
                (then (local.set $pos (local.get $kept)) (local.set $kept (i32.add (local.get $kept) (i32.const 1))))
                (else (local.set $pos (i32.sub (local.get $nP) (i32.const 1)))))
              (block $placed
                (loop $shift
                  (br_if $placed (i32.eqz (local.get $pos)))
                  (local.set $prev (f64.load offset=32760 (i32.shl (local.get $pos) (i32.const 3))))
                  (br_if $placed (i32.eqz (f64.lt (local.get $prev) (local.get $v))))
                  (f64.store offset=32768 (i32.shl (local.get $pos) (i32.const 3)) (local.get $prev))
                  (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
                  (br $shift)))
              (f64.store offset=32768 (i32.shl (local.get $pos) (i32.const 3)) (local.get $v))
              (if (i32.eq (local.get $kept) (local.get $nP))
                (then
                  (local.set $floor (f64.load offset=32760 (i32.shl (local.get $nP) (i32.const 3))))
                  (local.set $limit (f64.mul (f64.sub (f64.const 1) (local.get $floor)) (f64.const 1.000000001))))))
            (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
            (br $inner)))
        (f64.store offset=36864 (i32.shr_u (local.get $pa) (i32.const 3)) (local.get $rowBest))
        (i32.store offset=38912 (i32.shr_u (local.get $pa) (i32.const 4)) (local.get $rowIdx))
        (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
        (br $outer)))
    (local.set $pos (i32.const 0))
    (block $summed
      (loop $add
        (br_if $summed (i32.ge_u (local.get $pos) (local.get $kept)))
        (local.set $sum (f64.add (local.get $sum) (f64.load offset=32768 (i32.shl (local.get $pos) (i32.const 3)))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $add)))
    (f64.div (local.get $sum) (f64.convert_i32_u (local.get $nP)))))
