#!/usr/bin/env bash
# Runs once, when the compose PostgreSQL first initialises its volume: the owner role that migrates the ledger's
# schema and the runtime role the nodes run as (it can append and read events, never change them).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$LEDGER_OWNER_PASSWORD" -v app_pw="$LEDGER_APP_PASSWORD" <<'SQL'
CREATE ROLE ledger_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE ledger_app LOGIN PASSWORD :'app_pw';
CREATE DATABASE ledger OWNER ledger_owner;
REVOKE CREATE, TEMPORARY ON DATABASE ledger FROM PUBLIC;
GRANT CONNECT ON DATABASE ledger TO ledger_app;
SQL
