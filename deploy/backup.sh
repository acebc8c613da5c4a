#!/bin/sh
# Backs up the app's database and Temporal's persistence together, into the folder given. A
# partnership lives in both: its records in the one, its workflow's history in the other. Restored,
# they must be from the same moment, so run this only while the API, the workers and Temporal are
# stopped (docs/operations.md, "Backup and restore" says why). deploy/restore.sh brings a folder back.
#
#   APP_DATABASE                   the app's database, as pg_dump names one: `iop`, or a postgresql:// URL
#   TEMPORAL_DATABASE and          Temporal on PostgreSQL (docker-compose.yml): `temporal` and
#   TEMPORAL_VISIBILITY_DATABASE   `temporal_visibility`
#   TEMPORAL_SQLITE_FILE           or the dev server's file (`npm start`: .data/temporal/dev-server.sqlite)
#   PG_EXEC                        a prefix for pg_dump and psql, for example
#                                  "docker compose exec -T -e PGUSER=postgres postgres"; empty: the PATH's
#
# Writes app.dump (and temporal.dump, temporal_visibility.dump or temporal.sqlite), each in pg_dump's
# custom format, whole or not at all: a dump is written beside its name and renamed once complete.
set -eu

out=${1:?usage: deploy/backup.sh FOLDER}
: "${APP_DATABASE:?APP_DATABASE names the app database}"
if [ -z "${TEMPORAL_DATABASE:-}" ] && [ -z "${TEMPORAL_SQLITE_FILE:-}" ]; then
  echo "backup: set TEMPORAL_DATABASE and TEMPORAL_VISIBILITY_DATABASE, or TEMPORAL_SQLITE_FILE: the app's records alone cannot be restored" >&2
  exit 2
fi
pg_exec=${PG_EXEC:-}

# A session of the API, a worker or Temporal means something may still move: the dumps would not be
# of one moment.
for database in "$APP_DATABASE" ${TEMPORAL_DATABASE:+"$TEMPORAL_DATABASE"} ${TEMPORAL_VISIBILITY_DATABASE:+"$TEMPORAL_VISIBILITY_DATABASE"}; do
  # shellcheck disable=SC2086 # PG_EXEC is a command prefix: split on purpose.
  others=$($pg_exec psql --no-psqlrc -X -A -t -F ' ' -d "$database" -c \
    "SELECT count(*), current_database() FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
  # Named by the server, not by the variable: a URL may hold a password.
  if [ "${others%% *}" != 0 ]; then
    echo "backup: ${others%% *} other session(s) are connected to ${others#* }: stop the API, the workers and Temporal first" >&2
    exit 1
  fi
done

mkdir -p "$out"
dump() { # database, file
  # shellcheck disable=SC2086
  $pg_exec pg_dump --format=custom "$1" > "$out/$2.partial"
  mv "$out/$2.partial" "$out/$2"
}
dump "$APP_DATABASE" app.dump
if [ -n "${TEMPORAL_DATABASE:-}" ]; then
  dump "$TEMPORAL_DATABASE" temporal.dump
  dump "${TEMPORAL_VISIBILITY_DATABASE:?TEMPORAL_VISIBILITY_DATABASE names the visibility database}" temporal_visibility.dump
fi
if [ -n "${TEMPORAL_SQLITE_FILE:-}" ]; then
  # A journal beside the file means a write was under way when the server stopped, or that it still
  # runs: the file alone could hold half a write.
  for journal in "$TEMPORAL_SQLITE_FILE-journal" "$TEMPORAL_SQLITE_FILE-wal"; do
    if [ -e "$journal" ]; then
      echo "backup: $journal exists: stop the Temporal dev server (cleanly) first" >&2
      exit 1
    fi
  done
  cp "$TEMPORAL_SQLITE_FILE" "$out/temporal.sqlite.partial"
  mv "$out/temporal.sqlite.partial" "$out/temporal.sqlite"
fi
echo "backup: written to $out"
