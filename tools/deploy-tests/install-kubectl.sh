#!/usr/bin/env bash
# Installs kubectl (the deployment tests render the Kustomize overlays with `kubectl kustomize`) when
# it is missing: from the system's package repositories where one offers it, else the official release
# binary from dl.k8s.io, verified against its published SHA-256, into /usr/local/bin (or ~/.local/bin).
set -euo pipefail
command -v kubectl >/dev/null && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null && apt-cache show kubectl >/dev/null 2>&1; then
  apt-get install -y --no-install-recommends kubectl && exit 0
fi
version=${KUBECTL_VERSION:-v1.32.4}
arch=$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')
base="https://dl.k8s.io/release/${version}/bin/linux/${arch}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL -o "$tmp/kubectl" "$base/kubectl"
echo "$(curl -fsSL "$base/kubectl.sha256")  $tmp/kubectl" | sha256sum --check --quiet
target=/usr/local/bin
[[ -w $target ]] || { target="$HOME/.local/bin"; mkdir -p "$target"; }
install -m 0755 "$tmp/kubectl" "$target/kubectl"
echo "kubectl ${version} installed in $target"
