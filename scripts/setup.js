/**
 * Self-setup for `npm start`, `npm test` and `npm run notebook`: makes sure, idempotently and
 * quickly on a second run, that everything the course needs exists, and says what it does.
 *   1. Node >= 20.
 *   2. Debian's Jupyter (jupyter-notebook, jupyter-nbconvert, python3-nbclient) for /usr/bin/python3;
 *      with `forTests`, also chromium (headless-browser test), xvfb (headless-gl backend in tests)
 *      and fonts-noto-cjk (the lessons' Chinese terms in the figure screenshots).
 *      Installed with apt-get when running as root; otherwise the exact command is printed.
 *   3. npm dependencies in sync with package-lock.json (`npm ci` when not; the build tools that
 *      headless-gl compiles with are apt-installed first when root).
 *   4. node_modules/gradlab -> .. so `import * as gl from "gradlab"` resolves from every notebook.
 *   5. dist/ (the library with .d.ts) newer than src/ (`npm run build` when not).
 *   6. The project kernelspec .jupyter/kernels/gradlab/kernel.json ("TypeScript (gradlab)"),
 *      running this repo's tslab with absolute paths (rewritten when the repo moved).
 * Plain Node, no dependencies. Run alone: `node scripts/setup.js [--for-tests]`.
 * `node scripts/setup.js --system` (as root) does only the system part, steps 1-2: the image's
 * Dockerfile runs it as root, then the full setup as the unprivileged user who owns the course.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const KERNEL_NAME = "gradlab";
const KERNEL_DISPLAY_NAME = "TypeScript (gradlab)";
const JUPYTER_DIR = path.join(ROOT, ".jupyter");
const STAMP = path.join(ROOT, "node_modules", ".gradlab-lock-sha256");
const BUILD_STAMP = path.join(ROOT, "dist", ".gradlab-build-stamp");

/** The Python that owns Jupyter: Debian's, unless GRADLAB_PYTHON names another. */
function jupyterPython() {
  if (process.env.GRADLAB_PYTHON) return process.env.GRADLAB_PYTHON;
  return fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

/** Environment for every Jupyter process: the project kernelspec comes first on JUPYTER_PATH. */
function jupyterEnv(extra = {}) {
  const prior = process.env.JUPYTER_PATH ? path.delimiter + process.env.JUPYTER_PATH : "";
  return { ...process.env, JUPYTER_PATH: JUPYTER_DIR + prior, PYTHONNOUSERSITE: "1", ...extra };
}

class SetupError extends Error {
  /** @param {string} what  @param {string} fix the command (or steps) that would fix it */
  constructor(what, fix) {
    super(`${what}\n  To fix it, run:\n    ${fix}`);
    this.fix = fix;
  }
}

function say(msg) {
  console.log(`setup: ${msg}`);
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function has(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Runs a command with inherited stdio, printing it first; throws SetupError when it fails. */
function run(cmd, args, opts = {}) {
  console.log(`setup: $ ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], cwd: ROOT, ...opts });
  if (r.status !== 0) {
    throw new SetupError(
      `\`${[cmd, ...args].join(" ")}\` failed (exit ${r.status ?? r.signal}).`,
      [cmd, ...args].join(" "),
    );
  }
}

function checkNode() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 20) {
    throw new SetupError(
      `gradlab needs Node >= 20; this is Node ${process.versions.node}.`,
      "install Node 20 or newer (https://nodejs.org, or `nvm install 20`), then run the command again",
    );
  }
}

/** Debian packages that are not installed (dpkg-query), or null when dpkg is not available. */
function missingDebs(pkgs) {
  if (!has("dpkg-query")) return null;
  return pkgs.filter((p) => {
    const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" });
    return r.status !== 0 || !/install ok installed/.test(r.stdout);
  });
}

let aptUpdated = false;
function aptInstall(pkgs, why) {
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(" ")}`;
  if (!isRoot()) {
    throw new SetupError(`${why} needs Debian packages that are missing: ${pkgs.join(", ")}.`, `sudo sh -c '${cmd}'`);
  }
  say(`installing ${pkgs.join(" ")} (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    run("apt-get", ["update"], { env });
    aptUpdated = true;
  }
  run("apt-get", ["install", "-y", "--no-install-recommends", ...pkgs], { env });
}

