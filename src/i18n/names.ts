// Names in the catalogue: stages, steps (the workflows' step names and the activities' code names),
// status words, run states and the summary's keys. A name missing here reads as its code text, so a
// new step shows up (untranslated) rather than disappearing. Pure data.
import { STAGE_NAMES } from '../run/stage-names.js';
import type { StageId } from '../run/stages.js';
import type { Bilingual, Lang } from './lang.js';

/** A stage id in words (the id itself when unknown). */
export function stageLabel(id: string, lang: Lang): string {
  return STAGE_NAMES[id as StageId]?.[lang] ?? id;
}

export const isStageId = (id: string): boolean => id in STAGE_NAMES;

/**
 * Steps by the name the workflows give them (`ctx.step('deploy-and-verify', …)`, the progress
 * query's `step`) and by activity type (pending activities, failures, the report's timeline).
 */
export const STEP_NAMES: Record<string, Bilingual> = {
  // Workflow step names (src/workflows/stages/*.ts, bringup.ts).
  'existing-deployment': { zh: '检查是否已部署', en: 'look for an earlier deployment' },
  'precheck-addresses': { zh: '地址预检', en: 'pre-check the addresses' },
  'scan-hosts': { zh: '扫描主机', en: 'scan the hosts' },
  'deploy-and-verify': { zh: '部署并校验集群', en: 'deploy and verify the cluster' },
  'fisheye-root': { zh: '初始化 Fisheye', en: 'initialise Fisheye' },
  'vip-dns-ntp': { zh: '配置 VIP/DNS/NTP', en: 'set VIP, DNS and NTP' },
  'ipmi-accounts': { zh: '配置 IPMI 账号', en: 'set the IPMI accounts' },
  'business-networks': { zh: '配置业务网络', en: 'create the business networks' },
  'host-passwords': { zh: '修改主机密码', en: 'set the host passwords' },
  'vmtools-upload': { zh: '上传 VMTools', en: 'upload VMTools' },
  'cpu-compatibility': { zh: '配置 CPU 兼容性', en: 'set CPU compatibility' },
  'cluster-serial': { zh: '读取集群序列号', en: 'read the cluster serial' },
  'write-back-serial': { zh: '序列号写回规划表', en: 'write the serial back to the workbook' },
  'vm-placement': { zh: '选择 CloudTower 虚拟机位置', en: 'place the CloudTower VM' },
  'locate-iso': { zh: '查找 CloudTower ISO', en: 'find the CloudTower ISO' },
  'upload-iso': { zh: '上传 CloudTower ISO', en: 'upload the CloudTower ISO' },
  'create-vm': { zh: '创建 CloudTower 虚拟机', en: 'create the CloudTower VM' },
  'wait-guest-agent': { zh: '等待虚拟机 Guest Agent', en: 'wait for the guest agent' },
  'vm-network': { zh: '配置 CloudTower 网络', en: 'configure the CloudTower network' },
  install: { zh: '安装 CloudTower', en: 'install CloudTower' },
  'check-https': { zh: '等待 CloudTower HTTPS', en: 'wait for CloudTower HTTPS' },
  'root-org-ntp': { zh: '初始化 root/组织/NTP', en: 'set up root, organisation and NTP' },
  dns: { zh: '配置 CloudTower DNS', en: 'set the CloudTower DNS' },
  serial: { zh: '读取 CloudTower 序列号', en: 'read the CloudTower serial' },
  'connect-cluster': { zh: '关联集群到 CloudTower', en: 'attach the cluster to CloudTower' },
  'storage-policy': { zh: '配置默认存储策略', en: 'set the default storage policy' },
  'capacity-alert': { zh: '配置容量告警', en: 'set the capacity alert' },
  dashboard: { zh: '配置监控大屏', en: 'set up the monitoring dashboard' },
  'rack-topology': { zh: '配置机柜拓扑', en: 'set up the rack topology' },
  'inspect-and-download': { zh: '巡检并下载报告', en: 'inspect and download the report' },
  'child workflow obs': { zh: '可观测性子流程', en: 'Observability child run' },
  'child workflow backup': { zh: '备份子流程', en: 'Backup child run' },
  'child workflow testload': { zh: '测试负载子流程', en: 'test load child run' },
  start: { zh: '开始', en: 'start' },
  // Stage 11's steps (src/workflows/stages/cleanup.ts).
  'eject-iso': { zh: '弹出 CloudTower ISO', en: 'eject the CloudTower ISO' },
  'upload-volumes': { zh: '删除遗留上传卷', en: 'delete leftover upload volumes' },
  'find-test-vms': { zh: '查找测试虚拟机', en: 'find the test VMs' },
  // Activity types (src/activities/*).
  findExistingDeployment: { zh: '检查是否已部署', en: 'look for an earlier deployment' },
  precheckAddresses: { zh: '地址预检', en: 'pre-check the addresses' },
  scanHosts: { zh: '扫描主机', en: 'scan the hosts' },
  deployCluster: { zh: '部署集群', en: 'deploy the cluster' },
  deployClusterFromPlan: { zh: '部署集群', en: 'deploy the cluster' },
  initializeFisheye: { zh: '初始化 Fisheye', en: 'initialise Fisheye' },
  configureClusterSettings: { zh: '配置 VIP/DNS/NTP', en: 'set VIP, DNS and NTP' },
  configureIpmiAccounts: { zh: '配置 IPMI 账号', en: 'set the IPMI accounts' },
  configureBusinessNetworks: { zh: '配置业务网络', en: 'create the business networks' },
  setHostPasswords: { zh: '修改主机密码', en: 'set the host passwords' },
  uploadVmTools: { zh: '上传 VMTools', en: 'upload VMTools' },
  configureCpuCompatibility: { zh: '配置 CPU 兼容性', en: 'set CPU compatibility' },
  readClusterSerial: { zh: '读取集群序列号', en: 'read the cluster serial' },
  writeSerialsToWorkbook: { zh: '序列号写回规划表', en: 'write serials back to the workbook' },
  locateCloudTowerIso: { zh: '查找 CloudTower ISO', en: 'find the CloudTower ISO' },
  uploadCloudTowerIso: { zh: '上传 CloudTower ISO', en: 'upload the CloudTower ISO' },
  findCloudTowerVmPlacement: { zh: '选择 CloudTower 虚拟机位置', en: 'place the CloudTower VM' },
  createCloudTowerVm: { zh: '创建 CloudTower 虚拟机', en: 'create the CloudTower VM' },
  waitForCloudTowerGuestAgent: { zh: '等待虚拟机 Guest Agent', en: 'wait for the guest agent' },
  configureCloudTowerVmNetwork: { zh: '配置 CloudTower 网络', en: 'configure the CloudTower network' },
  installCloudTower: { zh: '安装 CloudTower', en: 'install CloudTower' },
  waitForCloudTowerHttps: { zh: '等待 CloudTower HTTPS', en: 'wait for CloudTower HTTPS' },
  setupCloudTower: { zh: '初始化 CloudTower', en: 'set up CloudTower' },
  ensureCloudTowerRootPassword: { zh: '设置 CloudTower root 密码', en: 'set the CloudTower root password' },
  configureCloudTowerDns: { zh: '配置 CloudTower DNS', en: 'set the CloudTower DNS' },
  readCloudTowerSerial: { zh: '读取 CloudTower 序列号', en: 'read the CloudTower serial' },
  attachClusterToCloudTower: { zh: '关联集群到 CloudTower', en: 'attach the cluster to CloudTower' },
  configureDefaultStoragePolicy: { zh: '配置默认存储策略', en: 'set the default storage policy' },
  configureCapacityAlert: { zh: '配置容量告警', en: 'set the capacity alert' },
  configureMonitoringDashboard: { zh: '配置监控大屏', en: 'set up the monitoring dashboard' },
  configureRackTopology: { zh: '配置机柜拓扑', en: 'set up the rack topology' },
  runInspection: { zh: '巡检并下载报告', en: 'inspect and download the report' },
  readInspectionItems: { zh: '读取巡检项结果', en: 'read the inspection items' },
  locateObsPackage: { zh: '查找 OBS 安装包', en: 'find the OBS package' },
  uploadObsPackage: { zh: '上传 OBS 安装包', en: 'upload the OBS package' },
  deployObsInstance: { zh: '部署 OBS 实例', en: 'deploy the OBS instance' },
  configureObsNtp: { zh: '配置 OBS NTP', en: 'set the OBS NTP' },
  connectObsToCluster: { zh: 'OBS 关联集群', en: 'connect OBS to the cluster' },
  connectObsSystemService: { zh: 'OBS 关联系统服务', en: 'connect OBS to the system services' },
  readObsSerial: { zh: '读取 OBS 序列号', en: 'read the OBS serial' },
  locateBackupPackage: { zh: '查找备份安装包', en: 'find the Backup package' },
  uploadBackupPackage: { zh: '上传备份安装包', en: 'upload the Backup package' },
  ensureBackupStorageNetwork: { zh: '配置备份存储网络', en: 'set up the Backup storage network' },
  deployBackupService: { zh: '部署备份服务', en: 'deploy the Backup service' },
  bindBackupToCluster: { zh: '备份关联集群', en: 'bind Backup to the cluster' },
  readBackupSerial: { zh: '读取备份序列号', en: 'read the Backup serial' },
  // Stages 09–11: test load, performance tests, cleanup.
  locateTestVmPackages: { zh: '查找测试虚拟机镜像', en: 'find the test VM images' },
  uploadTestVmImage: { zh: '上传测试虚拟机镜像', en: 'upload a test VM image' },
  createTestVm: { zh: '创建测试虚拟机', en: 'create a test VM' },
  startTestVm: { zh: '启动测试虚拟机', en: 'start a test VM' },
  waitForTestVmSsh: { zh: '等待测试虚拟机 SSH', en: 'wait for the test VM over SSH' },
  runFioProfiles: { zh: '运行 fio 性能测试', en: 'run the fio profiles' },
  listOpenAlerts: { zh: '读取未结束的告警', en: 'list the open alerts' },
  pickMaintenanceHost: { zh: '选择进入维护模式的主机', en: 'choose the host for maintenance mode' },
  enterHostMaintenance: { zh: '主机进入维护模式', en: 'put the host into maintenance mode' },
  exitHostMaintenance: { zh: '主机退出维护模式', en: 'take the host out of maintenance mode' },
  ejectCloudTowerIso: { zh: '弹出 CloudTower ISO', en: 'eject the CloudTower ISO' },
  deleteRunUploadVolumes: { zh: '删除遗留上传卷', en: 'delete leftover upload volumes' },
  readRunLedger: { zh: '读取运行创建的资源清单', en: "read the run's ledger" },
  removeLedgerEntry: { zh: '删除运行创建的资源', en: 'remove a resource the run created' },
  // The package deployer (src/activities/deploy-package).
  inspectPackageArtifact: { zh: '检查部署包', en: 'inspect the artifact' },
  uploadPackageArtifact: { zh: '上传部署包', en: 'upload the artifact' },
  extractPackageRelease: { zh: '解压版本', en: 'extract the release' },
  activatePackageRelease: { zh: '切换到新版本并重启服务', en: 'switch to the release and restart' },
  checkPackageService: { zh: '检查服务', en: 'check the service' },
  rollbackPackageMachine: { zh: '回滚机器', en: 'roll the machine back' },
  cleanupPackageReleases: { zh: '清理旧版本', en: 'remove old releases' },
  checkDeployedService: { zh: '检查已部署的服务', en: 'check the deployed service' },
  // The Kubernetes deployer (src/activities/kubernetes, issue 25).
  readKubernetesDeployment: { zh: '读取当前 Deployment 版本', en: 'read the live Deployment revision' },
  applyKubernetesManifests: { zh: '应用 Deployment 与 Service', en: 'apply the Deployment and Service' },
  waitForKubernetesRollout: { zh: '等待滚动更新完成', en: 'wait for the rollout' },
  checkKubernetesPods: { zh: '检查 Pod 健康', en: 'check the pods' },
  rollbackKubernetesDeployment: { zh: '回滚到之前的 revision', en: 'roll back to the earlier revision' },
  scaleKubernetesDeployment: { zh: '调整副本数', en: 'scale the Deployment' },
  readKubernetesPodLog: { zh: '读取 Pod 日志', en: 'read the pod log' },
  listKubernetesPods: { zh: '列出 Pod', en: 'list the pods' },
  // Health checks of the deployed service (src/activities/service-health).
  checkFisheyeLogin: { zh: '检查 Fisheye 登录', en: 'check the Fisheye login' },
  checkHttpEndpoint: { zh: '检查 HTTP 端点', en: 'check an HTTP endpoint' },
  checkProcesses: { zh: '检查进程', en: 'check the processes' },
  checkResourceUsage: { zh: '检查资源占用', en: 'check the resource usage' },
  checkTcpPort: { zh: '检查 TCP 端口', en: 'check a TCP port' },
  tailMachineLog: { zh: '读取机器日志', en: 'read the machine log' },
};

