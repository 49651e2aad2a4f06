// `fio` on a simulated test VM (stage 10): a bash stand-in laid over /usr/bin/fio that honours the
// job options it is given (rw, bs, iodepth, numjobs, runtime, time_based, size, output-format),
// runs for the bounded time (scaled by the simulator's speed) and prints fio 3.x's JSON shape
// (`fio version`, `jobs[].read|write` with iops, bw, clat_ns percentiles …). The numbers come from
// the simulated cluster's disks: all-flash or hybrid, per host, with a little jitter. The model is a
// guess, documented in docs/simulator.md "fio on test VMs". Only bash builtins and coreutils: the
// machines have no awk.
import type { Program } from './program.js';

export interface FioDiskModel {
  storage: 'hybrid' | 'all-flash';
  hosts: number;
  /** Simulator speed: a 30 s run takes 30/speed s of wall time. */
  speed: number;
}

/** Per-VM capability: 4k random IOPS and 1M sequential MB/s (read, write). */
function capability(m: FioDiskModel): { rr: number; rw: number; sr: number; sw: number } {
  const flash = m.storage === 'all-flash';
  const scale = Math.min(Math.max(m.hosts, 1), 8) / 3;
  const base = flash
    ? { rr: 90_000, rw: 45_000, sr: 2600, sw: 1300 }
    : { rr: 38_000, rw: 16_000, sr: 1500, sw: 700 };
  return {
    rr: Math.round(base.rr * scale),
    rw: Math.round(base.rw * scale),
    sr: Math.round(base.sr * scale),
    sw: Math.round(base.sw * scale),
  };
}

