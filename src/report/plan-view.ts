// The part of the run's input (the plan) a report may show. zod objects drop every key they do not
// name, so the passwords of hosts, BMCs, Fisheye and CloudTower cannot pass through this view.
import { z } from 'zod';

const network = z.object({
  networkName: z.string(),
  vlanId: z.number(),
  subnet: z.string().optional(),
  gateway: z.string().optional(),
});

export const planViewSchema = z.object({
  clusterName: z.string(),
  vip: z.string(),
  hosts: z.array(
    z.object({
      hostname: z.string(),
      managementIp: z.string(),
      storageIp: z.string().optional(),
      bmc: z.object({ ip: z.string() }).optional(),
      rack: z.string().optional(),
      unit: z.string().optional(),
    }),
  ),
  networks: z.object({
    ipmi: z.object({ subnet: z.string().optional(), gateway: z.string().optional() }).optional(),
    management: network,
    extraManagement: network.optional(),
    storage: network,
    backup: network.optional(),
    business: z.array(network).default([]),
  }),
  cloudtower: z.object({ ip: z.string() }),
  obs: z.object({ ip: z.string().optional() }).default({}),
  backup: z.object({ ip: z.string().optional() }).default({}),
  er: z
    .object({
      vip: z.string().optional(),
      controllers: z.array(z.string()).default([]),
      serial: z.string().optional(),
    })
    .optional(),
  otherComponents: z
    .array(
      z.object({
        kind: z.enum(['everoute', 'sfs', 'sks', 'other']),
        name: z.string(),
        row: z.number(),
        version: z.string().optional(),
        ip: z.string().optional(),
        size: z.string().optional(),
        serial: z.string().optional(),
      }),
    )
    .optional(),
  ntpServers: z.array(z.string()).default([]),
  dnsServers: z.array(z.string()).default([]),
  organization: z.string().optional(),
  datacenter: z.string().optional(),
});

export type PlanView = z.infer<typeof planViewSchema>;

/** The plan of a bring-up input, reduced to what may be printed; undefined when it is not one. */
export function planViewOf(input: unknown): PlanView | undefined {
  const plan = (input as { plan?: unknown } | undefined)?.plan;
  const parsed = planViewSchema.safeParse(plan);
  return parsed.success ? parsed.data : undefined;
}
