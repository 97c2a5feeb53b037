import { expect } from "chai";
import { windowPositions } from "../../src/arith/windowPositions";
import { kernelPlacement } from "../../src/plot/kernelPlacement";

describe("plot.kernelPlacement", () => {
  const w = windowPositions({ inputSize: 7, kernelSize: 3, stride: 2, padding: 1 });
  const fig = kernelPlacement(w);

  it("has one frame and one slider step per output unit", () => {
    expect(fig.frames).to.have.length(w.outputSize);
    const sliders = (fig.layout as { sliders: { steps: unknown[] }[] }).sliders;
    expect(sliders[0].steps).to.have.length(w.outputSize);
  });

  it("marks exactly the selected unit's taps in red and the padding cells in grey, in every frame", () => {
    fig.frames!.forEach((frame, i) => {
      const input = (frame.data as { x: number[]; marker: { color: string[] } }[])[0];
      const red = input.x.filter((_, k) => input.marker.color[k] === "#d62728");
      expect(red).to.deep.equal(w.windows[i]);
      const grey = input.x.filter((_, k) => input.marker.color[k] === "#d9d9d9");
      expect(grey.every((p) => p < 0 || p >= 7)).to.equal(true);
    });
  });

  it("plots the coverage as bars over the unpadded input, naming W, F, S, P, d in the title", () => {
    const bars = fig.data[3] as { y: number[] };
    expect(bars.y).to.deep.equal(w.coverage);
    expect(JSON.stringify(fig.layout)).to.contain("W=7, F=3, S=2, P=1, d=1");
  });
});
