"""Checks what a learner relies on in the kernel beyond running cells: `import * as gl from "gradlab"`
is typed (tslab type-checks cells with its bundled TypeScript 5.0 against dist/*.d.ts), completion
after `gl.` offers the library's names, and hover (inspect) shows a function's type.

Run by scripts/test.js with the Python that owns Jupyter and JUPYTER_PATH set. Prints one line per
check and a final `@@gradlab-results [...]` JSON line. Usage: kernel_check.py --kernel gradlab --cwd notebooks
"""
import argparse
import json
import sys

from jupyter_client.manager import start_new_kernel


def shell_reply(kc, msg_id, timeout=60):
    """The shell reply to one request (skipping replies to earlier ones)."""
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def run_cell(kc, code, timeout=60):
    """Executes code; returns (status, text of stdout/stderr/error outputs)."""
    msg_id = kc.execute(code)
    texts = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            texts.append(content["text"])
        elif kind == "error":
            texts.append(f"{content['ename']}: {content['evalue']}")
        elif kind == "status" and content["execution_state"] == "idle":
            break
    return shell_reply(kc, msg_id, timeout)["status"], "".join(texts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="gradlab")
    ap.add_argument("--cwd", default=".")
    args = ap.parse_args()
    results = []

    def check(name, ok, detail):
        print(f"  {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f"\n       {detail}"), flush=True)
        results.append({"name": name, "ok": bool(ok), "error": None if ok else detail})

    km, kc = start_new_kernel(kernel_name=args.kernel, startup_timeout=120, cwd=args.cwd)
    try:
        status, text = run_cell(kc, 'import * as gl from "gradlab";\nconst info: { name: string; reason: string } = gl.backend();\nconsole.log(info.name);')
        check('import * as gl from "gradlab" type-checks and runs', status == "ok", f"status {status}: {text.strip()[-500:]}")

        status, text = run_cell(kc, "const wrong: number = gl.backend();")
        check(
            "a cell that misuses gl's types fails to compile (the .d.ts are read)",
            status == "error" and "not assignable" in text,
            f"expected a type error, got status {status}: {text.strip()[-300:]}",
        )

        code = "gl.backe"
        reply = shell_reply(kc, kc.complete(code, len(code)))
        matches = reply.get("matches", [])
        check("completion after `gl.backe` offers `backend`", "backend" in matches, f"matches: {matches[:20]}")

        code = "gl.backend"
        reply = shell_reply(kc, kc.inspect(code, len(code)))
        text = reply.get("data", {}).get("text/plain", "")
        check("hover on `gl.backend` shows its signature", reply.get("found") and "function backend(" in text, f"inspect reply: {str(reply)[:300]}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("@@gradlab-results " + json.dumps(results), flush=True)
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()
