#!/bin/sh
# tests/slurm/cluster.sh start DIR | stop DIR: a private single-node Slurm
# cluster on loopback, for the tests and bench/slurm.sh.
#
# Everything lives in DIR: its own munged (key, socket, pid), slurm.conf,
# the controller's state, the node's spool and every log. The daemons run
# in the foreground of background jobs as the current user, on ports
# chosen at random (PORT, and PORT+1, to pick them), so that two clusters
# and a site's own Slurm do not meet. The node advertises CPUS CPUs (8
# unless set), whatever the machine has: `salloc -n8` works on a small
# machine, and the tests oversubscribe it on purpose. Memory is a
# consumable resource, as on most sites (a job without --mem gets its
# share of the node for each CPU).
#
# start prints "SLURM_CONF=DIR/slurm.conf" once the node is idle, or
# fails with the logs' last lines. stop ends the daemons by their pids and
# waits for them. Slurm's own commands find the cluster through
# SLURM_CONF.
set -eu
cmd=${1:-} dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || {
	echo "usage: $0 start|stop DIR" >&2
	exit 2
}

# pid FILE: the pid FILE holds, if that process lives
live_pid() {
	[ -f "$1" ] || return 1
	p=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"
}

stop() {
	d=$1
	pids=
	# the jobs first: a step's slurmstepd outlives slurmd
	if live_pid "$d/slurmctld.bg" >/dev/null; then
		SLURM_CONF="$d/slurm.conf" scancel --quiet --user="$(id -un)" \
		    2>/dev/null || true
		i=0
		while [ $i -lt 60 ] && [ -n "$(SLURM_CONF="$d/slurm.conf" \
		    squeue -h 2>/dev/null)" ]; do
			i=$((i + 1))
			sleep 0.05
		done
	fi
	for f in "$d/slurmd.bg" "$d/slurmctld.bg" "$d/munge/munged.pid"; do
		if p=$(live_pid "$f"); then
			kill "$p" 2>/dev/null || true
			pids="$pids $p"
		fi
	done
	i=0
	for p in $pids; do
		while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do
			i=$((i + 1))
			sleep 0.05
		done
		kill -KILL "$p" 2>/dev/null || true
	done
	# a step's slurmstepd that could not reach a controller that was
	# down outlives everything: this cluster's carry its SLURM_CONF
	for e in /proc/[0-9]*/environ; do
		p=${e#/proc/}
		p=${p%/environ}
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = slurmstepd ] || continue
		if tr '\0' '\n' <"$e" 2>/dev/null |
		    grep -qxF "SLURM_CONF=$d/slurm.conf"; then
			kill -KILL "$p" 2>/dev/null || true
		fi
	done
}

case $cmd in
start)
	mkdir -p "$dir"
	d=$(cd "$dir" && pwd)
	# munged wants its socket's directory, and every one above it,
	# searchable by all; mktemp -d makes them 700
	chmod 711 "$d"
	mkdir -p "$d/munge" "$d/state" "$d/spool" "$d/log"
	chmod 711 "$d/munge"
	dd if=/dev/urandom of="$d/munge/munge.key" bs=1024 count=1 2>/dev/null
	chmod 600 "$d/munge/munge.key"
	if ! munged --key-file="$d/munge/munge.key" \
	    --socket="$d/munge/munge.socket" \
	    --pid-file="$d/munge/munged.pid" --log-file="$d/log/munged.log" \
	    --seed-file="$d/munge/seed" --force 2>"$d/log/munged.err"; then
		echo "munged did not start:" >&2
		tail -n 5 "$d/log/munged.err" "$d/log/munged.log" >&2 2>/dev/null
		exit 1
	fi
	port=${PORT:-$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000))}
	mem=$(awk '/MemTotal/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)
	user=$(id -un)
	cat >"$d/slurm.conf" <<EOT
ClusterName=cosimtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$d/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$((mem / ${CPUS:-8}))
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
Licenses=cosimlic:2
InactiveLimit=0
KillWait=2
MinJobAge=5
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=localhost NodeAddr=127.0.0.1 CPUs=${CPUS:-8} RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:8
EOT
	SLURM_CONF="$d/slurm.conf"
	export SLURM_CONF
	slurmctld -D -i >"$d/log/slurmctld.out" 2>&1 &
	echo $! >"$d/slurmctld.bg"
	slurmd -D -N localhost >"$d/log/slurmd.out" 2>&1 &
	echo $! >"$d/slurmd.bg"
	i=0
	until sinfo -h -o %T 2>/dev/null | grep -q idle; do
		i=$((i + 1))
		if [ $i -ge 200 ]; then
			echo "the Slurm cluster in $d did not come up:" >&2
			tail -n 5 "$d/log/slurmctld.log" "$d/log/slurmd.log" \
			    "$d/log/slurmctld.out" "$d/log/slurmd.out" >&2 2>/dev/null
			stop "$d"
			exit 1
		fi
		sleep 0.05
	done
	echo "SLURM_CONF=$d/slurm.conf"
	;;
stop)
	[ -d "$dir" ] || exit 0
	stop "$(cd "$dir" && pwd)"
	;;
*)
	echo "usage: $0 start|stop DIR" >&2
	exit 2
	;;
esac
