#!/usr/bin/env bash
# Creates the Secrets the Dual List manifests refer to and that are never committed:
#   dual-list-db-<service>, dual-list-db-<service>-owner   the eight database roles (kubernetes.io/basic-auth:
#       username, password; a random password each), read by CloudNativePG (managed roles) and the services
#   dual-list-backup-credentials   the access key of the backup bucket (ACCESS_KEY_ID, ACCESS_SECRET_KEY),
#       taken from BACKUP_ACCESS_KEY_ID and BACKUP_SECRET_ACCESS_KEY
# A Secret that exists already is left as it is (a role's password changes only when you change its Secret).
#
#   BACKUP_ACCESS_KEY_ID=... BACKUP_SECRET_ACCESS_KEY=... deploy/k8s/create-secrets.sh [-n NAMESPACE]
#   deploy/k8s/create-secrets.sh --print     # the Secrets as YAML on stdout, nothing sent to a cluster
set -euo pipefail

namespace=dual-list
print=false
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--namespace) namespace="$2"; shift 2 ;;
    --print) print=true; shift ;;
    *) echo "usage: $0 [-n NAMESPACE] [--print]" >&2; exit 2 ;;
  esac
done

services="registration progress supervision query"

random_password() {
  # 32 characters of [A-Za-z0-9]: nothing a JDBC URL, a shell or YAML would need to escape
  LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 || true
}

# secret NAME kubectl-create-secret-arguments...: printed, or created unless it exists
secret() {
  local name="$1"; shift
  if [ "$print" = true ]; then
    echo "---"
    kubectl create secret generic "$name" --namespace "$namespace" "$@" --dry-run=client -o yaml
  elif kubectl get secret "$name" --namespace "$namespace" >/dev/null 2>&1; then
    echo "secret/$name exists: left as it is"
  else
    kubectl create secret generic "$name" --namespace "$namespace" "$@"
  fi
}

if [ "$print" = false ]; then
  kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"
fi

for service in $services; do
  for role in "$service" "${service}_owner"; do
    secret "dual-list-db-${role//_/-}" --type=kubernetes.io/basic-auth \
      --from-literal=username="$role" --from-literal=password="$(random_password)"
  done
done

if [ -n "${BACKUP_ACCESS_KEY_ID:-}" ] && [ -n "${BACKUP_SECRET_ACCESS_KEY:-}" ]; then
  secret dual-list-backup-credentials \
    --from-literal=ACCESS_KEY_ID="$BACKUP_ACCESS_KEY_ID" --from-literal=ACCESS_SECRET_KEY="$BACKUP_SECRET_ACCESS_KEY"
elif [ "$print" = false ]; then
  echo "BACKUP_ACCESS_KEY_ID and BACKUP_SECRET_ACCESS_KEY not set: create secret dual-list-backup-credentials" \
       "(keys ACCESS_KEY_ID, ACCESS_SECRET_KEY) yourself, or run this again with them" >&2
  exit 1
fi
