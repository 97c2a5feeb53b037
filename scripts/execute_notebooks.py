"""Executes notebooks top to bottom on the project kernel (nbclient) and reports each one.

Run by scripts/notebook.js with the Python that owns Jupyter (Debian's /usr/bin/python3) and
JUPYTER_PATH pointing at the project kernelspec. Usage:
    execute_notebooks.py --kernel gradlab [--timeout 120] [--save-dir DIR] [--results FILE] NOTEBOOK...
      grading options (scripts/grade.js): --notebook-timeout S (wall limit per notebook; the kernel
      is killed), --keep-going (run every cell even after an error), --cwd DIR (the kernels' working
      directory, instead of each notebook's folder), --relative-to DIR (--save-dir keeps the path
      relative to DIR instead of the file name only).
Each notebook runs in its own fresh kernel, with its own folder as working directory. On a cell
error it names the notebook, the cell number, the cell's first line and the error (ename, evalue,
the kernel's stderr: tslab prints type errors and thrown errors there). A cell tagged
`raises-exception` may fail. Prints one line per notebook with its wall time as it goes, and writes
the results as JSON to --results (read by scripts/notebook.js). Exit 1 if any failed.
"""
import argparse
import asyncio
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


def describe_failure(path, nb, err, index=None):
    """Finds the failing cell (given, else the first with an error output, else the last executed one)."""
    for i, cell in enumerate(nb.cells if index is None else []):
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


def still_running(nb, seconds):
    """For a notebook stopped by its time limit: which cell was running."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and not cell.get("execution_count") and cell.source.strip():
            code_number = sum(1 for c in nb.cells[: i + 1] if c.cell_type == "code")
            first_line = cell.source.strip().splitlines()[0]
            return f"cell {i + 1} (code cell {code_number}) `{first_line}` was still running after {seconds:.0f} s"
    return f"still running after {seconds:.0f} s"


async def run_with_limit(client, limit):
    """Executes the notebook; True when it stopped at the time limit (the kernel is then killed)."""
    task = asyncio.ensure_future(client.async_execute())
    done, _ = await asyncio.wait({task}, timeout=limit)
    if task in done:
        task.result()  # raises what the execution raised
        return False
    task.cancel()
    try:
        await task  # nbclient shuts the kernel down on the way out
    except BaseException:  # noqa: B036 -- cancelled, or the kernel died while being killed
        pass
    return True


def execute(path, kernel, timeout, save_dir, notebook_timeout=None, keep_going=False, cwd=None, relative_to=None):
    """Returns (seconds, error or None, status): status is ok, error, timeout or unreadable."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # not JSON, not a notebook, unreadable file: a result, not a crash
        first = str(err).strip().splitlines()[0][:300] if str(err).strip() else ""
        return 0.0, f"not a readable notebook: {type(err).__name__}: {first}", "unreadable"
    folder = cwd or os.path.dirname(os.path.abspath(path))
    failed = []  # indices of cells whose execution failed (keep_going)

    async def after_error(cell=None, cell_index=None, execute_reply=None, **_):
        failed.append(cell_index)
        # tslab cancels every request that reaches it within 200 ms of a failed cell (its
        # stop-on-error): without this pause, every cell after a `raises-exception` cell (or, with
        # keep_going, after any failed cell) would be skipped silently, with no output
        await asyncio.sleep(0.5)

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=notebook_timeout or timeout,
        startup_timeout=120,
        allow_errors=keep_going,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": folder}},
    )
    client.on_cell_error = after_error
    start = time.time()
    error, status = None, "ok"
    try:
        if notebook_timeout:
            if asyncio.run(run_with_limit(client, notebook_timeout)):
                error, status = f"time limit: {still_running(nb, time.time() - start)}", "timeout"
        else:
            client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as err:
        error, status = describe_failure(path, nb, err), "error"
        if isinstance(err, CellTimeoutError):
            status = "timeout"
    if keep_going and failed and status == "ok":
        failures = [i for i in failed if "raises-exception" not in nb.cells[i].metadata.get("tags", [])]
        if failures:
            error, status = describe_failure(path, nb, None, index=failures[0]), "error"
    seconds = time.time() - start
    if save_dir:
        target = os.path.join(save_dir, os.path.relpath(path, relative_to) if relative_to else os.path.basename(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        nbformat.write(nb, target)
    return seconds, error, status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="gradlab")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    ap.add_argument("--save-dir", help="write executed notebooks (with outputs) here")
    ap.add_argument("--results", help="write the per-notebook results as JSON to this file")
    ap.add_argument("--notebook-timeout", type=int, help="wall seconds per notebook (the kernel is killed)")
    ap.add_argument("--keep-going", action="store_true", help="run every cell even after one fails")
    ap.add_argument("--cwd", help="working directory of every kernel (default: each notebook's folder)")
    ap.add_argument("--relative-to", help="with --save-dir: keep each path relative to this folder")
    ap.add_argument("notebooks", nargs="+")
    args = ap.parse_args()
    results = []
    for path in args.notebooks:
        print(f"executing {path} ...", flush=True)
        seconds, error, status = execute(
            path, args.kernel, args.timeout, args.save_dir, args.notebook_timeout, args.keep_going, args.cwd, args.relative_to
        )
        if error:
            print(error, flush=True)
            print(f"  {path}: FAILED after {seconds:.1f} s", flush=True)
        else:
            print(f"  {path}: ok, {seconds:.1f} s", flush=True)
        results.append({"notebook": path, "ok": error is None, "status": status, "seconds": round(seconds, 1), "error": error})
    if args.results:
        with open(args.results, "w") as f:
            json.dump(results, f)
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()
