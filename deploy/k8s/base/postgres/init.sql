-- Run once by CloudNativePG, as the superuser in database duallist, right after it created the database
-- (Cluster bootstrap.initdb.postInitApplicationSQLRefs). As the local stack does (deploy/local PostgresServer):
-- every service has a schema of its own name, owned by <service>_owner, which runs the service's Flyway
-- migrations; the migrations grant <service>, the role the service runs as, only what its code needs.
-- The roles' LOGIN and passwords are managed by the Cluster (spec.managed.roles, from the Secrets that
-- create-secrets.sh makes); they are created here too, without login, in case this runs before that reconciles.
DO $$
DECLARE
    service text;
BEGIN
    FOREACH service IN ARRAY ARRAY['registration', 'progress', 'supervision', 'query'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service || '_owner') THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', service || '_owner');
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', service);
        END IF;
        EXECUTE format('GRANT CONNECT ON DATABASE duallist TO %I, %I', service, service || '_owner');
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service || '_owner');
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
        EXECUTE format('ALTER ROLE %I IN DATABASE duallist SET search_path = %I', service, service);
        EXECUTE format('ALTER ROLE %I IN DATABASE duallist SET search_path = %I', service || '_owner', service);
    END LOOP;
END
$$;
-- No role but the ones above connects, and the roles the services run as create nothing, not even temporary tables
REVOKE CONNECT, TEMPORARY ON DATABASE duallist FROM PUBLIC;
GRANT TEMPORARY ON DATABASE duallist TO registration_owner, progress_owner, supervision_owner, query_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
