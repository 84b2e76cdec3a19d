#!/usr/bin/env bash
# Stops the daemons started by start-local.sh DIR, by PID (never by name).
set -u
dir=$(realpath -m "${1:?usage: stop-local.sh DIR}")
for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" /run/munge/munged.pid; do
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
done
exit 0
