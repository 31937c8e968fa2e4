//! Arbitrary source text over arbitrary inputs, through every stage: parse,
//! compile, the VM (scalar and SIMD kernels, on 1 and 2 threads) and the
//! eager engine. Nothing may panic, and the engines must agree: every
//! thread count gives the bits of one thread, and the scalar VM gives the
//! eager engine's values and the SIMD VM's, unless the program runs an
//! approximated math function (NaNs alike between two code paths).
//!
//! The input: 8 bytes of set-up, then the source (lossy UTF-8). Byte 0
//! picks the arrays' length (0 to 2 blocks and a bit), bytes 1 to 3 the
//! dtypes of the arrays `a`, `b`, `c`, byte 4 the scalar `s`'s, bytes 5 to
//! 7 seed their values (ordinary ones, and now and then NaN, +-inf, +-0,
//! subnormals and extremes), and of the byte strings `t` (as long as the
//! arrays: empty, beginning one another, with NULs). `fuzz/corpus/eval`
//! holds seeds made this way.
#![no_main]

use exprlab::types::{Array, C128, DType, Kind, Scalar, Shape, Strings, Value};
use exprlab::{Engine, Inputs, Kernels, Options, compile};
use libfuzzer_sys::fuzz_target;

const LENGTHS: [usize; 8] = [0, 1, 3, 16, 511, 512, 513, 1100];

struct Values(u64);

impl Values {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn float(&mut self) -> f64 {
        let r = self.next();
        match r % 16 {
            0 => [
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                0.0,
                -0.0,
                5e-324,
                1e308,
                -1e-310,
            ][(r >> 8) as usize % 8],
            _ => ((r >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 20.0,
        }
    }

    fn int(&mut self) -> i64 {
        let r = self.next();
        match r % 16 {
            0 => {
                [i64::MIN, i64::MAX, i32::MIN as i64, i32::MAX as i64, 0, -1][(r >> 8) as usize % 6]
            }
            _ => (r >> 8) as i64 % 41 - 20,
        }
    }

    fn scalar(&mut self, dtype: DType) -> Scalar {
        // Each integer dtype takes the values wrapped to its width.
        match dtype.kind() {
            Kind::Bool => Scalar::Bool(self.next() & 1 == 1),
            Kind::Signed | Kind::Unsigned => Scalar::Int64(self.int()).cast(dtype),
            Kind::Float => Scalar::Float64(self.float()).cast(dtype),
            Kind::Complex => Scalar::Complex128(C128::new(self.float(), self.float())),
            Kind::Bytes => unreachable!("DType::ALL holds the numbers"),
        }
    }

    fn strings(&mut self, len: usize) -> Strings {
        const POOL: [&[u8]; 6] = [b"", b"a", b"ab", b"ba", b"a\0b", b"\xffab"];
        let items: Vec<&[u8]> = (0..len)
            .map(|_| POOL[self.next() as usize % POOL.len()])
            .collect();
        Strings::from_items(&items, Shape::vector(len)).expect("a few short strings")
    }
}

fn array(values: &mut Values, dtype: DType, len: usize) -> Array {
    let scalars: Vec<Scalar> = (0..len).map(|_| values.scalar(dtype)).collect();
    Array::from_scalars(dtype, &scalars).expect("a small array")
}

/// Same dtype, shape and bits, any NaN matching any NaN when `nan_alike`.
fn same(a: &Value, b: &Value, nan_alike: bool) -> bool {
    if let (Value::Bytes(x), Value::Bytes(y)) = (a, b) {
        return x == y;
    }
    // The same bits, or (when NaNs are alike) NaNs in the same places.
    let part = |x: f64, y: f64| x.to_bits() == y.to_bits() || nan_alike && x.is_nan() && y.is_nan();
    let alike = |x: Scalar, y: Scalar| match (x, y) {
        (Scalar::Complex128(p), Scalar::Complex128(q)) => part(p.re, q.re) && part(p.im, q.im),
        _ => x.key() == y.key() || nan_alike && x.to_f64().is_nan() && y.to_f64().is_nan(),
    };
    a.dtype() == b.dtype()
        && a.is_scalar() == b.is_scalar()
        && a.len() == b.len()
        && (0..a.len()).all(|i| match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => alike(x, y),
            _ => false,
        })
}

fuzz_target!(|data: &[u8]| {
    let Some((setup, text)) = data.split_first_chunk::<8>() else {
        return;
    };
    let source = String::from_utf8_lossy(text);
    let len = LENGTHS[usize::from(setup[0]) % LENGTHS.len()];
    let mut values = Values(u64::from_le_bytes([
        setup[5], setup[6], setup[7], 1, 2, 3, 4, 5,
    ]));
    let mut inputs = Inputs::new();
    for (name, &byte) in ["a", "b", "c"].iter().zip(&setup[1..4]) {
        let dtype = DType::ALL[usize::from(byte) % DType::ALL.len()];
        inputs.insert(name, array(&mut values, dtype, len));
    }
    let dtype = DType::ALL[usize::from(setup[4]) % DType::ALL.len()];
    inputs.insert("s", values.scalar(dtype));
    inputs.insert("t", values.strings(len));
    let Ok(compiled) = compile(&source, &inputs.variables()) else {
        return;
    };
    let run = |engine, kernels, threads| {
        let options = Options {
            engine,
            kernels,
            threads,
            every_thread: true,
        };
        compiled.evaluate(&inputs, &options)
    };
    let eager = run(Engine::Eager, Kernels::Scalar, 1);
    let scalar = run(Engine::Vm, Kernels::Scalar, 1);
    let results = [
        run(Engine::Vm, Kernels::Scalar, 2),
        run(Engine::Vm, Kernels::Simd, 1),
        run(Engine::Vm, Kernels::Simd, 2),
    ];
    let (eager, scalar) = match (eager, scalar) {
        (Ok(e), Ok(v)) => (e, v),
        (Err(e), Err(v)) => {
            // The same refusal (an empty reduction without identity, a
            // memory limit) from every engine.
            assert_eq!(e.message(), v.message(), "{source}");
            for r in &results {
                assert_eq!(
                    r.as_ref().err().map(|e| e.message()),
                    Some(v.message()),
                    "{source}"
                );
            }
            return;
        }
        (e, v) => panic!("{source}: eager {e:?} but vm {v:?}"),
    };
    let [scalar2, simd, simd2] = results.map(|r| r.unwrap_or_else(|e| panic!("{source}: {e}")));
    assert!(
        same(&scalar, &eager, true),
        "{source}: vm {scalar:?} but eager {eager:?}"
    );
    assert!(
        same(&scalar, &scalar2, false),
        "{source}: 2 threads differ from 1"
    );
    assert!(
        same(&simd, &simd2, false),
        "{source}: SIMD on 2 threads differs from 1"
    );
    let approximated = compiled
        .program
        .instructions
        .iter()
        .any(|i| (i.dtype.is_float() || i.dtype.is_complex()) && i.op.approximated());
    // Two code paths: NaNs alike (the sign and payload of a NaN that
    // arithmetic makes are unspecified), as between the VM and eager.
    assert!(
        approximated || same(&simd, &scalar, true),
        "{source}: SIMD {simd:?} but scalar {scalar:?}"
    );
});