/** Steps the workflows name after a machine (stage 10, 11): the name stays, the words are said. */
const NAMED_STEPS: [RegExp, (name: string) => Bilingual][] = [
  [/^delete-test-vm (.+)$/, (n) => ({ zh: `删除测试虚拟机 ${n}`, en: `delete test VM ${n}` })],
  [/^fio in (.+)$/, (n) => ({ zh: `在 ${n} 中运行 fio`, en: `fio in ${n}` })],
  [
    /^host (.+) into maintenance mode$/,
    (n) => ({ zh: `主机 ${n} 进入维护模式`, en: `host ${n} into maintenance mode` }),
  ],
  [
    /^test VMs while (.+) is in maintenance mode$/,
    (n) => ({ zh: `${n} 维护期间检查测试虚拟机`, en: `test VMs while ${n} is in maintenance mode` }),
  ],
  [
    /^host (.+) out of maintenance mode$/,
    (n) => ({ zh: `主机 ${n} 退出维护模式`, en: `host ${n} out of maintenance mode` }),
  ],
];

/** A step (workflow step name or activity type) in words; unknown names read as their words. */
export function stepLabel(name: string, lang: Lang): string {
  const known = STEP_NAMES[name];
  if (known) return known[lang];
  for (const [re, said] of NAMED_STEPS) {
    const m = re.exec(name);
    if (m) return said(m[1])[lang];
  }
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Status words of stages, run outcomes and Temporal run states. */
export const STATUS_WORDS: Record<string, Bilingual> = {
  pending: { zh: '等待', en: 'pending' },
  running: { zh: '进行中', en: 'running' },
  done: { zh: '完成', en: 'done' },
  skipped: { zh: '跳过', en: 'skipped' },
  failed: { zh: '失败', en: 'failed' },
  'awaiting-approval': { zh: '等待批准', en: 'awaiting approval' },
  succeeded: { zh: '成功', en: 'succeeded' },
  stopped: { zh: '按要求停止', en: 'stopped as asked' },
  'completed-with-failures': { zh: '完成但需关注 (有组件失败)', en: 'completed with failures' },
  completed: { zh: '完成', en: 'completed' },
  'timed-out': { zh: '超时', en: 'timed out' },
  canceled: { zh: '已取消', en: 'canceled' },
};

/** Temporal's run states (`describe().status.name`). */
export const RUN_STATES: Record<string, Bilingual> = {
  RUNNING: { zh: '运行中', en: 'RUNNING' },
  COMPLETED: { zh: '已完成', en: 'COMPLETED' },
  FAILED: { zh: '失败', en: 'FAILED' },
  CANCELLED: { zh: '已取消', en: 'CANCELLED' },
  TERMINATED: { zh: '已终止', en: 'TERMINATED' },
  CONTINUED_AS_NEW: { zh: '已续新', en: 'CONTINUED_AS_NEW' },
  TIMED_OUT: { zh: '超时', en: 'TIMED_OUT' },
};

export const statusWord = (word: string, lang: Lang): string => STATUS_WORDS[word]?.[lang] ?? word;
export const runState = (state: string, lang: Lang): string => RUN_STATES[state]?.[lang] ?? state;

/** The summary's keys (created, addresses, serials), which the workflows record in English. */
export const SUMMARY_KEYS: Record<string, Bilingual> = {
  cluster: { zh: '集群', en: 'cluster' },
  'business VDS': { zh: '业务虚拟交换机', en: 'business VDS' },
  'VMTools ISO': { zh: 'VMTools 镜像', en: 'VMTools ISO' },
  'CPU compatibility': { zh: 'CPU 兼容性', en: 'CPU compatibility' },
  'CloudTower ISO': { zh: 'CloudTower 镜像', en: 'CloudTower ISO' },
  'CloudTower VM': { zh: 'CloudTower 虚拟机', en: 'CloudTower VM' },
  organization: { zh: '组织', en: 'organization' },
  datacenter: { zh: '数据中心', en: 'datacenter' },
  'cluster in CloudTower': { zh: 'CloudTower 中的集群', en: 'cluster in CloudTower' },
  'default storage policy': { zh: '默认存储策略', en: 'default storage policy' },
  'capacity alert': { zh: '存储容量告警', en: 'capacity alert' },
  'monitoring dashboard': { zh: '监控大屏', en: 'monitoring dashboard' },
  'rack topology': { zh: '机柜拓扑', en: 'rack topology' },
  'OBS package': { zh: 'OBS 安装包', en: 'OBS package' },
  'OBS instance': { zh: 'OBS 实例', en: 'OBS instance' },
  'Backup package': { zh: '备份安装包', en: 'Backup package' },
  'Backup storage network': { zh: '备份存储网络', en: 'Backup storage network' },
  'Backup service': { zh: '备份服务', en: 'Backup service' },
  'cluster VIP': { zh: '集群 VIP', en: 'cluster VIP' },
  CloudTower: { zh: 'CloudTower', en: 'CloudTower' },
  Observability: { zh: '可观测性', en: 'Observability' },
  Backup: { zh: '备份', en: 'Backup' },
};

export const summaryKey = (key: string, lang: Lang): string => SUMMARY_KEYS[key]?.[lang] ?? key;

/** Fisheye's deploy stages (`stage_info` of deploy_status, seed 003), as the console shows them. */
export const DEPLOY_STAGES: Record<string, Bilingual> = {
  prepare_network_and_config_file: { zh: '准备网络与配置文件', en: 'preparing network and config files' },
  config_network: { zh: '配置网络', en: 'configuring the network' },
  deploy_zookeeper: { zh: '部署 ZooKeeper', en: 'deploying ZooKeeper' },
  deploy_zbs: { zh: '部署 ZBS 存储', en: 'deploying ZBS storage' },
  deploy_elf: { zh: '部署 ELF 计算', en: 'deploying ELF compute' },
  config_cluster_services: { zh: '配置集群服务', en: 'configuring cluster services' },
  verify_cluster: { zh: '校验集群', en: 'verifying the cluster' },
};

/** A deploy stage in words with its code (`部署 ELF 计算 (deploy_elf)`), or the code alone. */
export const deployStageLabel = (code: string, lang: Lang): string =>
  DEPLOY_STAGES[code] ? `${DEPLOY_STAGES[code][lang]} (${code})` : code;
