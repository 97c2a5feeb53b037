/**
 * `npm start`: sets everything up, then opens the course in Jupyter Notebook (classic) on the
 * notebooks/ folder, with "TypeScript (gradlab)" as the default kernel. Prints the URL (with its
 * token); opens a browser only when there is a display.
 *   npm start -- [--port N] [--no-browser] [other jupyter-notebook options]
 * Stop it with Ctrl-C (Jupyter asks to confirm) or by ending this process.
 */
"use strict";
const net = require("net");
const http = require("http");
const crypto = require("crypto");
const path = require("path");
const { spawn } = require("child_process");
const { setupOrExit, ROOT, KERNEL_NAME, jupyterPython, jupyterEnv, isRoot } = require("./setup");

/** The first port from `start` on that nothing listens on (127.0.0.1). */
function freePort(start) {
  return new Promise((resolve, reject) => {
    const tryPort = (port) => {
      if (port > start + 50) return reject(new Error(`no free port in ${start}..${start + 50}; pass --port N`));
      const server = net.createServer();
      server.once("error", () => tryPort(port + 1));
      server.once("listening", () => server.close(() => resolve(port)));
      server.listen(port, "127.0.0.1");
    };
    tryPort(start);
  });
}

function hasDisplay() {
  if (process.platform === "darwin" || process.platform === "win32") return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Resolves once GET url answers 200 (polls every 250 ms), rejects after `ms`. */
function waitForHTTP(url, ms, child) {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (child.exitCode !== null || child.signalCode !== null)
        return reject(new Error("Jupyter exited before it served (see its output above)"));
      http
        .get(url, (res) => {
          res.resume();
          if (res.statusCode === 200) resolve();
          else retry();
        })
        .on("error", retry);
    };
    const retry = () =>
      Date.now() > until
        ? reject(new Error(`Jupyter did not answer at ${url} within ${ms / 1000} s`))
        : setTimeout(poll, 250);
    poll();
  });
}

async function main(argv) {
  let port = null;
  let browser = hasDisplay() && !process.env.CI;
  const extra = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--port") port = Number(argv[++i]);
    else if (argv[i].startsWith("--port=")) port = Number(argv[i].slice(7));
    else if (argv[i] === "--no-browser") browser = false;
    else extra.push(argv[i]);
  }
  setupOrExit({});
  port = port ?? (await freePort(8888));
  const token = process.env.GRADLAB_TOKEN || crypto.randomBytes(24).toString("hex");
  const args = [
    "-m",
    "notebook",
    `--notebook-dir=${path.join(ROOT, "notebooks")}`,
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--NotebookApp.token=${token}`,
    `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
  ];
  if (!browser) args.push("--no-browser");
  if (isRoot()) args.push("--allow-root");
  args.push(...extra);
  console.log(`start: $ ${jupyterPython()} ${args.map((a) => a.replace(token, "<token>")).join(" ")}`);
  const child = spawn(jupyterPython(), args, {
    cwd: ROOT,
    env: jupyterEnv(),
    stdio: ["inherit", "inherit", "inherit"],
  });
  // Ctrl-C reaches Jupyter too (same process group): it asks to confirm; we wait for it to exit.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  const url = `http://127.0.0.1:${port}/tree?token=${token}`;
  try {
    await waitForHTTP(url, 60000, child);
    console.log(
      `\ngradlab: the course is open at\n\n    ${url}\n\n(kernel "TypeScript (gradlab)"; start with 00-welcome.ipynb; Ctrl-C stops the server)\n`,
    );
  } catch (err) {
    console.error(`start: ${err.message}`);
    child.kill("SIGTERM");
  }
}

main(process.argv.slice(2));
