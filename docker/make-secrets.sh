#!/usr/bin/env bash
# Writes the secrets of a deployment into a folder that git ignores:
# - postgres-password and each service's <service>.env (DATABASE_URL; CREDENTIALS_MASTER_KEYS for credentials)
# - nats/identities/<service>.nk: each service's NATS identity (NKey seed), from tools/nats
# - nats-auth.conf: the NATS users and their permissions, generated from libs/contracts for those identities
#   bash docker/make-secrets.sh                                                  # docker/secrets (compose)
#   bash docker/make-secrets.sh deploy/kubernetes/overlays/development/secrets   # Kubernetes development
# Existing files are kept (a new master key would make the stored private keys unreadable); only
# nats-auth.conf is written anew each time, so run it again after an upgrade that changes the contracts.
# NATS_NAMESPACE (default archive365) must be the namespace the services run with.
set -euo pipefail
umask 077
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mkdir -p "${1:-$root/docker/secrets}" && cd "${1:-$root/docker/secrets}" && pwd)"

[[ -f $dir/postgres-password ]] || openssl rand -hex 24 | tr -d '\n' >"$dir/postgres-password"
password=$(cat "$dir/postgres-password")
for service in credentials provisioning directory-sync auth-gateway admin-api; do
  file="$dir/$service.env"
  [[ -f $file ]] && continue
  echo "DATABASE_URL=postgres://postgres:${password}@postgres:5432/${service//-/_}" >"$file"
  if [[ $service == credentials ]]; then
    echo "CREDENTIALS_MASTER_KEYS=k1:$(openssl rand -base64 32)" >>"$file"
  fi
done

# Bus identities: the generator keeps existing seeds and writes a whole server configuration; the
# deployments run their own server settings (ports, cluster, TLS) and include only its users.
(cd "$root" && npx tsx --tsconfig tools/nats/tsconfig.run.json tools/nats/src/generate-config.ts \
  --out "$dir/nats" --namespace "${NATS_NAMESPACE:-archive365}" >/dev/null)
awk '/^authorization \{/ { on = 1 } on { print } on && /^\}/ { exit }' "$dir/nats/nats-server.conf" >"$dir/nats-auth.conf"
grep -q nkey "$dir/nats-auth.conf" || { echo "no NATS users in $dir/nats-auth.conf" >&2; exit 1; }
rm -f "$dir/nats/nats-server.conf"
# Readable by the containers' users (compose bind-mounts them as they are); the folder stays 0700.
chmod 0644 "$dir"/nats/identities/*.nk "$dir/nats-auth.conf"
echo "secrets in $dir (keep the master key and the NATS seeds: without them stored private keys cannot be opened and services cannot connect)"
