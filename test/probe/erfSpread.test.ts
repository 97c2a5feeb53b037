import { expect } from "chai";
import { erfSpread } from "../../src/probe/erfSpread";

const grid = (n: number, f: (i: number, j: number) => number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));

describe("probe.erfSpread", () => {
  it("runs its JSDoc example: a single pixel has std 0 and size 1", () => {
    expect(
      erfSpread([
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ]),
    ).to.deep.equal({ centre: [1, 1], std: [0, 0], size: 1, mass: 0.95 });
  });

  it("recovers the std of a Gaussian blob and sizes it about ±2σ for 95 % of the mass", () => {
    const sigma = 3;
    const g = erfSpread(grid(41, (i, j) => Math.exp(-((i - 20) ** 2 + (j - 20) ** 2) / (2 * sigma * sigma))));
    expect(g.centre[0]).to.be.closeTo(20, 1e-9);
    expect(g.std[0]).to.be.closeTo(sigma, 0.01);
    expect(g.std[1]).to.be.closeTo(sigma, 0.01);
    // a square of side 2·2.24σ holds 95 % of a 2-D Gaussian (each axis ±2.24σ holds √0.95)
    expect(g.size).to.be.within(13, 15);
  });

  it("gives a uniform k×k square its full side for mass 1 and the std √((k²−1)/12)", () => {
    const s = erfSpread(
      grid(15, (i, j) => (Math.abs(i - 7) <= 3 && Math.abs(j - 7) <= 3 ? 1 : 0)),
      { mass: 1 },
    );
    expect(s.size).to.equal(7);
    expect(s.std[0]).to.be.closeTo(Math.sqrt((49 - 1) / 12), 1e-9);
  });

  it("refuses an all-zero map and a mass outside (0, 1]", () => {
    expect(() => erfSpread(grid(3, () => 0))).to.throw(/nonzero/);
    expect(() =>
      erfSpread(
        grid(3, () => 1),
        { mass: 1.5 },
      ),
    ).to.throw(/fraction/);
  });
});
