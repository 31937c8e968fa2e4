//! The loops of the SIMD kernels: an op's vector function over a block,
//! a vector (or sixteen elements) at a time, scalar operands splatted once,
//! the tail through the same vector code on a padded copy so that every
//! element gets the same bits wherever it sits.

use super::Lanes;
use crate::kernels::{Operand, fill};
use crate::types::write_only;
use std::mem::MaybeUninit;

/// Maps `f` over `out`, a vector at a time, two vectors per step so that
/// the long dependency chains of the math kernels overlap. The tail runs
/// through the same vector code on a padded copy, so every element gets the
/// same bits wherever it sits.
#[inline(always)]
pub fn map1<V: Lanes>(out: &mut [MaybeUninit<V::Elem>], a: Operand<V::Elem>, f: impl Fn(V) -> V) {
    let x = match a {
        Operand::Slice(x) => x,
        Operand::Scalar(x) => {
            let mut res = [V::Elem::default(); 16];
            f(V::splat(x)).store(&mut res);
            fill(out, res[0]);
            return;
        }
    };
    let n = V::LANES;
    let whole = out.len() - out.len() % (2 * n);
    let (body, rest) = out.split_at_mut(whole);
    for (o, x) in body.chunks_exact_mut(2 * n).zip(x.chunks_exact(2 * n)) {
        let (y0, y1) = (f(V::load(x)), f(V::load(&x[n..])));
        y0.write(o);
        y1.write(&mut o[n..]);
    }
    tail(rest, &x[whole..whole + rest.len()], f);
}

/// Runs the elements that do not fill a vector through `f`, padded.
#[inline(always)]
fn tail<V: Lanes>(out: &mut [MaybeUninit<V::Elem>], x: &[V::Elem], f: impl Fn(V) -> V) {
    for (o, x) in out.chunks_mut(V::LANES).zip(x.chunks(V::LANES)) {
        let mut res = [V::Elem::default(); 16];
        f(load_padded(x)).store(&mut res);
        o.write_copy_of_slice(&res[..o.len()]);
    }
}

/// The elements of `s`, fewer than a vector holds, as a vector padded with
/// the default element.
#[inline(always)]
fn load_padded<V: Lanes>(s: &[V::Elem]) -> V {
    let mut pad = [V::Elem::default(); 16];
    pad[..s.len()].copy_from_slice(s);
    V::load(&pad)
}

/// Maps `f` over two operands, as [`map1`] does; a scalar operand is
/// splatted once.
#[inline(always)]
pub fn map2<V: Lanes>(
    out: &mut [MaybeUninit<V::Elem>],
    a: Operand<V::Elem>,
    b: Operand<V::Elem>,
    f: impl Fn(V, V) -> V,
) {
    use Operand::{Scalar, Slice};
    match (a, b) {
        (Slice(a), Slice(b)) => {
            // By-value chunk iterators, so that the zip compiles to an index
            // loop (iterators borrowed `&mut` are not inlined so).
            let n = V::LANES;
            let whole = out.len() - out.len() % n;
            let (body, rest) = out.split_at_mut(whole);
            for (o, (x, y)) in body
                .chunks_exact_mut(n)
                .zip(a.chunks_exact(n).zip(b.chunks_exact(n)))
            {
                f(V::load(x), V::load(y)).write(o);
            }
            let left = whole..whole + rest.len();
            let y = load_padded(&b[left.clone()]);
            tail(rest, &a[left], |x| f(x, y));
        }
        (Slice(a), Scalar(y)) => {
            let y = V::splat(y);
            map1(out, Slice(a), |x| f(x, y));
        }
        (Scalar(x), Slice(b)) => {
            let x = V::splat(x);
            map1(out, Slice(b), |y| f(x, y));
        }
        (Scalar(x), Scalar(y)) => {
            let y = V::splat(y);
            map1(out, Scalar(x), |x| f(x, y));
        }
    }
}

/// An operand sixteen elements at a time: a window of its slice, or its
/// scalar repeated.
struct Window<'a, T> {
    slice: Option<&'a [T]>,
    fill: [T; 16],
}

