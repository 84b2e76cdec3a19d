#!/usr/bin/env bash
# Starts a one-node Slurm cluster on localhost without systemd (docs/distributed.md §3).
# Usage: start-local.sh DIR   — writes DIR/slurm.conf, state, logs and pid files; prints
# `export SLURM_CONF=DIR/slurm.conf` for the caller to eval. Needs root, slurm-wlm and munge.
set -euo pipefail
dir=$(realpath -m "${1:?usage: start-local.sh DIR}")
mkdir -p "$dir/state" "$dir/spool" "$dir/log"

if [ ! -f /etc/munge/munge.key ]; then
  /usr/sbin/mungekey --create
  chown munge:munge /etc/munge/munge.key && chmod 0600 /etc/munge/munge.key
fi
mkdir -p /run/munge && chown munge:munge /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
fi

# Node size from slurmd -C, never more than it reports (or the node drains).
read -r cpus mem < <(/usr/sbin/slurmd -C | awk '{for(i=1;i<=NF;i++){split($i,a,"="); if(a[1]=="CPUs")c=a[2]; if(a[1]=="RealMemory")m=a[2]}} END{print c, m}')
mem=$(( mem * 9 / 10 ))

cat > "$dir/slurm.conf" <<CONF
ClusterName=local
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
MailProg=/bin/true
MinJobAge=3600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF" -N localhost
for _ in $(seq 100); do
  if sinfo -h -o '%t' 2>/dev/null | grep -q idle; then
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "start-local.sh: the node did not become idle; see $dir/log" >&2
sinfo >&2 || true
exit 1
