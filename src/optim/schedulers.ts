/**
 * Learning-rate schedules: each sets every parameter group's lr from its starting value lr₀ and
 * the number of `step()` calls t (call once per epoch or per batch, as the schedule intends):
 *   StepLR              lr = lr₀·γ^⌊t/stepSize⌋
 *   ExponentialLR       lr = lr₀·γᵗ
 *   CosineAnnealingLR   lr = η_min + (lr₀ − η_min)·(1 + cos(πt/T_max))/2
 *   LinearWarmup        lr = lr₀·(f + (1 − f)·min(t, warmupSteps)/warmupSteps)   (PyTorch's LinearLR to 1)
 *   OneCycleLR          warm up from maxLr/divFactor to maxLr over pctStart of the steps, then
 *                       anneal to maxLr/(divFactor·finalDivFactor) (Smith & Topin, 2018); like
 *                       PyTorch it cycles momentum (or Adam's β₁) the opposite way, 0.95 → 0.85 → 0.95.
 * Formulas are PyTorch's closed forms. `preview(n)` lists the first n learning rates for a plot.
 */
import { int, num, optionalNum, options } from "../args";
import { ArgumentError, check, show } from "../errors";
import { checkCount } from "../nn/validate";
import { BaseOptions, Optimizer, ParamGroup } from "./optimizer";

export abstract class LRScheduler {
  readonly optimizer: Optimizer<BaseOptions>;
  /** Each group's learning rate when the scheduler was made. */
  readonly baseLrs: number[];
  /** Number of `step()` calls so far. */
  t = 0;

  constructor(optimizer: Optimizer<BaseOptions>) {
    check(
      optimizer instanceof Optimizer,
      () =>
        new ArgumentError({
          fn: new.target.name,
          arg: "optimizer",
          expected: "an optimizer, e.g. new gl.optim.SGD(...)",
          received: show(optimizer),
          fix: "Build the optimizer first and pass it: new gl.optim.StepLR(opt, { stepSize: 10 }).",
        }),
    );
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rate of a group whose starting lr is `baseLr`, after t steps. */
  abstract lrAt(t: number, baseLr: number): number;

  /** Advances the schedule by one step and writes the new lr into every group. */
  step(): void {
    this.t++;
    this.apply();
  }

  protected apply(): void {
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = this.lrAt(this.t, this.baseLrs[i])));
  }

  /** The current learning rate of each group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates of the first group for t = 0 … n − 1, without changing anything (to plot). */
  preview(n: number): number[] {
    int(`optim.${this.constructor.name}.preview`, "n", n, {
      min: 0,
      fix: "n is how many learning rates to list, e.g. sched.preview(100) for the first 100 steps.",
    });
    return Array.from({ length: n }, (_, t) => this.lrAt(t, this.baseLrs[0]));
  }
}

