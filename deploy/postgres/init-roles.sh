#!/bin/sh
# PostgreSQL's image runs this once, on its first start with an empty data volume
# (docker-entrypoint-initdb.d), as the superuser. It makes one role for each job, each with only
# what that job needs, their passwords read from the compose secrets:
#   iop_migrations  owns the database iop and its schema: the migrations make and change the tables
#   iop_app         the API and the worker: reads and writes rows, and can change no table
#   temporal        owns Temporal's two databases, temporal and temporal_visibility
# Changing a password later is ALTER ROLE … PASSWORD, and the secret file with it.
set -e

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  --set migrations_password="$(cat "$IOP_MIGRATIONS_PASSWORD_FILE")" \
  --set app_password="$(cat "$IOP_APP_PASSWORD_FILE")" \
  --set temporal_password="$(cat "$TEMPORAL_PASSWORD_FILE")" <<'SQL'
CREATE ROLE iop_migrations LOGIN PASSWORD :'migrations_password';
CREATE ROLE iop_app LOGIN PASSWORD :'app_password';
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';

CREATE DATABASE iop OWNER iop_migrations;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
-- Every role may connect to every database unless told otherwise: only the owners and the app may.
REVOKE ALL ON DATABASE iop, temporal, temporal_visibility FROM PUBLIC;
GRANT CONNECT ON DATABASE iop TO iop_app;

\connect iop
ALTER SCHEMA public OWNER TO iop_migrations;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO iop_app;
-- Every table and sequence the migrations make, now and later, is the app's to read and write.
ALTER DEFAULT PRIVILEGES FOR ROLE iop_migrations IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO iop_app;
ALTER DEFAULT PRIVILEGES FOR ROLE iop_migrations IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO iop_app;
SQL
