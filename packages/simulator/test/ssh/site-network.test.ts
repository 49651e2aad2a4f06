// The site network's binder: started when a socket is to be bound inside, gone once idle (a Node
// process per site held for the site's whole life cost 44 MiB each in a fleet), started again by the
// next bind; what it binds is inside the site's network, out of reach from the real machine.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chooseIdRange } from '../../src/ssh/sandbox/id-map.js';
import { defaultTools, probeIsolation } from '../../src/ssh/sandbox/isolation.js';
import { SiteNetwork } from '../../src/ssh/sandbox/site-network.js';

/** Binders of this process: its children running the binder's script. */
function binders(): number[] {
  return readdirSync(`/proc/${process.pid}/task`)
    .flatMap((t) => readFileSync(`/proc/${process.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/))
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes("process.on('message'");
      } catch {
        return false;
      }
    });
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

let site: SiteNetwork;

before(async () => {
  const isolation = await probeIsolation(defaultTools);
  assert.ok(
    isolation.ok,
    `this machine cannot seal simulated machines: ${'reason' in isolation ? isolation.reason : ''}`,
  );
  const ids = chooseIdRange();
  assert.ok(!('missing' in ids));
  site = await SiteNetwork.start(defaultTools, ids);
});
after(() => site?.stop());

test('the binder ends when idle and the next bind starts another; sockets stay inside', async () => {
  const first = await site.bind('127.0.0.1', 0);
  const port = (first.address() as net.AddressInfo).port;
  assert.ok(port > 0);
  assert.equal(binders().length, 1, 'a binder runs while sockets are being bound');
  assert.ok(await refused(port), 'a socket bound inside is not reachable from the real machine');

  for (let waited = 0; binders().length > 0 && waited < 10_000; waited += 250) await sleep(250);
  assert.equal(binders().length, 0, 'the idle binder has ended');
  first.close();

  const [a, b] = await Promise.all([site.bind('127.0.0.1', 0), site.bind('127.0.0.1', 0)]);
  assert.equal(binders().length, 1, 'one binder serves binds that come together');
  assert.notEqual((a.address() as net.AddressInfo).port, (b.address() as net.AddressInfo).port);
  a.close();
  b.close();

  site.stop();
  await assert.rejects(site.bind('127.0.0.1', 0), /stopped/);
  for (let waited = 0; binders().length > 0 && waited < 5_000; waited += 250) await sleep(250);
  assert.equal(binders().length, 0, 'stop ends the binder');
});
