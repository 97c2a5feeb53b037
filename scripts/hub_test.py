"""The hub test: a real JupyterHub on 127.0.0.1 serving the course to N simulated students.

Run by scripts/hub-test.js (`npm run test:hub -- --students N`) with Debian's /usr/bin/python3,
which owns Debian's `jupyterhub` (3.0) and `configurable-http-proxy`. As root only: each student
is a system user of their own (LocalProcessSpawner), with a home of mode 700, so the test can
check that one student's server cannot read another's files.

What it does, all students concurrently:
  1. creates the students (system users gl<run>s01...) and their homes under a temporary folder,
     each with the lesson notebook in ~/gradlab/notebooks and a private file ~/secret.txt;
  2. starts the hub (dummy authenticator: TEST ONLY, any password is accepted) behind
     configurable-http-proxy on free ports;
  3. per student: logs in through the hub's login form, gets a token through the hub's REST API,
     starts the student's server, opens a session on the notebook with the gradlab kernel, and
     executes every code cell over the kernel's websocket (Jupyter messaging protocol), keeping the
     outputs; counts the figures and exercise checks in them;
  4. isolation, with two students: student 1's kernel cannot read student 2's ~/secret.txt (EACCES),
     student 1's token is refused by student 2's server, and the contents API does not leave the home;
  5. nbgitpuller (Debian's python3-nbgitpuller): student 1's server pulls the course from a git
     repository (a bare clone of this one) into ~/course through the /git-pull/api endpoint that an
     nbgitpuller link opens, and the lesson notebooks are there;
  6. measures, sampling /proc every 0.5 s: peak resident memory of each student's kernel (and of
     their notebook server), CPU-seconds of each kernel for the lesson;
  7. stops everything, deletes the users and the folder.

Prints one line `@@gradlab-results [{name, ok, error}]` (read by hub-test.js) and a JSON summary
of the measurements to --summary.
"""
import argparse
import asyncio
import datetime
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, **kwargs):
    """An HTTP request with timeouts for a loaded machine (tornado's defaults are 20 s)."""
    kwargs.setdefault("connect_timeout", 300)
    kwargs.setdefault("request_timeout", 900)
    return HTTPRequest(url, **kwargs)


def sh(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


# ---------------------------------------------------------------- /proc sampling


def proc_table():
    """{pid: (uid, rss_bytes, cpu_seconds, cmdline)} for every process we may read."""
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2 :].split()
            utime, stime = int(fields[11]), int(fields[12])
            rss = int(fields[21]) * PAGE
            uid = os.stat(f"/proc/{name}").st_uid
            with open(f"/proc/{name}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf8", "replace")
        except (OSError, ValueError, IndexError):
            continue
        out[int(name)] = (uid, rss, (utime + stime) / CLK_TCK, cmd)
    return out


class Sampler:
    """Peak RSS and last CPU time per student, split into kernel (tslab) and server processes."""

    def __init__(self, uids):
        self.uids = uids  # uid -> student name
        self.peak_kernel = {u: 0 for u in uids.values()}
        self.peak_server = {u: 0 for u in uids.values()}
        self.kernel_cpu = {}  # pid -> (student, cpu seconds), last seen
        self.peak_total = 0
        self.running = True

    def sample(self):
        kernel = {u: 0 for u in self.uids.values()}
        server = {u: 0 for u in self.uids.values()}
        total = 0
        for pid, (uid, rss, cpu, cmd) in proc_table().items():
            student = self.uids.get(uid)
            if student is None:
                continue
            total += rss
            if "tslab" in cmd:
                kernel[student] += rss
                self.kernel_cpu[pid] = (student, cpu)
            else:
                server[student] += rss
        for s in kernel:
            self.peak_kernel[s] = max(self.peak_kernel[s], kernel[s])
            self.peak_server[s] = max(self.peak_server[s], server[s])
        self.peak_total = max(self.peak_total, total)

    def cpu_of(self, student):
        return sum(cpu for (s, cpu) in self.kernel_cpu.values() if s == student)

    async def run(self):
        while self.running:
            self.sample()
            await asyncio.sleep(0.5)


# ---------------------------------------------------------------- hub setup


