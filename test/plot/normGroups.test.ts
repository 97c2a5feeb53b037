import { expect } from "chai";
import { normGroups as groups } from "../../src/nn/normGroups";
import { normGroups } from "../../src/plot/normGroups";

describe("plot.normGroups", () => {
  const shape = [3, 4, 2, 2];
  const panels = [
    groups("batch", shape),
    groups("layer", shape),
    groups("instance", shape),
    groups("group", shape, { numGroups: 2 }),
  ];
  const fig = normGroups(panels);

  it("draws one heatmap per grouping with one row per example and H·W columns per channel", () => {
    expect(fig.data).to.have.length(4);
    for (const trace of fig.data as { z: number[][] }[]) {
      expect(trace.z).to.have.length(3);
      expect(trace.z[0]).to.have.length(16);
    }
  });

  it("labels each cell with the group id the normGroups data gives it", () => {
    const bn = fig.data[0] as { text: string[][] };
    expect(bn.text[2].slice(0, 8)).to.deep.equal(["0", "0", "0", "0", "1", "1", "1", "1"]); // channel 0 then channel 1
    const ln = fig.data[1] as { text: string[][] };
    expect(new Set(ln.text[2])).to.deep.equal(new Set(["2"])); // the whole third example is one group
  });

  it("titles the figure and names the axes", () => {
    const layout = fig.layout as unknown as Record<string, { title: { text: string } }>;
    expect((fig.layout!.title as { text: string }).text).to.match(/share one mean and variance/);
    expect(layout.xaxis4.title.text).to.match(/channel/);
    expect(layout.yaxis.title.text).to.equal("example n");
  });
});
