/** Identity: returns its input unchanged (a placeholder, e.g. to switch a layer off). */
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

export class Identity extends Module {
  /** @example new gl.nn.Identity().forward(gl.tensor([1, 2])).toList() // [1, 2] */
  forward(x: Tensor): Tensor {
    return x;
  }
}
