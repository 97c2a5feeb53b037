# JupyterHub for one class on one Debian machine (up to the class size the README's sizing table
# gives for the machine): Debian's jupyterhub 3.0, one system account per student, HTTPS,
# idle servers and kernels stopped. Steps: README, "Workshops: JupyterHub" -> "One machine".
#
#   sudo cp deploy/jupyterhub/jupyterhub_config.py /etc/jupyterhub/jupyterhub_config.py
#   sudo systemctl restart jupyterhub
#
# The course is installed once in /opt/gradlab (git clone + `node scripts/setup.js`, as the
# README says); every student's server uses its kernel and library, read-only.
# scripts/hub_test.py starts a hub like this one for `npm run test:hub`, but with the dummy
# authenticator (any password logs in): that one is for the test alone.
c = get_config()  # noqa: F821

COURSE = "/opt/gradlab"

# --- who may log in ----------------------------------------------------------------------------
# PAM: students log in with their system account's password (create them with `adduser`, put them
# in the group `students`; instructors in `instructors`). Alternatives that need pip packages:
#   c.JupyterHub.authenticator_class = "native"          # jupyterhub-nativeauthenticator: sign-up
#   c.NativeAuthenticator.open_signup = False            #   form, an admin approves each account
#   c.JupyterHub.authenticator_class = "github"          # oauthenticator: GitHub/Google/... login
#   c.GitHubOAuthenticator.oauth_callback_url = "https://hub.example.org/hub/oauth_callback"
# With an OAuth login, keep one system user per student: c.LocalAuthenticator.create_system_users = True
# (a subclass such as LocalGitHubOAuthenticator).
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {"students", "instructors"}
c.Authenticator.admin_users = set()  # add instructors' user names; admins can open students' servers
c.Authenticator.delete_invalid_users = True

# --- HTTPS -------------------------------------------------------------------------------------
# The hub terminates TLS itself (certificate e.g. from Let's Encrypt: `certbot certonly --standalone
# -d hub.example.org`). Behind nginx/Caddy instead: bind to 127.0.0.1:8000 and let the proxy do TLS.
c.JupyterHub.bind_url = "https://0.0.0.0:443"
c.JupyterHub.ssl_cert = "/etc/letsencrypt/live/hub.example.org/fullchain.pem"
c.JupyterHub.ssl_key = "/etc/letsencrypt/live/hub.example.org/privkey.pem"
c.JupyterHub.cookie_secret_file = "/var/lib/jupyterhub/jupyterhub_cookie_secret"
c.JupyterHub.db_url = "sqlite:////var/lib/jupyterhub/jupyterhub.sqlite"

# --- one system user per student -----------------------------------------------------------------
# LocalProcessSpawner runs each server as the student's own account: homes are mode 700, so one
# student's server and kernels cannot read another's files (`npm run test:hub` checks exactly that).
# It does not enforce memory or CPU limits; systemdspawner (pip: jupyterhub-systemdspawner) does,
# with the same per-user accounts: c.JupyterHub.spawner_class = "systemd"; c.SystemdSpawner.mem_limit = "1G".
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = ["/usr/bin/jupyterhub-singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/tree"
c.Spawner.environment = {
    "JUPYTER_PATH": f"{COURSE}/.jupyter",  # the kernel "TypeScript (gradlab)"
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",  # classic Notebook 6: figures verified there
    "PATH": "/usr/local/bin:/usr/bin:/bin",
}
c.Spawner.args = [
    "--MappingKernelManager.default_kernel_name=gradlab",
    # idle culling inside each server (Notebook 6, no extra package): a kernel idle for 30 min is
    # stopped, and a server with no kernels and no activity for 1 h exits, freeing its memory.
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=300",
    "--NotebookApp.shutdown_no_activity_timeout=3600",
]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Start at most this many servers at once (a class logging in at 9:00 sharp): measured figures in
# the README's sizing table.
c.JupyterHub.concurrent_spawn_limit = 20
c.JupyterHub.active_server_limit = 0  # set to the sizing table's "students held" for this machine

# --- the hub-level culler (optional, pip: jupyterhub-idle-culler) --------------------------------
# c.JupyterHub.load_roles = [{"name": "idle-culler", "scopes": ["list:users", "read:users:activity",
#     "read:servers", "delete:servers"], "services": ["idle-culler"]}]
# c.JupyterHub.services = [{"name": "idle-culler",
#     "command": ["python3", "-m", "jupyterhub_idle_culler", "--timeout=3600"]}]
