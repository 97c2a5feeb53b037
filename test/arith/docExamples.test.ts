import { describeDocExamples } from "./docExamples";

describeDocExamples("doc examples: gl.arith and gl.summary", ["src/arith", "src/summary.ts"], () => ({}));
