import { expect } from "chai";
import { receptiveField } from "../../src/arith/receptiveField";
import { receptiveFieldBox } from "../../src/arith/receptiveFieldBox";

/**
 * Input positions reached by unit `u` of the last layer, by following every tap of every window
 * back one layer at a time (a set computation, independent of the r/j/start recurrence). Positions
 * in the padding are followed back too, as the theoretical field does.
 */
function reachedPixels(layers: { kernelSize: number; stride?: number; padding?: number }[], u: number): number[] {
  let units = new Set([u]);
  for (let k = layers.length - 1; k >= 0; k--) {
    const { kernelSize, stride = 1, padding = 0 } = layers[k];
    const below = new Set<number>();
    for (const i of units) for (let t = 0; t < kernelSize; t++) below.add(i * stride - padding + t);
    units = below;
  }
  return [...units].sort((a, b) => a - b);
}

describe("arith.receptiveFieldBox", () => {
  it("runs its JSDoc example", () => {
    const rows = receptiveField([{ kernelSize: 3 }, { kernelSize: 3 }]);
    expect(receptiveFieldBox(rows[1], [0, 0])).to.deep.equal({ top: 0, left: 0, height: 5, width: 5, clipped: null });
    expect(receptiveFieldBox(rows[1], [2, 2], 8).clipped).to.deep.equal({ top: 2, left: 2, height: 5, width: 5 });
  });

  it("matches the pixels reached by following the windows back through conv and pooling layers", () => {
    const layers = [
      { kernelSize: 3, padding: 1 },
      { kernelSize: 2, stride: 2 },
      { kernelSize: 3, padding: 1 },
      { kernelSize: 3, stride: 2, padding: 1 },
    ];
    const rows = receptiveField(layers);
    for (const u of [0, 1, 3]) {
      const reached = reachedPixels(layers, u); // may include padding positions (negative)
      const box = receptiveFieldBox(rows[rows.length - 1], [u, u]);
      expect([box.left, box.left + box.width - 1], `unit ${u}`).to.deep.equal([
        reached[0],
        reached[reached.length - 1],
      ]);
      expect(box.width).to.equal(reached.length); // no holes with these layers
    }
  });

  it("clips a field that starts in the padding to the image", () => {
    const rows = receptiveField([
      { kernelSize: 5, padding: 2 },
      { kernelSize: 5, padding: 2 },
    ]);
    const box = receptiveFieldBox(rows[1], [0, 1], 10);
    expect([box.top, box.left]).to.deep.equal([-4, -3]);
    expect(box.clipped).to.deep.equal({ top: 0, left: 0, height: 5, width: 6 });
  });

  it("refuses a unit that is not a pair of whole numbers", () => {
    const rows = receptiveField([{ kernelSize: 3 }]);
    expect(() => receptiveFieldBox(rows[0], [0.5, 0] as [number, number])).to.throw(/unit/);
  });
});
