// Bench (issue 13 item 4): our ISO uploader against a plain HTTP client, same file, same endpoint,
// side by side in one run. The simulator (a deployed cluster, Fisheye's real chunk size of 8 MiB)
// runs in this process with the site link off (bandwidth 0), so both sides are limited by code and
// loopback, not by a simulated link. Each upload runs in a child process of its own, so the peak RSS
// (VmHWM) printed is the uploading process's alone:
//   client: the `uploadCloudTowerIso` activity (the code path of `upload-cloud-tower-iso`: Fisheye
//           client, got, multipart encoder, file streams, heartbeats) in a real activity context;
//           timed from its first heartbeat (volume created) to the one that reports no chunk left.
//   raw:    node:https with a keep-alive agent: log in, create the volume, then POST each chunk of
//           `to_upload` as multipart (`file`) streamed from the same file; timed from the first
//           chunk to the last answer.
// Both send the same chunks of the same sparse files (under different image names); the order of the
// two alternates per pair, each upload starts once the simulator has hashed and dropped the last one, and the ratio is of the throughputs over all rounds and sizes (bytes sent
// / seconds taken, per side), which one slow round on a shared machine skews less than a median of few. The RSS of both is printed
// for two ISO sizes: the uploader reads from disk chunk by chunk, so it should not grow with the ISO.
// Last line: `upload: client/raw = R`. Goal R >= 0.9 (and the RSS flat).
//   node dist/bench/upload.js [--quick] [--small-mib=N] [--big-mib=N] [--rounds=N]
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sparseFile } from '../src/plan/sample-packages.js';
import type { RunningSimulator } from '@hci-bringup/simulator';
import { numberArg, peakRssMiB, quick } from './measure.js';

const MiB = 1024 * 1024;
const PASSWORD = 'HC!r0cks'; // the simulator's Fisheye root password (test fixture, not a site's)

interface ChildParams {
  endpointMapFile: string;
  vip: string;
  /** Loopback host and port of the VIP's HTTPS 443 (from the endpoint map). */
  host: string;
  port: number;
  isoPath: string;
  name: string;
  size: number;
  speed: number;
}

interface ChildResult {
  seconds: number;
  bytes: number;
  peakRssMiB: number;
  /** CPU seconds (user + system) the uploading process spent over the timed span. */
  cpuSeconds: number;
}

