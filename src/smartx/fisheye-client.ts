// SMTX OS cluster API (Fisheye) on a host or the cluster VIP — seed 003 §03 (configure the cluster),
// §04 (CloudTower ISO upload and VM), "其他API接口" (storage policies); list calls seed 003 does not show
// (VDS list, VLAN list) follow seed 001. All calls are HTTPS 443 with `x-smartx-token` from
// POST /api/v3/sessions; the session logs in again once on 401.
import { z } from 'zod';
import type { EndpointResolver } from './endpoints.js';
import { SmartxHttpError } from './errors.js';
import { SmartxHttp, type CallOptions } from './http.js';
import { multipartBody, type FileData } from './multipart.js';
import { revealPassword, type PasswordInput } from './secret.js';
import { TokenSession } from './session.js';
import {
  chunkResultSchema,
  cpuCompatibilitySchema,
  imageListSchema,
  ipmiUpsertResultSchema,
  jobEnvelopeSchema,
  jobIdSchema,
  licenseSchema,
  recommendedCpuModelsSchema,
  sessionSchema,
  setupRootUserSchema,
  storagePolicySchema,
  uploadVolumeSchema,
  vdsListSchema,
  vdsSchema,
  vlanListSchema,
  vlanSchema,
  vmListSchema,
  vmSchema,
  type ChunkResult,
  type Image,
  type Job,
  type StoragePolicy,
  type UploadVolume,
  type Vm,
} from './fisheye-schemas.js';

interface FisheyeCredentials {
  username: string;
  password: PasswordInput;
}

interface IpmiAccount {
  node_uuid: string;
  node_name: string;
  /** BMC address. */
  host: string;
  user: string;
  password: PasswordInput;
}

interface CreateVdsInput {
  name: string;
  bond_mode: string;
  /** `data_ip` = the host's storage IP, for the business VDS under 三网独立 (seed 003, FACTS). */
  hosts_associated: { host_uuid: string; nics_associated: string[]; data_ip?: string }[];
}

/** One chunk of an image/SVT upload: a Buffer, a range of the file on disk, or a Readable of exactly `size` bytes. */
interface UploadChunkInput {
  zbsVolumeId: string;
  imageUuid: string;
  chunkNum: number;
  data: FileData;
  size?: number;
}

type SetupRootResult = { status: 'created'; userId: string } | { status: 'already-initialized' };

/** Body of POST /api/v2/vms (seed 003 §04 "创建cloudtower虚拟机并挂载ISO"). */
export type CreateVmSpec = Record<string, unknown> & {
  vm_name: string;
  vcpu: number;
  memory: number;
  nics: { ovs: string; vlan_uuid: string; model: string; mirror: boolean; link: string }[];
  disks: Record<string, unknown>[];
};

/** Body of PUT /api/v2/vms/{uuid} as used to set the guest's IP through VMTools. */
interface UpdateVmNicsSpec {
  nics: {
    vlan_uuid: string;
    ovs: string;
    model: string;
    mac_address: string;
    mirror: boolean;
    gateway: string;
    subnet_mask: string;
    ip_address: string;
    link: string;
  }[];
}

const anyData = z.unknown();

/** Setup-root answers that mean "root already has a password" (not an error for an idempotent step). */
function isAlreadyInitialized(err: SmartxHttpError): boolean {
  if (err.kind === 'conflict') return true;
  if (err.kind !== 'bad-request' && err.kind !== 'remote' && err.kind !== 'auth') return false;
  return /already|exist|initiali[sz]ed|has been set|EXISTED|DUPLICATE/i.test(
    `${err.ec ?? ''} ${err.remoteMessage ?? ''}`,
  );
}

export class FisheyeClient {
  readonly http: SmartxHttp;
  readonly session: TokenSession;
  private readonly credentials: FisheyeCredentials;

  /** `address`: the host management IP or the cluster VIP as the plan names it. */
  constructor(
    resolver: EndpointResolver,
    address: string,
    credentials: FisheyeCredentials,
    options: { timeoutMs?: number } = {},
  ) {
    this.credentials = credentials;
    this.session = new TokenSession(
      () => this.login(),
      (token) => ({ 'x-smartx-token': token }),
    );
    this.http = new SmartxHttp({
      resolver,
      address,
      timeoutMs: options.timeoutMs,
      auth: this.session,
      secrets: () => [revealPassword(this.credentials.password), this.session.current ?? ''].filter(Boolean),
    });
  }

