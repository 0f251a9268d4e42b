#!/usr/bin/env bash
# Writes the secrets compose.yaml reads into docker/secrets/ (ignored by git): a random PostgreSQL
# password, each service's DATABASE_URL and the credentials service's master key. Existing files are
# kept: a new master key would make the stored private keys unreadable.
set -euo pipefail
umask 077
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"

[[ -f $dir/postgres-password ]] || openssl rand -hex 24 >"$dir/postgres-password"
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
