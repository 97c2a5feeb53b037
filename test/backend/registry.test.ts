import { expect } from "chai";
import * as gl from "../../src";
import { KERNEL_PRECEDENCE, getKernel, kernelOf, registerKernel } from "../../src/backend/registry";

describe("kernel registry", () => {
  it("a second registration of the same (op, backend, source) is a BackendError, not a silent replacement", () => {
    const first = (): string => "first";
    registerKernel("registryTestDuplicate", "reference", first, "reference");
    expect(() => registerKernel("registryTestDuplicate", "reference", () => "second", "reference"))
      .to.throw(
        gl.BackendError,
        /registerKernel: argument 'op' expected one reference kernel of "registryTestDuplicate"/,
      )
      .with.property("fix")
      .that.match(/KERNEL_PRECEDENCE/);
    expect(getKernel<() => string>("registryTestDuplicate", "reference")()).to.equal("first");
  });

  it("hand-written wasm beats gpu.js on one backend whatever the registration order; reference is the fallback", () => {
    expect(KERNEL_PRECEDENCE).to.deep.equal(["wasm", "gpujs", "reference"]);
    registerKernel("registryTestOrderA", "reference", () => "reference", "reference");
    registerKernel("registryTestOrderA", "webasm", () => "gpujs", "gpujs");
    registerKernel("registryTestOrderA", "webasm", () => "wasm", "wasm");
    registerKernel("registryTestOrderB", "reference", () => "reference", "reference");
    registerKernel("registryTestOrderB", "webasm", () => "wasm", "wasm");
    registerKernel("registryTestOrderB", "webasm", () => "gpujs", "gpujs");
    for (const op of ["registryTestOrderA", "registryTestOrderB"]) {
      expect(kernelOf(op, "webasm")!.source).to.equal("wasm");
      expect(getKernel<() => string>(op, "webasm")()).to.equal("wasm");
      expect(getKernel<() => string>(op, "cpu")(), "no cpu kernel: the reference runs").to.equal("reference");
    }
  });

  it("the library's own webasm kernels are the hand-written ones, the cpu backend's are gpu.js's", () => {
    for (const op of ["matmul", "conv2d", "conv2dGradInput", "conv2dGradWeight", "maxPool2d", "avgPool2d", "relu"])
      expect(kernelOf(op, "webasm")?.source, op).to.equal("wasm");
    for (const op of ["matmul", "conv2d", "maxPool2d"]) expect(kernelOf(op, "cpu")?.source, op).to.equal("gpujs");
    expect(kernelOf("matmul", "reference")?.source).to.equal("reference");
  });
});
