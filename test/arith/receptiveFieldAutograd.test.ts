import { expect } from "chai";
import * as gl from "../../src";

/** Rows and columns of the input that the gradient of output unit (row, col) reaches: [top, bottom], [left, right]. */
function gradientSupport(
  model: gl.nn.Module,
  inputSize: number,
  row: number,
  col: number,
): [[number, number], [number, number]] {
  gl.seed(5);
  const x = gl.randn([1, 1, inputSize, inputSize], { dtype: "float64", requiresGrad: true });
  const y = model.forward(x); // (1, C, H', W')
  const [, C, H, W] = y.shape;
  const seed = gl.zeros(y.shape, { dtype: "float64" });
  for (let c = 0; c < C; c++) seed.data[(c * H + row) * W + col] = 1;
  y.backward(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  x.grad!.data.forEach((g, i) => {
    if (g !== 0) {
      rows.push(Math.floor(i / inputSize));
      cols.push(i % inputSize);
    }
  });
  return [
    [Math.min(...rows), Math.max(...rows)],
    [Math.min(...cols), Math.max(...cols)],
  ];
}

describe("receptive field vs autograd", () => {
  it("the field a unit sees (clipped to the image) is exactly where its gradient reaches (stride, padding, dilation, avg pooling)", () => {
    gl.seed(3);
    const model = new gl.nn.Sequential([
      new gl.nn.Conv2d(1, 2, 3, { padding: 1 }),
      new gl.nn.Conv2d(2, 2, 3, { stride: 2 }),
      new gl.nn.AvgPool2d(2),
      new gl.nn.Conv2d(2, 2, 3, { dilation: 2, padding: 1 }),
      new gl.nn.Conv2d(2, 1, [3, 5], { padding: [1, 2] }),
    ]);
    gl.noGrad(() => model.parameters().forEach((p) => p.data.set(gl.randn(p.shape).data))); // generic weights: no cancellations
    // 49 pixels: every layer's windows tile its input exactly, so no border pixel is dropped by a floor
    const rows = gl.arith.receptiveField(model, { inputSize: 49 });
    const last = rows[rows.length - 1];
    const clip = (lo: number, hi: number): [number, number] => [Math.max(0, lo), Math.min(48, hi)];
    let interior = 0;
    for (const [row, col] of [
      [0, 0],
      [4, 4],
      [5, 3],
      [9, 9],
    ]) {
      const [rowsSeen, colsSeen] = gradientSupport(model, 49, row, col);
      const centreRow = last.start + row * last.j;
      const centreCol = last.width.start + col * last.width.j;
      const fieldRows: [number, number] = [centreRow - (last.r - 1) / 2, centreRow + (last.r - 1) / 2];
      const fieldCols: [number, number] = [centreCol - (last.width.r - 1) / 2, centreCol + (last.width.r - 1) / 2];
      expect(rowsSeen, `unit ${row},${col} rows`).to.deep.equal(clip(...fieldRows));
      expect(colsSeen, `unit ${row},${col} cols`).to.deep.equal(clip(...fieldCols));
      if (fieldRows[0] >= 0 && fieldRows[1] <= 48 && fieldCols[0] >= 0 && fieldCols[1] <= 48) interior++;
    }
    expect(interior).to.be.greaterThan(0); // at least one unit whose whole field lies inside the image
    expect(last.r).to.not.equal(last.width.r); // the 3×5 kernel makes the field non-square
  });
});