/**
 * Multiplies the lr by γ every `stepSize` steps.
 * @example
 * const opt = new gl.optim.SGD(new gl.nn.Linear(2, 1).parameters(), { lr: 1 });
 * const sched = new gl.optim.StepLR(opt, { stepSize: 30, gamma: 0.1 }); // call sched.step() each epoch
 * sched.preview(61).filter((_, t) => t % 30 === 0) // [1, 0.1, 0.01]
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;
  constructor(optimizer: Optimizer<BaseOptions>, opts: { stepSize: number; gamma?: number }) {
    super(optimizer);
    opts = options<typeof opts>("StepLR", "opts", opts, ["stepSize", "gamma"]) as typeof opts;
    checkCount("StepLR", "stepSize", opts.stepSize);
    this.stepSize = opts.stepSize;
    this.gamma = optionalNum("StepLR", "gamma", opts.gamma, 0.1, {
      min: 0,
      minExclusive: true,
      fix: "gamma multiplies the learning rate every stepSize epochs: 0.1 divides it by ten.",
    });
  }
  lrAt(t: number, baseLr: number): number {
    return baseLr * this.gamma ** Math.floor(t / this.stepSize);
  }
}

/**
 * Multiplies the lr by γ every step.
 * @example
 * const opt = new gl.optim.SGD(new gl.nn.Linear(2, 1).parameters(), { lr: 1 });
 * new gl.optim.ExponentialLR(opt, { gamma: 0.5 }).preview(3) // [1, 0.5, 0.25]
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  constructor(optimizer: Optimizer<BaseOptions>, opts: { gamma: number }) {
    super(optimizer);
    opts = options<typeof opts>("ExponentialLR", "opts", opts, ["gamma"]) as typeof opts;
    this.gamma = num("ExponentialLR", "gamma", opts.gamma, {
      min: 0,
      minExclusive: true,
      expected: "γ > 0 (e.g. 0.95)",
      fix: "gamma multiplies the learning rate every step: 0.95 shrinks it by 5 % a step.",
    });
  }
  lrAt(t: number, baseLr: number): number {
    return baseLr * this.gamma ** t;
  }
}

/**
 * Half a cosine from lr₀ down to η_min over T_max steps.
 * @example
 * const opt = new gl.optim.SGD(new gl.nn.Linear(2, 1).parameters(), { lr: 1 });
 * new gl.optim.CosineAnnealingLR(opt, { tMax: 2 }).preview(3) // [1, 0.5, 0]
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;
  constructor(optimizer: Optimizer<BaseOptions>, opts: { tMax: number; etaMin?: number }) {
    super(optimizer);
    opts = options<typeof opts>("CosineAnnealingLR", "opts", opts, ["tMax", "etaMin"]) as typeof opts;
    checkCount("CosineAnnealingLR", "tMax", opts.tMax);
    this.tMax = opts.tMax;
    this.etaMin = optionalNum("CosineAnnealingLR", "etaMin", opts.etaMin, 0, {
      min: 0,
      fix: "etaMin is the smallest learning rate the cosine reaches (often 0).",
    });
  }
  lrAt(t: number, baseLr: number): number {
    return this.etaMin + ((baseLr - this.etaMin) * (1 + Math.cos((Math.PI * t) / this.tMax))) / 2;
  }
}

/**
 * Linear warm-up: starts at startFactor·lr₀ (default 0.1) and reaches lr₀ after warmupSteps steps.
 * @example
 * const opt = new gl.optim.SGD(new gl.nn.Linear(2, 1).parameters(), { lr: 1 });
 * new gl.optim.LinearWarmup(opt, { warmupSteps: 2, startFactor: 0.5 }).preview(4) // [0.5, 0.75, 1, 1]
 */
export class LinearWarmup extends LRScheduler {
  readonly warmupSteps: number;
  readonly startFactor: number;
  constructor(optimizer: Optimizer<BaseOptions>, opts: { warmupSteps: number; startFactor?: number }) {
    super(optimizer);
    opts = options<typeof opts>("LinearWarmup", "opts", opts, ["warmupSteps", "startFactor"]) as typeof opts;
    checkCount("LinearWarmup", "warmupSteps", opts.warmupSteps);
    const f = optionalNum("LinearWarmup", "startFactor", opts.startFactor, 0.1, {
      min: 0,
      minExclusive: true,
      max: 1,
      expected: "a factor in (0, 1]",
      fix: "The warm-up starts at startFactor·lr: 0.1 starts at a tenth of the learning rate.",
    });
    this.warmupSteps = opts.warmupSteps;
    this.startFactor = f;
    this.apply();
  }
  lrAt(t: number, baseLr: number): number {
    return baseLr * (this.startFactor + ((1 - this.startFactor) * Math.min(t, this.warmupSteps)) / this.warmupSteps);
  }
}

export interface OneCycleOptions {
  /** The peak learning rate. */
  maxLr: number;
  /** Total number of `step()` calls planned (e.g. epochs × batches per epoch). */
  totalSteps: number;
  /** Fraction of the steps spent warming up (default 0.3). */
  pctStart?: number;
  /** "cos" (default) or "linear" interpolation. */
  annealStrategy?: "cos" | "linear";
  /** Starting lr = maxLr/divFactor (default 25). */
  divFactor?: number;
  /** Final lr = starting lr/finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Cycle momentum (SGD's momentum or Adam's β₁) inversely to the lr (default true). */
  cycleMomentum?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
}

/**
 * The one-cycle policy.
 * @example
 * const opt = new gl.optim.SGD(new gl.nn.Linear(2, 1).parameters(), { lr: 0.1, momentum: 0.9 });
 * const sched = new gl.optim.OneCycleLR(opt, { maxLr: 0.1, totalSteps: 1000 });
 * opt.lrs // [0.004]: it starts at maxLr/25
 */
