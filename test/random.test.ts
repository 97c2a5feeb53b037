/**
 * src/random.ts: the one seeded generator. Same seed → same stream; `gl.seed` resets every draw
 * in gradlab (tensors, initializers, dropout, RReLU, shuffling, data sets); and the numbers do not
 * depend on the compute backend. The generator is checked against an independent implementation
 * of its definition (the seeding mix and xoshiro128**, written here with BigInt arithmetic).
 */
import { expect } from "chai";
import * as gl from "../src";
import { availableBackends, backend, setBackend } from "../src/backend/registry";
import type { BackendName } from "../src/backend/registry";

const M32 = (1n << 32n) - 1n;

/** xoshiro128** seeded as src/random.ts documents it, from the published definitions, in BigInt. */
function referenceStream(seed: number, n: number): number[] {
  let x = BigInt(seed >>> 0);
  const mul = (a: bigint, b: bigint): bigint => (a * b) & M32;
  const next = (): bigint => {
    x = (x + 0x9e3779b9n) & M32;
    let z = x;
    z = mul(z ^ (z >> 16n), 0x85ebca6bn);
    z = mul(z ^ (z >> 13n), 0xc2b2ae35n);
    return (z ^ (z >> 16n)) & M32;
  };
  const s = [next(), next(), next(), next()];
  if (s[3] === 0n) s[3] = 1n;
  const rotl = (v: bigint, k: bigint): bigint => ((v << k) | (v >> (32n - k))) & M32;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const result = mul(rotl(mul(s[1], 5n), 7n), 9n);
    const t = (s[1] << 9n) & M32;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    out.push(Number(result) / 2 ** 32);
  }
  return out;
}

const draws = (g: gl.Generator, n: number): number[] => Array.from({ length: n }, () => g.random());

describe("random: the seeded generator", () => {
  it("matches an independent implementation of xoshiro128** and its seeding, draw for draw", () => {
    for (const seed of [0, 1, 42, 2 ** 31, 4294967295]) {
      expect(draws(new gl.Generator(seed), 1000), `seed ${seed}`).to.deep.equal(referenceStream(seed, 1000));
    }
  });

  it("the same seed gives the same stream of uniforms, normals, integers and permutations", () => {
    const take = (g: gl.Generator) => ({
      u: draws(g, 5),
      n: [g.normal(), g.normal(), g.normal()],
      i: [g.int(10), g.int(1000)],
      p: g.permutation(8),
      r: g.uniform(-3, 3),
    });
    expect(take(new gl.Generator(7))).to.deep.equal(take(new gl.Generator(7)));
    expect(take(new gl.Generator(7))).to.not.deep.equal(take(new gl.Generator(8)));
  });

  it("seed() restarts the stream even halfway through a pair of normals", () => {
    const g = new gl.Generator(3);
    const first = [g.normal(), g.normal(), g.normal()];
    g.normal(); // leaves the second value of a Box-Muller pair cached
    g.seed(3);
    expect([g.normal(), g.normal(), g.normal()]).to.deep.equal(first);
  });

  it("a fork is reproducible and does not change when the parent draws more", () => {
    const a = new gl.Generator(5);
    const b = new gl.Generator(5);
    const fa = a.fork();
    const fb = b.fork();
    draws(b, 10); // the parent moves on; the fork already has its own state
    expect(draws(fa, 20)).to.deep.equal(draws(fb, 20));
    expect(draws(a.fork(), 20)).to.not.deep.equal(draws(new gl.Generator(5).fork(), 20)); // the next fork differs
  });

  it("uniforms lie in [0, 1) with mean 1/2 and variance 1/12; normals have mean 0, variance 1, 68.3 % within ±1", () => {
    const g = new gl.Generator(2024);
    const n = 100000;
    const u = draws(g, n);
    expect(u.every((v) => v >= 0 && v < 1)).to.equal(true);
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const variance = (xs: number[]) => {
      const m = mean(xs);
      return mean(xs.map((v) => (v - m) ** 2));
    };
    expect(mean(u)).to.be.closeTo(0.5, 4 * Math.sqrt(1 / 12 / n));
    expect(variance(u)).to.be.closeTo(1 / 12, 0.002);
    const z = Array.from({ length: n }, () => g.normal());
    expect(mean(z)).to.be.closeTo(0, 4 / Math.sqrt(n));
    expect(variance(z)).to.be.closeTo(1, 0.02);
    expect(z.filter((v) => Math.abs(v) < 1).length / n).to.be.closeTo(0.6827, 0.006);
  });

  it("int(n) covers 0..n−1 evenly and a permutation holds every index once, each first equally often", () => {
    const g = new gl.Generator(9);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[g.int(6)]++;
    for (const c of counts) expect(c).to.be.closeTo(10000, 400); // ~4.4 standard deviations
    const first = new Array(4).fill(0);
    for (let i = 0; i < 24000; i++) {
      const p = g.permutation(4);
      expect([...p].sort()).to.deep.equal([0, 1, 2, 3]);
      first[p[0]]++;
    }
    for (const c of first) expect(c).to.be.closeTo(6000, 300);
  });
});

describe("random: gl.seed makes every draw in gradlab repeatable, on every backend", () => {
  /** Everything in gradlab that draws random numbers, after gl.seed(11), plus a forward/backward pass. */
  function run(): Record<string, number[]> {
    gl.seed(11);
    const out: Record<string, number[]> = {};
    out.randn = gl.randn([50]).toList();
    out.rand = gl.rand([10], { low: -1, high: 1 }).toList();
    out.linear = new gl.nn.Linear(8, 4).weight.toList();
    const conv = new gl.nn.Conv2d(2, 3, 3);
    out.conv = conv.weight.toList();
    out.heNormal = gl.init.heNormal([16, 4]).toList();
    out.dropout = new gl.nn.Dropout(0.5).forward(gl.ones([40])).toList();
    out.rrelu = new gl.nn.RReLU().forward(gl.full([20], -1)).toList();
    out.shuffle = [
      ...new gl.data.DataLoader(gl.arange(12).reshape([12, 1]), gl.zeros([12]), { batchSize: 12 }),
    ][0].indices;
    out.spiral = gl.data.spiral({ n: 20 }).X.toList();
    // heavy ops on the backend (conv, matmul, pooling, backward) must not draw from the stream
    const x = gl.randn([2, 2, 8, 8], { requiresGrad: true });
    gl.sum(gl.maxPool2d(gl.relu(conv.forward(x)), 2)).backward();
    out.after = gl.randn([8]).toList();
    return out;
  }

  const wanted: BackendName[] = ["reference", "webasm", "cpu"];
  let previous: BackendName;
  before(() => {
    previous = backend().name;
  });
  after(() => setBackend(previous));

  it("the same seed gives the same numbers twice", () => {
    expect(run()).to.deep.equal(run());
  });

  it(`gives the same numbers under ${wanted.join(", ")} (and headlessgl where it runs)`, () => {
    const available = availableBackends();
    for (const name of wanted) expect(available, `backend ${name} should run here`).to.include(name);
    setBackend("reference");
    const reference = run();
    for (const name of available.filter((n) => n !== "reference")) {
      setBackend(name);
      expect(run(), `draws under ${name}`).to.deep.equal(reference);
    }
  });
});