def hub_config(tmp, ports, service_token, repo, kernel):
    """The TEST-ONLY hub configuration (dummy authenticator: any password logs in)."""
    env = {
        "JUPYTER_PATH": os.path.join(repo, ".jupyter"),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "PYTHONNOUSERSITE": "1",
        "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    }
    return f"""# Written by scripts/hub_test.py for one test run. NOT for a class: the dummy authenticator
# accepts any password. deploy/jupyterhub_config.py is the configuration for a real class.
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{ports['public']}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{ports['hub']}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports['proxy_api']}"
c.ConfigurableHTTPProxy.command = ["/usr/bin/configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = {os.path.join(tmp, 'proxy.pid')!r}
c.JupyterHub.db_url = "sqlite:///{os.path.join(tmp, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = {os.path.join(tmp, 'cookie_secret')!r}
c.JupyterHub.pid_file = {os.path.join(tmp, 'hub.pid')!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = ["/usr/bin/jupyterhub-singleuser"]
c.Spawner.args = ["--MappingKernelManager.default_kernel_name={kernel}"]
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {env!r}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "gradlab-hub-test", "api_token": {service_token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "gradlab-hub-test",
        "scopes": ["admin:users", "admin:servers", "tokens"],
        "services": ["gradlab-hub-test"],
    }}
]
"""


class Hub:
    def __init__(self, public_url, service_token):
        self.url = public_url
        self.token = service_token
        self.http = AsyncHTTPClient(max_clients=200)

    async def api(self, method, path, body=None, token=None, raise_error=True):
        req = request(
            self.url + path,
            method=method,
            headers={"Authorization": f"token {token or self.token}", "Content-Type": "application/json"},
            body=None if body is None else json.dumps(body),
            allow_nonstandard_methods=True,
            follow_redirects=False,
        )
        resp = await self.http.fetch(req, raise_error=raise_error)
        text = resp.body.decode("utf8") if resp.body else ""
        return resp.code, (json.loads(text) if text and text.lstrip()[:1] in "[{" else text)


# ---------------------------------------------------------------- one student


async def login(hub, name):
    """The hub's login form (dummy authenticator). True when it answers with a redirect and a session cookie."""
    resp = await hub.http.fetch(request(hub.url + "/hub/login", follow_redirects=False), raise_error=False)
    cookies = resp.headers.get_list("Set-Cookie")
    xsrf = ""
    for c in cookies:
        if c.startswith("_xsrf="):
            xsrf = c.split(";")[0].split("=", 1)[1]
    form = {"username": name, "password": "any-password-in-this-test"}
    if xsrf:
        form["_xsrf"] = xsrf
    resp = await hub.http.fetch(
        request(
            hub.url + "/hub/login",
            method="POST",
            body=urllib.parse.urlencode(form),
            headers={"Cookie": "; ".join(c.split(";")[0] for c in cookies)},
            follow_redirects=False,
        ),
        raise_error=False,
    )
    set_cookies = " ".join(resp.headers.get_list("Set-Cookie"))
    return resp.code == 302 and ("jupyterhub-session-id" in set_cookies or "jupyterhub-hub-login" in set_cookies)


async def wait_ready(hub, name, timeout):
    until = time.time() + timeout
    while time.time() < until:
        code, model = await hub.api("GET", f"/hub/api/users/{name}")
        server = (model.get("servers") or {}).get("") if isinstance(model, dict) else None
        if server and server.get("ready"):
            return True
        await asyncio.sleep(0.5)
    return False


def message(msg_type, content, session, channel="shell"):
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "hub-test",
            "session": session,
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": channel,
        "buffers": [],
    }