  /**
   * POST /api/v3/users:setupRoot {password, repeat, encrypted:false}. The real answer is the root user
   * object (reference/setup-root-response.json); a second call is answered with a 409, or a 4xx whose
   * message says the password is already set — both mean `already-initialized`, not a failure.
   */
  async setupRoot(password: PasswordInput = this.credentials.password): Promise<SetupRootResult> {
    const plain = revealPassword(password);
    try {
      const user = await this.http.call({
        method: 'POST',
        path: '/api/v3/users:setupRoot',
        json: { password: plain, repeat: plain, encrypted: false },
        parse: 'json',
        schema: setupRootUserSchema,
        auth: false,
      });
      return { status: 'created', userId: user.id };
    } catch (err) {
      if (err instanceof SmartxHttpError && isAlreadyInitialized(err))
        return { status: 'already-initialized' };
      throw err;
    }
  }

  /** POST /api/v3/sessions {username, password, encrypted:false} → token (also kept for later calls). */
  async login(): Promise<string> {
    const session = await this.http.call({
      method: 'POST',
      path: '/api/v3/sessions',
      json: {
        username: this.credentials.username,
        password: revealPassword(this.credentials.password),
        encrypted: false,
      },
      parse: 'json',
      schema: sessionSchema,
      auth: false,
    });
    this.session.set(session.token);
    return session.token;
  }

  /** PUT /api/v2/settings/vip {iscsi_vip, management_vip} */
  async setVip(managementVip: string, iscsiVip: string | null = null): Promise<unknown> {
    return this.envelope('PUT', '/api/v2/settings/vip', anyData, {
      iscsi_vip: iscsiVip,
      management_vip: managementVip,
    });
  }

  /** PUT /api/v2/settings/dns {dns_servers} → job id (DNS servers must be IPs). */
  async setDns(dnsServers: string[]): Promise<{ job_id: string }> {
    return this.envelope('PUT', '/api/v2/settings/dns', jobIdSchema, { dns_servers: dnsServers });
  }

  /** PUT /api/v2/settings/ntp {ntp_mode:"external", ntp_servers} → job id (servers may be FQDNs). */
  async setNtp(ntpServers: string[], ntpMode = 'external'): Promise<{ job_id: string }> {
    return this.envelope('PUT', '/api/v2/settings/ntp', jobIdSchema, {
      ntp_mode: ntpMode,
      ntp_servers: ntpServers,
    });
  }

  /** GET /api/v2/tools/license — `serial` is the cluster serial written back to the workbook. */
  async getLicense(): Promise<z.infer<typeof licenseSchema>> {
    return this.envelope('GET', '/api/v2/tools/license', licenseSchema);
  }

  /** POST /api/v2/ipmi/upsert_accounts {accounts:[{node_name, host, user, node_uuid, password}]} */
  async upsertIpmiAccounts(accounts: IpmiAccount[]): Promise<z.infer<typeof ipmiUpsertResultSchema>> {
    const plain = accounts.map((a) => revealPassword(a.password));
    return this.http.call({
      method: 'POST',
      path: '/api/v2/ipmi/upsert_accounts',
      json: {
        accounts: accounts.map((a, i) => ({
          node_name: a.node_name,
          host: a.host,
          user: a.user,
          node_uuid: a.node_uuid,
          password: plain[i],
        })),
      },
      parse: 'envelope',
      schema: ipmiUpsertResultSchema,
      secrets: plain,
    });
  }

  /** GET /api/v2/network/vds (seed 001) — to find a VDS by name before creating it. */
  async listVdses(): Promise<z.infer<typeof vdsSchema>[]> {
    return this.envelope('GET', '/api/v2/network/vds', vdsListSchema);
  }

  /** GET /api/v2/network/vds/{uuid} — `vlans_count` verifies the business VLANs. */
  async getVds(vdsUuid: string): Promise<z.infer<typeof vdsSchema>> {
    return this.envelope('GET', `/api/v2/network/vds/${encodeURIComponent(vdsUuid)}`, vdsSchema);
  }

  /** POST /api/v2/network/vds → job id; the new VDS uuid is in the job's `resources`. */
  async createVds(input: CreateVdsInput): Promise<{ job_id: string }> {
    return this.envelope('POST', '/api/v2/network/vds', jobIdSchema, input);
  }

