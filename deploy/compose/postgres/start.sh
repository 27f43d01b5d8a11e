#!/usr/bin/env bash
# The entrypoint of the postgres container in docker-compose.yml: checks the passwords from .env, then
# hands over to the official image's entrypoint unchanged. The check runs before the image initialises
# an empty data volume, because a first initialisation that fails half-way leaves a data directory that
# the image never initialises again (a database without the services' roles).
set -eo pipefail

missing=()
for variable in POSTGRES_PASSWORD \
    REGISTRATION_DB_PASSWORD REGISTRATION_OWNER_DB_PASSWORD \
    PROGRESS_DB_PASSWORD PROGRESS_OWNER_DB_PASSWORD \
    SUPERVISION_DB_PASSWORD SUPERVISION_OWNER_DB_PASSWORD \
    QUERY_DB_PASSWORD QUERY_OWNER_DB_PASSWORD; do
  value="${!variable:-}"
  if [[ -z "$value" || "$value" == *CHANGE_ME* ]]; then
    missing+=("$variable")
  fi
done
if (( ${#missing[@]} > 0 )); then
  echo "dual-list: set these passwords in .env (next to docker-compose.yml), none empty or a CHANGE_ME placeholder: ${missing[*]}" >&2
  exit 1
fi

exec docker-entrypoint.sh "$@"