export class OneCycleLR extends LRScheduler {
  readonly opts: Required<OneCycleOptions>;
  constructor(optimizer: Optimizer<BaseOptions>, opts: OneCycleOptions) {
    super(optimizer);
    opts = options<typeof opts>("OneCycleLR", "opts", opts, [
      "maxLr",
      "totalSteps",
      "pctStart",
      "annealStrategy",
      "divFactor",
      "finalDivFactor",
      "cycleMomentum",
      "baseMomentum",
      "maxMomentum",
    ]) as typeof opts;
    this.opts = {
      pctStart: 0.3,
      annealStrategy: "cos",
      divFactor: 25,
      finalDivFactor: 1e4,
      cycleMomentum: true,
      baseMomentum: 0.85,
      maxMomentum: 0.95,
      ...opts,
    };
    checkCount("OneCycleLR", "totalSteps", opts.totalSteps);
    num("OneCycleLR", "maxLr", opts.maxLr, {
      min: 0,
      minExclusive: true,
      fix: "maxLr is the peak learning rate, e.g. the one the learning-rate range test suggests.",
    });
    for (const k of ["divFactor", "finalDivFactor"] as const)
      num("OneCycleLR", k, this.opts[k], {
        min: 0,
        minExclusive: true,
        fix: `${k} divides the learning rate (default ${k === "divFactor" ? 25 : 1e4}).`,
      });
    const { pctStart } = this.opts;
    check(
      pctStart > 0 && pctStart < 1,
      () =>
        new ArgumentError({
          fn: "OneCycleLR",
          arg: "pctStart",
          expected: "a fraction in (0, 1)",
          received: show(pctStart),
          fix: "pctStart is the fraction of the steps spent warming up, e.g. 0.3.",
        }),
    );
    if (this.opts.cycleMomentum) {
      const g = optimizer.paramGroups[0] as ParamGroup<BaseOptions> & { momentum?: number; betas?: number[] };
      check(
        typeof g.momentum === "number" || Array.isArray(g.betas),
        () =>
          new ArgumentError({
            fn: "OneCycleLR",
            arg: "cycleMomentum",
            expected: "an optimizer with momentum or betas when cycleMomentum is true",
            received: optimizer.constructor.name,
            fix: "Pass cycleMomentum: false.",
          }),
      );
    }
    this.apply();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.opts.annealStrategy === "linear") return start + (end - start) * pct;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  /** Where step t falls: the phase (0 warm-up, 1 anneal) and the fraction of that phase done. */
  private phase(t: number): [number, number] {
    const { pctStart, totalSteps } = this.opts;
    const end1 = pctStart * totalSteps - 1;
    const end2 = totalSteps - 1;
    return t <= end1 ? [0, t / end1] : [1, (t - end1) / (end2 - end1)];
  }

  lrAt(t: number): number {
    const { maxLr, divFactor, finalDivFactor } = this.opts;
    const initial = maxLr / divFactor;
    const [phase, pct] = this.phase(t);
    return phase === 0 ? this.anneal(initial, maxLr, pct) : this.anneal(maxLr, initial / finalDivFactor, pct);
  }

  /** The momentum (or β₁) at step t: high while the lr is low and low at the lr's peak. */
  momentumAt(t: number): number {
    const { baseMomentum, maxMomentum } = this.opts;
    const [phase, pct] = this.phase(t);
    return phase === 0 ? this.anneal(maxMomentum, baseMomentum, pct) : this.anneal(baseMomentum, maxMomentum, pct);
  }

  override step(): void {
    check(
      this.t + 1 <= this.opts.totalSteps,
      () =>
        new ArgumentError({
          fn: "OneCycleLR.step",
          expected: `at most totalSteps = ${this.opts.totalSteps} calls of step()`,
          received: `call number ${this.t + 1}`,
          fix: "Set totalSteps to epochs × batches per epoch (the schedule ends there).",
        }),
    );
    super.step();
  }

  protected override apply(): void {
    super.apply();
    if (!this.opts.cycleMomentum) return;
    const m = this.momentumAt(this.t);
    for (const g of this.optimizer.paramGroups as (ParamGroup<BaseOptions> & {
      momentum?: number;
      betas?: [number, number];
    })[]) {
      if (Array.isArray(g.betas)) g.betas = [m, g.betas[1]];
      else if (typeof g.momentum === "number") g.momentum = m;
    }
  }
}
