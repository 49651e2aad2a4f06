// CloudTower GraphQL (`POST /api`) — seed 003 §04 (root user, organization, NTP, license), §06 (cluster
// settings, alert rules), §07 (Observability, backup package upload, backup service), and seed 000 (OBS).
// Requests carry `operationName`, `variables` and the seed's `query` text verbatim.
//
// Auth: the `login` mutation answers a JWT and sets the `connect.sid` cookie. Seed 003 sends
// `Authorization: <token>` on some calls (NTP, license) and only the cookie on others (OBS, backup);
// this client sends both once logged in. Setup calls made before any user exists (createRootUser,
// createOrganization, checkTowerIsSetup) are sent without auth, as in the seed.
// A password other than the factory default cannot be encoded as the web UI does; the login then
// goes as plain text, which no SDK documents. Where a site refuses that, the client logs in through
// REST `POST /v2/api/login` (the SDKs' way, plain JSON password) and sends that token as GraphQL's
// `Authorization`; such a session has no `connect.sid`, so cookie-only calls (OBS operator) say so.
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { GRAPHQL_DOCUMENTS, type GraphqlOperationName } from './cloudtower-graphql-documents.js';
import type { EndpointResolver } from './endpoints.js';
import { SmartxGraphqlError, SmartxHttpError } from './errors.js';
import { SmartxHttp, graphqlMessages, type SessionAuth } from './http.js';
import { multipartBody, type FileData } from './multipart.js';
import alertingRules from './obs-cloudtower-alerting-rules.json' with { type: 'json' };
import { revealPassword, type PasswordInput } from './secret.js';
import { CLOUDTOWER_FACTORY_ROOT_PASSWORD } from './default-passwords.js';

/**
 * CloudTower's `effect: {encoded: true}` passwords are encrypted by the web UI with a key we do not
 * have; the seed gives two encodings of the fixed default `HC!r0cks` (FACTS: the createRootUser
 * constant is `HC!r0cks`). Any other password must be supplied already encoded.
 */
export const ENCODED_DEFAULT_ROOT_PASSWORD =
  'NzllNTE3NTgxYWY5NDY3ODM4ZTczMTg1MDc4YmM3YzQ6eVpSSTlodUNxNDBNL3J4ZTViZ1dqZz09';
/** The encoding of `HC!r0cks` that seed 003 sends in the `login` mutation. */
export const ENCODED_DEFAULT_LOGIN_PASSWORD =
  'NmQwNTQ2MTI4MDQxMjgzYTk3NDU3OGZmYjk3NmFhNGM6dm40by9nOE0xZ0ZjVmxBSmR2Nmk3QT09';

/** Backup package chunk size (createUploadTask in seed 003 §07, FACTS: 4 MiB). */
export const BACKUP_CHUNK_SIZE = 4 * 1024 * 1024;

/**
 * How the GraphQL `login` mutation is sent: `encodedPassword` as the web UI encodes it (seed 003), or a
 * plain `password`. A plain password equal to the factory default goes as the seed's encoded constant
 * with the seed's document; any other goes without `effect: {encoded: true}` (docs/decisions.md
 * "CloudTower root password: REST v2").
 */
export type CloudTowerLogin =
  { username: string; encodedPassword: PasswordInput } | { username: string; password: PasswordInput };

/** The seed's login document without the `effect` argument: the password variable is plain text. */
const PLAIN_LOGIN_DOCUMENT = GRAPHQL_DOCUMENTS.login.replace(', effect: {encoded: true}', '');

/** Something that can hand out the CloudTower web session cookie (for the OBS operator API). */
export interface CookieSource {
  /** `connect.sid=…`, logging in first if needed. */
  cookie(): Promise<string>;
  renew(): Promise<void>;
}

const gqlResponseSchema = z.looseObject({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z.array(z.unknown()).optional(),
});

const idOnly = z.looseObject({ id: z.string() });
const thresholdSchema = z.looseObject({ severity: z.string(), value: z.number().optional() });

