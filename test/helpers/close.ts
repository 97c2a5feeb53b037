/** Closeness assertions for tensors and arrays. */
import { expect } from "chai";
import { Tensor } from "../../src/tensor/tensor";

export function expectClose(
  actual: Tensor | ArrayLike<number>,
  expected: Tensor | ArrayLike<number>,
  rtol = 1e-5,
  atol = 1e-6,
): void {
  const a = actual instanceof Tensor ? actual.data : actual;
  const e = expected instanceof Tensor ? expected.data : expected;
  if (actual instanceof Tensor && expected instanceof Tensor) expect(actual.shape).to.deep.equal(expected.shape);
  expect(a.length, "length").to.equal(e.length);
  for (let i = 0; i < e.length; i++) {
    if (a[i] === e[i] || (Number.isNaN(a[i]) && Number.isNaN(e[i]))) continue; // equal (±∞ too), or both NaN
    const tol = atol + rtol * Math.abs(e[i]);
    if (!(Math.abs(a[i] - e[i]) <= tol))
      expect.fail(`at flat index ${i}: got ${a[i]}, expected ${e[i]} (tolerance ${tol})`);
  }
}
