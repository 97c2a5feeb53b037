import { expect } from "chai";
import * as gl from "../../src";
import { clipByGlobalNorm } from "../../src/exercises/code/clipping";
import { standardize } from "../../src/exercises/code/preprocessing";
import { dropout } from "../../src/exercises/code/regularization";
import { gradeCode, CodeExerciseSpec } from "../../src/exercises/codeGrader";

/** Every known wrong version is graded wrong and named by its own message. */
function namesEveryWrongVersion(spec: CodeExerciseSpec): void {
  for (const w of spec.wrong ?? []) {
    const v = gradeCode(spec, w.fn);
    expect(v.correct, w.name).to.equal(false);
    expect(v.message, w.name).to.equal(w.why);
  }
}

describe("exercises of lessons 05, 07, 08", () => {
  it("standardize: the solution passes, the starter and each known wrong version do not (named)", () => {
    const solution = (XTrain: gl.Tensor, XTest: gl.Tensor): gl.Tensor => {
      const sd = gl.std(XTrain, 0, { unbiased: false });
      return XTest.sub(gl.mean(XTrain, 0)).div(gl.tensor(sd.toList().map((s) => (s === 0 ? 1 : s))));
    };
    expect(gl.exercises.preprocessing.grade("standardize", solution).correct).to.equal(true);
    const starter = gl.exercises.preprocessing.grade("standardize", (_a: gl.Tensor, b: gl.Tensor) => b);
    expect(starter.correct).to.equal(false);
    // forgetting the constant feature divides by 0
    const noGuard = gradeCode(standardize, (XTrain: gl.Tensor, XTest: gl.Tensor) =>
      XTest.sub(gl.mean(XTrain, 0)).div(gl.std(XTrain, 0, { unbiased: false })),
    );
    expect(noGuard.correct).to.equal(false);
    expect(noGuard.message).to.match(/constant/);
    namesEveryWrongVersion(standardize);
  });

  it("clipByGlobalNorm: the solution passes; per-tensor, always-rescale and by-value are named", () => {
    const solution = (grads: gl.Tensor[], maxNorm: number): gl.Tensor[] => {
      const total = Math.sqrt(grads.reduce((s, g) => s + gl.sum(gl.mul(g, g)).item(), 0));
      return grads.map((g) => gl.mul(g, total > maxNorm ? maxNorm / total : 1));
    };
    expect(gl.exercises.clipping.grade("clipByGlobalNorm", solution).correct).to.equal(true);
    expect(gl.exercises.clipping.grade("clipByGlobalNorm", (g: gl.Tensor[]) => g).correct).to.equal(false);
    namesEveryWrongVersion(clipByGlobalNorm);
  });

  it("dropout: the solution passes despite its own random mask; each wrong convention is named", () => {
    const solution = (x: gl.Tensor, p: number, training: boolean): gl.Tensor =>
      !training ? x : gl.mul(x, gl.div(gl.lt(gl.rand(x.shape), 1 - p), 1 - p));
    expect(gl.exercises.regularization.grade("dropout", solution).correct).to.equal(true);
    expect(gl.exercises.regularization.grade("dropout", (x: gl.Tensor) => x).correct).to.equal(false);
    namesEveryWrongVersion(dropout);
  });

  it("the number exercises accept the answer and name the notes' mistakes", () => {
    const ex = gl.exercises;
    expect(ex.preprocessing.grade("minMaxTest", 1.5).correct).to.equal(true);
    expect(ex.preprocessing.grade("minMaxTest", 1).message).to.match(/clip/);
    expect(ex.preprocessing.grade("largestLr", 2 / 2.4).correct).to.equal(true);
    expect(ex.preprocessing.grade("largestLr", 1 / 2.4).message).to.match(/stability limit/);
    expect(ex.preprocessing.grade("explainedTwo", 0.9).correct).to.equal(true);
    expect(ex.clipping.grade("valueAngle", 12.41).correct).to.equal(true);
    expect(ex.clipping.grade("valueAngle", 0).message).to.match(/NORM/);
    expect(ex.clipping.grade("clipnormSmall", 1).message).to.match(/does not make every norm 1/);
    expect(ex.clipping.grade("growth", 1.2 ** 10).correct).to.equal(true);
    expect(ex.regularization.grade("l1Step", -0.3).correct).to.equal(true);
    expect(ex.regularization.grade("l1Step", -0.5).message).to.match(/sign\(−0.4\) = −1/);
    expect(ex.regularization.grade("decayFromPenalty", 5e-4).message).to.match(/2w/);
    expect(ex.regularization.grade("keptValue", 3).message).to.match(/divided by 1 − p/);
    expect(ex.regularization.grade("keptValue", null).correct).to.equal(false);
  });
});
