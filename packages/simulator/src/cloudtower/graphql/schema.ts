// The part of CloudTower's GraphQL schema the simulator serves, written by us in SDL. Type, field and
// input names follow the official schema as the CloudTower SDKs and seed 003's documents show it
// (`GlobalAlertRule`, `AlertRule`, `ClusterSettingsUpdateInput`, …); it covers every operation of
// seeds 000/003 and of our client, plus a few plain list queries (clusters, datacenters, alert
// rules) a third-party client commonly sends. Anything not declared here is refused by validation,
// as the real server refuses a field it does not have.
import { buildSchema, type GraphQLSchema } from 'graphql';
import { orderByEnum, whereInput } from './where-sdl.js';

// The settings a cluster has are the ones updateClusterSettings may set.
const clusterSettingsFields = /* GraphQL */ `
    default_ha: Boolean
    default_ha_priority: String
    enabled_iscsi: Boolean
    default_storage_policy: StoragePolicyType
    default_storage_policy_replica_num: Int
    default_storage_policy_ec_k: Int
    default_storage_policy_ec_m: Int
    default_storage_policy_thin_provision: Boolean
    default_storage_encryption: Json
`;

const scalars = /* GraphQL */ `
  scalar DateTime
  scalar Json
  scalar Long
  scalar Upload
`;

const enums = /* GraphQL */ `
  enum UserSource {
    LOCAL
    LDAP
    AUTHN
  }
  enum UserRole {
    ROOT
    ADMIN
    READ_ONLY
  }
  enum SeverityEnum {
    INFO
    NOTICE
    WARNING
    CRITICAL
  }
  enum ClusterConnectState {
    INITIALIZING
    CONNECTED
    DISCONNECTED
  }
  enum ClusterType {
    SMTX_OS
    SMTX_ZBS
    SMTX_ELF
  }
  enum ResourceType {
    CLOUDTOWER_APPLICATION_PACKAGE
  }
  enum UploadTaskStatus {
    INITIALIZING
    UPLOADING
    SUCCESSED
    FAILED
    PAUSED
  }
  enum StoragePolicyType {
    REPLICA_2_THIN_PROVISION
    REPLICA_3_THIN_PROVISION
    REPLICA_2_THICK_PROVISION
    REPLICA_3_THICK_PROVISION
    EC_THIN_PROVISION
    EC_THICK_PROVISION
  }
`;

