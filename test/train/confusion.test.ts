import { expect } from "chai";
import * as gl from "../../src";
import { accuracy } from "../../src/train/metrics";

describe("confusionMatrix and confidentMistakes", () => {
  it("counts true class × predicted class; rows sum to the class counts and the diagonal to the correct ones", () => {
    gl.seed(1);
    const logits = gl.randn([200, 4]);
    const y = gl.tensor(Array.from({ length: 200 }, (_, i) => i % 4));
    const cm = gl.confusionMatrix(logits, y);
    expect(cm.map((row) => row.reduce((a, b) => a + b, 0))).to.deep.equal([50, 50, 50, 50]);
    const correct = cm.reduce((s, row, i) => s + row[i], 0);
    expect(correct / 200).to.be.closeTo(accuracy(logits, y), 1e-12);
  });

  it("lists only wrong predictions, most confident first, with the softmax probability of the wrong class", () => {
    const logits = gl.tensor([
      [0, 2, 0], // wrong, p = e²/(e² + 2)
      [3, 0, 0], // right
      [0, 0, 5], // wrong, most confident
      [1, 1.5, 0], // wrong, least confident
    ]);
    const m = gl.confidentMistakes(logits, gl.tensor([0, 0, 1, 2]), 10);
    expect(m.map((r) => r.index)).to.deep.equal([2, 0, 3]);
    expect(m[0]).to.include({ label: 1, predicted: 2 });
    expect(m[1].confidence).to.be.closeTo(Math.exp(2) / (Math.exp(2) + 2), 1e-12);
    expect(gl.softmax(logits).toArray()).to.satisfy((p: number[][]) => Math.abs(p[3][1] - m[2].confidence) < 1e-6);
    expect(gl.confidentMistakes(logits, gl.tensor([0, 0, 1, 2]), 1)).to.have.length(1);
  });

  it("refuses labels of another length, with a fix", () => {
    expect(() => gl.confusionMatrix(gl.zeros([3, 2]), gl.zeros([4]))).to.throw(gl.ShapeError, /gl\.predict/);
  });

  it("refuses labels that are not class indices of the logits, naming y", () => {
    const logits = gl.zeros([2, 3]);
    for (const y of [gl.tensor([0, 3]), gl.tensor([0, 0.5]), gl.tensor([-1, 0])])
      expect(() => gl.confusionMatrix(logits, y))
        .to.throw(gl.ArgumentError, /argument 'y'.*whole numbers in \[0, 2\]/)
        .with.property("fix");
    expect(() => gl.confidentMistakes(logits, gl.tensor([0, 1]), 0)).to.throw(gl.ArgumentError, /argument 'k'/);
  });
});
