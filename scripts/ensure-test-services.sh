#!/usr/bin/env bash
# Finds, or installs and starts, what the tests need: redis-server on PATH (tests start private
# servers from it), chromium, promtool, docker-compose, tesseract, pdftoppm and img2pdf, a PostgreSQL server (DATABASE_URL, or a local cluster on 127.0.0.1:5432), and
# s3cmd (an independent S3 client for the end-to-end tests). Installs Debian packages only when
# something is missing and we are root. Prints the DATABASE_URL to use as its last line.
set -euo pipefail

log() { echo "ensure-test-services: $*" >&2; }
apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing: $* -- install it (Debian: sudo apt-get install -y $*) or set the URLs (see README)"
    exit 1
  fi
  if [ $apt_updated = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

command -v redis-server >/dev/null || apt_install redis-server
command -v s3cmd >/dev/null || apt_install s3cmd
# The browser test drives Debian's Chromium; alert rules are checked by promtool (Debian's
# prometheus package); the compose file is checked by docker-compose.
command -v chromium >/dev/null || apt_install chromium
command -v promtool >/dev/null || apt_install prometheus
command -v docker-compose >/dev/null || apt_install docker-compose
# Scanned letters: OCR by Tesseract; the tests make scans of the real PDFs with pdftoppm and img2pdf.
command -v tesseract >/dev/null || apt_install tesseract-ocr tesseract-ocr-eng
command -v pdftoppm >/dev/null || apt_install poppler-utils
command -v img2pdf >/dev/null || apt_install img2pdf

pg_ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$1" -p "$2"; }

if [ -n "${DATABASE_URL:-}" ]; then
  echo "$DATABASE_URL"
  exit 0
fi

url="postgres://postgres:postgres@127.0.0.1:5432/postgres"
if pg_ready 127.0.0.1 5432; then
  echo "$url"
  exit 0
fi

fresh=0
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt_install postgresql postgresql-client
  fresh=1
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
  fresh=1
fi
log "starting PostgreSQL $version"
pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
for _ in $(seq 1 60); do pg_ready 127.0.0.1 5432 && break; sleep 0.5; done
pg_ready 127.0.0.1 5432 || { log "PostgreSQL did not start"; exit 1; }
if [ $fresh = 1 ]; then
  # A cluster this script installed: give the postgres role the password the URL above carries.
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
fi
echo "$url"