const objects = /* GraphQL */ `
  type User {
    id: ID!
    name: String
    username: String
    role: UserRole
    source: UserSource
  }
  type UserCreatedData {
    created: Boolean!
  }
  type MfaMeta {
    recipient: String
    mid: String
    type: String
    valid: Boolean
  }
  type Login {
    token: String!
    uid: String
    need_mfa: Boolean
    mfa_meta: MfaMeta
  }
  type UpdateNtpCommonResult {
    ntp_service_url: String!
  }

  type Organization {
    id: ID!
    name: String!
    datacenters: [Datacenter!]
  }
  type Datacenter {
    id: ID!
    name: String!
    organization: Organization
    clusters: [Cluster!]
  }

  type License {
    id: ID!
    license_serial: String!
    maintenance_end_date: DateTime
    maintenance_start_date: DateTime
    max_chunk_num: Int
    max_cluster_num: Int
    max_vm_num: Int
    used_vm_num: Int
    sign_date: DateTime
    expire_date: DateTime
    software_edition: String
    type: String
    vendor: String
  }
  type Deploy {
    id: ID!
    license: License
  }

  type Host {
    id: ID!
    name: String!
    management_ip: String
  }
  type Vm {
    id: ID!
    name: String
    status: String
    cpu_usage: Float
    memory_usage: Float
  }

  type Cluster {
    id: ID!
    name: String!
    local_id: String
    ip: String
    version: String
    type: ClusterType
    connect_state: ClusterConnectState
    architecture: String
    hypervisor: String
    management_vip: String
    host_num: Int
    ntp_servers: [String!]
    dns: [String!]
    hosts: [Host!]
    datacenters: [Datacenter!]
    settings: ClusterSettings
  }

  type ClusterSettings {
    id: ID!
    cluster: Cluster
${clusterSettingsFields}  }

  type Thresholds {
    value: Float
    severity: SeverityEnum
    quantile: Int
  }
  type GlobalAlertRule {
    id: ID!
    name: String!
    message: String
    object: String
    disabled: Boolean!
    thresholds: [Thresholds!]!
    alert_rules(where: AlertRuleWhereInput): [AlertRule!]
  }
  type AlertRule {
    id: ID!
    customized: Boolean!
    disabled: Boolean!
    thresholds: [Thresholds!]!
    cluster: Cluster
    global_alert_rule: GlobalAlertRule
  }
  type AggregateGlobalAlertRule {
    count: Int!
  }
  type GlobalAlertRuleConnection {
    aggregate: AggregateGlobalAlertRule!
  }

  type CloudTowerApplication {
    id: ID!
    name: String
    instances: [CloudTowerApplicationInstance!]
    package: CloudTowerApplicationPackage
    targetPackage: String
    instanceStatuses: Json
  }
  type CloudTowerApplicationInstance {
    id: ID!
    vm: Vm
  }
  type CloudTowerApplicationPackage {
    id: ID!
    name: String
    filename: String
    version: String!
    architecture: String
    applications: [CloudTowerApplication!]
  }
  type AggregateCloudTowerApplicationPackage {
    count: Int!
  }
  type CloudTowerApplicationPackageConnection {
    aggregate: AggregateCloudTowerApplicationPackage!
  }

  type HostPluginPackage {
    id: ID!
    arch: String
    version: String
  }
  type HostPlugin {
    id: ID!
    host_plugin_instances: Json
  }
  type BundleApplicationPackage {
    id: ID!
    name: String!
    version: String!
    arch: String
    application_packages: [CloudTowerApplicationPackage!]
    host_plugin_packages: [HostPluginPackage!]
  }
  type BundleApplicationInstanceVmSpec {
    ip: String
    subnet_mask: String
    gateway: String
    vlan_id: String
    vcpu_count: Int
    memory_size_bytes: Long
    storage_size_bytes: Long
  }
  type ObservabilityConnectedCluster {
    id: ID!
    traffic_enabled: Boolean
    status: String
  }
  type BundleApplicationConnectedCluster {
    id: ID!
    name: String
    status: String
    migration_status: String
    cluster: Cluster
    host_plugin: HostPlugin
    observability_connected_cluster: ObservabilityConnectedCluster
    bundle_application_instance: BundleApplicationInstance
  }
  type ObservabilityConnectedSystemServiceInfo {
    id: ID!
    name: String
    version: String
  }
  type ObservabilityConnectedSystemServiceInstance {
    state: String
  }
  type ObservabilityConnectedSystemService {
    id: ID!
    type: String
    status: String
    tenant_id: String
    system_service: ObservabilityConnectedSystemServiceInfo
    instances: [ObservabilityConnectedSystemServiceInstance!]
  }
  type ObservabilityConnectedSystemServices {
    connected_system_services: [ObservabilityConnectedSystemService!]!
  }
  type BundleApplicationInstance {
    id: ID!
    name: String!
    description: String
    status: String
    error_code: String
    health_status: String
    application: CloudTowerApplication
    vm_spec: BundleApplicationInstanceVmSpec
    cluster: Cluster
    connected_clusters: [BundleApplicationConnectedCluster!]
    bundle_application_package: BundleApplicationPackage
    connected_system_services: [ObservabilityConnectedSystemService!]
  }

  type UploadTask {
    id: ID!
    status: UploadTaskStatus
    current_chunk: Int
    chunk_size: Int
    size: Int
    resource_type: ResourceType
    args: Json
    started_at: DateTime
    finished_at: DateTime
  }

  type BackupPlan {
    id: ID!
    name: String
  }
  type BackupService {
    id: ID!
    name: String!
    status: String
    entityAsyncStatus: String
    application: CloudTowerApplication
    backup_clusters: [Cluster!]
    backup_plans: [BackupPlan!]
    running_vm: Vm
  }
`;

const where = [
  whereInput('OrganizationWhereInput', { id: 'ID', name: 'String' }),
  whereInput('DatacenterWhereInput', {
    id: 'ID',
    name: 'String',
    organization: { one: 'OrganizationWhereInput' },
  }),
  whereInput('ClusterWhereInput', {
    id: 'ID',
    name: 'String',
    local_id: 'String',
    ip: 'String',
    connect_state: 'ClusterConnectState',
    type: 'ClusterType',
  }),
  whereInput('AlertRuleWhereInput', {
    id: 'ID',
    customized: 'Boolean',
    disabled: 'Boolean',
    cluster: { one: 'ClusterWhereInput' },
  }),
  whereInput('GlobalAlertRuleWhereInput', {
    id: 'ID',
    name: 'String',
    object: 'String',
    disabled: 'Boolean',
    alert_rules: { many: 'AlertRuleWhereInput' },
  }),
  whereInput('CloudTowerApplicationPackageWhereInput', {
    id: 'ID',
    name: 'String',
    filename: 'String',
    version: 'String',
    architecture: 'String',
  }),
  whereInput('BundleApplicationInstanceWhereInput', { id: 'ID', name: 'String', status: 'String' }),
  whereInput('BackupServiceWhereInput', { id: 'ID', name: 'String', status: 'String' }),
  // UploadTaskWhereInput of the official SDKs (a subset of its fields).
  whereInput('UploadTaskWhereInput', {
    id: 'ID',
    status: 'UploadTaskStatus',
    resource_type: 'ResourceType',
    size: 'Int',
    chunk_size: 'Int',
    current_chunk: 'Int',
    started_at: 'DateTime',
  }),
  orderByEnum('GlobalAlertRuleOrderByInput', ['id', 'name', 'object', 'disabled']),
  orderByEnum('CloudTowerApplicationPackageOrderByInput', ['id', 'name', 'version']),
  orderByEnum('ClusterOrderByInput', ['id', 'name']),
].join('\n');

