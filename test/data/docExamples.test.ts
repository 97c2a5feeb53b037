import * as gl from "../../src";
import { describeDocExamples } from "../arith/docExamples";

describeDocExamples("doc examples: gl.data", ["src/data"], (file) => {
  gl.seed(0);
  const images = file.endsWith("augment.ts");
  return {
    X: images ? gl.rand([4, 1, 8, 8]) : gl.randn([40, 3]),
    y: gl.zeros([40]),
    XTrain: gl.randn([40, 3]),
    XTest: gl.randn([10, 3]),
    symmetricEigen: gl.data.symmetricEigen,
  };
});
