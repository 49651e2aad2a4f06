// Human names of the steps (activity types) for the report; the code name stays beside it so a
// reader can find the step in the Web UI. An activity missing here reads as its words.
import type { Lang } from '../cli/lang.js';

const NAMES: Record<string, [zh: string, en: string]> = {
  findExistingDeployment: ['检查是否已部署', 'look for an earlier deployment'],
  precheckAddresses: ['地址预检', 'pre-check the addresses'],
  scanHosts: ['扫描主机', 'scan the hosts'],
  deployCluster: ['部署集群', 'deploy the cluster'],
  deployClusterFromPlan: ['部署集群', 'deploy the cluster'],
  initializeFisheye: ['初始化 Fisheye', 'initialise Fisheye'],
  configureClusterSettings: ['配置 VIP/DNS/NTP', 'set VIP, DNS and NTP'],
  configureIpmiAccounts: ['配置 IPMI 账号', 'set the IPMI accounts'],
  configureBusinessNetworks: ['配置业务网络', 'create the business networks'],
  setHostPasswords: ['修改主机密码', 'set the host passwords'],
  uploadVmTools: ['上传 VMTools', 'upload VMTools'],
  configureCpuCompatibility: ['配置 CPU 兼容性', 'set CPU compatibility'],
  readClusterSerial: ['读取集群序列号', 'read the cluster serial'],
  writeSerialsToWorkbook: ['序列号写回规划表', 'write serials back to the workbook'],
  locateCloudTowerIso: ['查找 CloudTower ISO', 'find the CloudTower ISO'],
  uploadCloudTowerIso: ['上传 CloudTower ISO', 'upload the CloudTower ISO'],
  findCloudTowerVmPlacement: ['选择 CloudTower 虚拟机位置', 'place the CloudTower VM'],
  createCloudTowerVm: ['创建 CloudTower 虚拟机', 'create the CloudTower VM'],
  waitForCloudTowerGuestAgent: ['等待虚拟机 Guest Agent', 'wait for the guest agent'],
  configureCloudTowerVmNetwork: ['配置 CloudTower 网络', 'configure the CloudTower network'],
  installCloudTower: ['安装 CloudTower', 'install CloudTower'],
  waitForCloudTowerHttps: ['等待 CloudTower HTTPS', 'wait for CloudTower HTTPS'],
  setupCloudTower: ['初始化 CloudTower', 'set up CloudTower'],
  configureCloudTowerDns: ['配置 CloudTower DNS', 'set the CloudTower DNS'],
  readCloudTowerSerial: ['读取 CloudTower 序列号', 'read the CloudTower serial'],
  attachClusterToCloudTower: ['关联集群到 CloudTower', 'attach the cluster to CloudTower'],
  configureDefaultStoragePolicy: ['配置默认存储策略', 'set the default storage policy'],
  configureCapacityAlert: ['配置容量告警', 'set the capacity alert'],
  runInspection: ['巡检并下载报告', 'inspect and download the report'],
  locateObsPackage: ['查找 OBS 安装包', 'find the OBS package'],
  uploadObsPackage: ['上传 OBS 安装包', 'upload the OBS package'],
  deployObsInstance: ['部署 OBS 实例', 'deploy the OBS instance'],
  configureObsNtp: ['配置 OBS NTP', 'set the OBS NTP'],
  connectObsToCluster: ['OBS 关联集群', 'connect OBS to the cluster'],
  connectObsSystemService: ['OBS 关联系统服务', 'connect OBS to the system services'],
  readObsSerial: ['读取 OBS 序列号', 'read the OBS serial'],
  locateBackupPackage: ['查找备份安装包', 'find the Backup package'],
  uploadBackupPackage: ['上传备份安装包', 'upload the Backup package'],
  ensureBackupStorageNetwork: ['配置备份存储网络', 'set up the Backup storage network'],
  deployBackupService: ['部署备份服务', 'deploy the Backup service'],
  bindBackupToCluster: ['备份关联集群', 'bind Backup to the cluster'],
  readBackupSerial: ['读取备份序列号', 'read the Backup serial'],
};

export function stepName(activity: string, lang: Lang): string {
  const known = NAMES[activity];
  if (known) return known[lang === 'zh' ? 0 : 1];
  return activity.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
