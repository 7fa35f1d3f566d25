#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL 15 cluster: initdb into a temporary
# folder, a free loopback port, no system service involved; the cluster is stopped and removed afterwards, whatever
# the command's outcome. Used by `npm run test:postgresql` and by CI. Installs PostgreSQL with apt-get where it is
# missing and the script runs as root (CI machines); elsewhere it says what to install.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL 15 is missing: installing it with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null
  else
    echo "PostgreSQL 15 is not installed ($PG_BIN/initdb missing): apt-get install postgresql-15, or set PG_BIN" >&2
    exit 69
  fi
fi

DIR=$(mktemp -d)
# initdb refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi

# A free loopback port: ask the kernel for one.
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

cleanup() {
  as_owner "$PG_BIN/pg_ctl -D $DIR/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

# C.UTF-8: code point order, as SQLite sorts, with Unicode character classes for the trigram index (see
# src/db/migrate-postgresql.ts). fsync stays on: the durability test asks for it.
as_owner "$PG_BIN/initdb -D $DIR/data -A trust -U postgres --locale=C.UTF-8 -E UTF8 >/dev/null"
as_owner "$PG_BIN/pg_ctl -D $DIR/data -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300' -l $DIR/log -w start >/dev/null"

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