const inputs = /* GraphQL */ `
  input PasswordRecoverQaInput {
    enabled: Boolean!
    items: [Json!]!
  }
  input UserCreateInput {
    name: String!
    source: UserSource!
    role: UserRole
    username: String!
    display_username: String
    password: String!
    password_recover_qa: PasswordRecoverQaInput
    password_updated_at: DateTime
  }
  input CreateUserEffect {
    encoded: Boolean
  }
  input LoginInput {
    username: String!
    password: String!
    source: UserSource!
    auth_config_id: String
  }
  input LoginEffect {
    encoded: Boolean
  }
  input OrganizationCreateInput {
    name: String!
  }
  input NtpCommonUpdateInput {
    ntp_service_url: String!
  }

  input ClusterSettingsWhereUniqueInput {
    id: ID
  }
  input ClusterSettingsUpdateInput {
${clusterSettingsFields}  }

  input GlobalAlertRuleWhereUniqueInput {
    id: ID
  }
  input AlertRuleWhereUniqueInput {
    id: ID
  }
  input ThresholdsInput {
    value: Float!
    severity: SeverityEnum!
    quantile: Int
  }
  input AlertRuleUpdateDataInput {
    customized: Boolean
    disabled: Boolean
    thresholds: [ThresholdsInput!]
  }
  input AlertRuleUpdateWithWhereUniqueNestedInput {
    where: AlertRuleWhereUniqueInput!
    data: AlertRuleUpdateDataInput!
  }
  input AlertRuleUpdateManyInput {
    update: [AlertRuleUpdateWithWhereUniqueNestedInput!]
  }
  input GlobalAlertRuleUpdateInput {
    thresholds: [ThresholdsInput!]
    disabled: Boolean
    alert_rules: AlertRuleUpdateManyInput
  }

  input IdInput {
    id: ID!
  }
  input BundleApplicationInstanceWhereUniqueInput {
    id: ID
  }
  input BundleApplicationInstanceVmSpecInput {
    ip: String!
    subnet_mask: String!
    gateway: String!
    vlan_id: String!
    vcpu_count: Int!
    memory_size_bytes: Long!
    storage_size_bytes: Long!
    env_vars: Json
  }
  input BundleApplicationInstanceCreateInput {
    name: String!
    description: String
    bundle_application_package: IdInput!
    cluster: IdInput!
    host_id: String
    vm_spec: BundleApplicationInstanceVmSpecInput!
  }
  input IdInInput {
    id_in: [ID!]!
  }
  input BundleApplicationInstanceConnectClustersInput {
    connected_clusters: IdInInput!
  }
  input ObservabilityConnectedSystemServiceInstanceInput {
    url: String!
    info: Json
  }
  input UpdateObservabilityConnectedSystemServiceInput {
    system_service_id: String!
    system_service_name: String!
    type: String!
    alerting_rules: [Json!]
    instances: [ObservabilityConnectedSystemServiceInstanceInput!]!
  }

  input UploadTaskArgsInput {
    name: String!
    package_name: String!
  }
  input UploadTaskCreateInput {
    status: UploadTaskStatus!
    current_chunk: Int!
    chunk_size: Int!
    resource_type: ResourceType!
    size: Int!
    args: UploadTaskArgsInput!
    started_at: DateTime
  }
  input UploadCloudTowerApplicationPackageInput {
    upload_task_id: ID!
    file: Upload!
    current_chunk: Int!
  }

  input CloudTowerApplicationCreateInput {
    name: String!
    targetPackage: String!
    state: String
    instances: Json
    instanceStatuses: [Json!]
    resourceVersion: Int
    vmSpec: Json
  }
  input CloudTowerApplicationCreateOneInput {
    create: CloudTowerApplicationCreateInput!
  }
  input BackupServiceCreateInput {
    name: String!
    entityAsyncStatus: String
    status: String
    application: CloudTowerApplicationCreateOneInput!
    kube_config: String
    storage_network_type: String!
    backup_network_type: String!
    management_network_gateway: String!
    management_network_ip: String!
    management_network_subnet_mask: String!
    management_network_vlan: String!
    storage_network_ip: String!
    storage_network_subnet_mask: String!
    storage_network_vlan: String!
    backup_network_gateway: String
    backup_network_ip: String
    backup_network_subnet_mask: String
    backup_network_vlan: String
  }
  input CreateBackupServiceEffect {
    running_cluster: String!
    running_host: String
  }
  input BackupServiceWhereUniqueInput {
    id: ID
  }
  input ClusterSetManyInput {
    set: [IdInput!]!
  }
  input BackupServiceUpdateInput {
    backup_clusters: ClusterSetManyInput
  }
`;

