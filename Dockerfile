# The course as a container image: for Binder (repo2docker builds this file) and as Zero to
# JupyterHub's `singleuser.image` (deploy/z2jh/values.yaml). See README, "Workshops: JupyterHub".
#
#   podman build -t gradlab:0.1.0 .          (or docker build; repo2docker . ; BinderHub)
#
# Debian 13 because it ships Node 20 (setup.js needs >= 20) next to Jupyter Notebook 6.4.
# Everything is installed at build time; nothing is fetched when a student's server runs.
ARG BASE=docker.io/library/debian:trixie-slim
FROM ${BASE}

# repo2docker passes these two; Zero to JupyterHub expects jovyan, uid 1000.
ARG NB_USER=jovyan
ARG NB_UID=1000
ENV USER=${NB_USER} \
    HOME=/home/${NB_USER} \
    LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive

# Node + npm, and what a hub needs in a user image: jupyterhub-singleuser (Zero to JupyterHub,
# BinderHub) and nbgitpuller (students get the notebooks, and later fixes, from a link).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm ca-certificates python3 jupyter-core jupyter-client jupyterhub python3-nbgitpuller \
 && useradd --create-home --uid ${NB_UID} --shell /bin/bash ${NB_USER}

# The course in the user's home. The system part of setup (Jupyter from Debian) runs as root...
COPY --chown=${NB_UID}:${NB_UID} . ${HOME}/gradlab
WORKDIR ${HOME}/gradlab
RUN node scripts/setup.js --system && rm -rf /var/lib/apt/lists/*

# ...the rest (npm ci, the library build, the kernelspec) as the user, with the same script `npm start` runs.
# EXTRA_CA_CERTS: PEM text of a CA that a TLS-intercepting proxy between this build and the npm
# registry uses (a build machine's business, not kept in the image; empty everywhere else).
USER ${NB_USER}
ARG EXTRA_CA_CERTS=""
RUN if [ -n "$EXTRA_CA_CERTS" ]; then printf '%s\n' "$EXTRA_CA_CERTS" > /tmp/extra-ca.pem; export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem npm_config_cafile=/tmp/extra-ca.pem; fi \
 && node scripts/setup.js \
 && npm cache clean --force \
 && rm -f /tmp/extra-ca.pem \
 && ln -s gradlab/node_modules ${HOME}/node_modules

# The kernel "TypeScript (gradlab)" for the image's Jupyter, and the default for new notebooks.
# ~/node_modules (above) lets a notebook anywhere under the home (e.g. one nbgitpuller pulled into
# ~/work) `import * as gl from "gradlab"`.
ENV JUPYTER_PATH=${HOME}/gradlab/.jupyter \
    JUPYTERHUB_SINGLEUSER_APP=notebook.notebookapp.NotebookApp
USER root
RUN mkdir -p /etc/jupyter \
 && printf '{\n "MappingKernelManager": { "default_kernel_name": "gradlab" }\n}\n' > /etc/jupyter/jupyter_notebook_config.json \
 && cp /etc/jupyter/jupyter_notebook_config.json /etc/jupyter/jupyter_server_config.json
USER ${NB_USER}
WORKDIR ${HOME}

EXPOSE 8888
CMD ["jupyter", "notebook", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--NotebookApp.default_url=/tree/gradlab/notebooks"]
