import { expect } from "chai";
import * as gl from "../../src";
import { describeDocExamples, instrument, runExample, statedValue } from "../arith/docExamples";

describeDocExamples(
  "doc examples: gl.exercises (framework files)",
  [
    "src/exercises/compare.ts",
    "src/exercises/define.ts",
    "src/exercises/formula.ts",
    "src/exercises/result.ts",
    "src/exercises/spec.ts",
  ],
  () => ({}),
);

describe("doc-example runner", () => {
  after(() => gl.exercises.configure({ print: "always" })); // result.ts's example switches printing on

  it("reads values from comments and leaves prose alone", () => {
    expect(statedValue("// 64")).to.deep.equal({ value: 64 });
    expect(statedValue("// 4,097,000")).to.deep.equal({ value: 4097000 });
    expect(statedValue("// 64·3·3·3 + 64 = 1792")).to.deep.equal({ value: 1792 });
    expect(statedValue("// 27 (AlexNet's overlapping pooling)")).to.deep.equal({ value: 27 });
    expect(statedValue("// ≈ 0.127")).to.deep.equal({ value: 0.127 });
    expect(statedValue("// { before: 0, after: 1 }")).to.deep.equal({ value: { before: 0, after: 1 } });
    expect(statedValue("// correct")).to.deep.equal({ value: { correct: true } });
    expect(statedValue("// number of batches per epoch")).to.equal(undefined);
  });

  it("fails an example whose comment states a wrong value, on the same or the next line", () => {
    const wrong = {
      file: "x.ts",
      line: 1,
      code: "gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 }); // 65",
    };
    expect(() => runExample(wrong, {})).to.throw(/64 vs 65/);
    const nextLine = {
      file: "x.ts",
      line: 1,
      code: "gl.arith.tfSamePadding({ inputSize: 128, kernelSize: 3, stride: 2 });\n// { before: 1 }",
    };
    expect(() => runExample(nextLine, {})).to.throw(/before/);
    const decl = {
      file: "x.ts",
      line: 1,
      code: "const n = gl.arith.linearParams({ inFeatures: 2, outFeatures: 3 }); // 8",
    };
    expect(() => runExample(decl, {})).to.throw(/9 vs 8/);
    expect(instrument("f(1); // 2")).to.contain("__check((f(1)), 2");
  });

  it("numbers are compared to the precision they are written with", () => {
    runExample(
      {
        file: "x.ts",
        line: 1,
        code: "gl.arith.depthwiseSeparableParams({ inChannels: 32, outChannels: 64, kernelSize: 3 }).ratio; // 0.13",
      },
      {},
    );
    expect(() =>
      runExample(
        {
          file: "x.ts",
          line: 1,
          code: "gl.arith.depthwiseSeparableParams({ inChannels: 32, outChannels: 64, kernelSize: 3 }).ratio; // 0.12",
        },
        {},
      ),
    ).to.throw();
  });
});