/** CPU seconds (user + system) this process has used so far. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// ---- child: our uploader -------------------------------------------------------------------------
async function clientUpload(p: ChildParams): Promise<ChildResult> {
  const { uploadCloudTowerIso } =
    await import('../src/activities/deploy-cloudtower/upload-cloud-tower-iso.js');
  const { activityEnv, runIn } = await import('../test/helpers/activity.js');
  const { testSecret } = await import('../test/helpers/secrets.js');
  const { simulatorTiming } = await import('../src/run/timing.js');
  const env = activityEnv();
  let first: number | undefined;
  let last: number | undefined;
  let cpuFirst = 0;
  let cpuLast = 0;
  env.on('heartbeat', (d: { chunksLeft?: number }) => {
    if (first === undefined) {
      first = performance.now();
      cpuFirst = cpuNow();
    }
    if (d.chunksLeft === 0 && last === undefined) {
      last = performance.now();
      cpuLast = cpuNow();
    }
  });
  const result = await runIn(env, uploadCloudTowerIso, {
    run: { connect: { mode: 'map', endpointMapFile: p.endpointMapFile }, timing: simulatorTiming(p.speed) },
    vip: p.vip,
    fisheye: { user: 'root', password: testSecret(PASSWORD) },
    iso: { path: p.isoPath, name: p.name, size: p.size },
  });
  if (first === undefined || last === undefined || result.bytesSent !== p.size)
    throw new Error(`the uploader did not send the whole ISO (${result.bytesSent} of ${p.size} bytes)`);
  return {
    seconds: (last - first) / 1000,
    bytes: result.bytesSent,
    peakRssMiB: peakRssMiB(process.pid),
    cpuSeconds: cpuLast - cpuFirst,
  };
}

// ---- child: a plain HTTP client ------------------------------------------------------------------
function request(
  agent: https.Agent,
  p: ChildParams,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string | number>,
  body?: (req: import('node:http').ClientRequest) => void,
): Promise<{ status: number; json: { data?: Record<string, unknown>; token?: string } }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: p.host,
        port: p.port,
        method,
        path: pathAndQuery,
        agent,
        rejectUnauthorized: false,
        headers: { host: p.vip, ...headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(parts).toString('utf8')) as never,
            });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) body(req);
    else req.end();
  });
}

async function rawUpload(p: ChildParams): Promise<ChildResult> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  const json = (value: unknown) => (req: import('node:http').ClientRequest) => req.end(JSON.stringify(value));
  const login = await request(
    agent,
    p,
    'POST',
    '/api/v3/sessions',
    { 'content-type': 'application/json' },
    json({ username: 'root', password: PASSWORD, encrypted: false }),
  );
  const token = login.json.token ?? String((login.json.data as { token?: string } | undefined)?.token ?? '');
  if (!token) throw new Error(`raw client: login answered ${login.status}`);
  const q = new URLSearchParams({
    description: '',
    name: p.name,
    device: 'nfs',
    task_id: '1',
    size: String(p.size),
  });
  const created = await request(agent, p, 'POST', `/api/v2/images/upload/volume?${q.toString()}`, {
    'x-smartx-token': token,
  });
  const volume = created.json.data as {
    chunk_size: number;
    to_upload: number[];
    zbs_volume_id: string;
    image_uuid: string;
  };
  const boundary = '----bench-raw-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const t0 = performance.now();
  const cpu0 = cpuNow();
  let sent = 0;
  for (const n of volume.to_upload) {
    const start = n * volume.chunk_size;
    const length = Math.min(volume.chunk_size, p.size - start);
    const cq = new URLSearchParams({
      zbs_volume_id: volume.zbs_volume_id,
      chunk_num: String(n),
      image_uuid: volume.image_uuid,
    });
    const answer = await request(
      agent,
      p,
      'POST',
      `/api/v2/images/upload?${cq.toString()}`,
      {
        'x-smartx-token': token,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + length + tail.length,
      },
      (req) => {
        req.write(head);
        const file = createReadStream(p.isoPath, { start, end: start + length - 1, highWaterMark: 1 << 20 });
        file.on('end', () => req.end(tail));
        file.pipe(req, { end: false });
      },
    );
    if (answer.status !== 200) throw new Error(`raw client: chunk ${n} answered ${answer.status}`);
    sent += length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuNow() - cpu0;
  agent.destroy();
  return { seconds, bytes: sent, peakRssMiB: peakRssMiB(process.pid), cpuSeconds };
}

// ---- parent --------------------------------------------------------------------------------------
/**
 * Between two uploads: waits for the simulator's background hash of the last image (it would compete
 * with the next upload for the cores), then deletes the image, so the next upload starts on a quiet
 * simulator and the bench does not leave gigabytes of dirty pages for the disk to write back.
 */
