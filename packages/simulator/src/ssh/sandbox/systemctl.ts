// systemctl of a simulated machine, for services deployed onto it (deploy-package, seed 004). A unit
// with a file in /etc/systemd/system runs as a real process of the machine: ExecStart, WorkingDirectory,
// Environment and StandardOutput=append:/file are honoured, its state (pid, port) is kept under
// /run/sim-systemd, and a unit that names a PORT tells the simulator to open or close that port
// (servicePorts). Calls about any other unit keep the old behaviour: reported to the simulator.
// docs/simulator.md "Deployed services" lists what is and is not like systemd.
import type { Program } from './program.js';

/** Where the reporting systemctl (appliance units the simulator does not run) now lives. */
export const REPORTED_SYSTEMCTL = '/usr/lib/sim/systemctl-report';
/** Helper the simulator runs (as root, inside the machine) to answer a service port's HTTP request. */
export const SERVICE_HTTP = '/usr/lib/sim/service-http';

export const systemctl: Program = {
  path: '/usr/bin/systemctl',
  text: `#!/bin/bash
# systemctl: units in /etc/systemd/system run as processes of this machine; others are reported.
S=/run/sim-systemd
orig=("$@")
cmd=\${1:-}; shift || true
value=; props=; args=()
while [ $# -gt 0 ]; do
  case $1 in
    -p|--property) props=$2; shift 2 ;;
    --property=*) props=\${1#*=}; shift ;;
    --value) value=1; shift ;;
    -*) shift ;;
    *) args+=("$1"); shift ;;
  esac
done
unit=\${args[0]:-}; unit=\${unit%.service}
file=/etc/systemd/system/$unit.service
if [ "$cmd" = daemon-reload ]; then
  [ "$(id -u)" = 0 ] || { echo 'Failed to reload daemon: Access denied' >&2; exit 1; }
  exit 0
fi
if [ -z "$unit" ] || [ ! -f "$file" ]; then exec ${REPORTED_SYSTEMCTL} "\${orig[@]}"; fi

key() { sed -n "s/^$1=//p" "$file" | tail -n 1; }
pid_of() { local p; p=$(cat "$S/$unit.pid" 2>/dev/null) || return 1; [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"; }
state() {
  if pid_of >/dev/null; then echo active
  elif [ -e "$S/$unit.pid" ] || [ -e "$S/$unit.failed" ]; then echo failed
  else echo inactive; fi
}
root_only() { [ "$(id -u)" = 0 ] || { echo "Failed to $1 $unit.service: Access denied" >&2; exit 1; }; }
# Tells the simulator that the unit's port opens or closes (the agent is readable by root only).
report() {
  [ -n "$2" ] || return 0
  local aport token
  read -r aport token < /etc/sim/agent 2>/dev/null || return 0
  exec 4<>"/dev/tcp/127.0.0.1/$aport" || return 0
  printf '%s service-port %s %s %s\\n' "$token" "$1" "$2" "$unit" >&4
  read -r _ <&4
  exec 4>&-
}
do_start() {
  root_only start
  if pid_of >/dev/null; then return 0; fi
  local exe wd out log envs port e
  exe=$(key ExecStart); wd=$(key WorkingDirectory); out=$(key StandardOutput)
  log=/dev/null
  case $out in append:*) log=\${out#append:} ;; file:*) log=\${out#file:} ;; esac
  mkdir -p "$S"; rm -f "$S/$unit.failed" "$S/$unit.pid"
  [ "$log" = /dev/null ] || mkdir -p "$(dirname "$log")"
  envs=$(sed -n 's/^Environment=//p' "$file" | tr -d '"')
  port=$(printf '%s\\n' $envs | sed -n 's/^PORT=\\([0-9]*\\)$/\\1/p' | tail -n 1)
  (
    cd "\${wd:-/}" || exit 200
    for e in $envs; do export "$e"; done
    exec setsid $exe
  ) </dev/null >>"$log" 2>&1 &
  echo $! > "$S/$unit.pid"
  echo "$port" > "$S/$unit.port"
  sleep 0.3
  # Like Type=simple: the start job succeeds once the process is spawned; a process that is gone
  # already leaves the unit failed (is-active/status say so).
  if pid_of >/dev/null; then report open "$port"; fi
  return 0
}
do_stop() {
  root_only stop
  local p i
  p=$(cat "$S/$unit.pid" 2>/dev/null)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null
    for i in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$p" 2>/dev/null
  fi
  report close "$(cat "$S/$unit.port" 2>/dev/null)"
  rm -f "$S/$unit.pid" "$S/$unit.failed" "$S/$unit.port"
}
do_status() {
  local st p desc
  st=$(state); p=$(cat "$S/$unit.pid" 2>/dev/null); desc=$(key Description)
  echo "● $unit.service - \${desc:-$unit}"
  echo "     Loaded: loaded ($file; enabled; preset: enabled)"
  case $st in
    active)
      echo "     Active: active (running) since $(date -r "$S/$unit.pid" '+%a %Y-%m-%d %H:%M:%S %Z')"
      echo "   Main PID: $p ($(cat "/proc/$p/comm" 2>/dev/null))" ;;
    failed) echo "     Active: failed (Result: exit-code)" ;;
    *) echo "     Active: inactive (dead)" ;;
  esac
  [ "$st" = active ]
}
do_show() {
  local k v ps
  IFS=, read -ra ps <<< "\${props:-MainPID,ActiveState,SubState}"
  for k in "\${ps[@]}"; do
    case $k in
      MainPID) v=$(pid_of || echo 0) ;;
      ActiveState) v=$(state) ;;
      SubState) case $(state) in active) v=running ;; failed) v=failed ;; *) v=dead ;; esac ;;
      *) v= ;;
    esac
    if [ -n "$value" ]; then echo "$v"; else echo "$k=$v"; fi
  done
}
case $cmd in
  start) do_start ;;
  stop) do_stop ;;
  restart) do_stop; do_start ;;
  enable|disable) root_only "$cmd" ;;
  is-active) st=$(state); echo "$st"; [ "$st" = active ] || exit 3 ;;
  status) do_status || exit 3 ;;
  show) do_show ;;
  *) echo "Unknown command verb $cmd." >&2; exit 1 ;;
esac
`,
};

/**
 * Prints the working directory of the process serving port $1, then how it answers HTTP: the first line of `health.status` in the running
 * process's own working directory (its release, even after `current` moved on) is the status code,
 * the rest the body; without the file, 200 and {"status":"UP"}. Exit 1 when no live unit has the port.
 */
export const serviceHttp: Program = {
  path: SERVICE_HTTP,
  text: `#!/bin/bash
S=/run/sim-systemd
for pf in "$S"/*.port; do
  [ -e "$pf" ] && [ "$(cat "$pf")" = "$1" ] || continue
  u=$(basename "$pf" .port)
  p=$(cat "$S/$u.pid" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null || continue
  readlink "/proc/$p/cwd"
  if [ -r "/proc/$p/cwd/health.status" ]; then cat "/proc/$p/cwd/health.status"; else printf '200\\n{"status":"UP"}\\n'; fi
  exit 0
done
exit 1
`,
};
