/** Flatten: merges axes startDim..endDim (default all but the batch axis): [N, C, H, W] → [N, C·H·W]. */
import { flatten } from "../ops/reshape";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  /** @example new gl.nn.Flatten().forward(gl.zeros([8, 1, 28, 28])).shape // [8, 784] */
  constructor(startDim = 1, endDim = -1) {
    super();
    this.startDim = startDim;
    this.endDim = endDim;
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
