"""Executes notebooks top to bottom on the project kernel (nbclient) and reports each one.

Run by scripts/notebook.js with the Python that owns Jupyter (Debian's /usr/bin/python3) and
JUPYTER_PATH pointing at the project kernelspec. Usage:
    execute_notebooks.py --kernel gradlab [--timeout 120] [--save-dir DIR] [--results FILE] NOTEBOOK...
Each notebook runs in its own fresh kernel, with its own folder as working directory. On a cell
error it names the notebook, the cell number, the cell's first line and the error (ename, evalue,
the kernel's stderr: tslab prints type errors and thrown errors there). A cell tagged
`raises-exception` may fail. Prints one line per notebook with its wall time as it goes, and writes
the results as JSON to --results (read by scripts/notebook.js). Exit 1 if any failed.
"""
import argparse
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def tail(text, lines=8):
    text = ANSI.sub("", text).rstrip()
    return "\n".join(text.splitlines()[-lines:])


def describe_failure(path, nb, err):
    """Finds the failing cell (the first with an error output, else the last executed one)."""
    index = None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            if "raises-exception" not in cell.metadata.get("tags", []):
                index = i
                break
    if index is None:
        executed = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
        index = executed[-1] if executed else 0
    cell = nb.cells[index] if nb.cells else None
    code_number = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    first_line = cell.source.strip().splitlines()[0] if cell is not None and cell.source.strip() else ""
    lines = [f"FAILED {path}: cell {index + 1} (code cell {code_number}) `{first_line}`"]
    ename, evalue, trace, stderr = "", "", "", ""
    if cell is not None:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                ename, evalue = o.get("ename", ""), o.get("evalue", "")
                trace = "\n".join(o.get("traceback", []))
            elif o.get("output_type") == "stream" and o.get("name") == "stderr":
                stderr += o.get("text", "")
    if isinstance(err, CellTimeoutError):
        ename, evalue = "CellTimeoutError", str(err).strip().splitlines()[0]
    elif isinstance(err, DeadKernelError):
        ename, evalue = "DeadKernelError", "the kernel died (out of memory, or a crash in native code)"
    if ename or evalue:
        lines.append(f"  error: {ename or '<no name>'}: {evalue or '<no message>'}")
    if trace.strip():
        lines.append("  traceback (tail):\n" + "\n".join("    " + l for l in tail(trace).splitlines()))
    if stderr.strip():
        # tslab reports type errors and thrown errors on stderr: the message without stack frames.
        kept = [l for l in ANSI.sub("", stderr).rstrip().splitlines() if not re.match(r"\s+at ", l)]
        lines.append("  error (kernel stderr):\n" + "\n".join("    " + l for l in kept[:16]))
    if not (ename or evalue or trace.strip() or stderr.strip()):
        lines.append(f"  error: {type(err).__name__}: {str(err).strip()[-500:]}")
    return "\n".join(lines)


def execute(path, kernel, timeout, save_dir):
    nb = nbformat.read(path, as_version=4)
    folder = os.path.dirname(os.path.abspath(path))
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=120,
        resources={"metadata": {"path": folder}},
    )
    start = time.time()
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as err:
        error = describe_failure(path, nb, err)
    seconds = time.time() - start
    if save_dir:
        os.makedirs(save_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(save_dir, os.path.basename(path)))
    return seconds, error


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="gradlab")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    ap.add_argument("--save-dir", help="write executed notebooks (with outputs) here")
    ap.add_argument("--results", help="write the per-notebook results as JSON to this file")
    ap.add_argument("notebooks", nargs="+")
    args = ap.parse_args()
    results = []
    for path in args.notebooks:
        print(f"executing {path} ...", flush=True)
        seconds, error = execute(path, args.kernel, args.timeout, args.save_dir)
        if error:
            print(error, flush=True)
            print(f"  {path}: FAILED after {seconds:.1f} s", flush=True)
        else:
            print(f"  {path}: ok, {seconds:.1f} s", flush=True)
        results.append({"notebook": path, "ok": error is None, "seconds": round(seconds, 1), "error": error})
    if args.results:
        with open(args.results, "w") as f:
            json.dump(results, f)
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()
