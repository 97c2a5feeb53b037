import { expect } from "chai";
import * as gl from "../../src";

describe("arith.receptiveField", () => {
  it("two 3×3 convs see 5 pixels, a 2×2/2 pool then doubles the jump", () => {
    const rows = gl.arith.receptiveField([
      { kernelSize: 3, name: "c1" },
      { kernelSize: 3, name: "c2" },
      { kernelSize: 2, stride: 2, name: "p" },
    ]);
    expect(rows.map((r) => [r.name, r.r, r.j, r.start])).to.deep.equal([
      ["c1", 3, 1, 1],
      ["c2", 5, 1, 2],
      ["p", 6, 2, 2.5],
    ]);
  });

  it("each row writes out its step of the recurrence", () => {
    const rows = gl.arith.receptiveField([
      { kernelSize: 3 },
      { kernelSize: 3, stride: 2, padding: 1 },
      { type: "ReLU" },
      { kernelSize: 3, dilation: 2 },
    ]);
    expect(rows[0].explanation).to.equal("r = 1 + (3 − 1)·1 = 3; j = 1·1 = 1; start = 0 + ((3 − 1)/2 − 0)·1 = 1");
    expect(rows[1].explanation).to.equal("r = 3 + (3 − 1)·1 = 5; j = 1·2 = 2; start = 1 + ((3 − 1)/2 − 1)·1 = 1");
    expect(rows[2].explanation).to.equal("unchanged (r = 5, j = 2, start = 1)");
    expect(rows[3].explanation).to.equal("r = 5 + (5 − 1)·2 = 13; j = 2·1 = 2; start = 1 + ((5 − 1)/2 − 0)·2 = 5");
  });

  it("padding moves the first field's centre back (into the padding when p > (k−1)/2)", () => {
    const rows = gl.arith.receptiveField([
      { kernelSize: 3, padding: 1 },
      { kernelSize: 3, stride: 2, padding: 1 },
      { kernelSize: 1, padding: 1 },
    ]);
    expect(rows.map((r) => [r.r, r.j, r.start])).to.deep.equal([
      [3, 1, 0],
      [5, 2, 0],
      [5, 2, -2],
    ]);
  });

  it("a dilated 3×3 (d = 2) acts as a 5×5 for the field, and stacked dilations grow it exponentially", () => {
    expect(gl.arith.receptiveField([{ kernelSize: 3, dilation: 2 }])[0].r).to.equal(5);
    const rows = gl.arith.receptiveField([1, 2, 4, 8].map((d) => ({ kernelSize: 3, dilation: d, padding: d })));
    expect(rows.map((r) => r.r)).to.deep.equal([3, 7, 15, 31]);
    expect(rows.every((r) => r.start === 0 && r.j === 1)).to.equal(true);
  });

  it("agrees with a brute-force trace of which input pixels reach one unit (1-D, random stacks)", () => {
    const g = new gl.Generator(7);
    for (let trial = 0; trial < 30; trial++) {
      const layers = Array.from({ length: 1 + g.int(4) }, () => {
        const kernelSize = 1 + g.int(4);
        return {
          kernelSize,
          stride: 1 + g.int(3),
          padding: g.int(Math.floor(kernelSize / 2) + 1),
          dilation: 1 + g.int(2),
        };
      });
      // positions (in input coordinates, padding allowed) that feed output unit 0 of the last layer
      let positions = new Set<number>([0]);
      for (let l = layers.length - 1; l >= 0; l--) {
        const { kernelSize, stride, padding, dilation } = layers[l];
        const next = new Set<number>();
        for (const u of positions) for (let t = 0; t < kernelSize; t++) next.add(u * stride - padding + t * dilation);
        positions = next;
      }
      const lo = Math.min(...positions);
      const hi = Math.max(...positions);
      const last = gl.arith.receptiveField(layers).at(-1)!;
      expect(last.r, JSON.stringify(layers)).to.equal(hi - lo + 1);
      expect(last.start, JSON.stringify(layers)).to.equal((lo + hi) / 2);
    }
  });

  it("VGG-16: conv5_3 sees 196 pixels, pool5 212; AlexNet's pool5 sees 195", () => {
    const vgg = gl.arith.receptiveField(gl.arith.models.vgg16());
    const at = (name: string): gl.arith.ReceptiveFieldRow => vgg.find((r) => r.name === name)!;
    expect([at("conv1_2").r, at("pool1").r, at("conv3_3").r, at("conv5_3").r, at("pool5").r]).to.deep.equal([
      5, 6, 40, 196, 212,
    ]);
    expect(at("conv5_3").j).to.equal(16);
    const alex = gl.arith.receptiveField(gl.arith.models.alexnet());
    expect(alex.find((r) => r.name === "pool5")!.r).to.equal(195);
    expect(alex.find((r) => r.name === "conv1")!.r).to.equal(11);
  });

  it("a residual block's field follows its body (ResNet-18 after layer1: 43)", () => {
    const rows = gl.arith.receptiveField(gl.arith.models.resnet18());
    expect(rows.find((r) => r.name === "maxpool")!.r).to.equal(11);
    expect(rows.find((r) => r.name === "layer1.1")!.r).to.equal(43);
    expect(rows.find((r) => r.name === "layer4.1")!.r).to.equal(435);
  });

  it("[top, bottom, left, right] padding sizes each axis and places the field's start", () => {
    const s = gl.summary([gl.arith.layers.conv(1, 2, 3, { stride: 2, padding: [0, 1, 1, 1] })], [1, 1, 128, 128]);
    expect(s.rows[0].outputShape).to.deep.equal([1, 2, 64, 64]);
    const [row] = gl.arith.receptiveField([
      { type: "Conv2d", inChannels: 1, outChannels: 1, kernelSize: 3, padding: [0, 1, 2, 0] },
    ]);
    expect(row.start).to.equal(1);
    expect(row.width.start).to.equal(-1);
  });

  it("non-square kernels give different fields per axis", () => {
    const [row] = gl.arith.receptiveField([{ kernelSize: [3, 7] }]);
    expect(row.r).to.equal(3);
    expect(row.width.r).to.equal(7);
  });

  it("layers that need the map size say so when it is missing", () => {
    const layers: gl.arith.LayerSpec[] = [{ kernelSize: 3 }, { type: "Flatten" }];
    expect(() => gl.arith.receptiveField(layers)).to.throw(gl.ShapeError, /inputSize/);
    const rows = gl.arith.receptiveField(layers, { inputSize: 8 });
    expect(rows[1].r).to.equal(8); // flatten: every position of the 6×6 map feeds the output
  });
});
