// A simulator whose start fails (a port it needs is taken) closes what it had opened, so a test that
// hit the race does not hang on listeners nobody will close; and a start that succeeds after a
// failed one on the same state directory works normally.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { startSimulator } from '../../src/index.js';

const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

/** Listener handles go away a moment after their close: wait (bounded) for the count to settle. */
async function settledServers(expected: number): Promise<number> {
  for (let i = 0; i < 50 && servers() !== expected; i++) await new Promise((r) => setTimeout(r, 100));
  return servers();
}

describe('simulator start failure', () => {
  it('closes every listener it opened when a port is taken, and a later start works', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const before = servers();
    try {
      await assert.rejects(startSimulator({ hosts: 3, adminPort: taken }), /EADDRINUSE/);
      // Before the fix the SSH agent's listener (opened before the admin port) stayed open for good.
      assert.equal(await settledServers(before), before, 'no listener left open by the failed start');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    const sim = await startSimulator({ hosts: 3 });
    try {
      const res = await fetch(`${sim.adminUrl}/__sim/state`);
      assert.equal(res.status, 200);
    } finally {
      await sim.stop();
    }
  });
});
