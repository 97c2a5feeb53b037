/**
 * Sequential: runs its layers one after another, y = fₙ(…f₂(f₁(x))). Children are named "0",
 * "1", … like PyTorch, so parameters read "0.weight", "2.bias".
 */
import { ArgumentError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

export class Sequential extends Module {
  /**
   * @example
   * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 16), new gl.nn.ReLU(), new gl.nn.Linear(16, 1)]);
   * model.namedParameters().map(([name]) => name) // ["0.weight", "0.bias", "2.weight", "2.bias"]
   */
  constructor(layers: Module[]) {
    super();
    check(
      Array.isArray(layers),
      () =>
        new ArgumentError({
          fn: "Sequential",
          arg: "layers",
          expected: "an array of modules",
          received: show(layers),
          fix: "Wrap the layers in brackets: new gl.nn.Sequential([a, b, c]).",
        }),
    );
    layers.forEach((layer, i) => {
      check(
        layer instanceof Module,
        () =>
          new ArgumentError({
            fn: "Sequential",
            arg: `layers[${i}]`,
            expected: "a Module (a layer)",
            received: show(layer),
            fix: "Did you pass a function such as gl.relu? Use the module new gl.nn.ReLU().",
          }),
      );
      (this as unknown as Record<string, Module>)[String(i)] = layer;
    });
  }

  /** The layers in order. */
  get layers(): Module[] {
    return this.children();
  }

  /** Number of layers. */
  get length(): number {
    return this.children().length;
  }

  /** The i-th layer (negative counts from the end). */
  at(i: number): Module {
    const layers = this.layers;
    const layer = layers[i < 0 ? layers.length + i : i];
    check(
      layer !== undefined,
      () =>
        new ArgumentError({
          fn: "Sequential.at",
          arg: "i",
          expected: `an index in [${-layers.length}, ${layers.length - 1}]`,
          received: show(i),
          fix: "Layers are numbered from 0; −1 is the last one.",
        }),
    );
    return layer;
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }
}