const loginSchema = z.looseObject({ login: z.looseObject({ token: z.string().min(1) }) });
const checkSetupSchema = z.looseObject({
  organizations: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  userCreated: z.looseObject({ created: z.boolean() }),
});
const licenseSchema = z.looseObject({
  deploys: z.array(
    z.looseObject({ id: z.string(), license: z.looseObject({ license_serial: z.string() }).nullish() }),
  ),
});
const clusterSettingsSchema = z.looseObject({
  updateClusterSettings: z.looseObject({
    id: z.string(),
    default_storage_policy: z.string().nullish(),
    default_storage_policy_replica_num: z.number().nullish(),
    default_storage_policy_thin_provision: z.boolean().nullish(),
  }),
});
/** One cluster's copy of a global alert rule, as both the list and the update answer carry it. */
const clusterAlertRuleSchema = z.looseObject({
  id: z.string(),
  customized: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
  thresholds: z.array(thresholdSchema).nullish(),
});
const globalAlertRuleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  object: z.string().nullish(),
  disabled: z.boolean().nullish(),
  thresholds: z.array(thresholdSchema).nullish(),
  alert_rules: z.array(clusterAlertRuleSchema).nullish(),
});
/**
 * The answer of updateGlobalAlertRule as seed 003 selects it: id, disabled, thresholds, and each
 * cluster's rule with its `cluster` — but no `name` (unlike the list query).
 */
const updatedGlobalAlertRuleSchema = z.looseObject({
  id: z.string(),
  disabled: z.boolean().nullish(),
  thresholds: z.array(thresholdSchema).nullish(),
  alert_rules: z
    .array(
      clusterAlertRuleSchema.extend({
        cluster: z.looseObject({ id: z.string(), name: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});
const globalAlertRulesSchema = z.looseObject({
  globalAlertRules: z.array(globalAlertRuleSchema),
  globalAlertRulesConnection: z.looseObject({ aggregate: z.looseObject({ count: z.number() }) }).nullish(),
});
const bundleInstanceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string().nullish(),
  health_status: z.string().nullish(),
  application: z
    .looseObject({
      instances: z
        .array(
          z.looseObject({ vm: z.looseObject({ id: z.string(), status: z.string().nullish() }).nullish() }),
        )
        .nullish(),
    })
    .nullish(),
  vm_spec: z.looseObject({ ip: z.string().nullish() }).nullish(),
  connected_clusters: z
    .array(z.looseObject({ id: z.string(), cluster: z.looseObject({ id: z.string() }).nullish() }))
    .nullish(),
});
const obsSchema = z.looseObject({
  bundleApplicationPackages: z.array(
    z.looseObject({ id: z.string(), name: z.string(), version: z.string(), arch: z.string().nullish() }),
  ),
  bundleApplicationInstances: z.array(bundleInstanceSchema),
  bundleApplicationConnectedClusters: z.array(z.unknown()).nullish(),
});
const uploadTaskSchema = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  current_chunk: z.number().int(),
  chunk_size: z.number().int(),
});
const packageSchema = z.looseObject({
  id: z.string(),
  filename: z.string().nullish(),
  version: z.string(),
  architecture: z.string().nullish(),
});
const backupServiceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string().nullish(),
  entityAsyncStatus: z.string().nullish(),
  backup_clusters: z.array(z.looseObject({ id: z.string() })).nullish(),
});

export type GlobalAlertRule = z.infer<typeof globalAlertRuleSchema>;
type UpdatedGlobalAlertRule = z.infer<typeof updatedGlobalAlertRuleSchema>;
export type ObservabilityState = z.infer<typeof obsSchema>;
export type UploadTask = z.infer<typeof uploadTaskSchema>;
const listedUploadTaskSchema = uploadTaskSchema.extend({
  size: z.number().int().nullish(),
  args: z.looseObject({ name: z.string().optional(), package_name: z.string().optional() }).nullish(),
  started_at: z.string().nullish(),
});
type ListedUploadTask = z.infer<typeof listedUploadTaskSchema>;
export type BackupService = z.infer<typeof backupServiceSchema>;