impl<'a, T: Copy + Default> Window<'a, T> {
    fn new(op: Operand<'a, T>) -> Self {
        match op {
            Operand::Slice(s) => Window {
                slice: Some(s),
                fill: [T::default(); 16],
            },
            Operand::Scalar(x) => Window {
                slice: None,
                fill: [x; 16],
            },
        }
    }

    /// Elements `i..i + 16`.
    #[inline(always)]
    fn at(&self, i: usize) -> &[T] {
        match self.slice {
            Some(s) => &s[i..i + 16],
            None => &self.fill,
        }
    }

    /// Elements `i..` (fewer than 16), padded.
    #[inline(always)]
    fn tail(&self, i: usize) -> [T; 16] {
        match self.slice {
            Some(s) => {
                let mut pad = [T::default(); 16];
                pad[..s.len() - i].copy_from_slice(&s[i..]);
                pad
            }
            None => self.fill,
        }
    }
}

/// Runs `step` over `out` sixteen elements at a time, reading the operands
/// through `at` (elements i..i+16) in the body and through `tail`
/// (elements from the last whole step, padded) at the end. `step` is
/// written once and inlined in both places.
macro_rules! by_sixteen {
    ($out:expr, |$i:ident| ($($w:ident),*), $step:expr) => {{
        let out = $out;
        let whole = out.len() - out.len() % 16;
        let (body, rest) = out.split_at_mut(whole);
        for (k, o) in body.chunks_exact_mut(16).enumerate() {
            let $i = 16 * k;
            #[allow(clippy::redundant_closure_call)]
            ($step)($($w.at($i)),*, o);
        }
        if !rest.is_empty() {
            let mut o = [Default::default(); 16];
            $(let $w = $w.tail(whole);)*
            #[allow(clippy::redundant_closure_call)]
            // SAFETY: `step` writes lanes, which are values.
            ($step)($(&$w[..]),*, unsafe { write_only(&mut o[..]) });
            rest.write_copy_of_slice(&o[..rest.len()]);
        }
    }};
}

/// A mask function of two operands (a comparison; a predicate ignores
/// its second) into bools.
#[inline(always)]
pub fn to_bools<V: Lanes>(
    out: &mut [MaybeUninit<bool>],
    a: Operand<V::Elem>,
    b: Operand<V::Elem>,
    f: impl Fn(V, V) -> V,
) {
    let (a, b) = (Window::new(a), Window::new(b));
    let n = V::LANES;
    by_sixteen!(
        out,
        |i| (a, b),
        |x: &[V::Elem], y: &[V::Elem], o: &mut [MaybeUninit<bool>]| {
            V::narrow(|k| f(V::load(&x[k * n..]), V::load(&y[k * n..])), o)
        }
    );
}

/// `where(c, a, b)`: the bools widened to masks, then a blend.
#[inline(always)]
pub fn select<V: Lanes>(
    out: &mut [MaybeUninit<V::Elem>],
    c: Operand<bool>,
    a: Operand<V::Elem>,
    b: Operand<V::Elem>,
) {
    let (c, a, b) = (Window::new(c), Window::new(a), Window::new(b));
    let n = V::LANES;
    by_sixteen!(
        out,
        |i| (c, a, b),
        |c: &[bool], x: &[V::Elem], y: &[V::Elem], o: &mut [MaybeUninit<V::Elem>]| {
            V::widen(c, |k, m| {
                V::select(m, V::load(&x[k * n..]), V::load(&y[k * n..])).write(&mut o[k * n..])
            })
        }
    );
}

/// Maps `f` over three operands, as [`map2`] does: a scalar operand is
/// splatted once and the rest mapped by [`map2`].
#[inline(always)]
pub fn map3<V: Lanes>(
    out: &mut [MaybeUninit<V::Elem>],
    a: Operand<V::Elem>,
    b: Operand<V::Elem>,
    c: Operand<V::Elem>,
    f: impl Fn(V, V, V) -> V,
) {
    use Operand::{Scalar, Slice};
    match (a, b, c) {
        (Slice(a), Slice(b), Slice(c)) => {
            let n = V::LANES;
            let whole = out.len() - out.len() % n;
            let (body, rest) = out.split_at_mut(whole);
            for (o, (x, (y, z))) in body.chunks_exact_mut(n).zip(
                a.chunks_exact(n)
                    .zip(b.chunks_exact(n).zip(c.chunks_exact(n))),
            ) {
                f(V::load(x), V::load(y), V::load(z)).write(o);
            }
            let left = whole..whole + rest.len();
            let [y, z] = [b, c].map(|s| load_padded(&s[left.clone()]));
            tail(rest, &a[left], |x| f(x, y, z));
        }
        (a, b, Scalar(z)) => {
            let z = V::splat(z);
            map2(out, a, b, |x, y| f(x, y, z));
        }
        (a, Scalar(y), c) => {
            let y = V::splat(y);
            map2(out, a, c, |x, z| f(x, y, z));
        }
        (Scalar(x), b, c) => {
            let x = V::splat(x);
            map2(out, b, c, |y, z| f(x, y, z));
        }
    }
}

