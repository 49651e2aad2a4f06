// CloudTower REST v2 for the stage 09 test VMs, shapes as SmartX's SDKs document them: OvfApi
// (`upload-elf-file`, `parse-ovf`: multipart), UploadTaskApi (`get-upload-tasks`), VmVolumeApi
// (`get-vm-volumes`), VmApi (`get-vms`, `create-vm` with VmCreationParams, `start-vm`,
// `poweroff-vm` and `delete-vm` with VmOperateParams `{where}`). Asynchronous calls answer
// `[{task_id, data}]` (WithTask…; delete-vm's data is only `{id}`).
// Where the SDKs leave the flow open (which upload becomes which volume) the choice is recorded in
// docs/decisions.md "Test load and performance".
import { z } from 'zod';
import type { CloudTowerRestClient } from './cloudtower-rest.js';
import { multipartBody, type FileData } from './multipart.js';

/**
 * Bytes of the first `upload-elf-file` request: CloudTower's chunk size as the official go-sdk's
 * upload example gives it (8388608). Every later chunk uses the `chunk_size` the upload task
 * answers, which is the server's word.
 */
export const TOWER_UPLOAD_CHUNK_SIZE = 8 * 1024 * 1024;

const uploadTaskSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  current_chunk: z.number().int().nonnegative(),
  chunk_size: z.number().int().positive(),
  size: z.number().nonnegative(),
  resource_type: z.string().nullish(),
  args: z.record(z.string(), z.unknown()).nullish(),
});

const vmVolumeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  size: z.number().nullish(),
  cluster: z.looseObject({ id: z.string() }).nullish(),
});

const vmNicSchema = z.looseObject({
  id: z.string().nullish(),
  vlan: z.looseObject({ id: z.string(), name: z.string().nullish() }).nullish(),
  ip_address: z.string().nullish(),
  enabled: z.boolean().nullish(),
});

const vmSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  status: z.string(),
  entityAsyncStatus: z.string().nullish(),
  cluster: z.looseObject({ id: z.string() }).nullish(),
  vcpu: z.number().nullish(),
  memory: z.number().nullish(),
  vm_nics: z.array(vmNicSchema).nullish(),
  ips: z.string().nullish(),
});

/** ParsedOVF as the official SDKs type it (`disks {size, type, bus, name}`, `nics {mac}`); loose. */
const parsedOvfSchema = z.looseObject({
  name: z.string().nullish(),
  vcpu: z.number().int().positive().nullish(),
  cpu: z.looseObject({ sockets: z.number().int().positive(), cores: z.number().int().positive() }).nullish(),
  memory: z.number().positive().nullish(),
  firmware: z.string().nullish(),
  disks: z
    .array(
      z.looseObject({
        name: z.string().nullish(),
        size: z.number().nullish(),
        type: z.string().nullish(),
        bus: z.string().nullish(),
      }),
    )
    .nullish(),
  nics: z.array(z.looseObject({ mac: z.string().nullish() })).nullish(),
});

const withTask = <T extends z.ZodType>(data: T) => z.looseObject({ data, task_id: z.string().nullish() });

export type TowerUploadTask = z.infer<typeof uploadTaskSchema>;
export type TowerVmVolume = z.infer<typeof vmVolumeSchema>;
export type TowerVm = z.infer<typeof vmSchema>;
export type ParsedOvf = z.infer<typeof parsedOvfSchema>;

/** VmCreationParams (the fields this tool sends). */
export interface VmCreation {
  cluster_id: string;
  name: string;
  description?: string;
  ha: boolean;
  vcpu: number;
  cpu_sockets: number;
  cpu_cores: number;
  memory: number;
  firmware: 'BIOS' | 'UEFI';
  status: 'RUNNING' | 'STOPPED';
  vm_disks: {
    mount_disks: { vm_volume_id: string; bus: 'VIRTIO' | 'SCSI' | 'IDE'; boot: number; index?: number }[];
  };
  vm_nics: {
    connect_vlan_id: string;
    model?: 'VIRTIO' | 'E1000';
    enabled?: boolean;
    ip_address?: string;
    subnet_mask?: string;
    gateway?: string;
  }[];
}

/** VmImportParams (the fields this tool sends): the parsed OVF goes back as parse-ovf answered it. */
export interface VmImport {
  cluster_id: string;
  name: string;
  description?: string;
  parsed_ovf: ParsedOvf;
  upload_tasks: string[];
  ha?: boolean;
  status?: 'RUNNING' | 'STOPPED';
  vcpu?: number;
  cpu_sockets?: number;
  cpu_cores?: number;
  memory?: number;
  vm_nics?: VmCreation['vm_nics'];
}

/** The test VM operations, on a logged-in REST client (same token, same re-login on 401). */
export class CloudTowerVmApi {
  constructor(private readonly rest: CloudTowerRestClient) {}

