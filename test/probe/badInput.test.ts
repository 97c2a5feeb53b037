import { expect } from "chai";
import * as gl from "../../src";

const mlp = () => new gl.nn.Sequential([new gl.nn.Linear(2, 4), new gl.nn.Tanh(), new gl.nn.Linear(4, 3)]);

describe("probes refuse malformed calls with a teaching error", () => {
  it("new gl.probe.Probe and probe.attach check the model and every option, under the name called", () => {
    expect(() => new gl.probe.Probe(null as never)).to.throw(gl.ArgumentError, /^probe\.Probe: argument 'model'/);
    expect(() => gl.probe.attach(mlp(), { evry: 2 } as never)).to.throw(
      gl.ArgumentError,
      /^probe\.attach: argument 'evry'.*Did you mean 'every'\?/,
    );
    expect(() => gl.probe.attach(mlp(), { histogramBins: 2.5 })).to.throw(gl.ArgumentError, /'histogramBins'/);
    expect(() => gl.probe.attach(mlp(), { parameters: "false" } as never)).to.throw(gl.ArgumentError, /'parameters'/);
    // Infinity is a documented histogramSample (every value binned)
    gl.probe.attach(mlp(), { histogramSample: Infinity }).detach();
  });

  it("a probe's readers refuse unknown layer and parameter names and bad step indices", () => {
    const p = gl.probe.attach(mlp());
    gl.sum(p.model.forward(gl.randn([4, 2]))).backward();
    p.detach();
    expect(p.layer("1")).to.have.length(1);
    expect(() => p.layer("7")).to.throw(gl.ArgumentError, /probe\.Probe\.layer: argument 'name'.*"0", "1", "2"/);
    expect(() => p.parameter("weight")).to.throw(gl.ArgumentError, /"0\.weight"/);
    expect(p.step(5)).to.equal(undefined); // a step not recorded is not an error
    expect(() => p.step(1.5)).to.throw(gl.ArgumentError, /'i'/);
    expect(() => p.series("activation.stdev" as never)).to.throw(gl.ArgumentError, /'stat'.*activation\.std/);
  });

  it("kindOf, statsOf, lossGrid and erfSpread name the argument at fault", () => {
    expect(() => gl.probe.kindOf(new gl.nn.Tanh() as never)).to.throw(gl.ArgumentError, /constructor\.name/);
    expect(() => gl.probe.statsOf([1, 2], 0)).to.throw(gl.ArgumentError, /'bins'/);
    const model = new gl.nn.Linear(2, 1);
    const X = gl.randn([4, 2]);
    const y = gl.randn([4, 1]);
    expect(() => gl.probe.lossGrid(model, gl.loss.mse, X, y, { xRange: [0, NaN], yRange: [0, 1] })).to.throw(
      gl.ArgumentError,
      /'xRange'/,
    );
    expect(() => gl.probe.lossGrid(model, "mse" as never, X, y, { xRange: [0, 1], yRange: [0, 1] })).to.throw(
      gl.ArgumentError,
      /'loss'/,
    );
    expect(() => gl.probe.erfSpread(null as never)).to.throw(gl.ArgumentError, /'map'/);
  });
});
