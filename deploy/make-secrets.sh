#!/bin/sh
# Makes the secrets that docker-compose.yml gives its services, as files in deploy/secrets/ (or the
# folder named as the first argument). Run it once before the first `docker compose up`. A file
# that is there already is kept, so running it again changes nothing: PostgreSQL takes its roles'
# passwords on its first start only (deploy/postgres/init-roles.sh).
# deploy/secrets/ is ignored by git and left out of the image's build context (.dockerignore).
set -eu

dir="${1:-$(dirname "$0")/secrets}"
mkdir -p "$dir"
# The folder keeps the host's other users out. The files themselves are readable by all, because
# compose mounts them as they are and the containers read them as their own users (postgres,
# temporal, node), which are not the host user who owns them.
chmod 700 "$dir"

# 32 random bytes as hex: safe in a URL and in SQL without any quoting.
random() {
  od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

# keep NAME VALUE: writes the file NAME holding VALUE, unless it is there already.
keep() {
  if [ ! -e "$dir/$1" ]; then
    printf '%s\n' "$2" > "$dir/$1"
    chmod 644 "$dir/$1"
  fi
}

keep postgres-password "$(random)"
keep migrations-database-password "$(random)"
keep app-database-password "$(random)"
keep temporal-database-password "$(random)"
keep calendar-feed-secret "$(random)"
keep metrics-token "$(random)"
# The connection URLs carry the passwords above, as kept.
keep migrations-database-url "postgresql://iop_migrations:$(cat "$dir/migrations-database-password")@postgres:5432/iop"
keep app-database-url "postgresql://iop_app:$(cat "$dir/app-database-password")@postgres:5432/iop"

echo "secrets in $dir"
