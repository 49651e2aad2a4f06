// Loopback addresses for plan addresses. A plan that already uses loopback keeps its addresses;
// real addresses (10.0.20.11) get one from the built-in scheme and appear in the endpoint map.
import net from 'node:net';
import type { MachineRole } from './contract.js';

function isLoopbackV4(address: string): boolean {
  return net.isIPv4(address) && address.startsWith('127.');
}

/** The scheme of builtinTopology: hosts from 127.1.0.11, VIP .10, VMs 127.1.1.x, BMCs 127.1.3.x. */
const schemeBase: Record<MachineRole, [string, number]> = {
  vip: ['127.1.0.', 10],
  host: ['127.1.0.', 11],
  cloudtower: ['127.1.1.', 2],
  obs: ['127.1.1.', 3],
  backup: ['127.1.1.', 4],
  bmc: ['127.1.3.', 11],
  testvm: ['127.1.2.', 1],
};

export class LoopbackAllocator {
  private readonly used = new Set<string>();
  private readonly next = new Map<MachineRole, number>();

  constructor(reserved: string[]) {
    for (const a of reserved) if (isLoopbackV4(a)) this.used.add(a);
  }

  /** Loopback for one machine; `planAddress` is kept when it is already loopback. */
  assign(role: MachineRole, planAddress: string): string {
    if (isLoopbackV4(planAddress)) return planAddress;
    if (!net.isIPv4(planAddress)) throw new Error(`plan address ${planAddress} (${role}) is not IPv4`);
    const [prefix, start] = schemeBase[role];
    let n = this.next.get(role) ?? start;
    // VMs share 127.1.1.x; move past anything taken so two roles never collide.
    while (this.used.has(`${prefix}${n}`) || n > 254) {
      n++;
      if (n > 254) throw new Error(`no loopback address left for ${role}`);
    }
    const address = `${prefix}${n}`;
    this.used.add(address);
    this.next.set(role, n + 1);
    return address;
  }
}

/**
 * Real ports each role serves (seed 003: HTTP 80 for the deployment API, HTTPS 443, SSH 22; OBS SSH
 * 10022). A BMC answers HTTPS (its web UI / Redfish); IPMI itself is UDP 623 and not simulated as a port.
 */
export const rolePorts: Record<MachineRole, number[]> = {
  host: [80, 443, 22],
  vip: [80, 443],
  cloudtower: [80, 443, 22],
  obs: [80, 443, 10022],
  backup: [80, 443, 22],
  bmc: [443],
  // A test VM only answers SSH (the test images run no web service).
  testvm: [22],
};

/**
 * Ports a deployed application may serve on a machine (docs/simulator.md "Deployed services"): in the
 * endpoint map from the start, but open only while a service unit that names the port runs (the
 * machine's systemctl reports it), so a stopped service refuses connections as on site.
 */
export const servicePorts: Partial<Record<MachineRole, number[]>> = {
  host: [8080],
};

/** Whether `port` can be bound on `host` right now (for --low-ports auto). */
export function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}
