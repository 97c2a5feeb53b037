import { expect } from "chai";
import * as gl from "../../src";

describe("plot.computationalGraph", () => {
  it("draws one marker per node, one arrow and one local-gradient label per edge, loss in the last column", () => {
    const w = gl.tensor(2, [], { requiresGrad: true });
    const x = gl.tensor(-1, [], { requiresGrad: true });
    const L = gl.mul(gl.mul(w, x), w);
    const t = gl.traceGraph(L, { w, x, L });
    const fig = gl.plot.computationalGraph(t);
    const markers = fig.data[1] as { x: number[]; text: string[] };
    expect(markers.x).to.have.length(t.nodes.length);
    const annotations = fig.layout!.annotations as { text: string }[];
    expect(annotations.filter((a) => a.text.startsWith("local"))).to.have.length(t.edges.length);
    const lossIdx = t.nodes.findIndex((n) => n.name === "L");
    expect(markers.x[lossIdx]).to.equal(Math.max(...markers.x));
    expect(markers.text[lossIdx]).to.contain("∂L: 1");
  });
});
