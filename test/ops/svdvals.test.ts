import { expect } from "chai";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";

describe("linalg.svdvals", () => {
  it("gives |diagonal| sorted for a diagonal matrix", () => {
    expectClose(
      gl.linalg.svdvals(
        gl.tensor([
          [3, 0],
          [0, -4],
        ]),
      ),
      [4, 3],
      1e-12,
    );
  });

  it("agrees with √eig(AᵀA) and keeps Σs² = ‖A‖²_F for a random wide matrix", () => {
    gl.seed(3);
    const a = gl.randn([3, 5]);
    const s = gl.linalg.svdvals(a).toList();
    expect(s).to.have.length(3);
    const fro2 = gl.sum(gl.square(a)).item();
    expect(s.reduce((t, v) => t + v * v, 0)).to.be.closeTo(fro2, 1e-4);
    // the product of singular values equals √det(AAᵀ)
    const aat = gl.matmul(a, gl.transpose(a)).toArray() as number[][];
    const det3 = (m: number[][]) =>
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
      m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
      m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    expect(s[0] * s[1] * s[2]).to.be.closeTo(Math.sqrt(det3(aat)), 1e-3);
    expect(s[0]).to.be.at.least(s[1]);
  });

  it("keeps tiny singular values of a nearly rank-1 matrix accurate", () => {
    const e = 1e-9;
    const s = gl.linalg
      .svdvals(
        gl.tensor(
          [
            [1, 1],
            [1, 1 + e],
          ],
          null,
          { dtype: "float64" },
        ),
      )
      .toList();
    // det = e = s1·s2, s1 ≈ 2
    expect(s[1]).to.be.closeTo(e / s[0], 1e-14);
  });

  it("refuses a 1-D tensor with a fix", () => {
    expect(() => gl.linalg.svdvals(gl.tensor([1, 2]))).to.throw(gl.ShapeError, /2-D/);
  });
});