/** The `where` filter seed 003 uses to list the global alert rules (first page of 50). */
const GLOBAL_ALERT_RULES_WHERE = {
  AND: [
    {
      AND: [
        { alert_rules_some: {} },
        { name_not_starts_with: 'elf_' },
        { name_not_starts_with: 'scvm_' },
        { name_not_starts_with: 'vsphere_' },
        { name_not_starts_with: 'witness_' },
        { name_not_starts_with: 'zone' },
        { name_not_starts_with: 'metro_' },
        { name_not_starts_with: 'system.' },
        {
          object_not_in: [
            'SKS_SERVICE',
            'SKS_REGISTRY',
            'SKS_CLUSTER',
            'SKS_CLUSTER_NODE',
            'SKS_PV',
            'SKS_PVC',
          ],
        },
      ],
    },
  ],
} as const;

/**
 * `data` of updateGlobalAlertRule as seed 003 §06 sends it for the storage-capacity rule: the global
 * thresholds stay, each cluster rule gets `customized: true` and its own NOTICE (and CRITICAL) value.
 */
export function capacityAlertRuleUpdate(input: {
  globalNotice: number;
  globalCritical: number;
  clusterRuleIds: string[];
  notice: number;
  critical: number;
}): Record<string, unknown> {
  const t = (value: number, severity: string) => ({ value, severity, quantile: 0, __typename: 'Thresholds' });
  return {
    thresholds: [t(input.globalNotice, 'NOTICE'), t(input.globalCritical, 'CRITICAL')],
    alert_rules: {
      update: input.clusterRuleIds.map((id) => ({
        where: { id },
        data: {
          customized: true,
          disabled: false,
          thresholds: [t(input.critical, 'CRITICAL'), t(input.notice, 'NOTICE')],
        },
      })),
    },
    disabled: false,
  };
}

class GraphqlSession implements SessionAuth, CookieSource {
  token?: string;
  sid?: string;
  private pending?: Promise<void>;
  constructor(private readonly doLogin: () => Promise<void>) {}
  async ensure(): Promise<void> {
    if (this.token) return;
    this.pending ??= this.doLogin().finally(() => {
      this.pending = undefined;
    });
    await this.pending;
  }
  async headers(): Promise<Record<string, string>> {
    await this.ensure();
    const h: Record<string, string> = { authorization: this.token ?? '' };
    if (this.sid) h.cookie = this.sid;
    return h;
  }
  async cookie(): Promise<string> {
    await this.ensure();
    if (!this.sid)
      throw new Error(
        this.viaRest
          ? 'the CloudTower session comes from the REST login (the plain GraphQL login was refused), which sets no connect.sid cookie'
          : 'CloudTower login answered without a connect.sid cookie',
      );
    return this.sid;
  }
  /** The token came from REST /v2/api/login (no cookie). */
  viaRest = false;
  async renew(): Promise<void> {
    this.token = undefined;
    this.sid = undefined;
    await this.ensure();
  }
}