/// Maps `f` over four operands, as [`map3`] does: a scalar operand is
/// splatted once and the rest mapped by [`map3`].
#[inline(always)]
pub fn map4<V: Lanes>(
    out: &mut [MaybeUninit<V::Elem>],
    [a, b, c, d]: [Operand<V::Elem>; 4],
    f: impl Fn(V, V, V, V) -> V,
) {
    use Operand::{Scalar, Slice};
    match (a, b, c, d) {
        (Slice(a), Slice(b), Slice(c), Slice(d)) => {
            let n = V::LANES;
            let whole = out.len() - out.len() % n;
            let (body, rest) = out.split_at_mut(whole);
            for (o, ((w, x), (y, z))) in body.chunks_exact_mut(n).zip(
                (a.chunks_exact(n).zip(b.chunks_exact(n)))
                    .zip(c.chunks_exact(n).zip(d.chunks_exact(n))),
            ) {
                f(V::load(w), V::load(x), V::load(y), V::load(z)).write(o);
            }
            let left = whole..whole + rest.len();
            let [x, y, z] = [b, c, d].map(|s| load_padded(&s[left.clone()]));
            tail(rest, &a[left], |w| f(w, x, y, z));
        }
        (a, b, c, Scalar(z)) => {
            let z = V::splat(z);
            map3(out, a, b, c, |w, x, y| f(w, x, y, z));
        }
        (a, b, Scalar(y), d) => {
            let y = V::splat(y);
            map3(out, a, b, d, |w, x, z| f(w, x, y, z));
        }
        (a, Scalar(x), c, d) => {
            let x = V::splat(x);
            map3(out, a, c, d, |w, y, z| f(w, x, y, z));
        }
        (Scalar(w), b, c, d) => {
            let w = V::splat(w);
            map3(out, b, c, d, |x, y, z| f(w, x, y, z));
        }
    }
}

/// Bools into `one` (true) or the default (false) of V's element.
#[inline(always)]
pub fn from_bools<V: Lanes>(out: &mut [MaybeUninit<V::Elem>], c: Operand<bool>, one: V::Elem) {
    let c = Window::new(c);
    let n = V::LANES;
    let one = V::splat(one);
    by_sixteen!(
        out,
        |i| (c),
        |c: &[bool], o: &mut [MaybeUninit<V::Elem>]| {
            V::widen(c, |k, m| m.and(one).write(&mut o[k * n..]))
        }
    );
}

/// A conversion between lanes of the same count (int32 and float32).
#[inline(always)]
pub fn map_lanes<A: Lanes, B: Lanes>(
    out: &mut [MaybeUninit<B::Elem>],
    a: Operand<A::Elem>,
    f: impl Fn(A) -> B,
) {
    let a = Window::new(a);
    let n = A::LANES;
    by_sixteen!(
        out,
        |i| (a),
        |x: &[A::Elem], o: &mut [MaybeUninit<B::Elem>]| {
            for k in 0..16 / n {
                f(A::load(&x[k * n..])).write(&mut o[k * n..]);
            }
        }
    );
}

/// A conversion to lanes twice as wide: one vector of `A` to two of `B`.
#[inline(always)]
pub fn widen_lanes<A: Lanes, B: Lanes>(
    out: &mut [MaybeUninit<B::Elem>],
    a: Operand<A::Elem>,
    f: impl Fn(A) -> [B; 2],
) {
    let a = Window::new(a);
    let n = A::LANES;
    by_sixteen!(
        out,
        |i| (a),
        |x: &[A::Elem], o: &mut [MaybeUninit<B::Elem>]| {
            for k in 0..16 / n {
                let [lo, hi] = f(A::load(&x[k * n..]));
                lo.write(&mut o[k * n..]);
                hi.write(&mut o[k * n + n / 2..]);
            }
        }
    );
}

