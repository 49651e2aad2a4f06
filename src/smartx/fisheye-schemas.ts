// Response shapes of the SMTX OS (Fisheye) API, from the examples in seed 003 §03–§04 and "其他API接口".
// Objects are loose: the appliance returns many more fields than the bring-up reads, and new versions
// add fields; only the fields we rely on are required.
import { z } from 'zod';

/** POST /api/v3/sessions — not enveloped. */
export const sessionSchema = z.looseObject({
  token: z.string().min(1),
  user_id: z.string().optional(),
  expire_time: z.string().optional(),
});

/** POST /api/v3/users:setupRoot — not enveloped (reference/setup-root-response.json). */
export const setupRootUserSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  role: z.string().optional(),
});

export const jobIdSchema = z.looseObject({ job_id: z.string() });

/** GET /api/v2/tools/license */
export const licenseSchema = z.looseObject({
  serial: z.string(),
  software_edition: z.string().optional(),
  license_type: z.string().optional(),
  vendor: z.string().optional(),
});

const ipmiAccountResultSchema = z.looseObject({
  node_uuid: z.string(),
  node_name: z.string().optional(),
  host: z.string().optional(),
  port: z.number().optional(),
  user: z.string().optional(),
  is_valid: z.boolean().optional(),
});

/** POST /api/v2/ipmi/upsert_accounts */
export const ipmiUpsertResultSchema = z.looseObject({
  success: z.array(ipmiAccountResultSchema),
  failure: z.array(ipmiAccountResultSchema),
});

/** GET /api/v2/network/vds/{uuid} */
export const vdsSchema = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  bond_mode: z.string().optional(),
  ovsbr_name: z.string().optional(),
  vlans_count: z.number().optional(),
  hosts_associated: z.unknown().optional(),
});

/** GET /api/v2/network/vds is not in seed 003 (seed 001 uses it to find a VDS by name): accept a bare
 * list or a list under `vdses`/`entities`. */
export const vdsListSchema = z
  .union([
    z.array(vdsSchema),
    z.looseObject({ vdses: z.array(vdsSchema) }).transform((o) => o.vdses),
    z.looseObject({ entities: z.array(vdsSchema) }).transform((o) => o.entities),
  ])
  .transform((list) => list);

/** POST /api/v2/network/vds/{uuid}/vlans answer; items of the VLAN list. */
export const vlanSchema = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  vds_uuid: z.string().optional(),
  vlan_id: z.number(),
  type: z.number().optional(),
});

/** GET /api/v2/network/vds/{uuid}/vlans (seed 001; shape as for the VDS list). */
export const vlanListSchema = z.union([
  z.array(vlanSchema),
  z.looseObject({ vlans: z.array(vlanSchema) }).transform((o) => o.vlans),
  z.looseObject({ entities: z.array(vlanSchema) }).transform((o) => o.entities),
]);

/** GET /api/v2/jobs/{id}: `data.job`; state goes pending → running → done | failed (FACTS). */
export const jobSchema = z.looseObject({
  job_id: z.string(),
  state: z.string(),
  description: z.string().optional(),
  resources: z
    .record(z.string(), z.looseObject({ uuid: z.string().optional(), type: z.string().optional() }))
    .nullish(),
  error_code: z.unknown().optional(),
  error_msg: z.unknown().optional(),
});
export const jobEnvelopeSchema = z.looseObject({ job: jobSchema });
export type Job = z.infer<typeof jobSchema>;

/** POST /api/v2/images/upload/volume and POST /api/v2/svt_image/create_volume */
export const uploadVolumeSchema = z.looseObject({
  chunk_size: z.number().int().positive(),
  image_uuid: z.string(),
  zbs_volume_id: z.string(),
  image_path: z.string(),
  to_upload: z.array(z.number().int().nonnegative()),
});
export type UploadVolume = z.infer<typeof uploadVolumeSchema>;

/** POST /api/v2/images/upload (one chunk) */
export const chunkResultSchema = z.looseObject({
  chunk_num: z.number().int().optional(),
  to_upload: z.array(z.number().int().nonnegative()),
});
export type ChunkResult = z.infer<typeof chunkResultSchema>;

/**
 * POST /api/v2/svt_image/upload_template (one VMTools chunk). Seed 002 lets the answer carry
 * `next_chunk` (the next one wanted, past the last when complete) instead of `to_upload`.
 */
export const svtChunkResultSchema = z
  .looseObject({
    chunk_num: z.number().int().optional(),
    to_upload: z.array(z.number().int().nonnegative()).optional(),
    next_chunk: z.number().int().nonnegative().optional(),
  })
  .refine((a) => a.to_upload !== undefined || a.next_chunk !== undefined, {
    message: 'the chunk answer carries neither to_upload nor next_chunk',
  });

/** The chunks still missing after a VMTools chunk answer, of `chunks` in all. */
export function missingChunks(answer: z.infer<typeof svtChunkResultSchema>, chunks: number): number[] {
  if (answer.to_upload) return answer.to_upload;
  const next = answer.next_chunk ?? chunks;
  return next >= chunks ? [] : Array.from({ length: chunks - next }, (_, i) => next + i);
}

const imageSchema = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  size: z.number(),
  path: z.string().nullish(),
  type: z.string().optional(),
  resource_state: z.string().optional(),
  zbs_volume_id: z.string().nullish(),
});
export type Image = z.infer<typeof imageSchema>;
export const imageListSchema = z.looseObject({ images: z.array(imageSchema) });

export const storagePolicySchema = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  description: z.string().optional(),
  replica_num: z.number().optional(),
  thin_provision: z.boolean().optional(),
});
export type StoragePolicy = z.infer<typeof storagePolicySchema>;

export const recommendedCpuModelsSchema = z.looseObject({ cpu_models: z.array(z.string()) });
export const cpuCompatibilitySchema = z.looseObject({ cpu_model: z.string().nullish() });

const vmNicSchema = z.looseObject({
  mac_address: z.string().optional(),
  vlan_uuid: z.string().optional(),
  ovs: z.string().optional(),
  ip_address: z.string().optional(),
});

/** A volume (`disk`) or a CD-ROM (`cdrom`, `path` empty when nothing is mounted) of a VM. */
const vmDiskSchema = z.looseObject({
  type: z.string(),
  bus: z.string().optional(),
  path: z.string().nullish(),
  name: z.string().nullish(),
  disabled: z.boolean().optional(),
  storage_policy_uuid: z.string().nullish(),
});
export type VmDisk = z.infer<typeof vmDiskSchema>;

/** GET /api/v2/vms/{uuid} (the CloudTower VM example of seed 003 §04). */
export const vmSchema = z.looseObject({
  uuid: z.string(),
  vm_name: z.string(),
  status: z.string().optional(),
  resource_state: z.string().optional(),
  guest_os_type: z.string().optional(),
  guest_info: z
    .looseObject({
      ga_state: z.string().nullish(),
      ga_version: z.number().nullish(),
      os_version: z.string().nullish(),
    })
    .nullish(),
  nics: z.array(vmNicSchema).optional(),
  disks: z.array(vmDiskSchema).optional(),
  node_ip: z.string().nullish(),
});
export type Vm = z.infer<typeof vmSchema>;

/** GET /api/v2/vms is not in seed 003: accept a bare list or a list under `vms`/`entities`. */
export const vmListSchema = z.union([
  z.array(vmSchema),
  z.looseObject({ vms: z.array(vmSchema) }).transform((o) => o.vms),
  z.looseObject({ entities: z.array(vmSchema) }).transform((o) => o.entities),
]);
