// CloudTower REST API (`/v2/api/*`) — seed 003 §04 (login), §05 (organizations, datacenter, connect
// cluster, clusters), §07 (VDSes, VM VLAN, tasks) and "其他API接口" (clusters by name, VLANs).
// Every call is POST with `Authorization: <token>` (no "Bearer"); the token comes from /v2/api/login
// and a 401 triggers one re-login. Asynchronous calls answer a `task_id`, polled with get-tasks.
//
// Root user (docs/decisions.md "CloudTower root password: REST v2"): create-root-user, update-user and
// login take plain passwords over TLS, shapes as the official SDKs document them (RootUserCreationParams
// `{password}`, UserUpdationParams `{where, data}`, LoginInput `{username, password, source}`).
//
// Seed 003 shows the login URL as `http://CLOUDTOWER_IP/v2/api/login` while every other call to the
// same CloudTower is `https://`; this client uses HTTPS 443 for all calls (the http:// line reads as a
// slip of the writer; CloudTower serves its API on 443 — noted as a contradiction).
import { z } from 'zod';
import type { EndpointResolver } from './endpoints.js';
import { SmartxHttp } from './http.js';
import { revealPassword, type PasswordInput } from './secret.js';
import { TokenSession } from './session.js';
import {
  brickTopoSchema,
  graphSchema,
  nodeTopoSchema,
  rackTopoSchema,
  viewSchema,
  zoneTopoSchema,
  type BrickTopoCreation,
  type GraphCreation,
  type NodeTopoMove,
  type RackTopoCreation,
  type TowerBrickTopo,
  type TowerGraph,
  type TowerNodeTopo,
  type TowerRackTopo,
  type TowerView,
  type TowerZoneTopo,
  type ViewCreation,
} from './cloudtower-rest-schemas-topo.js';

interface CloudTowerRestCredentials {
  username: string;
  password: PasswordInput;
}

/** Accepts a list, or a single object (seed 003 shows some list answers as one object). */
function listOf<T extends z.ZodType>(item: T) {
  return z.union([z.array(item), item.transform((one) => [one])]);
}

const asyncResult = <T extends z.ZodType>(data: T) => z.looseObject({ data, task_id: z.string().nullish() });

const organizationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  datacenters: z.array(z.looseObject({ id: z.string(), name: z.string() })).nullish(),
});
const datacenterSchema = z.looseObject({ id: z.string(), name: z.string() });
const clusterSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  ip: z.string().nullish(),
  connect_state: z.string().nullish(),
  local_id: z.string().nullish(),
  license_serial: z.string().nullish(),
  settings: z.looseObject({ id: z.string() }).nullish(),
  host_num: z.number().nullish(),
  vdses: z.array(z.looseObject({ id: z.string(), name: z.string() })).nullish(),
});
const vlanSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  vlan_id: z.number().nullish(),
  local_id: z.string().nullish(),
  vds: z.looseObject({ id: z.string(), name: z.string().nullish() }).nullish(),
});
const vdsSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  ovsbr_name: z.string().nullish(),
  cluster: z.looseObject({ id: z.string() }).nullish(),
  vlans: z.array(z.looseObject({ id: z.string(), name: z.string() })).nullish(),
});
const taskSchema = z.looseObject({
  id: z.string(),
  description: z.string().nullish(),
  status: z.string(),
  progress: z.number().nullish(),
  error_code: z.string().nullish(),
  error_message: z.string().nullish(),
  resource_id: z.string().nullish(),
  resource_type: z.string().nullish(),
});

const userSchema = z.looseObject({
  id: z.string(),
  username: z.string().nullish(),
  role: z.string().nullish(),
});

type TowerUser = z.infer<typeof userSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type Datacenter = z.infer<typeof datacenterSchema>;
export type TowerCluster = z.infer<typeof clusterSchema>;
export type TowerVlan = z.infer<typeof vlanSchema>;
type TowerVds = z.infer<typeof vdsSchema>;
export type TowerTask = z.infer<typeof taskSchema>;

export class CloudTowerRestClient {
  readonly http: SmartxHttp;
  readonly session: TokenSession;