  /** GET /api/v2/network/vds/{uuid}/vlans (seed 001) — to find a VLAN by name on its VDS. */
  async listVlans(vdsUuid: string): Promise<z.infer<typeof vlanSchema>[]> {
    return this.envelope('GET', `/api/v2/network/vds/${encodeURIComponent(vdsUuid)}/vlans`, vlanListSchema);
  }

  /** POST /api/v2/network/vds/{uuid}/vlans {name, vlan_id, vds_uuid} → the VLAN (synchronous). */
  async createVlan(vdsUuid: string, name: string, vlanId: number): Promise<z.infer<typeof vlanSchema>> {
    return this.envelope('POST', `/api/v2/network/vds/${encodeURIComponent(vdsUuid)}/vlans`, vlanSchema, {
      name,
      vlan_id: vlanId,
      vds_uuid: vdsUuid,
    });
  }

  /** GET /api/v2/jobs/{id} → `data.job` */
  async getJob(jobId: string): Promise<Job> {
    const data = await this.envelope('GET', `/api/v2/jobs/${encodeURIComponent(jobId)}`, jobEnvelopeSchema);
    return data.job;
  }

  /** POST /api/v2/svt_image/create_volume?name=&size= (VMTools ISO; seed 003 §03 "上传虚拟机工具"). */
  async svtCreateVolume(name: string, size: number): Promise<UploadVolume> {
    return this.http.call({
      method: 'POST',
      path: '/api/v2/svt_image/create_volume',
      searchParams: { name, size },
      parse: 'envelope',
      schema: uploadVolumeSchema,
    });
  }

  /**
   * POST /api/v2/svt_image/upload_template?zbs_volume_id=&chunk_num=&image_uuid= with a multipart body.
   * The seed only says "multipart/form-data, binary" and "status 200"; the part is named `file` as for
   * /api/v2/images/upload. Returns `to_upload` when the answer carries it.
   */
  async svtUploadChunk(chunk: UploadChunkInput): Promise<{ to_upload?: number[] }> {
    const result = await this.http.send({
      method: 'POST',
      path: '/api/v2/svt_image/upload_template',
      searchParams: {
        zbs_volume_id: chunk.zbsVolumeId,
        chunk_num: chunk.chunkNum,
        image_uuid: chunk.imageUuid,
      },
      body: multipartBody([{ name: 'file', filename: 'blob', data: chunk.data, size: chunk.size }]),
      parse: 'none',
      schema: anyData,
      timeoutMs: 300_000,
    });
    return { to_upload: toUploadFrom(result.body) };
  }

  /** GET /api/v2/elf/cluster_recommended_cpu_models → cpu_models */
  async recommendedCpuModels(): Promise<string[]> {
    const data = await this.envelope(
      'GET',
      '/api/v2/elf/cluster_recommended_cpu_models',
      recommendedCpuModelsSchema,
    );
    return data.cpu_models;
  }

  /** PUT /api/v2/elf/cluster_cpu_compatibility {cpu_model} */
  async setCpuCompatibility(cpuModel: string): Promise<void> {
    await this.envelope('PUT', '/api/v2/elf/cluster_cpu_compatibility', anyData, { cpu_model: cpuModel });
  }

  /** GET /api/v2/elf/cluster_cpu_compatibility → cpu_model */
  async getCpuCompatibility(): Promise<string | null | undefined> {
    const data = await this.envelope('GET', '/api/v2/elf/cluster_cpu_compatibility', cpuCompatibilitySchema);
    return data.cpu_model;
  }

  /** GET /api/v2/storage_policies (seed 003 "查询fisheye存储策略uuid") */
  async listStoragePolicies(): Promise<StoragePolicy[]> {
    return this.envelope('GET', '/api/v2/storage_policies', z.array(storagePolicySchema));
  }

  /** GET /api/v2/images → data.images (find an ISO by name and size before uploading). */
  async listImages(): Promise<Image[]> {
    const data = await this.envelope('GET', '/api/v2/images', imageListSchema);
    return data.images;
  }

