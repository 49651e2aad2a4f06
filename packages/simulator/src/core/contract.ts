// The contract between the simulator's core (machines, listeners, clock, faults, state) and the
// service modules that play one remote party each (Fisheye, CloudTower, OBS, Backup, inspector).
// A service module is a list of routes on one machine role; the core serves them over HTTP(S),
// applies faults by route name, records requests and exposes the shared state.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { RequestRules } from './evidence.js';

/** `testvm`: a stage 09 test VM (PAT/FIO), at an address of the plan's test IP range. */
export type MachineRole = 'host' | 'vip' | 'cloudtower' | 'obs' | 'backup' | 'bmc' | 'testvm';

export interface MachineInfo {
  role: MachineRole;
  /** Address as the plan names it (e.g. 10.0.20.11). */
  planAddress: string;
  /** Loopback address the simulator listens on for it. */
  loopback: string;
}

export interface SimRequest {
  method: string;
  /** Path without query string, e.g. `/api/v2/jobs/abc`. */
  path: string;
  /** Values of `:name` segments of the route pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  machine: MachineInfo;
  /** The raw request, for streamed bodies (chunk uploads, multipart). Not yet consumed. */
  raw: IncomingMessage;
  /** Reads the whole body as JSON (`undefined` when empty); throws SimBadRequest when not JSON. */
  json(): Promise<unknown>;
  /** Reads the whole body (only for small bodies). */
  buffer(): Promise<Buffer>;
  /** The matched route's body rules (core/evidence.ts), for core/request-body.ts. */
  rules?: RequestRules;
  /** Marks the request as served without evidence that a real appliance would (request log). */
  lenient(reason: string): void;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string | string[]>;
  /** A JSON-serializable value, a Buffer, or a stream (file download). */
  body?: unknown;
  stream?: Readable;
}

/** Scaled time: `seconds` are real-world seconds of the remote system, divided by --speed. */
export interface SimClock {
  speed: number;
  /** Milliseconds since the epoch in simulated time (runs `speed` times faster than wall time). */
  now(): number;
  /** Resolves after `seconds` of simulated time. */
  sleep(seconds: number): Promise<void>;
  /** Simulated seconds elapsed since a simulated timestamp. */
  since(simTimestampMs: number): number;
}

export interface SimFaults {
  /**
   * Decides whether a fault fires for this call of a named point (route name, `job:<kind>`,
   * `chunk:<n>`, `installer`, `ssh:<user>`...). The core already applies HTTP faults to routes;
   * modules call it for faults inside their own state machines (failed job, failed chunk).
   */
  fire(point: string): { kind: string; status?: number; delayMs?: number } | undefined;
}

/** The site's network link between the worker and the appliances (core/site-link.ts). */
export interface SimSiteLink {
  /**
   * Called when `bytes` of an upload have arrived over loopback since `startedAt` (simulated ms):
   * resolves when they would have arrived over the site link at the site bandwidth. A handler
   * answers only after it, so the uploader sees the site's speed (and concurrent uploads queue).
   */
  carried(bytes: number, startedAt: number): Promise<void>;
}

export interface SimContext {
  clock: SimClock;
  /** Uploads cross it at the site bandwidth (unlimited when the simulator runs with bandwidth 0). */
  siteLink: SimSiteLink;
  faults: SimFaults;
  /** Deterministic random source seeded by --seed. */
  random(): number;
  /** Shared inspectable state; `GET /__sim/state` serializes it. */
  state: SimState;
  /** Starts serving a machine whose address was reserved (VM created and networked). */
  activate(role: MachineRole, planAddress: string): Promise<void>;
  /** Stops serving a machine (its VM powered off or deleted): connections to it are refused. */
  deactivate(planAddress: string): Promise<void>;
  /** Directory for uploaded data and artifacts (--state). */
  dataDir: string;
  log(event: string, detail?: Record<string, unknown>): void;
}

export interface SimRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path pattern with `:param` segments, e.g. `/api/v2/jobs/:id`. A `:param` may contain `:`. */
  pattern: string;
  /** Stable name used by the fault file and the request log, e.g. `fisheye.jobs.get`. */
  name: string;
  /**
   * What the route may refuse in a body and why (core/evidence.ts). Every POST, PUT and PATCH
   * route declares it (`noBody` when it reads none); test/core/evidence.test.ts checks.
   */
  request?: RequestRules;
  handler(req: SimRequest, ctx: SimContext): Promise<SimReply>;
}

export interface SimServiceModule {
  /** Which machines serve these routes (on HTTPS 443, and HTTP 80 where the API is plain HTTP). */
  roles: MachineRole[];
  routes: SimRoute[];
}

/**
 * The shared state. Every collection is a plain JSON-serializable array or record so that
 * `GET /__sim/state` can return it and tests can assert exactly-once effects.
 */
export interface SimState {
  cluster: {
    name?: string;
    uuid?: string;
    vip?: string;
    deployed: boolean;
    deployStartedAt?: number;
    deployRequests: number;
    serial?: string;
    dns: string[];
    ntp: string[];
    cpuCompatibility?: string;
    defaultStoragePolicy?: string;
    [key: string]: unknown;
  };
  hosts: Record<string, unknown>[];
  vdses: Record<string, unknown>[];
  vlans: Record<string, unknown>[];
  jobs: Record<string, unknown>[];
  images: Record<string, unknown>[];
  vms: Record<string, unknown>[];
  ipmiAccounts: Record<string, unknown>[];
  passwordChanges: Record<string, unknown>[];
  installerRuns: Record<string, unknown>[];
  cloudtower: {
    installed: boolean;
    rootUserCreated: boolean;
    organizations: Record<string, unknown>[];
    datacenters: Record<string, unknown>[];
    connectedClusters: Record<string, unknown>[];
    tasks: Record<string, unknown>[];
    alertRules: Record<string, unknown>[];
    clusterSettings: Record<string, unknown>;
    ntp: string[];
    dns: string[];
    license?: Record<string, unknown>;
    [key: string]: unknown;
  };
  obs: Record<string, unknown>;
  backup: Record<string, unknown>;
  inspector: Record<string, unknown>;
  requests: {
    at: number;
    machine: string;
    method: string;
    path: string;
    route?: string;
    status: number;
    host?: string;
    scheme?: 'http' | 'https';
    /** Why the simulator served a request whose real-appliance behaviour is unknown (core/strictness.ts). */
    lenient?: string[];
  }[];
}