  private post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    return this.rest.http.call({ method: 'POST', path, json: body ?? {}, parse: 'json', schema });
  }

  /** POST /v2/api/get-upload-tasks {where} → upload tasks (resume an upload by id). */
  getUploadTasks(where: Record<string, unknown>): Promise<TowerUploadTask[]> {
    return this.post('/v2/api/get-upload-tasks', { where }, z.array(uploadTaskSchema));
  }

  /**
   * POST /v2/api/upload-elf-file (multipart): text parts `cluster_id`, `name`, `size`, `size_unit`
   * and `upload_task_id` (after the first chunk), then part `file` with the next chunk. Answers the
   * UploadTask: `current_chunk` counts the chunks received, `SUCCESSED` after the last one.
   */
  async uploadElfFile(input: {
    clusterId: string;
    name: string;
    size: number;
    uploadTaskId?: string;
    chunk: FileData;
    chunkBytes: number;
  }): Promise<TowerUploadTask> {
    const fields = [
      { name: 'cluster_id', value: input.clusterId },
      { name: 'name', value: input.name },
      { name: 'size', value: String(input.size) },
      { name: 'size_unit', value: 'B' },
      ...(input.uploadTaskId ? [{ name: 'upload_task_id', value: input.uploadTaskId }] : []),
    ];
    return this.rest.http.call({
      method: 'POST',
      path: '/v2/api/upload-elf-file',
      body: multipartBody([
        ...fields,
        {
          name: 'file',
          filename: input.name,
          contentType: 'application/octet-stream',
          data: input.chunk,
          size: input.chunkBytes,
        },
      ]),
      parse: 'json',
      schema: uploadTaskSchema,
      timeoutMs: 300_000,
    });
  }

  /** POST /v2/api/parse-ovf (multipart `file` = the OVF descriptor, `cluster_id`) → ParsedOVF. */
  parseOvf(input: { clusterId: string; fileName: string; descriptor: Buffer }): Promise<ParsedOvf> {
    return this.rest.http.call({
      method: 'POST',
      path: '/v2/api/parse-ovf',
      body: multipartBody([
        { name: 'file', filename: input.fileName, contentType: 'text/xml', data: input.descriptor },
        { name: 'cluster_id', value: input.clusterId },
      ]),
      parse: 'json',
      schema: parsedOvfSchema,
    });
  }

  /** POST /v2/api/get-vm-volumes {where} → volumes (the disk an OVF upload became, by name). */
  getVmVolumes(where: Record<string, unknown>): Promise<TowerVmVolume[]> {
    return this.post('/v2/api/get-vm-volumes', { where }, z.array(vmVolumeSchema));
  }

  /** POST /v2/api/get-vms {where} → VMs (find a test VM by name: never create it twice). */
  getVms(where: Record<string, unknown>): Promise<TowerVm[]> {
    return this.post('/v2/api/get-vms', { where }, z.array(vmSchema));
  }

  /**
   * POST /v2/api/import-vm [VmImportParams] → [{task_id, data: vm}]: a VM from a parsed OVF and the
   * upload tasks of its disks (the SDKs' OVF import; the upload tasks are what it consumes).
   */
  importVm(vms: VmImport[]): Promise<{ data: TowerVm; task_id?: string | null }[]> {
    return this.post('/v2/api/import-vm', vms, z.array(withTask(vmSchema)));
  }

  /** POST /v2/api/create-vm [VmCreationParams] → [{task_id, data: vm}] */
  createVm(vms: VmCreation[]): Promise<{ data: TowerVm; task_id?: string | null }[]> {
    return this.post('/v2/api/create-vm', vms, z.array(withTask(vmSchema)));
  }

  /** POST /v2/api/start-vm {where} → [{task_id, data: vm}] */
  startVm(where: Record<string, unknown>): Promise<{ data: TowerVm; task_id?: string | null }[]> {
    return this.post('/v2/api/start-vm', { where }, z.array(withTask(vmSchema)));
  }

  /** POST /v2/api/poweroff-vm {where} → [{task_id, data: vm}] (forced power-off, no guest shutdown). */
  poweroffVm(where: Record<string, unknown>): Promise<{ data: TowerVm; task_id?: string | null }[]> {
    return this.post('/v2/api/poweroff-vm', { where }, z.array(withTask(vmSchema)));
  }

  /** POST /v2/api/delete-vm {where} → [{task_id, data: {id}}] (the VM and its disks' mounts go). */
  deleteVm(where: Record<string, unknown>): Promise<{ data: { id: string }; task_id?: string | null }[]> {
    return this.post('/v2/api/delete-vm', { where }, z.array(withTask(z.looseObject({ id: z.string() }))));
  }
}
