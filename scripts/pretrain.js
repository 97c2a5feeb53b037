/**
 * npm run pretrain: re-creates pretrained/mnist-digits-0-4.safetensors from its recipe
 * (src/pretrained/mnistDigits04.ts: seed, data split, optimizer, epochs), prints the test accuracy
 * and whether the bytes equal the committed file. `--check` only compares (writes nothing).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.join(__dirname, "..");
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], {
  cwd: ROOT,
  stdio: "inherit",
});
const gl = require(path.join(ROOT, "dist"));

async function main() {
  const check = process.argv.includes("--check");
  const file = path.join(ROOT, "pretrained", "mnist-digits-0-4.safetensors");
  const t0 = Date.now();
  const { model, testAccuracy, metadata } = await gl.pretrained.trainMnistDigits04();
  const seconds = (Date.now() - t0) / 1000;
  const bytes = gl.io.stateDictBytes(model.stateDict(), { metadata });
  const same = fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(bytes)) === 0;
  console.log(
    `trained in ${seconds.toFixed(1)} s on ${metadata.backend}: test accuracy on held-out digits 0-4 ${testAccuracy.toFixed(4)}`,
  );
  console.log(
    same
      ? `identical to the committed ${path.relative(ROOT, file)}`
      : `differs from the committed ${path.relative(ROOT, file)}`,
  );
  if (!check) {
    await gl.save(model.stateDict(), file, { metadata });
    console.log(`wrote ${path.relative(ROOT, file)} (${fs.statSync(file).size} bytes)`);
  } else if (!same) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
