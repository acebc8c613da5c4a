#!/bin/sh
# Brings back a folder that deploy/backup.sh wrote: the app's database and Temporal's, together,
# into empty databases (and a new dev server file) while nothing else runs. Then, in this order:
# `prisma migrate deploy`, Temporal, the workers, the API (docs/operations.md, "Backup and restore").
#
#   APP_DATABASE                   an empty database for the app (as pg_dump names one)
#   TEMPORAL_DATABASE and          empty databases for Temporal on PostgreSQL, when the backup has
#   TEMPORAL_VISIBILITY_DATABASE   temporal.dump and temporal_visibility.dump
#   TEMPORAL_SQLITE_FILE           where the dev server's file goes, when the backup has temporal.sqlite
#   PG_EXEC                        a prefix for pg_restore and psql, as for deploy/backup.sh
set -eu

in=${1:?usage: deploy/restore.sh FOLDER}
: "${APP_DATABASE:?APP_DATABASE names an empty database for the app}"
pg_exec=${PG_EXEC:-}
[ -f "$in/app.dump" ] || { echo "restore: no $in/app.dump" >&2; exit 2; }

restore() { # file, database
  # Through stdin, so that PG_EXEC may be a container that cannot see the folder. Owners and grants
  # as they were: the roles (deploy/postgres/init-roles.sh) must exist.
  # shellcheck disable=SC2086 # PG_EXEC is a command prefix: split on purpose.
  $pg_exec pg_restore --exit-on-error --single-transaction -d "$2" < "$1"
}
if [ -f "$in/temporal.dump" ]; then
  restore "$in/temporal.dump" "${TEMPORAL_DATABASE:?TEMPORAL_DATABASE names an empty database for Temporal}"
  restore "$in/temporal_visibility.dump" "${TEMPORAL_VISIBILITY_DATABASE:?TEMPORAL_VISIBILITY_DATABASE names an empty database}"
elif [ -f "$in/temporal.sqlite" ]; then
  target=${TEMPORAL_SQLITE_FILE:?TEMPORAL_SQLITE_FILE says where the dev server file goes}
  [ ! -e "$target" ] || { echo "restore: $target exists: the dev server's file is restored only where there is none" >&2; exit 1; }
  cp "$in/temporal.sqlite" "$target"
else
  echo "restore: $in holds no backup of Temporal: the app's records alone would leave every partnership without its workflow" >&2
  exit 2
fi
restore "$in/app.dump" "$APP_DATABASE"

# The event feed orders events by the transaction that wrote them (records/events-feed.ts): on a
# server whose transaction ids are behind the backed-up ones (a new cluster), the restored events
# would stay hidden and new ones would sort before them. Moving the server's epoch on fixes that.
# shellcheck disable=SC2086
behind=$($pg_exec psql --no-psqlrc -X -A -t -d "$APP_DATABASE" -c \
  'SELECT (max(txid) >> 32) + 1 FROM "PartnershipEvent" HAVING max(txid) >= pg_current_xact_id()::text::bigint')
if [ -n "$behind" ]; then
  echo "restore: this server's transaction ids are behind the backup's. Stop PostgreSQL, run" >&2
  echo "  pg_resetwal --epoch=$behind <its data directory>" >&2
  echo "as its owner, and start it again before the API and the workers start (the data restored stays)." >&2
  exit 3
fi
echo "restore: done from $in"
