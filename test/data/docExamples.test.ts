import { describeDocExamples } from "../arith/docExamples";

describeDocExamples("doc examples: gl.data", ["src/data"], () => ({}));
