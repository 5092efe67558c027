#!/usr/bin/env bash
# A single-node Slurm on this machine, for CI and local tests of `prunelens slurm` (Debian's
# slurm-wlm + munge, as root). Writes everything (slurm.conf, state, spool, pid files, logs) to
# one folder, prints `export SLURM_CONF=…` and waits until the node is idle. Stop it with
# tools/slurm/stop-local-slurm.sh (kills the daemons by their pid files).
#   usage: tools/slurm/start-local-slurm.sh [DIR]   (default DIR: /tmp/prunelens-slurm)
set -euo pipefail
DIR="${1:-/tmp/prunelens-slurm}"
HOST="$(hostname -s)"
mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log"

# munge: a key if there is none, then munged as user munge.
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key; else dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; fi
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n </dev/null >/dev/null 2>&1; then
  rm -f /run/munge/munge.socket.2*  # a dead munged's socket
  su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=/run/munge/munged.pid"
  for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
  cp /run/munge/munged.pid "$DIR/munged.pid"  # ours to stop (one already running is left alone)
fi

CPUS="$(nproc)"
MEM_MB="$(free -m | awk '/^Mem:/ { print int($2 * 0.9) }')"
cat >"$DIR/slurm.conf" <<CONF
# Single-node Slurm for PruneLens tests (written by tools/slurm/start-local-slurm.sh).
ClusterName=prunelens-ci
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
KillWait=5
MinJobAge=30
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=ci Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$DIR/slurm.conf"

/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 150); do
  if sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle; then
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "start-local-slurm: the node did not become idle; logs in $DIR/log" >&2
sinfo -N >&2 || true
exit 1