const JUPYTER_DEBS = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"];
// fonts-noto-cjk: the Chinese terms of the lessons in the figure screenshots (else empty boxes)
const TEST_DEBS = ["chromium", "xvfb", "fonts-noto-cjk"];
const GL_BUILD_DEBS = ["libxi-dev", "libglu1-mesa-dev", "libglew-dev", "pkg-config", "python3", "make", "g++"];

function jupyterWorks(python) {
  const r = spawnSync(python, ["-c", "import notebook, nbconvert, nbclient, nbformat"], { stdio: "ignore" });
  return r.status === 0;
}

function checkJupyter(forTests) {
  const python = jupyterPython();
  if (!jupyterWorks(python)) {
    const missing = missingDebs(JUPYTER_DEBS);
    if (missing === null) {
      throw new SetupError(
        `Jupyter (notebook 6, nbconvert, nbclient) is not importable by ${python}, and this is not a Debian/Ubuntu system.`,
        `${python} -m pip install "notebook<7" nbconvert nbclient   # or set GRADLAB_PYTHON to a Python that has them`,
      );
    }
    if (missing.length === 0) {
      throw new SetupError(
        `${python} cannot import notebook, nbconvert and nbclient, although Debian's Jupyter packages are installed.`,
        `${python} -c "import notebook, nbconvert, nbclient"   # shows why; or set GRADLAB_PYTHON to the Python that owns Jupyter`,
      );
    }
    aptInstall(missing, "Jupyter");
    if (!jupyterWorks(python)) {
      throw new SetupError(
        `Jupyter was installed but ${python} still cannot import it.`,
        `${python} -c "import notebook, nbconvert, nbclient"`,
      );
    }
  }
  say(`Jupyter present (${python})`);
  if (forTests) {
    const missing = missingDebs(TEST_DEBS);
    if (missing && missing.length && (isRoot() || !fs.existsSync("/usr/bin/chromium")))
      aptInstall(missing, "the tests (headless chromium, xvfb, CJK fonts for the screenshots)");
    if (!fs.existsSync("/usr/bin/chromium")) {
      throw new SetupError(
        "the figure-rendering test needs Debian's /usr/bin/chromium.",
        "sudo apt-get install -y chromium",
      );
    }
    const cjk = (missingDebs(["fonts-noto-cjk"]) ?? ["?"]).length === 0;
    say(
      `chromium present${has("xvfb-run") ? ", xvfb-run present" : " (xvfb-run missing: unit tests run without a display)"}` +
        (cjk ? ", fonts-noto-cjk present" : " (fonts-noto-cjk missing: Chinese terms show as boxes in screenshots)"),
    );
  }
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/**
 * True when node_modules matches package-lock.json: by our stamp, or (first run in a copied tree)
 * by npm's own record of what it installed, node_modules/.package-lock.json.
 */
function nodeModulesInSync(lockHash) {
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8").trim() === lockHash) return true;
  const hidden = path.join(ROOT, "node_modules", ".package-lock.json");
  if (!fs.existsSync(hidden)) return false;
  const want = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages || {};
  const have = JSON.parse(fs.readFileSync(hidden, "utf8")).packages || {};
  for (const [key, spec] of Object.entries(want)) {
    if (key === "") continue;
    const got = have[key];
    if (!got) {
      if (spec.optional || spec.peer) continue; // e.g. fsevents off macOS
      return false;
    }
    if (got.version !== spec.version) return false;
  }
  for (const key of Object.keys(have)) if (!(key in want) && key !== "node_modules/gradlab") return false;
  return true;
}

function checkNodeModules() {
  const lock = path.join(ROOT, "package-lock.json");
  if (!fs.existsSync(lock)) throw new SetupError("package-lock.json is missing.", "git checkout package-lock.json");
  const lockHash = sha256(lock);
  if (fs.existsSync(path.join(ROOT, "node_modules")) && nodeModulesInSync(lockHash)) {
    fs.writeFileSync(STAMP, lockHash + "\n");
    say("node_modules in sync with package-lock.json");
    return;
  }
  // headless-gl (the `gl` package, optional) compiles from source: its build tools come first.
  const missing = missingDebs(GL_BUILD_DEBS);
  if (missing && missing.length) {
    if (isRoot()) aptInstall(missing, "building headless-gl (optional GPU-less WebGL backend)");
    else say(`headless-gl may not build (missing ${missing.join(" ")}); the webasm backend will be used instead`);
  }
  say("installing npm dependencies (a few minutes the first time: headless-gl compiles from source)");
  run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
  fs.writeFileSync(STAMP, lockHash + "\n");
}

function checkSelfLink() {
  const link = path.join(ROOT, "node_modules", "gradlab");
  let ok = false;
  try {
    ok = fs.lstatSync(link).isSymbolicLink() && fs.readlinkSync(link) === "..";
  } catch {
    ok = false;
  }
  if (!ok) {
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync("..", link, "dir");
    say('linked node_modules/gradlab -> .. (so notebooks can `import * as gl from "gradlab"`)');
  }
}

/** Newest modification time (ms) of the files under dir (recursively) that match `test`. */
function newestMtime(dir, test) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, test));
    else if (test(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function checkBuild() {
  const sources = Math.max(
    newestMtime(path.join(ROOT, "src"), (p) => p.endsWith(".ts")),
    fs.statSync(path.join(ROOT, "tsconfig.json")).mtimeMs,
    fs.statSync(path.join(ROOT, "package-lock.json")).mtimeMs,
  );
  const built =
    fs.existsSync(BUILD_STAMP) && fs.existsSync(path.join(ROOT, "dist", "index.d.ts"))
      ? fs.statSync(BUILD_STAMP).mtimeMs
      : 0;
  if (built >= sources) {
    say("dist/ is up to date with src/");
    return;
  }
  say("building the library: src/ -> dist/ (restart running kernels to pick it up)");
  fs.rmSync(path.join(ROOT, "dist"), { recursive: true, force: true }); // no stale files from deleted sources
  run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
  fs.writeFileSync(BUILD_STAMP, new Date().toISOString() + "\n");
}

/** What kernel.json must contain for this checkout (absolute paths: rewritten when the repo moves). */
function kernelSpec() {
  return {
    argv: [
      process.execPath,
      path.join(ROOT, "node_modules", "tslab", "bin", "tslab"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    metadata: { gradlab: "written by scripts/setup.js; the kernel runs this repo's node_modules/tslab" },
  };
}

function checkKernelSpec() {
  const file = path.join(JUPYTER_DIR, "kernels", KERNEL_NAME, "kernel.json");
  const want = JSON.stringify(kernelSpec(), null, 1) + "\n";
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === want) {
    say(`kernelspec "${KERNEL_DISPLAY_NAME}" present (.jupyter/kernels/${KERNEL_NAME})`);
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, want);
  say(`wrote kernelspec "${KERNEL_DISPLAY_NAME}" to .jupyter/kernels/${KERNEL_NAME}/kernel.json`);
}

/**
 * Runs every step; throws SetupError (with the fixing command) on the first that cannot be done.
 * @param {{ forTests?: boolean }} [opts]
 */
function setup(opts = {}) {
  const t0 = Date.now();
  checkNode();
  checkJupyter(!!opts.forTests);
  checkNodeModules();
  checkSelfLink();
  checkBuild();
  checkKernelSpec();
  say(`ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** Steps 1-2 only (Node, Debian's Jupyter): what needs root, e.g. in the image's Dockerfile. */
function setupSystem() {
  checkNode();
  checkJupyter(false);
}

/** For scripts: runs setup, or prints the error with its fix and exits 1. */
function setupOrExit(opts) {
  try {
    setup(opts);
  } catch (err) {
    console.error(`\nsetup failed: ${err.message}`);
    process.exit(1);
  }
}

module.exports = {
  setup,
  setupOrExit,
  SetupError,
  ROOT,
  KERNEL_NAME,
  KERNEL_DISPLAY_NAME,
  JUPYTER_DIR,
  jupyterPython,
  jupyterEnv,
  isRoot,
  has,
};

if (require.main === module) {
  if (process.argv.includes("--system")) {
    try {
      setupSystem();
      say("system part ready (Node, Jupyter); run `node scripts/setup.js` as the course's user next");
    } catch (err) {
      console.error(`\nsetup failed: ${err.message}`);
      process.exit(1);
    }
  } else setupOrExit({ forTests: process.argv.includes("--for-tests") });
}