/// A conversion to lanes half as wide: two vectors of `A` to one of `B`.
#[inline(always)]
pub fn narrow_lanes<A: Lanes, B: Lanes>(
    out: &mut [MaybeUninit<B::Elem>],
    a: Operand<A::Elem>,
    f: impl Fn([A; 2]) -> B,
) {
    let a = Window::new(a);
    let n = B::LANES;
    by_sixteen!(
        out,
        |i| (a),
        |x: &[A::Elem], o: &mut [MaybeUninit<B::Elem>]| {
            for k in 0..16 / n {
                f([A::load(&x[k * n..]), A::load(&x[k * n + n / 2..])]).write(&mut o[k * n..]);
            }
        }
    );
}

/// Folds `v` into eight running lanes, then combines them as a balanced
/// tree: the scalar reductions' order exactly (`kernels::reduce`), with
/// `8 / LANES` vectors of lanes, so both flavours give the same bits. `f`
/// and `g` are the same operation on vectors and on elements.
#[inline(always)]
pub fn fold8<V: Lanes>(
    v: &[V::Elem],
    identity: V::Elem,
    f: impl Fn(V, V) -> V,
    g: impl Fn(V::Elem, V::Elem) -> V::Elem,
) -> V::Elem {
    let n = V::LANES;
    debug_assert!(n <= 8);
    let mut acc = [V::splat(identity); 8];
    let mut chunks = v.chunks_exact(8);
    for chunk in &mut chunks {
        for (k, a) in acc.iter_mut().enumerate().take(8 / n) {
            *a = f(*a, V::load(&chunk[k * n..]));
        }
    }
    finish8(acc, chunks.remainder().iter().copied(), identity, g)
}

/// [`fold8`] of the products `a[i] * b[i]` without writing them: each
/// product rounded as `mul` (lanes) and `g_mul` (the tail) round it, then
/// folded in `fold8`'s order, so the same bits as the products written and
/// then folded. `a` and `b` have the same length.
pub fn fold8_products<V: Lanes>(
    (a, b): (&[V::Elem], &[V::Elem]),
    identity: V::Elem,
    (mul, f): (impl Fn(V, V) -> V, impl Fn(V, V) -> V),
    (g_mul, g): (
        impl Fn(V::Elem, V::Elem) -> V::Elem,
        impl Fn(V::Elem, V::Elem) -> V::Elem,
    ),
) -> V::Elem {
    let n = V::LANES;
    debug_assert!(n <= 8 && a.len() == b.len());
    let mut acc = [V::splat(identity); 8];
    let (mut xs, mut ys) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut xs).zip(&mut ys) {
        for (k, a) in acc.iter_mut().enumerate().take(8 / n) {
            *a = f(*a, mul(V::load(&x[k * n..]), V::load(&y[k * n..])));
        }
    }
    let tail = xs.remainder().iter().zip(ys.remainder());
    finish8(acc, tail.map(|(&x, &y)| g_mul(x, y)), identity, g)
}

/// The end of a fold over eight lanes: the running vectors' lanes, the
/// tail's elements folded into the first lanes, then the eight combined
/// pairwise.
#[inline(always)]
fn finish8<V: Lanes>(
    acc: [V; 8],
    tail: impl Iterator<Item = V::Elem>,
    identity: V::Elem,
    g: impl Fn(V::Elem, V::Elem) -> V::Elem,
) -> V::Elem {
    let n = V::LANES;
    let mut lanes = [identity; 8];
    for (k, a) in acc.iter().enumerate().take(8 / n) {
        a.store(&mut lanes[k * n..]);
    }
    for (a, x) in lanes.iter_mut().zip(tail) {
        *a = g(*a, x);
    }
    let [a0, a1, a2, a3, a4, a5, a6, a7] = lanes;
    g(g(g(a0, a1), g(a2, a3)), g(g(a4, a5), g(a6, a7)))
}
