#!/usr/bin/env bash
# Runs once, when the compose PostgreSQL initialises its data directory (docker-entrypoint-initdb.d):
# the silos' own role, which owns the activity database and so its public schema (PostgreSQL 15), and
# nothing more: no superuser, no creating roles or databases. The superuser's password stays with the
# operator; the silos never hold it.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v silo_password="$ACTIVITY_SILO_DB_PASSWORD" <<'SQL'
CREATE ROLE activity_silo LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'silo_password';
CREATE DATABASE activity OWNER activity_silo;
REVOKE ALL ON DATABASE activity FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE activity TO activity_silo;
SQL