  /**
   * POST /api/v2/images/upload/volume?description=&name=&device=nfs&task_id=&size=.
   * Seed 003 says `task_id` is "fixed to 2" in prose but its captured URL sends `task_id=1`; the captured
   * request is followed (default 1) and the value can be overridden.
   */
  async createImageUploadVolume(input: {
    name: string;
    size: number;
    description?: string;
    device?: string;
    taskId?: number;
  }): Promise<UploadVolume> {
    return this.http.call({
      method: 'POST',
      path: '/api/v2/images/upload/volume',
      searchParams: {
        description: input.description ?? '',
        name: input.name,
        device: input.device ?? 'nfs',
        task_id: input.taskId ?? 1,
        size: input.size,
      },
      parse: 'envelope',
      schema: uploadVolumeSchema,
    });
  }

  /**
   * POST /api/v2/images/upload?zbs_volume_id=&chunk_num=&image_uuid=, multipart field `file` (binary).
   * Answers `{chunk_num, to_upload}`; an empty `to_upload` means the image is complete.
   */
  async uploadImageChunk(chunk: UploadChunkInput): Promise<ChunkResult> {
    return this.http.call({
      method: 'POST',
      path: '/api/v2/images/upload',
      searchParams: {
        zbs_volume_id: chunk.zbsVolumeId,
        chunk_num: chunk.chunkNum,
        image_uuid: chunk.imageUuid,
      },
      body: multipartBody([{ name: 'file', filename: 'blob', data: chunk.data, size: chunk.size }]),
      parse: 'envelope',
      schema: chunkResultSchema,
      timeoutMs: 300_000,
    });
  }

  /** DELETE /api/v2/images/{uuid} — drops an image or a half-finished upload volume. */
  async deleteImage(imageUuid: string): Promise<void> {
    await this.http.call({
      method: 'DELETE',
      path: `/api/v2/images/${encodeURIComponent(imageUuid)}`,
      parse: 'none',
      schema: anyData,
    });
  }

  /** POST /api/v2/vms → job id (the VM uuid is in the job's `resources`). */
  async createVm(spec: CreateVmSpec): Promise<{ job_id: string }> {
    return this.envelope('POST', '/api/v2/vms', jobIdSchema, spec);
  }

  /** GET /api/v2/vms/{uuid} — `guest_info.ga_state` = Running means VMTools answers. */
  async getVm(vmUuid: string): Promise<Vm> {
    return this.envelope('GET', `/api/v2/vms/${encodeURIComponent(vmUuid)}`, vmSchema);
  }

  /** GET /api/v2/vms (not shown in seed 003; used to find a VM by name before creating it). */
  async listVms(): Promise<Vm[]> {
    return this.envelope('GET', '/api/v2/vms', vmListSchema);
  }

  /** PUT /api/v2/vms/{uuid} {nics:[…ip_address, subnet_mask, gateway…]} → job id. */
  async updateVm(
    vmUuid: string,
    spec: UpdateVmNicsSpec | Record<string, unknown>,
  ): Promise<{ job_id: string }> {
    return this.envelope('PUT', `/api/v2/vms/${encodeURIComponent(vmUuid)}`, jobIdSchema, spec);
  }

  /** POST /api/v2/vms/{uuid}/stop {force} → job id (not in seed 003; stage 11 and `cleanup`). */
  async stopVm(vmUuid: string, force = true): Promise<{ job_id: string }> {
    return this.envelope('POST', `/api/v2/vms/${encodeURIComponent(vmUuid)}/stop`, jobIdSchema, { force });
  }

  /** DELETE /api/v2/vms/{uuid} → job id (not in seed 003; a running VM is refused). */
  async deleteVm(vmUuid: string): Promise<{ job_id: string }> {
    return this.envelope('DELETE', `/api/v2/vms/${encodeURIComponent(vmUuid)}`, jobIdSchema);
  }

  /** One call answered in Fisheye's `{ec, error, data}` envelope, its `data` checked by `schema`. */
  private envelope<S extends z.ZodType>(
    method: CallOptions<S>['method'],
    path: string,
    schema: S,
    json?: unknown,
  ): Promise<z.infer<S>> {
    return this.http.call({ method, path, json, parse: 'envelope', schema });
  }
}

function toUploadFrom(body: string): number[] | undefined {
  try {
    const json = JSON.parse(body) as { data?: { to_upload?: unknown } };
    const list = json?.data?.to_upload;
    return Array.isArray(list) && list.every((n) => typeof n === 'number') ? list : undefined;
  } catch {
    return undefined;
  }
}
