#!/usr/bin/env bash
# Writes the secrets of a deployment into a folder that git ignores: a random PostgreSQL password,
# each service's DATABASE_URL and the credentials service's master key.
#   bash docker/make-secrets.sh                                            # docker/secrets (compose)
#   bash docker/make-secrets.sh deploy/kubernetes/overlays/development/secrets   # Kubernetes development
# Existing files are kept: a new master key would make the stored private keys unreadable.
set -euo pipefail
umask 077
dir="${1:-$(dirname "$0")/secrets}"
mkdir -p "$dir"

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
echo "secrets in $dir (keep the master key: without it the stored private keys cannot be opened)"
