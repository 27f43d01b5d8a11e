#!/usr/bin/env bash
# Runs once, when the postgres container starts on an empty data volume (the official image runs
# /docker-entrypoint-initdb.d/ after creating database $POSTGRES_DB = duallist). Creates what the local
# launcher creates (deploy/local PostgresServer): for every service a schema of its name and two login
# roles with passwords of their own, <service>_owner owning the schema (it runs the service's Flyway
# migrations, which grant the second role what the code needs) and <service>, the role the service runs
# as: rows only, no DDL, not even temporary tables. No role but the superuser may use another service's
# schema. Passwords come from the container's environment (.env), passed to psql as variables, never
# pasted into SQL text.
set -eo pipefail

psql_duallist() {
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"
}

psql_duallist <<'SQL'
REVOKE ALL ON DATABASE duallist FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

for service in registration progress supervision query; do
  password_variable="${service^^}_DB_PASSWORD"
  owner_password_variable="${service^^}_OWNER_DB_PASSWORD"
  password="${!password_variable:?$password_variable is not set}"
  owner_password="${!owner_password_variable:?$owner_password_variable is not set}"
  psql_duallist -v role="$service" -v owner="${service}_owner" -v schema="$service" \
      -v password="$password" -v owner_password="$owner_password" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
GRANT CONNECT ON DATABASE duallist TO :"role", :"owner";
REVOKE TEMPORARY ON DATABASE duallist FROM :"role";
CREATE SCHEMA :"schema" AUTHORIZATION :"owner";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
ALTER ROLE :"role" IN DATABASE duallist SET search_path = :"schema";
ALTER ROLE :"owner" IN DATABASE duallist SET search_path = :"schema";
SQL
  echo "dual-list: roles $service and ${service}_owner, schema $service"
done
