#!/bin/sh
# Builds the course image (../../Dockerfile) on a Debian machine that cannot pull images: the base
# is made with debootstrap, the build runs under buildah's chroot isolation (works inside a
# container without cgroup delegation), then two notebooks run inside the image.
#   sudo deploy/image/build-local.sh [TAG]          default TAG gradlab:0.1.0
# Needs: apt-get install podman buildah debootstrap. Where images can be pulled, plain
# `podman build -t gradlab:0.1.0 .` (or docker build, repo2docker) does the same from debian:trixie-slim.
# EXTRA_CA_CERTS_FILE: a CA bundle for a TLS-intercepting proxy between this machine and npm
# (used during the build only, not kept in the image).
set -eu
TAG="${1:-gradlab:0.1.0}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-/var/tmp/gradlab-image}"
mkdir -p "$WORK"
if ! podman image exists localhost/gradlab-base:trixie; then
  echo "== debootstrap: Debian 13 (trixie) minbase"
  rm -rf "$WORK/rootfs"
  debootstrap --variant=minbase trixie "$WORK/rootfs" http://deb.debian.org/debian
  tar -C "$WORK/rootfs" -c . | podman import - localhost/gradlab-base:trixie
fi
CA=""
if [ -n "${EXTRA_CA_CERTS_FILE:-}" ]; then CA="$(cat "$EXTRA_CA_CERTS_FILE")"; fi
echo "== build $TAG"
cd "$ROOT"
podman build --isolation=chroot --network=host \
  --build-arg BASE=localhost/gradlab-base:trixie --build-arg EXTRA_CA_CERTS="$CA" -t "localhost/$TAG" .
echo "== inside the image: kernel, default kernel, hub bits, two notebooks"
CTR="$(buildah from "localhost/$TAG")"
trap 'buildah rm "$CTR" >/dev/null' EXIT
buildah run --isolation chroot "$CTR" -- sh -c '
  set -e
  id
  jupyter kernelspec list
  python3 -c "from notebook.notebookapp import NotebookApp as A; a = A(); a.load_config_file(); print(\"default kernel:\", a.config.MappingKernelManager.default_kernel_name)"
  python3 -c "import jupyterhub, nbgitpuller, notebook; print(\"jupyterhub\", jupyterhub.__version__, \"notebook\", notebook.__version__)"
  cd ~/gradlab && npm run notebook -- notebooks/00-welcome.ipynb notebooks/11-conv-arithmetic.ipynb
  cd ~ && mkdir -p work/pulled/notebooks && cp gradlab/notebooks/01-backprop.ipynb work/pulled/notebooks/ \
    && cd gradlab && npm run -s notebook -- ../work/pulled/notebooks/01-backprop.ipynb
'
