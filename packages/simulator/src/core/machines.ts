// The registry of simulated machines: who is who, where each listens, which ports are open now.
import type { Socket } from 'node:net';
import type { MachineInfo, MachineRole } from './contract.js';
import type { PortHold } from './port-hold.js';

export interface Listener {
  /** Starts listening on the machine's held port (the hold's socket becomes the server's). */
  listen(hold: PortHold): Promise<void>;
  /** Serves a connection accepted elsewhere (the listener's twin inside the site's network). */
  accept(socket: Socket): void;
  close(): Promise<void>;
}

export interface Machine extends MachineInfo {
  /** Real port (as the API uses it) -> port the simulator listens on. */
  ports: Record<number, number>;
  /** Real ports currently accepting connections. */
  open: Set<number>;
  listeners: Map<number, Listener>;
  /** Real port -> the bound socket that keeps the port while nothing listens (port-hold.ts). */
  holds: Map<number, PortHold>;
  /** Index in topology.hosts for hosts. */
  hostIndex?: number;
}

export class MachineRegistry {
  readonly all: Machine[] = [];

  add(machine: Machine): void {
    this.all.push(machine);
  }

  byPlan(planAddress: string, role?: MachineRole): Machine | undefined {
    return this.all.find((m) => m.planAddress === planAddress && (!role || m.role === role));
  }

  byRole(role: MachineRole): Machine[] {
    return this.all.filter((m) => m.role === role);
  }

  /** For /__sim/state and the startup banner. */
  describe(): {
    role: MachineRole;
    planAddress: string;
    loopback: string;
    ports: Record<string, number>;
    open: number[];
  }[] {
    return this.all.map((m) => ({
      role: m.role,
      planAddress: m.planAddress,
      loopback: m.loopback,
      ports: Object.fromEntries(Object.entries(m.ports)),
      open: [...m.open].sort((a, b) => a - b),
    }));
  }
}
