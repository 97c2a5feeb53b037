import { expect } from "chai";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";

describe("traceGraph", () => {
  it("records value, upstream gradient and local gradient of y = w·x + b (add distributes, mul swaps)", () => {
    const w = gl.tensor(2, [], { requiresGrad: true });
    const x = gl.tensor(-3, [], { requiresGrad: true });
    const b = gl.tensor(1, [], { requiresGrad: true });
    const z = gl.mul(w, x);
    const y = gl.add(z, b);
    const t = gl.traceGraph(y, { w, x, b, z, y });
    const node = (n: string) => t.nodes.find((k) => k.name === n)!;
    expect(node("y").value).to.deep.equal([-5]);
    expect(node("y").grad).to.deep.equal([1]);
    expect(node("z").grad).to.deep.equal([1]); // add passes the gradient unchanged
    expect(node("w").grad).to.deep.equal([-3]); // mul swaps: ∂(wx)/∂w = x
    expect(node("x").grad).to.deep.equal([2]);
    const edge = (from: string, to: string) =>
      t.edges.find((e) => t.nodes[e.from].name === from && t.nodes[e.to].name === to)!;
    expect(edge("w", "z").local).to.deep.equal([-3]);
    expect(edge("x", "z").message).to.deep.equal([2]);
    expect(node("y").depth).to.equal(2);
    // leaves got their .grad as after an ordinary backward
    expectClose(w.grad!, [-3]);
  });

  it("a value used twice gets the sum of both messages", () => {
    const x = gl.tensor(3, [], { requiresGrad: true });
    const y = gl.mul(x, x);
    const t = gl.traceGraph(y, { x, y });
    const xNode = t.nodes.find((n) => n.name === "x")!;
    const messages = t.edges.filter((e) => e.from === xNode.index).map((e) => e.message![0]);
    expect(messages).to.deep.equal([3, 3]);
    expect(xNode.grad).to.deep.equal([6]);
  });

  it("leaves no retained gradients on intermediates", () => {
    const x = gl.tensor([1, 2], null, { requiresGrad: true });
    const h = gl.exp(x);
    gl.traceGraph(gl.sum(h));
    expect(h.grad).to.equal(null);
  });

  it("refuses a non-scalar root with a fix", () => {
    const x = gl.tensor([1, 2], null, { requiresGrad: true });
    expect(() => gl.traceGraph(gl.mul(x, 2))).to.throw(gl.ArgumentError, /scalar/);
  });
});

describe("customOp", () => {
  it("uses the backward rule it is given: a right rule passes gradcheck, a wrong one is caught", () => {
    gl.seed(1);
    const cube = gl.customOp("cube", {
      forward: (x) => gl.mul(gl.mul(x, x), x),
      backward: (g, [x]) => [gl.mul(g, gl.mul(3, gl.mul(x, x)))],
    });
    const wrongCube = gl.customOp("wrongCube", {
      forward: (x) => gl.mul(gl.mul(x, x), x),
      backward: (g, [x]) => [gl.mul(g, gl.mul(2, gl.mul(x, x)))],
    });
    const x = gl.randn([5]);
    expect(gl.gradcheck((a) => gl.sum(cube(a)), [x]).band).to.equal("good");
    const r = gl.gradcheck((a) => gl.sum(wrongCube(a)), [x]);
    expect(r.ok).to.equal(false);
    expect(r.band).to.equal("wrong");
    expect(r.worst.analytic / r.worst.numeric).to.be.closeTo(2 / 3, 1e-4);
  });

  it("explains a backward that returns the wrong number of gradients", () => {
    const bad = gl.customOp("bad", { forward: (x, y) => gl.add(x, y), backward: (g) => [g] });
    const x = gl.tensor([1], null, { requiresGrad: true });
    expect(() => gl.sum(bad(x, x)).backward()).to.throw(gl.ArgumentError, /2 gradients/);
  });
});

describe("traceTable", () => {
  it("gives one row per edge whose message is local × upstream for scalars, and '—' for data", () => {
    const w = gl.tensor(2, [], { requiresGrad: true });
    const x = gl.tensor(3);
    const y = gl.mul(gl.mul(w, x), 5);
    const rows = gl.traceTable(gl.traceGraph(y, { w, x, y }), "edges");
    const wRow = rows.find((r) => String(r.edge).startsWith("w →"))!;
    expect(wRow["local ∂out/∂in"]).to.equal(3);
    expect(wRow["upstream ∂L/∂out"]).to.equal(5);
    expect(wRow["sent back = local × upstream"]).to.equal(15);
    expect(rows.find((r) => String(r.edge).startsWith("x →"))!["local ∂out/∂in"]).to.equal("—");
    expect(gl.traceTable(gl.traceGraph(gl.mul(w, 3), { w }), "nodes")[0]).to.include({ node: "w", value: 2 });
  });
});
