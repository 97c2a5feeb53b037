/**
 * The `npm start` check used by `npm test`: starts scripts/start.js (what `npm start` runs; it
 * picks a free port) without a browser, reads the URL it prints, fetches the tree page, the notebook list
 * and the kernel list with that token, then stops the server.
 * Run alone: `node scripts/serve-check.js`.
 */
"use strict";
const http = require("http");
const path = require("path");
const { spawn } = require("child_process");
const { ROOT } = require("./setup");

function get(url) {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      })
      .on("error", (err) => resolve({ status: 0, body: err.message }));
  });
}

/** @returns {Promise<{ name: string, ok: boolean, error: string | null }[]>} */
async function checkServes() {
  const child = spawn(process.execPath, [path.join(__dirname, "start.js"), "--no-browser"], {
    cwd: ROOT,
    detached: true, // its own process group: stopping it stops Jupyter and its kernels too
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 90000);
    const onData = (d) => {
      output += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\/tree\?token=[0-9a-f]+/.exec(output);
      if (m && /the course is open at/.test(output)) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  const results = [];
  const add = (name, ok, error) => results.push({ name, ok, error: ok ? null : error });
  add(
    "npm start prints the URL with its token",
    url !== null,
    `no URL within 90 s; its output:\n${output.slice(-2000)}`,
  );
  if (url) {
    console.log(`  server printed ${url.replace(/token=\w+/, "token=<token>")}`);
    const token = new URL(url).searchParams.get("token");
    const base = new URL(url).origin;
    const tree = await get(url);
    add(
      "the tree page answers 200 with the token",
      tree.status === 200 && /Jupyter/i.test(tree.body),
      `GET /tree -> ${tree.status}`,
    );
    const contents = await get(`${base}/api/contents?token=${token}`);
    add(
      "it serves notebooks/ (00-welcome.ipynb listed)",
      contents.status === 200 && contents.body.includes("00-welcome.ipynb"),
      `GET /api/contents -> ${contents.status} ${contents.body.slice(0, 300)}`,
    );
    const specs = await get(`${base}/api/kernelspecs?token=${token}`);
    let spec = {};
    try {
      spec = JSON.parse(specs.body);
    } catch {
      spec = {};
    }
    const gradlab = spec.kernelspecs && spec.kernelspecs.gradlab;
    add(
      'the default kernel is "TypeScript (gradlab)"',
      spec.default === "gradlab" && gradlab && gradlab.spec.display_name === "TypeScript (gradlab)",
      `GET /api/kernelspecs -> ${specs.status} ${specs.body.slice(0, 300)}`,
    );
    const noToken = await get(`${base}/api/contents`);
    add(
      "without the token the server refuses",
      noToken.status === 403 || noToken.status === 401,
      `GET /api/contents without token -> ${noToken.status}`,
    );
  }
  await new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on("exit", resolve);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      resolve();
    }, 10000);
  });
  return results;
}

module.exports = { checkServes };

if (require.main === module) {
  checkServes().then((results) => {
    for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ok ? "" : `\n       ${r.error}`}`);
    process.exit(results.every((r) => r.ok) ? 0 : 1);
  });
}
