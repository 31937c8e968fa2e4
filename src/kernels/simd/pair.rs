//! Two vectors as one of twice the lanes. Every op is issued on both
//! halves side by side, so a long dependency chain (a math kernel's
//! polynomial) runs twice interleaved: the CPU overlaps the two where it
//! would otherwise wait on each result, and each constant is made once for
//! both. The wasm build runs its float64 math through it, because V8
//! executes a kernel's instructions in the order given, with a window too
//! small to overlap two long calls.

use super::{Lanes, Vector};
use std::mem::MaybeUninit;

#[derive(Clone, Copy)]
pub struct Pair<V>(V, V);

impl<V: Lanes> super::Sealed for Pair<V> {}

impl<V: Lanes> Lanes for Pair<V> {
    type Elem = V::Elem;
    const LANES: usize = 2 * V::LANES;

    #[inline(always)]
    fn splat(x: V::Elem) -> Self {
        let v = V::splat(x);
        Pair(v, v)
    }

    #[inline(always)]
    fn load(s: &[V::Elem]) -> Self {
        Pair(V::load(s), V::load(&s[V::LANES..]))
    }

    #[inline(always)]
    fn write(self, s: &mut [MaybeUninit<V::Elem>]) {
        self.0.write(s);
        self.1.write(&mut s[V::LANES..]);
    }

    #[inline(always)]
    fn and(self, o: Self) -> Self {
        Pair(self.0.and(o.0), self.1.and(o.1))
    }

    #[inline(always)]
    fn or(self, o: Self) -> Self {
        Pair(self.0.or(o.0), self.1.or(o.1))
    }

    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        Pair(self.0.xor(o.0), self.1.xor(o.1))
    }

    #[inline(always)]
    fn and_not(self, o: Self) -> Self {
        Pair(self.0.and_not(o.0), self.1.and_not(o.1))
    }

    #[inline(always)]
    fn eq(self, o: Self) -> Self {
        Pair(self.0.eq(o.0), self.1.eq(o.1))
    }

    #[inline(always)]
    fn lt(self, o: Self) -> Self {
        Pair(self.0.lt(o.0), self.1.lt(o.1))
    }

    #[inline(always)]
    fn le(self, o: Self) -> Self {
        Pair(self.0.le(o.0), self.1.le(o.1))
    }

    #[inline(always)]
    fn narrow(mut mask: impl FnMut(usize) -> Self, out: &mut [MaybeUninit<bool>]) {
        // Half-vector j is half j % 2 of pair j / 2; each pair is made once.
        let mut last: Option<(usize, Self)> = None;
        V::narrow(
            |j| {
                let pair = match last {
                    Some((i, pair)) if i == j / 2 => pair,
                    _ => mask(j / 2),
                };
                last = Some((j / 2, pair));
                if j % 2 == 0 { pair.0 } else { pair.1 }
            },
            out,
        )
    }

    #[inline(always)]
    fn widen(bools: &[bool], mut each: impl FnMut(usize, Self)) {
        // The halves come in order: an even one waits for the odd one after it.
        let mut first: Option<V> = None;
        V::widen(bools, |j, v| match (j % 2, first.take()) {
            (1, Some(low)) => each(j / 2, Pair(low, v)),
            _ => first = Some(v),
        })
    }

    #[inline(always)]
    fn select(mask: Self, a: Self, b: Self) -> Self {
        Pair(V::select(mask.0, a.0, b.0), V::select(mask.1, a.1, b.1))
    }
}

impl<V: Vector> Vector for Pair<V> {
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Pair(self.0.add(o.0), self.1.add(o.1))
    }

    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Pair(self.0.sub(o.0), self.1.sub(o.1))
    }

    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Pair(self.0.mul(o.0), self.1.mul(o.1))
    }

    #[inline(always)]
    fn div(self, o: Self) -> Self {
        Pair(self.0.div(o.0), self.1.div(o.1))
    }

    #[inline(always)]
    fn sqrt(self) -> Self {
        Pair(self.0.sqrt(), self.1.sqrt())
    }

    #[inline(always)]
    fn add_bits(self, o: Self) -> Self {
        Pair(self.0.add_bits(o.0), self.1.add_bits(o.1))
    }

    #[inline(always)]
    fn sub_bits(self, o: Self) -> Self {
        Pair(self.0.sub_bits(o.0), self.1.sub_bits(o.1))
    }

    #[inline(always)]
    fn shl_bits(self, n: u32) -> Self {
        Pair(self.0.shl_bits(n), self.1.shl_bits(n))
    }

    #[inline(always)]
    fn shr_bits(self, n: u32) -> Self {
        Pair(self.0.shr_bits(n), self.1.shr_bits(n))
    }

    #[inline(always)]
    fn any(self) -> bool {
        self.0.or(self.1).any()
    }

    #[inline(always)]
    fn madd(self, b: Self, c: Self) -> Self {
        Pair(self.0.madd(b.0, c.0), self.1.madd(b.1, c.1))
    }

    #[inline(always)]
    fn abs(self) -> Self {
        Pair(self.0.abs(), self.1.abs())
    }

    #[inline(always)]
    fn neg(self) -> Self {
        Pair(self.0.neg(), self.1.neg())
    }

    #[inline(always)]
    fn is_nan(self) -> Self {
        Pair(self.0.is_nan(), self.1.is_nan())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::simd::{F64s, math};

    #[test]
    fn a_pair_computes_what_its_halves_compute() {
        let x = [0.5, -3.25, 1e22, f64::NAN];
        let mut pair = [0.0; 4];
        math::sin(Pair::<F64s>::load(&x)).store(&mut pair);
        let mut halves = [0.0; 4];
        math::sin(F64s::load(&x)).store(&mut halves);
        math::sin(F64s::load(&x[2..])).store(&mut halves[2..]);
        assert_eq!(pair.map(f64::to_bits)[..3], halves.map(f64::to_bits)[..3]);
        assert!(pair[3].is_nan() && halves[3].is_nan());
    }

    #[test]
    fn masks_narrow_to_bools_and_widen_back() {
        let x: Vec<f64> = (0..16).map(|i| f64::from(i % 3)).collect();
        let mut bools = [false; 16];
        let one = Pair::<F64s>::splat(1.0);
        // SAFETY: narrow writes bools.
        let out = unsafe { crate::types::write_only(&mut bools) };
        Pair::narrow(|j| Pair::<F64s>::load(&x[4 * j..]).eq(one), out);
        let expected: Vec<bool> = x.iter().map(|&v| v == 1.0).collect();
        assert_eq!(bools.to_vec(), expected);
        let mut back = [0.0; 16];
        Pair::<F64s>::widen(&bools, |j, mask| {
            Pair::select(mask, one, Pair::splat(0.0)).store(&mut back[4 * j..]);
        });
        assert_eq!(back.map(|v| v == 1.0).to_vec(), expected);
    }
}
