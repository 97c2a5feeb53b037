import { expect } from "chai";
import * as gl from "../../src";

const ex = gl.exercises.babysitting;
const grade = (name: Parameters<typeof ex.grade>[0], answer: unknown): { correct: boolean; message: string } =>
  ex.grade(name, answer);

describe("exercises.babysitting (lesson 09)", () => {
  it("initialLoss: ln 100 passes; log10, the probability and ln 10 are named", () => {
    expect(grade("initialLoss", Math.log(100)).correct).to.equal(true);
    expect(grade("initialLoss", 2).message).to.match(/log base 10/);
    expect(grade("initialLoss", 0.01).message).to.match(/probability/);
    expect(grade("initialLoss", Math.log(10)).message).to.match(/10 classes/);
  });

  it("updateRatio runs the learner's function: the probe's definition passes, common slips are named", () => {
    const std = (v: ArrayLike<number>): number => {
      const m = Array.from(v).reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(Array.from(v).reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
    };
    const right = (b: Float32Array, a: Float32Array): number => Math.log10(std(b.map((x, i) => a[i] - x)) / std(b));
    expect(grade("updateRatio", right).correct).to.equal(true);
    const noLog = (b: Float32Array, a: Float32Array): number => 10 ** right(b, a);
    expect(grade("updateRatio", noLog).message).to.match(/log10/);
    const afterStd = (b: Float32Array, a: Float32Array): number => Math.log10(std(b.map((x, i) => a[i] - x)) / std(a));
    expect(grade("updateRatio", afterStd).message).to.match(/after the update/);
    const diffOfStds = (b: Float32Array, a: Float32Array): number => Math.log10(Math.abs(std(a) - std(b)) / std(b));
    expect(grade("updateRatio", diffOfStds).message).to.match(/element by element/);
    expect(grade("updateRatio", () => 0).correct).to.equal(false);
    expect(grade("updateRatio", 3).correct).to.equal(false);
    // the probe itself agrees with the grader's definition
    const model = new gl.nn.Sequential([new gl.nn.Linear(8, 8)]);
    const p = gl.probe.attach(model);
    const opt = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
    const before = Float32Array.from(model.namedParameters()[0][1].data);
    gl.sum(gl.square(model.forward(gl.randn([16, 8])))).backward();
    p.beforeStep();
    opt.step();
    p.afterStep();
    const after = Float32Array.from(model.namedParameters()[0][1].data);
    expect(p.records[0].parameters[0].updateDataRatio).to.be.closeTo(right(before, after), 1e-6);
  });

  it("whichCode: overfitting passes; other codes get feedback about the curves", () => {
    expect(grade("whichCode", "overfitting").correct).to.equal(true);
    expect(grade("whichCode", "underfitting").message).to.match(/both losses stay high/);
    expect(grade("whichCode", "lr-too-high").correct).to.equal(false);
    expect(grade("whichCode", "bogus").message).to.match(/one of the codes/);
  });

  it("lrFactor: 10^2.5 passes; lowering lr and the bare exponent are named", () => {
    expect(grade("lrFactor", 316).correct).to.equal(true);
    expect(grade("lrFactor", 1 / 316).message).to.match(/lowers/);
    expect(grade("lrFactor", 2.5).message).to.match(/number of decades/);
  });
});
