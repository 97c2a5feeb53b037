import { expect } from "chai";
import { normalization } from "../../src/exercises/normalization";

type Id = Parameters<typeof normalization.check>[0];
const grade = (id: string, answer: unknown) => normalization.grade(id as Id, answer);

describe("exercises.normalization", () => {
  const mu = 3;
  const y = (div: number) => [1, 2, 3, 6].map((x) => (2 * (x - mu)) / div + 1);

  it("grades BatchNorm's output and names the unbiased-variance, σ²-for-σ and γ·x + β mistakes", () => {
    expect(grade("bnOutput", y(Math.sqrt(3.5))).correct).to.equal(true);
    expect(grade("bnOutput", y(Math.sqrt(14 / 3))).message).to.match(/unbiased/);
    expect(grade("bnOutput", y(3.5)).message).to.match(/divided by σ²/);
    expect(grade("bnOutput", [3, 5, 7, 13]).message).to.match(/γ·x \+ β/);
    expect(grade("bnOutput", [0, 0, 0, 0]).message).to.match(/placeholder/);
  });

  it("grades the running variance (PyTorch stores the unbiased batch variance) and spots the biased one and Keras's weighting", () => {
    expect(grade("runningVar", 0.9 + 0.1 * (14 / 3)).correct).to.equal(true);
    expect(grade("runningVar", 0.9 + 0.35).message).to.match(/biased variance/);
    expect(grade("runningVar", 0.1 + 0.9 * (14 / 3)).message).to.match(/NEW batch/);
  });

  it("grades the Keras-to-PyTorch momentum conversion", () => {
    expect(grade("kerasPort", { momentum: 1 - 0.9, eps: 0.001 }).correct).to.equal(true);
    expect(grade("kerasPort", { momentum: 0.9, eps: 0.001 }).message).to.match(/other way round/);
    expect(grade("kerasPort", { momentum: 0.1, eps: 1e-5 }).mistake?.code).to.equal("pytorch-eps");
  });

  it("grades GroupNorm's statistic count and names BatchNorm/InstanceNorm counts", () => {
    expect(grade("groupCount", { statistics: 24, perStatistic: 392 }).correct).to.equal(true);
    expect(grade("groupCount", { statistics: 4, perStatistic: 392 }).message).to.match(/never mixes examples/);
    expect(grade("groupCount", { statistics: 24, perStatistic: 392 * 6 }).message).to.match(/batch axis/);
    expect(grade("groupCount", { statistics: 32, perStatistic: 294 }).message).to.match(/BatchNorm/);
    expect(grade("groupCount", { statistics: 192, perStatistic: 49 }).message).to.match(/InstanceNorm/);
  });
});