  constructor(
    resolver: EndpointResolver,
    cloudtowerAddress: string,
    private readonly credentials: CloudTowerRestCredentials,
    options: { timeoutMs?: number } = {},
  ) {
    this.session = new TokenSession(
      () => this.login(),
      (token) => ({ authorization: token }),
    );
    this.http = new SmartxHttp({
      resolver,
      address: cloudtowerAddress,
      timeoutMs: options.timeoutMs,
      auth: this.session,
      secrets: () => [revealPassword(this.credentials.password), this.session.current ?? ''].filter(Boolean),
    });
  }

  private post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    secrets?: string[],
  ): Promise<z.infer<S>> {
    return this.http.call({ method: 'POST', path, json: body ?? {}, parse: 'json', schema, secrets });
  }

  /** POST /v2/api/login {username, source:"LOCAL", password} → data.token */
  async login(): Promise<string> {
    const out = await this.http.call({
      method: 'POST',
      path: '/v2/api/login',
      json: {
        username: this.credentials.username,
        source: 'LOCAL',
        password: revealPassword(this.credentials.password),
      },
      parse: 'json',
      schema: asyncResult(z.looseObject({ token: z.string().min(1) })),
      auth: false,
    });
    this.session.set(out.data.token);
    return out.data.token;
  }

  /**
   * POST /v2/api/create-root-user {password} → {data: user, task_id}. Open (no token): it only works
   * while CloudTower has no root user.
   */
  async createRootUser(password: PasswordInput): Promise<{ data: TowerUser; task_id?: string | null }> {
    const plain = revealPassword(password);
    return this.http.call({
      method: 'POST',
      path: '/v2/api/create-root-user',
      json: { password: plain },
      parse: 'json',
      schema: asyncResult(userSchema),
      auth: false,
      secrets: [plain],
    });
  }

  /** POST /v2/api/update-user {where, data:{password}} → [{data: user, task_id}] (one per user matched). */
  async updateUserPassword(
    where: Record<string, unknown>,
    password: PasswordInput,
  ): Promise<{ data: TowerUser; task_id?: string | null }[]> {
    const plain = revealPassword(password);
    return this.post(
      '/v2/api/update-user',
      { where, data: { password: plain } },
      z.array(asyncResult(userSchema)),
      [plain],
    );
  }

  /** POST /v2/api/get-organizations → organizations with their datacenters (find a datacenter by name). */
  async getOrganizations(where?: Record<string, unknown>): Promise<Organization[]> {
    return this.post('/v2/api/get-organizations', where ? { where } : {}, listOf(organizationSchema));
  }

  /** POST /v2/api/create-datacenter {organization_id, name} → {data:{id,…}, task_id} */
  async createDatacenter(
    organizationId: string,
    name: string,
  ): Promise<{ data: Datacenter; task_id?: string | null }> {
    return this.post(
      '/v2/api/create-datacenter',
      { organization_id: organizationId, name },
      asyncResult(datacenterSchema),
    );
  }

  /** POST /v2/api/connect-cluster {datacenter_id, password, username, ip} → cluster + task_id */
  async connectCluster(input: {
    datacenterId: string;
    ip: string;
    username: string;
    password: PasswordInput;
  }): Promise<{ data: TowerCluster; task_id?: string | null }> {
    const password = revealPassword(input.password);
    return this.post(
      '/v2/api/connect-cluster',
      { datacenter_id: input.datacenterId, password, username: input.username, ip: input.ip },
      asyncResult(clusterSchema),
      [password],
    );
  }

  /** POST /v2/api/get-clusters [{where:{name}}] → clusters (`connect_state` CONNECTED, `settings.id`). */
  async getClusters(where?: Record<string, unknown>): Promise<TowerCluster[]> {
    return this.post('/v2/api/get-clusters', where ? { where } : {}, listOf(clusterSchema));
  }

  /** POST /v2/api/get-vlans → VM networks (the `default` network's id is the OBS/backup `vlan_id`). */
  async getVlans(where?: Record<string, unknown>): Promise<TowerVlan[]> {
    return this.post('/v2/api/get-vlans', where ? { where } : {}, listOf(vlanSchema));
  }

  /** POST /v2/api/get-vdses → VDSes with their VLANs (find the storage VDS by name). */
  async getVdses(where?: Record<string, unknown>): Promise<TowerVds[]> {
    return this.post('/v2/api/get-vdses', where ? { where } : {}, listOf(vdsSchema));
  }

  /** POST /v2/api/create-vm-vlan [{vds_id, name, vlan_id?}] → [{data: vlan, task_id}] */
  async createVmVlan(
    vlans: { vds_id: string; name: string; vlan_id?: number }[],
  ): Promise<{ data: TowerVlan; task_id?: string | null }[]> {
    return this.post('/v2/api/create-vm-vlan', vlans, z.array(asyncResult(vlanSchema)));
  }

  /** POST /v2/api/get-tasks (seed: no body) → tasks; `status` SUCCESSED/FAILED/… */
  async getTasks(where?: Record<string, unknown>): Promise<TowerTask[]> {
    return this.post('/v2/api/get-tasks', where ? { where } : {}, z.array(taskSchema));
  }

  // Monitoring views and graphs (ViewApi / GraphApi of the official SDKs).

  /** POST /v2/api/get-views {where} → views (find the dashboard by name and cluster). */
  async getViews(where?: Record<string, unknown>): Promise<TowerView[]> {
    return this.post('/v2/api/get-views', where ? { where } : {}, z.array(viewSchema));
  }

  /** POST /v2/api/create-view [ViewCreationParams] → [{data: view, task_id}] */
  async createView(views: ViewCreation[]): Promise<{ data: TowerView; task_id?: string | null }[]> {
    return this.post('/v2/api/create-view', views, z.array(asyncResult(viewSchema)));
  }

  /** POST /v2/api/get-graphs {where} → graphs (a view's graphs: `{view: {id}}`). */
  async getGraphs(where?: Record<string, unknown>): Promise<TowerGraph[]> {
    return this.post('/v2/api/get-graphs', where ? { where } : {}, z.array(graphSchema));
  }

  /** POST /v2/api/create-graph [GraphCreationParams] → [{data: graph, task_id}] */
  async createGraph(graphs: GraphCreation[]): Promise<{ data: TowerGraph; task_id?: string | null }[]> {
    return this.post('/v2/api/create-graph', graphs, z.array(asyncResult(graphSchema)));
  }

  // Rack topology: zone → rack → brick → node (ZoneTopo/RackTopo/BrickTopo/NodeTopo APIs).

  /** POST /v2/api/get-zone-topoes {where} → the cluster's zones (one for a non-stretched cluster). */
  async getZoneTopoes(where?: Record<string, unknown>): Promise<TowerZoneTopo[]> {
    return this.post('/v2/api/get-zone-topoes', where ? { where } : {}, z.array(zoneTopoSchema));
  }

  /** POST /v2/api/get-rack-topoes {where} → racks. */
  async getRackTopoes(where?: Record<string, unknown>): Promise<TowerRackTopo[]> {
    return this.post('/v2/api/get-rack-topoes', where ? { where } : {}, z.array(rackTopoSchema));
  }

  /** POST /v2/api/create-rack-topo [RackTopoCreationParams] → [{data: rack, task_id}] */
  async createRackTopo(
    racks: RackTopoCreation[],
  ): Promise<{ data: TowerRackTopo; task_id?: string | null }[]> {
    return this.post('/v2/api/create-rack-topo', racks, z.array(asyncResult(rackTopoSchema)));
  }

  /** POST /v2/api/get-brick-topoes {where} → bricks (chassis placed in racks). */
  async getBrickTopoes(where?: Record<string, unknown>): Promise<TowerBrickTopo[]> {
    return this.post('/v2/api/get-brick-topoes', where ? { where } : {}, z.array(brickTopoSchema));
  }

  /** POST /v2/api/create-brick-topo [BrickTopoCreationParams] → [{data: brick, task_id}] */
  async createBrickTopo(
    bricks: BrickTopoCreation[],
  ): Promise<{ data: TowerBrickTopo; task_id?: string | null }[]> {
    return this.post('/v2/api/create-brick-topo', bricks, z.array(asyncResult(brickTopoSchema)));
  }

  /** POST /v2/api/get-node-topoes {where} → one node per host of the cluster, with its brick if placed. */
  async getNodeTopoes(where?: Record<string, unknown>): Promise<TowerNodeTopo[]> {
    return this.post('/v2/api/get-node-topoes', where ? { where } : {}, z.array(nodeTopoSchema));
  }

  /** POST /v2/api/move-node-topo [{where:{id}, data:{brick_topo_id}}] → [{data: node, task_id}] */
  async moveNodeTopo(moves: NodeTopoMove[]): Promise<{ data: TowerNodeTopo; task_id?: string | null }[]> {
    return this.post('/v2/api/move-node-topo', moves, z.array(asyncResult(nodeTopoSchema)));
  }
}
