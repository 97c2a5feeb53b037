import { expect } from "chai";
import { groupStatistics, normGroups } from "../../src/nn/normGroups";
import { randn } from "../../src/tensor/create";
import { mean, reshape, variance } from "../../src/ops/index";
import { seed } from "../../src/random";
import { ArgumentError, ShapeError } from "../../src/errors";

describe("nn.normGroups and nn.groupStatistics", () => {
  seed(3);
  const x = randn([3, 4, 2, 5], { mean: 1.5, std: 2 }); // (N, C, H, W)
  const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).to.be.closeTo(b[i], 1e-5));
  const arr = (t: { data: ArrayLike<number> }) => Array.from(t.data);

  it("BatchNorm shares statistics per channel: matches mean/variance over axes (0, 2, 3)", () => {
    const g = normGroups("batch", x.shape);
    expect([g.numGroups, g.groupSize]).to.deep.equal([4, 30]);
    const s = groupStatistics(x, g);
    close(s.mean, arr(mean(x, [0, 2, 3])));
    close(s.variance, arr(variance(x, [0, 2, 3], { unbiased: false })));
  });

  it("LayerNorm per example: axes (1, 2, 3); InstanceNorm per example and channel: axes (2, 3)", () => {
    const ln = groupStatistics(x, normGroups("layer", x.shape));
    close(ln.mean, arr(mean(x, [1, 2, 3])));
    close(ln.variance, arr(variance(x, [1, 2, 3], { unbiased: false })));
    const inorm = groupStatistics(x, normGroups("instance", x.shape));
    close(inorm.mean, arr(mean(x, [2, 3])));
    close(inorm.variance, arr(variance(x, [2, 3], { unbiased: false })));
  });

  it("GroupNorm with G groups: statistics over (C/G, H, W) per example; G=1 is LayerNorm, G=C is InstanceNorm", () => {
    const g = normGroups("group", x.shape, { numGroups: 2 });
    expect([g.numGroups, g.groupSize]).to.deep.equal([6, 20]);
    const grouped = reshape(x, [3, 2, 20]);
    const s = groupStatistics(x, g);
    close(s.mean, arr(mean(grouped, [2])));
    close(s.variance, arr(variance(grouped, [2], { unbiased: false })));
    expect(Array.from(normGroups("group", x.shape, { numGroups: 1 }).groupOf)).to.deep.equal(
      Array.from(normGroups("layer", x.shape).groupOf),
    );
    expect(Array.from(normGroups("group", x.shape, { numGroups: 4 }).groupOf)).to.deep.equal(
      Array.from(normGroups("instance", x.shape).groupOf),
    );
  });

  it("treats (N, C) as (N, C, 1, 1)", () => {
    expect(normGroups("batch", [8, 3]).shape).to.deep.equal([8, 3, 1, 1]);
  });

  it("refuses groups that do not divide the channels, bad shapes and mismatched tensors", () => {
    expect(() => normGroups("group", [2, 6, 4, 4], { numGroups: 4 })).to.throw(ArgumentError, /divides the 6 channels/);
    expect(() => normGroups("batch", [2, 6, 4])).to.throw(ShapeError);
    expect(() => groupStatistics(x, normGroups("batch", [2, 2]))).to.throw(
      ShapeError,
      /shape the groups were made for/,
    );
  });
});
