// The endpoint map file (docs/endpoint-map.md): plan address -> loopback host and port mapping.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MachineRegistry } from './machines.js';

export interface EndpointMap {
  version: 1;
  generatedBy: string;
  admin: string;
  endpoints: Record<string, { host: string; ports: Record<string, number> }>;
}

export function buildEndpointMap(machines: MachineRegistry, admin: string): EndpointMap {
  const endpoints: EndpointMap['endpoints'] = {};
  for (const m of machines.all) {
    endpoints[m.planAddress] = {
      host: m.loopback,
      ports: Object.fromEntries(Object.entries(m.ports).map(([real, local]) => [real, local])),
    };
  }
  return { version: 1, generatedBy: 'hci-bringup simulator', admin, endpoints };
}

export async function writeEndpointMap(file: string, map: EndpointMap): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Written to a temp name and renamed, so a reader polling for the file never sees half of it.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(map, null, 2)}\n`);
  await rename(tmp, file);
}
