/**
 * Dropout (inverted): in train mode each element is zeroed with probability p and the survivors
 * are scaled by 1/(1 − p), so the expected value of every unit is unchanged and eval mode needs no
 * rescaling: y = x · m / (1 − p), m ~ Bernoulli(1 − p). In eval mode y = x. Masks come from the
 * seeded `rng`.
 */
import { noGrad } from "../autograd/mode";
import { mul } from "../ops/arithmetic";
import { mapData } from "../ops/elementwise";
import { rng } from "../random";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";
import { checkRange } from "./validate";

export class Dropout extends Module {
  readonly p: number;
  /** The mask of the last train-mode forward (1/(1−p) for kept units, 0 for dropped), for lessons. */
  lastMask: Tensor | null = null;

  /**
   * @example
   * const drop = new gl.nn.Dropout(0.5);
   * drop.forward(gl.ones([4])).toList(); // e.g. [2, 0, 2, 2] in train mode
   * drop.eval().forward(gl.ones([4])).toList() // [1, 1, 1, 1]
   */
  constructor(p = 0.5) {
    super();
    checkRange(
      "Dropout",
      "p",
      p,
      0,
      1,
      true,
      "p is the probability of dropping a unit (0.5 is common), not of keeping it.",
    );
    this.p = p;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const keep = 1 - this.p;
    const mask = noGrad(() => mapData(x.detach(), () => (keep > 0 && rng.random() < keep ? 1 / keep : 0)));
    this.lastMask = mask;
    return mul(x, mask);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