function connectSid(headers: IncomingHttpHeaders): string | undefined {
  for (const line of headers['set-cookie'] ?? []) {
    const m = /(?:^|;\s*)(connect\.sid=[^;]+)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

export class CloudTowerGraphqlClient {
  readonly http: SmartxHttp;
  private readonly gqlSession: GraphqlSession;

  constructor(
    resolver: EndpointResolver,
    cloudtowerAddress: string,
    private readonly credentials: CloudTowerLogin = {
      username: 'root',
      encodedPassword: ENCODED_DEFAULT_LOGIN_PASSWORD,
    },
    options: { timeoutMs?: number } = {},
  ) {
    this.gqlSession = new GraphqlSession(() => this.login().then(() => undefined));
    this.http = new SmartxHttp({
      resolver,
      address: cloudtowerAddress,
      timeoutMs: options.timeoutMs,
      auth: this.gqlSession,
      secrets: () =>
        [
          revealPassword(
            'encodedPassword' in this.credentials
              ? this.credentials.encodedPassword
              : this.credentials.password,
          ),
          this.gqlSession.token ?? '',
          this.gqlSession.sid ?? '',
        ].filter(Boolean),
    });
  }

  /** The session cookie holder, for ObsOperatorClient (which re-logins through it on 401). */
  get cookies(): CookieSource {
    return this.gqlSession;
  }

  /** Runs one operation of the seed; `errors[]` become SmartxGraphqlError (auth errors re-login once). */
  async request<S extends z.ZodType>(
    operationName: GraphqlOperationName,
    variables: Record<string, unknown>,
    schema: S,
    options: { auth?: boolean; secrets?: string[] } = {},
  ): Promise<z.infer<S>> {
    const useAuth = options.auth ?? true;
    try {
      return await this.requestOnce(operationName, variables, schema, useAuth, options.secrets);
    } catch (err) {
      if (!(err instanceof SmartxGraphqlError) || err.kind !== 'auth' || !useAuth) throw err;
      await this.gqlSession.renew();
      return this.requestOnce(operationName, variables, schema, useAuth, options.secrets);
    }
  }

  private async requestOnce<S extends z.ZodType>(
    operationName: GraphqlOperationName,
    variables: Record<string, unknown>,
    schema: S,
    useAuth: boolean,
    secrets: string[] = [],
  ): Promise<z.infer<S>> {
    const result = await this.http.send({
      method: 'POST',
      path: '/api',
      json: { operationName, variables, query: GRAPHQL_DOCUMENTS[operationName] },
      parse: 'json',
      schema: gqlResponseSchema,
      auth: useAuth,
      secrets,
    });
    return this.unwrap(operationName, result.data, schema, secrets);
  }

  private unwrap<S extends z.ZodType>(
    operationName: string,
    body: z.infer<typeof gqlResponseSchema>,
    schema: S,
    secrets: string[],
  ): z.infer<S> {
    const endpoint = `${this.http.endpointName('POST', '/api')} (${operationName})`;
    if (body.errors && body.errors.length > 0) {
      const messages = graphqlMessages(body.errors).map((m) => this.http.clean(m, secrets) ?? '');
      const auth = body.errors.some((e) => {
        const code = (e as { extensions?: { code?: unknown } })?.extensions?.code;
        return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
      });
      throw new SmartxGraphqlError(
        { kind: auth ? 'auth' : 'remote', endpoint, remoteMessage: messages.join('; ') },
        operationName,
        messages,
      );
    }
    const parsed = schema.safeParse(body.data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '<root>'}: ${i.message}`);
      throw new SmartxGraphqlError(
        { kind: 'protocol', endpoint, remoteMessage: `unexpected data (${issues.join('; ')})` },
        operationName,
        [],
      );
    }
    return parsed.data;
  }

  /** mutation login (effect encoded) → token; keeps the `connect.sid` cookie for later calls. */
  async login(): Promise<{ token: string }> {
    const { password: encoded, query, plain } = this.loginPassword();
    const variables = {
      data: { username: this.credentials.username, password: encoded, source: 'LOCAL', auth_config_id: null },
    };
    let data: z.infer<typeof loginSchema>;
    let headers: IncomingHttpHeaders;
    try {
      const result = await this.http.send({
        method: 'POST',
        path: '/api',
        json: { operationName: 'login', variables, query },
        parse: 'json',
        schema: gqlResponseSchema,
        auth: false,
      });
      data = this.unwrap('login', result.data, loginSchema, [encoded]);
      headers = result.headers;
    } catch (err) {
      // A refused plain login (not a network failure): the REST login's token works for GraphQL.
      if (!plain || !(err instanceof SmartxHttpError) || err.retryable) throw err;
      const token = await this.restLogin(encoded);
      this.gqlSession.token = token;
      this.gqlSession.sid = undefined;
      this.gqlSession.viaRest = true;
      return { token };
    }
    this.gqlSession.token = data.login.token;
    this.gqlSession.sid = connectSid(headers);
    this.gqlSession.viaRest = false;
    return { token: data.login.token };
  }

  /** POST /v2/api/login {username, source, password} (the SDKs' LoginInput) → data.token. */
  private async restLogin(password: string): Promise<string> {
    const out = await this.http.call({
      method: 'POST',
      path: '/v2/api/login',
      json: { username: this.credentials.username, source: 'LOCAL', password },
      parse: 'json',
      schema: z.looseObject({ data: z.looseObject({ token: z.string().min(1) }) }),
      auth: false,
    });
    return out.data.token;
  }

  /** The login password as sent, and the document that matches it (see CloudTowerLogin). */
  private loginPassword(): { password: string; query: string; plain: boolean } {
    if ('encodedPassword' in this.credentials) {
      return {
        password: revealPassword(this.credentials.encodedPassword),
        query: GRAPHQL_DOCUMENTS.login,
        plain: false,
      };
    }
    const plain = revealPassword(this.credentials.password);
    if (plain === CLOUDTOWER_FACTORY_ROOT_PASSWORD) {
      return { password: ENCODED_DEFAULT_LOGIN_PASSWORD, query: GRAPHQL_DOCUMENTS.login, plain: false };
    }
    return { password: plain, query: PLAIN_LOGIN_DOCUMENT, plain: true };
  }

  /** mutation createRootUser (§04 "配置cloudtower 管理员密码"); `now` is `password_updated_at`. */
  async createRootUser(
    encodedPassword: PasswordInput = ENCODED_DEFAULT_ROOT_PASSWORD,
    now: Date = new Date(),
  ): Promise<{ id: string }> {
    const root = revealPassword(encodedPassword);
    const data = await this.request(
      'createRootUser',
      { root_password: root, now: now.toISOString() },
      z.looseObject({ createUser: idOnly }),
      {
        auth: false,
        secrets: [root],
      },
    );
    return { id: data.createUser.id };
  }

  /** mutation createOrganization {data:{name}} → id */
  async createOrganization(name: string): Promise<{ id: string }> {
    const data = await this.request(
      'createOrganization',
      { data: { name } },
      z.looseObject({ createOrganization: idOnly }),
      { auth: false },
    );
    return { id: data.createOrganization.id };
  }

  /** query checkTowerIsSetup → first organization and whether the root user exists. */
  async checkTowerIsSetup(): Promise<z.infer<typeof checkSetupSchema>> {
    return this.request('checkTowerIsSetup', {}, checkSetupSchema, { auth: false });
  }

  /** mutation updateCloudTowerNtpUrl; servers are joined with `,` as in the seed (the answer uses `;`). */
  async updateCloudTowerNtpUrl(ntpServers: string[]): Promise<string> {
    const data = await this.request(
      'updateCloudTowerNtpUrl',
      { data: { ntp_service_url: ntpServers.join(',') } },
      z.looseObject({ updateCloudTowerNtpUrl: z.looseObject({ ntp_service_url: z.string() }) }),
    );
    return data.updateCloudTowerNtpUrl.ntp_service_url;
  }

  /** query deployedLicense → `license_serial` (CloudTower serial, written to 集群管理信息!M3). */
  async deployedLicense(): Promise<{ license_serial: string } & Record<string, unknown>> {
    const data = await this.request('deployedLicense', {}, licenseSchema);
    const license = data.deploys[0]?.license;
    if (!license) {
      throw new SmartxGraphqlError(
        {
          kind: 'protocol',
          endpoint: this.http.endpointName('POST', '/api'),
          remoteMessage: 'no deployed license',
        },
        'deployedLicense',
        [],
      );
    }
    return license;
  }

  /** mutation updateClusterSettings — default storage policy (FACTS: REPLICA_2_THIN_PROVISION, 2, thin). */
  async updateClusterSettings(
    settingsId: string,
    data: Record<string, unknown> = {
      default_storage_policy: 'REPLICA_2_THIN_PROVISION',
      default_storage_policy_replica_num: 2,
      default_storage_policy_ec_k: null,
      default_storage_policy_ec_m: null,
      default_storage_policy_thin_provision: true,
    },
  ): Promise<z.infer<typeof clusterSettingsSchema>['updateClusterSettings']> {
    const out = await this.request(
      'updateClusterSettings',
      { data, where: { id: settingsId } },
      clusterSettingsSchema,
    );
    return out.updateClusterSettings;
  }

  /** query globalAlertRules with the seed's filter; pages of `first` from `skip`. */
  async globalAlertRules(skip = 0, first = 50): Promise<{ rules: GlobalAlertRule[]; count?: number }> {
    const data = await this.request(
      'globalAlertRules',
      { skip, first, where: GLOBAL_ALERT_RULES_WHERE, orderBy: 'id_ASC' },
      globalAlertRulesSchema,
    );
    return { rules: data.globalAlertRules, count: data.globalAlertRulesConnection?.aggregate.count };
  }

  /**
   * mutation updateGlobalAlertRule (see capacityAlertRuleUpdate for the seed's `data`); the answer
   * names each cluster rule's cluster, not the rule's name.
   */
  async updateGlobalAlertRule(
    globalRuleId: string,
    data: Record<string, unknown>,
  ): Promise<UpdatedGlobalAlertRule> {
    const out = await this.request(
      'updateGlobalAlertRule',
      { where: { id: globalRuleId }, data },
      z.looseObject({ updateGlobalAlertRule: updatedGlobalAlertRuleSchema }),
    );
    return out.updateGlobalAlertRule;
  }

  /** query observabilityInstanceAndApps — OBS packages, instances and connected clusters (seed 000/003). */
  async observabilityInstanceAndApps(): Promise<ObservabilityState> {
    return this.request('observabilityInstanceAndApps', {}, obsSchema);
  }

  /** mutation createBundleApplicationInstance (the OBS VM; data as in seed 003 §07 "进行部署"). */
  async createBundleApplicationInstance(data: Record<string, unknown>): Promise<{ id: string }> {
    const out = await this.request(
      'createBundleApplicationInstance',
      { data },
      z.looseObject({ createBundleApplicationInstance: idOnly }),
    );
    return { id: out.createBundleApplicationInstance.id };
  }

  /** mutation updateObservabilityNtpUrl */
  async updateObservabilityNtpUrl(instanceId: string, ntpServers: string[]): Promise<string> {
    const out = await this.request(
      'updateObservabilityNtpUrl',
      { data: { ntp_service_url: ntpServers.join(',') }, where: { id: instanceId } },
      z.looseObject({ updateObservabilityNtpUrl: z.looseObject({ ntp_service_url: z.string() }) }),
    );
    return out.updateObservabilityNtpUrl.ntp_service_url;
  }

  /** mutation updateBundleApplicationInstanceConnectClusters {connected_clusters:{id_in}} */
  async updateBundleApplicationInstanceConnectClusters(
    instanceId: string,
    clusterIds: string[],
  ): Promise<z.infer<typeof bundleInstanceSchema>> {
    const out = await this.request(
      'updateBundleApplicationInstanceConnectClusters',
      { where: { id: instanceId }, data: { connected_clusters: { id_in: clusterIds } } },
      z.looseObject({ updateBundleApplicationInstanceConnectClusters: bundleInstanceSchema }),
    );
    return out.updateBundleApplicationInstanceConnectClusters;
  }

  /**
   * mutation updateObservabilityConnectedSystemServices: connects CloudTower as a system service of OBS.
   * Everything but the agent URL is fixed in the seed (alerting rules in obs-cloudtower-alerting-rules.json).
   */
  async updateObservabilityConnectedSystemServices(
    cloudtowerIp: string,
    ovmName = 'observability',
  ): Promise<unknown[]> {
    const variables = {
      ovm_name: ovmName,
      connected_system_services: [
        {
          system_service_id: 'CLOUDTOWER',
          system_service_name: 'CloudTower',
          type: 'CLOUDTOWER',
          alerting_rules: alertingRules,
          instances: [
            {
              url: `http://${cloudtowerIp}/admin/observability/agent`,
              info: { service_name: 'CloudTower', vm_name: 'cloudtower' },
            },
          ],
        },
      ],
    };
    const out = await this.request(
      'updateObservabilityConnectedSystemServices',
      variables,
      z.looseObject({
        updateObservabilityConnectedSystemServices: z.looseObject({
          connected_system_services: z.array(z.unknown()),
        }),
      }),
    );
    return out.updateObservabilityConnectedSystemServices.connected_system_services;
  }

  /** mutation createUploadTask for a CloudTower application package (the backup package). */
  async createUploadTask(input: {
    fileName: string;
    size: number;
    packageName?: string;
    chunkSize?: number;
    startedAt?: Date;
  }): Promise<UploadTask> {
    const out = await this.request(
      'createUploadTask',
      {
        data: {
          status: 'INITIALIZING',
          current_chunk: 1,
          chunk_size: input.chunkSize ?? BACKUP_CHUNK_SIZE,
          resource_type: 'CLOUDTOWER_APPLICATION_PACKAGE',
          size: input.size,
          args: { name: input.fileName, package_name: input.packageName ?? 'iomesh-backup' },
          started_at: (input.startedAt ?? new Date()).toISOString(),
        },
      },
      z.looseObject({ createUploadTask: uploadTaskSchema }),
    );
    return out.createUploadTask;
  }

  /** query uploadTasks (official SDKs; not in seed 003): application package tasks of this size still open. */
  async openUploadTasks(size: number): Promise<ListedUploadTask[]> {
    const out = await this.request(
      'getUploadTasks',
      {
        where: {
          resource_type: 'CLOUDTOWER_APPLICATION_PACKAGE',
          size,
          status_in: ['INITIALIZING', 'UPLOADING', 'PAUSED'],
        },
      },
      z.looseObject({ uploadTasks: z.array(listedUploadTaskSchema) }),
    );
    return out.uploadTasks;
  }

  /**
   * mutation uploadCloudTowerApplicationPackage as a GraphQL multipart request: part `operations`
   * (the operation with `file: null`), part `map` (`{"1":["variables.data.file"]}`), part `1` (the chunk,
   * filename `blob`, application/octet-stream, streamed). `currentChunk` counts from 1 as createUploadTask
   * starts at 1. The last chunk answers status `SUCCESSED`.
   */
  async uploadCloudTowerApplicationPackage(input: {
    uploadTaskId: string;
    currentChunk: number;
    data: FileData;
    size?: number;
  }): Promise<UploadTask> {
    const operations = {
      operationName: 'uploadCloudTowerApplicationPackage',
      variables: {
        data: { upload_task_id: input.uploadTaskId, file: null, current_chunk: input.currentChunk },
      },
      query: GRAPHQL_DOCUMENTS.uploadCloudTowerApplicationPackage,
    };
    const result = await this.http.send({
      method: 'POST',
      path: '/api',
      body: multipartBody([
        { name: 'operations', value: JSON.stringify(operations) },
        { name: 'map', value: JSON.stringify({ '1': ['variables.data.file'] }) },
        {
          name: '1',
          filename: 'blob',
          contentType: 'application/octet-stream',
          data: input.data,
          size: input.size,
        },
      ]),
      parse: 'json',
      schema: gqlResponseSchema,
      timeoutMs: 300_000,
    });
    const out = this.unwrap(
      'uploadCloudTowerApplicationPackage',
      result.data,
      z.looseObject({ uploadCloudTowerApplicationPackage: uploadTaskSchema }),
      [],
    );
    return out.uploadCloudTowerApplicationPackage;
  }

  /** query cloudTowerApplicationPackages filtered by package name (default `iomesh-backup`). */
  async cloudTowerApplicationPackages(name = 'iomesh-backup'): Promise<z.infer<typeof packageSchema>[]> {
    const out = await this.request(
      'cloudTowerApplicationPackages',
      { skip: 0, first: 50, where: { AND: [{ name }] } },
      z.looseObject({ cloudTowerApplicationPackages: z.array(packageSchema) }),
    );
    return out.cloudTowerApplicationPackages;
  }

  /** mutation createBackupService (data/effect as in seed 003 §07 "进行备份服务部署"). */
  async createBackupService(
    data: Record<string, unknown>,
    effect: { running_cluster: string; running_host?: string },
  ): Promise<{ id: string }> {
    const out = await this.request(
      'createBackupService',
      { data, effect: { running_host: 'AUTO_SCHEDULE', ...effect } },
      z.looseObject({ createBackupService: idOnly }),
    );
    return { id: out.createBackupService.id };
  }

  /** query getBackupServices — ready when `status` is RUNNING. */
  async getBackupServices(): Promise<BackupService[]> {
    const out = await this.request(
      'getBackupServices',
      {},
      z.looseObject({ backupServices: z.array(backupServiceSchema) }),
    );
    return out.backupServices;
  }

  /** mutation updateBackupService {backup_clusters:{set:[{id}]}} — attaches clusters to the backup service. */
  async updateBackupService(serviceId: string, clusterIds: string[]): Promise<{ id: string; name: string }> {
    const out = await this.request(
      'updateBackupService',
      { where: { id: serviceId }, data: { backup_clusters: { set: clusterIds.map((id) => ({ id })) } } },
      z.looseObject({ updateBackupService: z.looseObject({ id: z.string(), name: z.string() }) }),
    );
    return out.updateBackupService;
  }
}
