/**
 * The autograd engine: reverse-mode differentiation over the graph that ops record.
 * `record(...)` attaches a backward rule to an op's result; `backward(root)` walks the graph in
 * reverse topological order, applies each rule and accumulates gradients (a tensor used twice
 * gets the sum of both contributions).
 */
import { ArgumentError, ShapeError, check, show } from "../errors";
import { BackwardOptions, GradFn, Tensor } from "../tensor/tensor";
import { sameShape } from "../tensor/shape";
import { isGradEnabled, noGrad } from "./mode";
import { changeSince, snapshot } from "../tensor/saved";

/**
 * Wraps an op's output: if grad mode is on and an input requires grad, the output records how to
 * send its gradient back to the inputs.
 */
export function record(
  out: Tensor,
  name: string,
  inputs: readonly Tensor[],
  backward: (gradOutput: Tensor) => (Tensor | null)[],
): Tensor {
  if (isGradEnabled() && inputs.some((t) => t.requiresGrad)) {
    out.requiresGrad = true;
    const fn: GradFn = { name, inputs, backward, saved: [...inputs.map(snapshot), snapshot(out)] };
    out.gradFn = fn;
  }
  return out;
}

/** Refuses to run an op's backward rule when a value it used was changed in place after the forward pass. */
function checkUnchanged(fn: GradFn, out: Tensor): void {
  if (!fn.saved) return;
  const tensors = [...fn.inputs, out];
  tensors.forEach((x, i) => {
    const change = changeSince(x, fn.saved![i]);
    if (change === null) return;
    const which = i < fn.inputs.length ? `input ${i} of op '${fn.name}'` : `the output of op '${fn.name}'`;
    const named = x.name ? ` ('${x.name}')` : "";
    throw new ArgumentError({
      fn: "backward",
      expected: `the values op '${fn.name}' used in the forward pass (its backward rule needs them)`,
      received: `${which}${named}, shape ${show(x.shape)}, was changed after the forward pass: ${change}`,
      fix:
        "The gradient would be that of a function that was never computed. Change values only after backward() " +
        "(the order is forward, loss, backward, optimizer.step()), or run the forward pass again after the change; " +
        "to experiment with other values, change a copy (x.clone()).",
    });
  });
}

/** Tensors reachable from `root` through gradFn edges, inputs before outputs. */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // iterative DFS (deep nets make recursion deep)
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [t, expanded] = stack.pop()!;
    if (expanded) {
      order.push(t);
      continue;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push([t, true]);
    if (t.gradFn)
      for (const input of t.gradFn.inputs) if (input.requiresGrad && !seen.has(input)) stack.push([input, false]);
  }
  return order;
}

/** a + b as a new tensor; with no `a`, `b` itself (or a copy of it when `copy` is set). */
function accumulate(a: Tensor | undefined | null, b: Tensor, copy = false): Tensor {
  if (!a) return copy ? new Tensor(b.data.slice(), b.shape) : b;
  const out = new Tensor(a.data.slice(), a.shape);
  const d = out.data;
  const bd = b.data;
  for (let i = 0; i < d.length; i++) d[i] += bd[i];
  return out;
}

/**
 * Backpropagates from `root`. Without `grad`, root must be a scalar (the loss) and its gradient
 * is 1. Leaves that require grad get `.grad` (accumulated across calls: zero it between steps).
 */
export function backward(root: Tensor, gradOrNull?: Tensor | null, opts: BackwardOptions = {}): void {
  const grad = gradOrNull ?? undefined;
  check(
    root.requiresGrad,
    () =>
      new ArgumentError({
        fn: "backward",
        expected: "a tensor that depends on something with requiresGrad: true",
        received: "a tensor with requiresGrad false",
        fix: "Create parameters with { requiresGrad: true }, and do not compute the loss inside gl.noGrad().",
      }),
  );
  if (!grad) {
    check(
      root.size === 1,
      () =>
        new ShapeError({
          fn: "backward",
          expected: "a scalar (one element) when no gradient is passed",
          received: `shape ${show(root.shape)}`,
          fix: "Reduce the output to a scalar loss first (gl.sum or gl.mean), or pass backward(gradOfSameShape).",
        }),
    );
  } else {
    check(
      sameShape(grad.shape, root.shape),
      () =>
        new ShapeError({
          fn: "backward",
          arg: "grad",
          expected: `shape ${show(root.shape)} (the shape of the tensor)`,
          received: `shape ${show(grad.shape)}`,
          fix: "backward(grad) takes ∂L/∂(this tensor): one value per element, in its shape (for a scalar loss call backward() with nothing).",
        }),
    );
  }
  const seedGrad =
    grad ?? new Tensor(root.data instanceof Float64Array ? new Float64Array([1]) : new Float32Array([1]), root.shape);
  const order = topologicalOrder(root);
  const used = order.find((t) => t.gradFn?.consumed);
  check(
    used === undefined,
    () =>
      new ArgumentError({
        fn: "backward",
        expected: "a graph that has not been backpropagated yet",
        received: `a graph whose op '${used!.gradFn!.name}' was already backpropagated by an earlier backward()`,
        fix:
          "Its gradients would be added to .grad a second time. Run the forward pass (and the loss) again before each backward(), " +
          "or call the first one as backward(undefined, { retainGraph: true }) if you mean to backpropagate twice.",
      }),
  );
  // before any gradient is stored: a refused backward leaves every .grad as it was
  for (const t of order) if (t.gradFn) checkUnchanged(t.gradFn, t);
  if (!opts.retainGraph) for (const t of order) if (t.gradFn) t.gradFn.consumed = true;
  const grads = new Map<Tensor, Tensor>();
  grads.set(root, seedGrad);
  noGrad(() => {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k];
      let g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      g = t.runHooks(g);
      // a stored .grad never aliases another tensor, so in-place clipping of one cannot touch another
      if (t.retainsGrad) t.grad = accumulate(t.grad, g, true);
      const fn = t.gradFn;
      if (!fn) continue;
      const inputGrads = fn.backward(g);
      fn.inputs.forEach((input, i) => {
        const gi = inputGrads[i];
        if (!gi || !input.requiresGrad) return;
        if (!sameShape(gi.shape, input.shape)) {
          throw new ShapeError({
            fn: `backward of ${fn.name}`,
            arg: `input ${i}`,
            expected: `a gradient of shape ${show(input.shape)}`,
            received: `shape ${show(gi.shape)}`,
            fix: "This is a bug in the op's backward rule; please report it.",
          });
        }
        grads.set(input, accumulate(grads.get(input), gi));
      });
    }
  });
}
