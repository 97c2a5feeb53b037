/**
 * `npm run test:hub -- [--students N] [--notebook notebooks/NN-x.ipynb] [--out DIR] [--keep]`:
 * a real JupyterHub (Debian's jupyterhub 3.0 + configurable-http-proxy) on 127.0.0.1, N students
 * (default 3) logging in concurrently, each running the lesson notebook on the gradlab kernel in
 * their own server; two of them check that neither can read the other's files. Needs root (one
 * system user per student). The work is done by scripts/hub_test.py; this wrapper runs setup,
 * installs the hub's Debian packages when missing (as root), prints one row per student and the
 * measurements (peak memory per kernel, CPU-seconds per lesson), and exits 1 on any failure.
 * The executed notebooks, the hub's log and summary.json land in --out (default build/hub-test).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { setup, ROOT, KERNEL_NAME, isRoot } = require("./setup");

const HUB_DEBS = ["jupyterhub", "node-configurable-http-proxy", "python3-nbgitpuller", "git"];

function parseArgs(argv) {
  const opts = {
    students: 3,
    notebook: "notebooks/11-conv-arithmetic.ipynb",
    out: path.join(ROOT, "build", "hub-test"),
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--students") opts.students = Number(argv[++i]);
    else if (a === "--notebook") opts.notebook = argv[++i];
    else if (a === "--out") opts.out = path.resolve(argv[++i]);
    else if (a === "--keep") opts.keep = true;
    else
      throw new Error(
        `unknown option ${a} (options: --students N, --notebook notebooks/NN-x.ipynb, --out DIR, --keep)`,
      );
  }
  if (!Number.isInteger(opts.students) || opts.students < 1)
    throw new Error(`--students wants a whole number >= 1, got ${opts.students}`);
  if (!fs.existsSync(path.join(ROOT, opts.notebook))) throw new Error(`--notebook: no such file ${opts.notebook}`);
  return opts;
}

/** Debian's hub packages, apt-installed when root and missing. */
function ensureHub() {
  const missing = HUB_DEBS.filter(
    (p) =>
      !/install ok installed/.test(
        spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" }).stdout || "",
      ),
  );
  if (missing.length === 0) return;
  if (!isRoot())
    throw new Error(`the hub test needs ${missing.join(", ")}: sudo apt-get install -y ${missing.join(" ")}`);
  console.log(`test:hub: installing ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...missing]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

/**
 * Runs the hub test; returns its checks ({ name, ok, error }[]) and the summary (or null).
 * @param {{ students: number, notebook: string, out: string, keep?: boolean }} opts
 */
function runHubTest(opts) {
  if (!isRoot())
    return {
      results: [
        {
          name: "hub test runs as root",
          ok: false,
          error: "it creates one system user per student (LocalProcessSpawner): run it as root",
        },
      ],
      summary: null,
    };
  ensureHub();
  fs.rmSync(opts.out, { recursive: true, force: true });
  const args = [
    path.join(__dirname, "hub_test.py"),
    "--repo",
    ROOT,
    "--students",
    String(opts.students),
    "--notebook",
    opts.notebook,
    "--kernel",
    KERNEL_NAME,
    "--out",
    opts.out,
  ];
  if (opts.keep) args.push("--keep");
  const r = spawnSync("/usr/bin/python3", args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = (r.stdout || "").split("\n").find((l) => l.startsWith("@@gradlab-results "));
  process.stdout.write((r.stdout || "").replace(/^@@gradlab-results .*$/m, ""));
  const results = line
    ? JSON.parse(line.slice("@@gradlab-results ".length))
    : [
        {
          name: "hub test ran",
          ok: false,
          error: `scripts/hub_test.py exited ${r.status ?? r.signal} without results`,
        },
      ];
  const file = path.join(opts.out, "summary.json");
  const summary = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
  return { results, summary };
}

/** The summary as a table: one row per student, then the figures the README's sizing table uses. */
function printSummary(summary) {
  if (!summary) return;
  console.log(
    `\nstudent      spawn s  run s  cells  figures  checks  kernel peak MB  server peak MB  kernel CPU s  result`,
  );
  for (const r of summary.rows) {
    const cols = [
      r.student.padEnd(12),
      String(r.spawn_s ?? "-").padStart(7),
      String(r.run_s ?? "-").padStart(6),
      String(r.cells).padStart(6),
      String(r.figures).padStart(8),
      String(r.checks).padStart(7),
      String(r.kernel_peak_mb).padStart(15),
      String(r.server_peak_mb).padStart(15),
      String(r.kernel_cpu_s).padStart(13),
      r.ok ? "ok" : `FAILED: ${r.error}`,
    ];
    console.log(cols.join(" "));
  }
  const ok = summary.rows.filter((r) => r.ok);
  const max = (xs) => (xs.length ? Math.max(...xs) : 0);
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  console.log(
    `\n${summary.finished} of ${summary.students} students finished ${summary.notebook} in ${summary.wall_s} s (all at once, ${summary.cpus} CPUs, load at the end ${summary.loadavg_at_end.map((x) => x.toFixed(1)).join(" ")});` +
      ` kernel peak memory max ${max(ok.map((r) => r.kernel_peak_mb))} MB (mean ${mean(ok.map((r) => r.kernel_peak_mb)).toFixed(0)}),` +
      ` notebook server max ${max(ok.map((r) => r.server_peak_mb))} MB,` +
      ` kernel CPU per lesson mean ${mean(ok.map((r) => r.kernel_cpu_s)).toFixed(1)} s (max ${max(ok.map((r) => r.kernel_cpu_s))}),` +
      ` all students together peaked at ${summary.peak_all_students_mb} MB`,
  );
}

function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(`test:hub: ${err.message}`);
    process.exit(2);
  }
  try {
    setup({});
  } catch (err) {
    console.error(`\nsetup failed: ${err.message}`);
    process.exit(1);
  }
  const t0 = Date.now();
  const { results, summary } = runHubTest(opts);
  for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ok ? "" : `\n       ${r.error}`}`);
  printSummary(summary);
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `\n${results.length - failed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(0)} s); details in ${path.relative(ROOT, opts.out)}/`,
  );
  process.exit(failed ? 1 : 0);
}

module.exports = { runHubTest, printSummary };

if (require.main === module) main(process.argv.slice(2));