class Kernel:
    """A kernel of a student's server, driven over its websocket (Jupyter messaging protocol)."""

    def __init__(self, ws, session):
        self.ws = ws
        self.session = session

    @classmethod
    async def connect(cls, hub, name, token, kernel_id):
        session = uuid.uuid4().hex
        url = hub.url.replace("http", "ws", 1) + f"/user/{name}/api/kernels/{kernel_id}/channels?session_id={session}"
        ws = await websocket_connect(
            request(url, headers={"Authorization": f"token {token}"}), max_message_size=512 * 1024 * 1024
        )
        return cls(ws, session)

    async def execute(self, code, timeout):
        """Runs code; returns (outputs as nbformat dicts, error or None)."""
        msg = message(
            "execute_request",
            {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            self.session,
        )
        msg_id = msg["header"]["msg_id"]
        await self.ws.write_message(json.dumps(msg))
        outputs, error, idle, replied = [], None, False, False
        until = time.time() + timeout
        while not (idle and replied):
            left = until - time.time()
            if left <= 0:
                return outputs, f"timed out after {timeout} s"
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                return outputs, "the kernel's websocket closed"
            if isinstance(raw, bytes):
                continue
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t, c = m["msg_type"], m["content"]
            if t == "status" and c.get("execution_state") == "idle":
                idle = True
            elif t == "execute_reply":
                replied = True
                if c.get("status") != "ok":
                    error = error or f"{c.get('ename')}: {c.get('evalue')}"
            elif t == "stream":
                outputs.append({"output_type": "stream", "name": c["name"], "text": c["text"]})
            elif t in ("display_data", "execute_result"):
                out = {"output_type": t, "data": c.get("data", {}), "metadata": c.get("metadata", {})}
                if t == "execute_result":
                    out["execution_count"] = c.get("execution_count")
                outputs.append(out)
            elif t == "error":
                outputs.append({"output_type": "error", "ename": c["ename"], "evalue": c["evalue"], "traceback": c["traceback"]})
                error = f"{c['ename']}: {c['evalue']}"
        return outputs, error


def count_outputs(nb):
    """Figures (gradlab's figure div) and exercise checks (✓/✗ verdicts) among a notebook's outputs."""
    figures = checks = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = (out.get("data") or {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if 'class="gradlab-figure"' in html:
                figures += 1
            if 'class="gradlab-check' in html or (html.startswith('<div style="color:') and ("✓" in html or "✗" in html)):
                checks += 1
    return figures, checks


async def run_student(hub, student, args, sampler, rows):
    name = student["name"]
    row = {"student": name, "ok": False, "login": False, "spawn_s": None, "run_s": None, "cells": 0, "figures": 0, "checks": 0, "error": None}
    rows[name] = row
    t0 = time.time()
    try:
        row["login"] = await login(hub, name)
        if not row["login"]:
            raise RuntimeError("the hub's login form did not log the student in")
        code, tok = await hub.api("POST", f"/hub/api/users/{name}/tokens", {"note": "hub test", "expires_in": 3600})
        token = tok["token"]
        student["token"] = token
        code, _ = await hub.api("POST", f"/hub/api/users/{name}/server", {})
        if code not in (201, 202):
            raise RuntimeError(f"starting the server answered HTTP {code}")
        if not await wait_ready(hub, name, args.spawn_timeout):
            raise RuntimeError(f"the server was not ready within {args.spawn_timeout} s")
        row["spawn_s"] = round(time.time() - t0, 1)
        nb_path = f"gradlab/notebooks/{os.path.basename(args.notebook)}"
        code, model = await hub.api("GET", f"/user/{name}/api/contents/{nb_path}", token=token)
        nb = model["content"]
        code, sess = await hub.api(
            "POST", f"/user/{name}/api/sessions", {"path": nb_path, "type": "notebook", "name": "", "kernel": {"name": args.kernel}}, token=token
        )
        student["kernel_id"] = sess["kernel"]["id"]
        kernel = await Kernel.connect(hub, name, token, sess["kernel"]["id"])
        student["kernel"] = kernel
        t1 = time.time()
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            outputs, error = await kernel.execute(cell["source"], args.cell_timeout)
            cell["outputs"] = outputs
            row["cells"] += 1
            if error:
                await asyncio.sleep(0.5)  # tslab cancels requests arriving within 200 ms of a failed cell
            if error and "raises-exception" not in cell.get("metadata", {}).get("tags", []):
                first = cell["source"].strip().splitlines()[0] if cell["source"].strip() else ""
                raise RuntimeError(f"cell {i + 1} `{first}` failed: {error}")
        row["run_s"] = round(time.time() - t1, 1)
        row["figures"], row["checks"] = count_outputs(nb)
        with open(os.path.join(args.out, f"{name}.ipynb"), "w") as f:
            json.dump(nb, f)
        row["ok"] = True
    except Exception as err:  # one student's failure is a row, not the end of the run
        row["error"] = f"{type(err).__name__}: {err}"
    finally:
        sampler.sample()
        row["kernel_cpu_s"] = round(sampler.cpu_of(name), 1)


async def isolation_checks(hub, a, b, args):
    """Student a's kernel, token and contents API against student b's files."""
    results = []
    add = lambda name, ok, err=None: results.append({"name": name, "ok": bool(ok), "error": None if ok else err})
    secret_b = os.path.join(b["home"], "secret.txt")
    code = (
        'const fs = require("fs");\n'
        f'let own = "", other = "";\n'
        f'try {{ own = fs.readFileSync({json.dumps(os.path.join(a["home"], "secret.txt"))}, "utf8"); }} catch (e) {{ own = String((e as any).code); }}\n'
        f'try {{ other = fs.readFileSync({json.dumps(secret_b)}, "utf8"); }} catch (e) {{ other = String((e as any).code); }}\n'
        'console.log(JSON.stringify({ own: own, other: other }));'
    )
    outputs, error = await a["kernel"].execute(code, 60)
    text = "".join(o.get("text", "") for o in outputs if o["output_type"] == "stream")
    try:
        seen = json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        seen = {"own": None, "other": None, "raw": text, "error": error}
    add(
        f"isolation: {a['name']}'s kernel reads its own ~/secret.txt",
        seen.get("own") == f"secret of {a['name']}\n",
        f"got {seen!r}",
    )
    add(
        f"isolation: {a['name']}'s kernel cannot read {b['name']}'s ~/secret.txt (EACCES)",
        seen.get("other") == "EACCES",
        f"got {seen!r}",
    )
    code_b, _ = await hub.api("GET", f"/user/{b['name']}/api/contents/secret.txt", token=a["token"], raise_error=False)
    add(
        f"isolation: {a['name']}'s token is refused by {b['name']}'s server",
        code_b in (302, 403, 404),
        f"HTTP {code_b}",
    )
    rel = os.path.relpath(secret_b, a["home"])
    code_c, _ = await hub.api("GET", f"/user/{a['name']}/api/contents/{urllib.parse.quote(rel)}", token=a["token"], raise_error=False)
    add(
        f"isolation: {a['name']}'s contents API does not reach outside its home ({rel})",
        code_c in (400, 403, 404),
        f"HTTP {code_c}",
    )
    return results


async def pull_check(hub, student, bare):
    """What an nbgitpuller link does, without a browser: the server clones the repository into the home."""
    query = urllib.parse.urlencode({"repo": f"file://{bare}", "branch": "course", "targetpath": "course"})
    resp = await hub.http.fetch(
        request(
            f"{hub.url}/user/{student['name']}/git-pull/api?{query}",
            headers={"Authorization": f"token {student['token']}"},
        ),
        raise_error=False,
    )
    events = [json.loads(line[6:]) for line in resp.body.decode("utf8", "replace").splitlines() if line.startswith("data: ")]
    phases = [e.get("phase") for e in events]
    listing = os.path.join(student["home"], "course", "notebooks")
    found = sorted(f for f in os.listdir(listing) if f.endswith(".ipynb")) if os.path.isdir(listing) else []
    ok = resp.code == 200 and "finished" in phases and len(found) > 0
    detail = f"HTTP {resp.code}, phases {phases}, notebooks {found[:3]}..., last event {events[-1] if events else None}"
    return [{"name": f"nbgitpuller: {student['name']}'s server pulled the course into ~/course ({len(found)} notebooks)", "ok": ok, "error": None if ok else detail}]


async def main_async(args, students, hub, sampler):
    sampling = asyncio.ensure_future(sampler.run())
    rows = {}
    t0 = time.time()
    await asyncio.gather(*(run_student(hub, s, args, sampler, rows) for s in students))
    wall = time.time() - t0
    results = []
    for s in students:
        r = rows[s["name"]]
        ok = r["ok"] and r["figures"] > 0 and r["checks"] > 0
        detail = r["error"] or f"figures {r['figures']}, checks {r['checks']} (both must be > 0)"
        results.append({"name": f"hub: {s['name']} logged in, started a server, ran {os.path.basename(args.notebook)} (figures and checks in the outputs)", "ok": ok, "error": None if ok else detail})
    ready = [s for s in students if s.get("kernel")]
    if len(students) >= 2:
        if len(ready) >= 2:
            results += await isolation_checks(hub, ready[0], ready[1], args)
        else:
            results.append({"name": "isolation checks ran", "ok": False, "error": "fewer than two students had a running kernel"})
    if ready and args.bare:
        results += await pull_check(hub, ready[0], args.bare)
    sampler.sample()
    for s in students:
        if s.get("kernel_id"):
            await hub.api("DELETE", f"/user/{s['name']}/api/kernels/{s['kernel_id']}", token=s["token"], raise_error=False)
        await hub.api("DELETE", f"/hub/api/users/{s['name']}/server", raise_error=False)
    for s in students:
        if s.get("kernel"):
            s["kernel"].ws.close()
    sampler.running = False
    await sampling
    await asyncio.sleep(0.1)  # let the websockets finish closing
    return results, rows, wall


def shipped_config_check(repo):
    """deploy/jupyterhub/jupyterhub_config.py (the one for a class) loads in this JupyterHub and sets only options it knows."""
    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator, LocalAuthenticator, PAMAuthenticator
    from jupyterhub.spawner import LocalProcessSpawner, Spawner

    path = os.path.join(repo, "deploy", "jupyterhub", "jupyterhub_config.py")
    classes = {c.__name__: c for c in (JupyterHub, Authenticator, LocalAuthenticator, PAMAuthenticator, Spawner, LocalProcessSpawner)}
    app = JupyterHub()
    app.load_config_file(path)
    unknown = [
        f"{section}.{key}"
        for section, values in app.config.items()
        for key in values
        if section not in classes or key not in classes[section].class_trait_names(config=True)
    ]
    dummy = "Dummy" in str(app.config.JupyterHub.get("authenticator_class", ""))
    ok = not unknown and not dummy
    return [{"name": "deploy/jupyterhub/jupyterhub_config.py loads in JupyterHub, sets only known options, no dummy authenticator", "ok": ok, "error": None if ok else f"unknown: {unknown}, dummy: {dummy}"}]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--students", type=int, default=3)
    ap.add_argument("--notebook", default="notebooks/11-conv-arithmetic.ipynb")
    ap.add_argument("--kernel", default="gradlab")
    ap.add_argument("--out", required=True, help="executed notebooks and summary.json go here")
    ap.add_argument("--cell-timeout", type=int, default=600)
    ap.add_argument("--spawn-timeout", type=int, default=300)
    ap.add_argument("--keep", action="store_true", help="keep the temporary hub folder")
    args = ap.parse_args()
    args.bare = None
    os.makedirs(args.out, exist_ok=True)

    if os.geteuid() != 0:
        print(
            "@@gradlab-results "
            + json.dumps([{"name": "hub test runs as root", "ok": False, "error": "the hub test creates one system user per student (LocalProcessSpawner): run it as root (e.g. in CI's container)"}])
        )
        return 1

    shipped = shipped_config_check(args.repo)
    run_id = secrets.token_hex(2)
    tmp = tempfile.mkdtemp(prefix=f"gradlab-hub-{run_id}-")
    os.chmod(tmp, 0o755)
    homes = os.path.join(tmp, "home")
    os.makedirs(homes)
    os.chmod(homes, 0o755)
    # A notebook anywhere under a home imports "gradlab" through this link (as ~/node_modules in the image).
    os.symlink(os.path.join(args.repo, "node_modules"), os.path.join(homes, "node_modules"))
    students, hub_proc, hub_log = [], None, None
    results, rows, wall = [], {}, 0.0
    try:
        for i in range(1, args.students + 1):
            name = f"gl{run_id}s{i:02d}"
            home = os.path.join(homes, name)
            sh("useradd", "--no-create-home", "--home-dir", home, "--shell", "/usr/sbin/nologin", "--user-group", name)
            students.append({"name": name, "home": home})
            pw = pwd.getpwnam(name)
            os.makedirs(os.path.join(home, "gradlab", "notebooks"))
            shutil.copy(os.path.join(args.repo, args.notebook), os.path.join(home, "gradlab", "notebooks"))
            with open(os.path.join(home, "secret.txt"), "w") as f:
                f.write(f"secret of {name}\n")
            for root, dirs, files in os.walk(home):
                for p in [root] + [os.path.join(root, x) for x in files]:
                    os.chown(p, pw.pw_uid, pw.pw_gid)
            os.chmod(home, 0o700)
            os.chmod(os.path.join(home, "secret.txt"), 0o600)
        # the repository nbgitpuller pulls from: a bare clone owned by student 1 (git refuses to
        # serve a repository that another user owns)
        if shutil.which("git") and os.path.exists(os.path.join(args.repo, ".git")):
            args.bare = os.path.join(tmp, "course.git")
            sh("git", "clone", "--quiet", "--bare", args.repo, args.bare)
            head = subprocess.run(["git", "-C", args.repo, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
            sh("git", f"--git-dir={args.bare}", "update-ref", "refs/heads/course", head)  # the commit checked out here
            pw = pwd.getpwnam(students[0]["name"])
            for root, dirs, files in os.walk(args.bare):
                for p in [root] + [os.path.join(root, x) for x in files]:
                    os.chown(p, pw.pw_uid, pw.pw_gid)
        ports = {"public": free_port(), "hub": free_port(), "proxy_api": free_port()}
        service_token = secrets.token_hex(32)
        cfg = os.path.join(tmp, "jupyterhub_config.py")
        with open(cfg, "w") as f:
            f.write(hub_config(tmp, ports, service_token, args.repo, args.kernel))
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
        env["CONFIGPROXY_AUTH_TOKEN"] = secrets.token_hex(32)
        # Debian's configurable-http-proxy finds its modules in /usr/share/nodejs, on the module path
        # of Debian's nodejs but not of other builds (e.g. NodeSource's)
        env["NODE_PATH"] = "/usr/share/nodejs"
        hub_log = open(os.path.join(args.out, "hub.log"), "w")
        hub_proc = subprocess.Popen(
            ["/usr/bin/python3", "-m", "jupyterhub", "-f", cfg], cwd=tmp, env=env, stdout=hub_log, stderr=subprocess.STDOUT, start_new_session=True
        )
        public = f"http://127.0.0.1:{ports['public']}"
        hub = Hub(public, service_token)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)

        async def up():
            until = time.time() + 120
            while time.time() < until:
                if hub_proc.poll() is not None:
                    return False
                try:
                    code, _ = await hub.api("GET", "/hub/api/", raise_error=False)
                    if code == 200:
                        return True
                except (OSError, HTTPClientError):
                    pass
                await asyncio.sleep(0.5)
            return False

        t_up = time.time()
        if not loop.run_until_complete(up()):
            results = [{"name": "the hub starts and answers", "ok": False, "error": f"see {os.path.join(args.out, 'hub.log')}"}]
        else:
            results = [{"name": f"the hub starts and answers ({time.time() - t_up:.1f} s)", "ok": True, "error": None}]
            uids = {pwd.getpwnam(s["name"]).pw_uid: s["name"] for s in students}
            sampler = Sampler(uids)
            more, rows, wall = loop.run_until_complete(main_async(args, students, hub, sampler))
            results += more
            for name, row in rows.items():
                row["kernel_peak_mb"] = round(sampler.peak_kernel[name] / 2**20)
                row["server_peak_mb"] = round(sampler.peak_server[name] / 2**20)
            summary = {
                "students": args.students,
                "finished": sum(1 for r in rows.values() if r["ok"]),
                "notebook": args.notebook,
                "wall_s": round(wall, 1),
                "peak_all_students_mb": round(sampler.peak_total / 2**20),
                "rows": list(rows.values()),
                "cpus": os.cpu_count(),
                "loadavg_at_end": os.getloadavg(),
            }
            with open(os.path.join(args.out, "summary.json"), "w") as f:
                json.dump(summary, f, indent=1)
    finally:
        if hub_proc is not None and hub_proc.poll() is None:
            os.killpg(hub_proc.pid, signal.SIGTERM)
            try:
                hub_proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(hub_proc.pid, signal.SIGKILL)
        proxy_pid = os.path.join(tmp, "proxy.pid")
        if os.path.exists(proxy_pid):
            try:
                os.kill(int(open(proxy_pid).read().strip()), signal.SIGTERM)
            except (OSError, ValueError):
                pass
        for s in students:
            # the students' own processes (servers, kernels) that outlived the hub
            uid = pwd.getpwnam(s["name"]).pw_uid
            for pid, (puid, *_rest) in proc_table().items():
                if puid == uid:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
        time.sleep(0.5)
        for s in students:
            subprocess.run(["userdel", s["name"]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if hub_log:
            hub_log.close()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    results = shipped + results
    print("@@gradlab-results " + json.dumps(results))
    return 0 if results and all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
