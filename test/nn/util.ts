/** Test helpers for modules: gradcheck w.r.t. an input and every parameter of a module. */
import * as gl from "../../src";
import { Module } from "../../src/nn/module";

/**
 * Finite-difference check of d(module(x))/d(x, parameters…). Gradcheck makes float64 copies of
 * its inputs; the module's parameter fields are pointed at those copies while `fn` runs.
 */
export function gradcheckModule(
  m: Module,
  x: gl.Tensor,
  opts: gl.GradcheckOptions = {},
  withInput = true,
): gl.GradcheckResult {
  const named = m.namedParameters();
  const owners = new Map(m.namedModules());
  const slots = named.map(([name]) => {
    const parts = name.split(".");
    const field = parts.pop()!;
    return { owner: owners.get(parts.join("."))! as unknown as Record<string, gl.Tensor>, field };
  });
  const fn = (...inputs: gl.Tensor[]): gl.Tensor => {
    const xi = withInput ? inputs[0] : x;
    const ps = withInput ? inputs.slice(1) : inputs;
    const saved = slots.map(({ owner, field }) => owner[field]);
    slots.forEach(({ owner, field }, i) => (owner[field] = ps[i]));
    try {
      return m.forward(xi);
    } finally {
      slots.forEach(({ owner, field }, i) => (owner[field] = saved[i]));
    }
  };
  return gl.gradcheck(fn, [...(withInput ? [x] : []), ...named.map(([, p]) => p)], opts);
}
