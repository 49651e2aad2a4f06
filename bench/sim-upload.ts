// Chunk upload throughput into the simulator vs a plain HTTP POST into a bare Node server (which
// only drains the body), same machine, same client, same chunk size. Prints both and their ratio.
// Run: npx tsc -p . && node dist/bench/sim-upload.js [MiB=512]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deployCluster, login } from '@hci-bringup/simulator/testing';
import got from 'got';
import { startLab } from '../test/helpers/lab.js';

const totalMiB = Number(process.argv[2] ?? 512);
const chunkSize = 8 * 1024 * 1024;
const chunks = Math.ceil((totalMiB * 1024 * 1024) / chunkSize);
const payload = Buffer.alloc(chunkSize, 0x5a);
const head = Buffer.from('--bb\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\n');
const tail = Buffer.from('\r\n--bb--\r\n');
const body = Buffer.concat([head, payload, tail]);
const headers = { 'content-type': 'multipart/form-data; boundary=bb' };

async function timed(label: string, post: (n: number) => Promise<void>): Promise<number> {
  await post(0); // warm-up
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const t0 = process.hrtime.bigint();
  for (let n = 0; n < chunks; n++) {
    await post(n);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const mibs = (chunks * chunkSize) / 1024 / 1024 / s;
  const growth = (peak - rss0) / 2 ** 20;
  console.log(
    `${label.padEnd(34)} ${mibs.toFixed(0).padStart(6)} MiB/s  (${chunks} x 8 MiB in ${s.toFixed(2)} s), peak RSS +${growth.toFixed(0)} MiB`,
  );
  return mibs;
}

async function main() {
  const bare = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"ec":"EOK","error":{},"data":{}}'));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePort = (bare.address() as AddressInfo).port;

  const lab = await startLab({ hosts: 1, speed: 1000, smtx: { deploySeconds: 1 } });
  const { sim } = lab;
  const ip = '127.1.0.11';
  const h80 = sim.resolve(ip, 80);
  const base = `http://${h80.host}:${h80.port}`;
  // Deployment is not needed for the upload path's cost, but Fisheye requires a cluster: fake-free
  // way is the real one, through the API (the simulator's testing drivers).
  await deployCluster(sim);
  const token = await login(sim, ip);
  const vol = await got
    .post(`${base}/api/v2/images/upload/volume?name=bench.iso&device=nfs&size=${chunks * chunkSize}`, {
      headers: { host: ip, 'x-smartx-token': token },
    })
    .json<{ data: { zbs_volume_id: string; image_uuid: string } }>();

  const plain = await timed('bare Node server (drain only)', async () => {
    await got.post(`http://127.0.0.1:${barePort}/upload`, { body, headers });
  });
  const simulated = await timed('simulator chunk upload (disk+hash)', async (n) => {
    const q = `zbs_volume_id=${vol.data.zbs_volume_id}&chunk_num=${n}&image_uuid=${vol.data.image_uuid}`;
    await got.post(`${base}/api/v2/images/upload?${q}`, {
      body,
      headers: { ...headers, host: ip, 'x-smartx-token': token },
    });
  });
  console.log(`ratio simulator / bare: ${(simulated / plain).toFixed(2)}`);
  await lab.stop();
  bare.close();
}

void main();
