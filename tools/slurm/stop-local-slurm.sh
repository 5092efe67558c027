#!/usr/bin/env bash
# Stops what tools/slurm/start-local-slurm.sh started, by its pid files (never by process name).
#   usage: tools/slurm/stop-local-slurm.sh [DIR]   (default DIR: /tmp/prunelens-slurm)
DIR="${1:-/tmp/prunelens-slurm}"
for name in slurmd slurmctld munged; do
  file="$DIR/$name.pid"
  [ -s "$file" ] || continue
  pid="$(cat "$file")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
done
exit 0
