#!/bin/sh
# Nightly backup of the one PostgreSQL database (engine, project tables, attachments):
# pg_dump in PostgreSQL's custom format, one file a night, the oldest removed after
# PCM_BACKUP_KEEP_DAYS days. Runs in the compose service "backup"; BACKUP_NOW=1 takes one
# backup at once and stops (docker compose run --rm -e BACKUP_NOW=1 backup).
#
# Restore (see README, "Backups and restore"):
#   docker compose stop app
#   docker compose exec -T postgres dropdb -U pcm pcm_restored --if-exists
#   docker compose exec -T postgres createdb -U pcm -E UTF8 -T template0 pcm_restored
#   docker compose exec -T postgres pg_restore -U pcm -d pcm_restored --no-owner < backups/pcm-YYYYMMDD-HHMMSS.dump
#   then point PCM_DB_URL at pcm_restored (or rename the databases) and start the application.
set -eu

: "${PGHOST:=postgres}" "${PGUSER:=pcm}" "${PGDATABASE:=pcm}"
: "${PCM_BACKUP_DIR:=/backups}" "${PCM_BACKUP_KEEP_DAYS:=14}" "${PCM_BACKUP_AT:=02:00}"
export PGHOST PGUSER PGDATABASE

backup() {
  stamp=$(date -u +%Y%m%d-%H%M%S)
  file="$PCM_BACKUP_DIR/pcm-$stamp.dump"
  # written under a temporary name, renamed only when complete: a half-written file is never
  # taken for a backup
  pg_dump --format=custom --compress=6 --no-owner --file="$file.partial"
  pg_restore --list "$file.partial" > /dev/null   # readable, or the backup fails loudly
  mv "$file.partial" "$file"
  find "$PCM_BACKUP_DIR" -name 'pcm-*.dump' -mtime +"$PCM_BACKUP_KEEP_DAYS" -delete
  find "$PCM_BACKUP_DIR" -name 'pcm-*.dump.partial' -delete
  echo "backup $file $(du -h "$file" | cut -f1)"
}

mkdir -p "$PCM_BACKUP_DIR"
if [ "${BACKUP_NOW:-0}" = "1" ]; then
  backup
  exit 0
fi
while true; do
  now=$(date -u +%s)
  next=$(date -u -d "$(date -u +%Y-%m-%d) $PCM_BACKUP_AT" +%s)
  [ "$next" -le "$now" ] && next=$((next + 86400))
  sleep $((next - now))
  backup || echo "backup FAILED" >&2
done