async function settle(lab: { sim: RunningSimulator; endpointMapFile: string }, vip: string): Promise<void> {
  const { simState } = await import('../test/activities/deploy-cloudtower/helpers.js');
  const { FisheyeClient, EndpointResolver } = await import('../src/smartx/index.js');
  for (;;) {
    const { images } = await simState(lab.sim);
    if (images.every((i) => !i.complete || i.sha256)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const fisheye = new FisheyeClient(EndpointResolver.fromFile(lab.endpointMapFile), vip, {
    username: 'root',
    password: PASSWORD,
  });
  for (const image of await fisheye.listImages()) await fisheye.deleteImage(image.uuid);
}

function runChild(kind: 'client' | 'raw', params: ChildParams): Promise<ChildResult> {
  // BENCH_CPU_PROF=<dir>: each uploading process writes its CPU profile there (docs/benchmarks.md).
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_CPU_PROF, `upload-${kind}`)}`]
    : [];
  const child = spawn(
    process.execPath,
    [...prof, fileURLToPath(import.meta.url), `--child=${kind}`, JSON.stringify(params)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`${kind} upload exited with ${String(code)}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

async function parent(): Promise<void> {
  const smallMiB = numberArg('small-mib', 512, 128);
  const bigMiB = numberArg('big-mib', 2048, 512);
  const rounds = numberArg('rounds', 3, 1);
  const { startClusterLab, VIP } = await import('../test/activities/deploy-cloudtower/helpers.js');
  const speed = 500;
  const lab = await startClusterLab({ speed, siteBandwidthMbps: 0, smtx: { chunkSize: 8 * MiB } });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-upload-'));
  try {
    const vip443 = lab.sim.resolve(VIP, 443);
    console.log(
      `upload: sparse ISOs of ${smallMiB} and ${bigMiB} MiB, 8 MiB chunks, site link off, ${rounds} round(s)${quick ? ' (quick)' : ''}`,
    );
    const totals: Record<'client' | 'raw', { bytes: number; seconds: number; cpu: number }> = {
      client: { bytes: 0, seconds: 0, cpu: 0 },
      raw: { bytes: 0, seconds: 0, cpu: 0 },
    };
    const rss: Record<string, Record<'client' | 'raw', number>> = {};
    let k = 0;
    let pair = 0;
    for (const mib of [smallMiB, bigMiB]) {
      const size = mib * MiB + 12345;
      const isoPath = path.join(scratch, `cloudtower-bench-${mib}.iso`);
      sparseFile(isoPath, size);
      rss[mib] = { client: 0, raw: 0 };
      for (let round = 0; round < rounds; round++) {
        const order: ('client' | 'raw')[] = pair++ % 2 === 0 ? ['client', 'raw'] : ['raw', 'client'];
        for (const kind of order) {
          await settle(lab, VIP);
          const r = await runChild(kind, {
            endpointMapFile: lab.endpointMapFile,
            vip: VIP,
            host: vip443.host,
            port: vip443.port,
            isoPath,
            name: `cloudtower-bench-${kind}-${++k}.iso`,
            size,
            speed,
          });
          const rate = r.bytes / MiB / r.seconds;
          totals[kind].bytes += r.bytes;
          totals[kind].seconds += r.seconds;
          totals[kind].cpu += r.cpuSeconds;
          rss[mib][kind] = Math.max(rss[mib][kind], r.peakRssMiB);
          console.log(
            `  ${String(mib).padStart(5)} MiB  ${kind.padEnd(6)} ${rate.toFixed(0).padStart(5)} MiB/s  (${r.seconds.toFixed(2)} s, cpu ${((r.cpuSeconds / r.bytes) * 1024 * MiB).toFixed(2)} s/GiB)  peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
          );
        }
      }
    }
    const client = totals.client.bytes / MiB / totals.client.seconds;
    const raw = totals.raw.bytes / MiB / totals.raw.seconds;
    const cpuPerGiB = (kind: 'client' | 'raw') => (totals[kind].cpu / totals[kind].bytes) * 1024 * MiB;
    console.log(`  over all rounds: client ${client.toFixed(0)} MiB/s, raw ${raw.toFixed(0)} MiB/s`);
    // The uploader's own CPU per GiB says what the code costs, apart from what the shared machine lets it have.
    console.log(
      `  uploading process cpu: client ${cpuPerGiB('client').toFixed(2)} s/GiB, raw ${cpuPerGiB('raw').toFixed(2)} s/GiB`,
    );
    console.log(
      `  uploading process peak RSS: client ${rss[smallMiB].client.toFixed(0)} MiB (${smallMiB} MiB ISO), ${rss[bigMiB].client.toFixed(0)} MiB (${bigMiB} MiB ISO); raw ${rss[smallMiB].raw.toFixed(0)} / ${rss[bigMiB].raw.toFixed(0)} MiB`,
    );
    console.log(`upload: client/raw = ${(client / raw).toFixed(2)}`);
  } finally {
    await lab.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const childArg = process.argv.find((a) => a.startsWith('--child='));
if (childArg) {
  const params = JSON.parse(process.argv[process.argv.indexOf(childArg) + 1]) as ChildParams;
  const result = childArg === '--child=client' ? await clientUpload(params) : await rawUpload(params);
  console.log(JSON.stringify(result));
  process.exit(0);
} else {
  await parent();
}