const roots = /* GraphQL */ `
  type Query {
    organizations(where: OrganizationWhereInput, skip: Int, first: Int): [Organization!]!
    userCreated: UserCreatedData!
    deploys(skip: Int, first: Int): [Deploy!]!
    datacenters(where: DatacenterWhereInput, skip: Int, first: Int): [Datacenter!]!
    clusters(where: ClusterWhereInput, orderBy: ClusterOrderByInput, skip: Int, first: Int): [Cluster!]!
    globalAlertRules(
      where: GlobalAlertRuleWhereInput
      orderBy: GlobalAlertRuleOrderByInput
      skip: Int
      first: Int
    ): [GlobalAlertRule!]!
    globalAlertRulesConnection(where: GlobalAlertRuleWhereInput): GlobalAlertRuleConnection!
    alertRules(where: AlertRuleWhereInput, skip: Int, first: Int): [AlertRule!]!
    bundleApplicationPackages: [BundleApplicationPackage!]!
    bundleApplicationInstances(where: BundleApplicationInstanceWhereInput): [BundleApplicationInstance!]!
    bundleApplicationConnectedClusters: [BundleApplicationConnectedCluster!]!
    cloudTowerApplicationPackages(
      where: CloudTowerApplicationPackageWhereInput
      orderBy: CloudTowerApplicationPackageOrderByInput
      skip: Int
      first: Int
    ): [CloudTowerApplicationPackage!]!
    cloudTowerApplicationPackagesConnection(
      where: CloudTowerApplicationPackageWhereInput
    ): CloudTowerApplicationPackageConnection!
    backupServices(where: BackupServiceWhereInput): [BackupService!]!
    uploadTasks(where: UploadTaskWhereInput, skip: Int, first: Int): [UploadTask!]!
  }

  type Mutation {
    createUser(data: UserCreateInput!, effect: CreateUserEffect): User!
    login(data: LoginInput!, effect: LoginEffect): Login!
    createOrganization(data: OrganizationCreateInput!): Organization!
    updateCloudTowerNtpUrl(data: NtpCommonUpdateInput!): UpdateNtpCommonResult!
    updateClusterSettings(
      where: ClusterSettingsWhereUniqueInput!
      data: ClusterSettingsUpdateInput!
    ): ClusterSettings!
    updateGlobalAlertRule(
      where: GlobalAlertRuleWhereUniqueInput!
      data: GlobalAlertRuleUpdateInput!
    ): GlobalAlertRule!
    createBundleApplicationInstance(data: BundleApplicationInstanceCreateInput!): BundleApplicationInstance!
    updateObservabilityNtpUrl(
      where: BundleApplicationInstanceWhereUniqueInput!
      data: NtpCommonUpdateInput!
    ): UpdateNtpCommonResult!
    updateBundleApplicationInstanceConnectClusters(
      where: BundleApplicationInstanceWhereInput!
      data: BundleApplicationInstanceConnectClustersInput!
    ): BundleApplicationInstance!
    updateObservabilityConnectedSystemServices(
      ovm_name: String!
      connected_system_services: [UpdateObservabilityConnectedSystemServiceInput!]!
    ): ObservabilityConnectedSystemServices!
    createUploadTask(data: UploadTaskCreateInput!): UploadTask!
    uploadCloudTowerApplicationPackage(data: UploadCloudTowerApplicationPackageInput!): UploadTask!
    createBackupService(data: BackupServiceCreateInput!, effect: CreateBackupServiceEffect): BackupService!
    updateBackupService(
      where: BackupServiceWhereUniqueInput!
      data: BackupServiceUpdateInput!
    ): BackupService!
  }
`;

const towerSdl = [scalars, enums, objects, where, inputs, roots].join('\n');

let built: GraphQLSchema | undefined;

/** The schema, built once per process. */
export function towerSchema(): GraphQLSchema {
  built ??= buildSchema(towerSdl);
  return built;
}