export function fioProgram(model: FioDiskModel): Program {
  const cap = capability(model);
  const speed = Math.max(1, Math.round(model.speed));
  return {
    path: '/usr/bin/fio',
    text: `#!/bin/bash
# fio stand-in of the simulator: one job per call, numbers from the simulated disks (see docs).
name= rw=read bs=4096 iodepth=1 numjobs=1 runtime=0 time_based=0 size=0 fmt=normal filename=
die() { echo "fio: $*" >&2; exit 1; }
bytes() { # 4k, 1M, 4096, 1g -> bytes
  local v=\${1,,} n m=1
  case $v in *k) m=1024; v=\${v%k} ;; *m) m=1048576; v=\${v%m} ;; *g) m=1073741824; v=\${v%g} ;; esac
  [[ $v =~ ^[0-9]+$ ]] || die "invalid size: $1"
  n=$((v * m)); echo $n
}
seconds() { local v=\${1,,}; case $v in *m) echo $(( \${v%m} * 60 )) ;; *s) echo \${v%s} ;; *) echo $v ;; esac; }
[ $# -eq 0 ] && { echo 'fio-3.35'; echo 'No job(s) defined'; exit 1; }
for a in "$@"; do
  case $a in
    --version) echo 'fio-3.35'; exit 0 ;;
    --name=*) [ -n "$name" ] && die 'this simulator runs one job per call'; name=\${a#*=} ;;
    --rw=*|--readwrite=*) rw=\${a#*=} ;;
    --bs=*|--blocksize=*) bs=$(bytes "\${a#*=}") || exit 1 ;;
    --iodepth=*) iodepth=\${a#*=} ;;
    --numjobs=*) numjobs=\${a#*=} ;;
    --runtime=*) runtime=$(seconds "\${a#*=}") ;;
    --time_based|--time_based=1) time_based=1 ;;
    --size=*) size=$(bytes "\${a#*=}") || exit 1 ;;
    --output-format=*) fmt=\${a#*=} ;;
    --filename=*) filename=\${a#*=} ;;
    --ioengine=*|--direct=*|--group_reporting|--randrepeat=*|--norandommap|--gtod_reduce=*|--ramp_time=*) ;;
    *) echo "fio: unrecognized option '$a'" >&2; exit 1 ;;
  esac
done
[ -n "$name" ] || die 'no job name given (--name)'
case $rw in read|write|randread|randwrite) ;; *) die "rw=$rw is not supported by this simulator (read, write, randread, randwrite)" ;; esac
[[ $iodepth =~ ^[1-9][0-9]*$ && $numjobs =~ ^[1-9][0-9]*$ && $runtime =~ ^[0-9]+$ ]] || die 'iodepth, numjobs and runtime must be positive integers'
[ "$runtime" -gt 0 ] || [ "$size" -gt 0 ] || die 'give --runtime or --size: an unbounded job is refused'
[ "$fmt" = json ] || [ "$fmt" = normal ] || die "output format $fmt is not supported (json, normal)"
if [ -n "$filename" ]; then d=\${filename%/*}; [ "$d" = "$filename" ] || [ -z "$d" ] || [ -d "$d" ] || die "failed to create file $filename: No such file or directory"; fi
# Capability: IOPS for small random blocks, bandwidth (MB/s) for large sequential ones.
case $rw in
  randread) iops_cap=${cap.rr} ;; randwrite) iops_cap=${cap.rw} ;;
  read) iops_cap=$(( ${cap.sr} * 1048576 / bs )) ;; write) iops_cap=$(( ${cap.sw} * 1048576 / bs )) ;;
esac
qd=$((iodepth * numjobs))
# A shallow queue cannot reach the capability: at most qd outstanding ios of ~100 us each.
reach=$((qd * 10000)); [ $reach -lt $iops_cap ] && iops_cap=$reach
jitter=$(( (RANDOM % 101) + 950 )) # 0.950 .. 1.050
iops=$(( iops_cap * jitter / 1000 )); [ $iops -gt 0 ] || iops=1
bw_bytes=$((iops * bs))
if [ "$time_based" = 1 ] || [ "$size" -eq 0 ]; then ms=$((runtime * 1000)); else
  ms=$(( size * numjobs * 1000 / bw_bytes )); [ "$runtime" -gt 0 ] && [ $ms -gt $((runtime * 1000)) ] && ms=$((runtime * 1000)); fi
[ $ms -gt 0 ] || ms=1
wall=$((ms / ${speed})); sleep "$((wall / 1000)).$(printf '%03d' $((wall % 1000)))"
total_ios=$((iops * ms / 1000)); io_bytes=$((total_ios * bs))
mean=$((1000000000 * qd / iops)) # Little's law, ns
p() { echo $((mean * $1 / 100)); }
pct="{\\"1.000000\\": $(p 35), \\"5.000000\\": $(p 48), \\"10.000000\\": $(p 58), \\"20.000000\\": $(p 70), \\"30.000000\\": $(p 80), \\"40.000000\\": $(p 88), \\"50.000000\\": $(p 95), \\"60.000000\\": $(p 103), \\"70.000000\\": $(p 113), \\"80.000000\\": $(p 128), \\"90.000000\\": $(p 155), \\"95.000000\\": $(p 185), \\"99.000000\\": $(p 290), \\"99.500000\\": $(p 350), \\"99.900000\\": $(p 520), \\"99.950000\\": $(p 640), \\"99.990000\\": $(p 900)}"
dir() { # $1 = active: the direction's JSON object
  if [ "$1" = 1 ]; then
    echo "{\\"io_bytes\\": $io_bytes, \\"io_kbytes\\": $((io_bytes / 1024)), \\"bw_bytes\\": $bw_bytes, \\"bw\\": $((bw_bytes / 1024)), \\"iops\\": $iops.$((RANDOM % 1000)), \\"runtime\\": $ms, \\"total_ios\\": $total_ios, \\"short_ios\\": 0, \\"drop_ios\\": 0, \\"slat_ns\\": {\\"min\\": 1200, \\"max\\": 90000, \\"mean\\": 2400.5, \\"stddev\\": 800.1, \\"N\\": $total_ios}, \\"clat_ns\\": {\\"min\\": $(p 20), \\"max\\": $(p 1500), \\"mean\\": $mean.0, \\"stddev\\": $(p 40).0, \\"N\\": $total_ios, \\"percentile\\": $pct}, \\"lat_ns\\": {\\"min\\": $(p 21), \\"max\\": $(p 1510), \\"mean\\": $((mean + 2400)).0, \\"stddev\\": $(p 40).0, \\"N\\": $total_ios}, \\"bw_min\\": $((bw_bytes / 1024 * 9 / 10)), \\"bw_max\\": $((bw_bytes / 1024 * 11 / 10)), \\"bw_agg\\": 100.0, \\"bw_mean\\": $((bw_bytes / 1024)).0, \\"bw_dev\\": 1.0, \\"bw_samples\\": $((ms / 500 + 1)), \\"iops_min\\": $((iops * 9 / 10)), \\"iops_max\\": $((iops * 11 / 10)), \\"iops_mean\\": $iops.0, \\"iops_stddev\\": 1.0, \\"iops_samples\\": $((ms / 500 + 1))}"
  else
    echo "{\\"io_bytes\\": 0, \\"io_kbytes\\": 0, \\"bw_bytes\\": 0, \\"bw\\": 0, \\"iops\\": 0.0, \\"runtime\\": 0, \\"total_ios\\": 0, \\"short_ios\\": 0, \\"drop_ios\\": 0, \\"slat_ns\\": {\\"min\\": 0, \\"max\\": 0, \\"mean\\": 0.0, \\"stddev\\": 0.0, \\"N\\": 0}, \\"clat_ns\\": {\\"min\\": 0, \\"max\\": 0, \\"mean\\": 0.0, \\"stddev\\": 0.0, \\"N\\": 0}, \\"lat_ns\\": {\\"min\\": 0, \\"max\\": 0, \\"mean\\": 0.0, \\"stddev\\": 0.0, \\"N\\": 0}, \\"bw_min\\": 0, \\"bw_max\\": 0, \\"bw_agg\\": 0.0, \\"bw_mean\\": 0.0, \\"bw_dev\\": 0.0, \\"bw_samples\\": 0, \\"iops_min\\": 0, \\"iops_max\\": 0, \\"iops_mean\\": 0.0, \\"iops_stddev\\": 0.0, \\"iops_samples\\": 0}"
  fi
}
case $rw in *read) r=1 w=0 ;; *) r=0 w=1 ;; esac
if [ "$fmt" = normal ]; then
  echo "$name: (groupid=0, jobs=$numjobs): err= 0"
  [ $r = 1 ] && echo "  read: IOPS=$iops, BW=$((bw_bytes / 1048576))MiB/s ($io_bytes B/$ms msec)"
  [ $w = 1 ] && echo "  write: IOPS=$iops, BW=$((bw_bytes / 1048576))MiB/s ($io_bytes B/$ms msec)"
  echo "    clat percentiles (nsec): 50.00th=[$(p 95)], 99.00th=[$(p 290)]"
  exit 0
fi
now=$(date +%s)
cat <<JSON
{
  "fio version" : "fio-3.35",
  "timestamp" : $now,
  "timestamp_ms" : \${now}000,
  "time" : "$(date)",
  "global options" : {},
  "jobs" : [
    {
      "jobname" : "$name",
      "groupid" : 0,
      "error" : 0,
      "eta" : 0,
      "elapsed" : $(( (ms + 999) / 1000 )),
      "job options" : {"name": "$name", "rw": "$rw", "bs": "$bs", "iodepth": "$iodepth", "numjobs": "$numjobs", "runtime": "$runtime", "time_based": "$time_based", "size": "$size", "filename": "$filename"},
      "read" : $(dir $r),
      "write" : $(dir $w),
      "trim" : $(dir 0),
      "sync" : {"total_ios": 0, "lat_ns": {"min": 0, "max": 0, "mean": 0.0, "stddev": 0.0, "N": 0}},
      "job_runtime" : $ms,
      "usr_cpu" : 3.1,
      "sys_cpu" : 9.7,
      "ctx" : $total_ios,
      "majf" : 0,
      "minf" : 42
    }
  ],
  "disk_util" : [{"name": "vdb", "read_ios": $((r * total_ios)), "write_ios": $((w * total_ios)), "util": 98.5}]
}
JSON
`,
  };
}
