// The body of POST /api/v2/deployment/cluster (reference/deploy-cluster-payload-*.json).
import { z } from 'zod';

const hostsAssociated = z
  .array(z.object({ host_uuid: z.string(), nics_associated: z.array(z.string()).min(1) }).loose())
  .min(1);

export const deployPayloadSchema = z
  .object({
    platform: z.literal('kvm'),
    cluster_name: z.string().min(1),
    dns_server: z.array(z.string()),
    vdses: z
      .array(
        z
          // The installer UI leaves bond_mode out for a VDS with one NIC per host (reference variants).
          .object({
            name: z.string().min(1),
            bond_mode: z.string().optional(),
            hosts_associated: hostsAssociated,
          })
          .loose(),
      )
      .min(1),
    networks: z
      .array(
        z
          .object({
            name: z.string(),
            attached_vds: z.string(),
            network_type: z.enum(['mgt', 'storage', 'access', 'vm']),
            network_config: z
              .object({
                service: z.array(
                  z
                    .object({
                      host_uuid: z.string(),
                      service_interface_name: z.string(),
                      service_interface_ip: z.string(),
                      netmask: z.string(),
                    })
                    .loose(),
                ),
                route: z.array(z.object({ gateway: z.string() })).optional(),
              })
              .loose(),
            mode: z
              .object({ type: z.string(), network_identities: z.array(z.number().int().min(0).max(4094)) })
              .loose(),
          })
          .loose(),
      )
      .min(2),
    hosts: z
      .array(
        z
          .object({
            host_ip: z.string(),
            host_uuid: z.string(),
            hostname: z.string().min(1),
            disk_data_with_cache: z.boolean(),
            host_passwords: z.array(z.object({ user: z.string(), password: z.string() })),
            tags: z.array(z.unknown()),
            ifaces: z.array(z.object({ ip: z.string(), function: z.string() })),
            disks: z
              .array(
                z
                  .object({
                    drive: z.string(),
                    function: z.enum(['cache', 'data', 'boot']),
                    model: z.string(),
                    serial: z.string(),
                    size: z.number().int(),
                    type: z.string(),
                  })
                  .loose(),
              )
              .min(1),
            is_master: z.boolean(),
            with_faster_ssd_as_cache: z.boolean(),
          })
          .loose(),
      )
      .min(1),
    ntp: z
      .object({
        mode: z.string(),
        ntp_server: z.union([z.string(), z.array(z.string()), z.null()]),
        current_time: z.string(),
      })
      .loose(),
    vhost_enabled: z.boolean(),
    rdma_enabled: z.boolean(),
  })
  .loose();

export type DeployPayload = z.infer<typeof deployPayloadSchema>;
