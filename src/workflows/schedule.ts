// The bring-up's dependency graph (docs/schedule.md has the diagram and the reason for each edge).
// Listed in the seed's order: the sequential schedule runs the branches one after another in this
// order, the overlapped one runs each as soon as the branches it needs are done.
import {
  COMPONENT_STAGE,
  OPTIONAL_COMPONENTS,
  STAGES,
  type OptionalComponent,
  type StageId,
} from '../run/stages.js';
import { patched } from '@temporalio/workflow';
import type { Branch } from './branches.js';
import { attachClusterStage } from './stages/attach-cluster.js';
import {
  businessNetworksPart,
  clusterSerialPart,
  clusterSettingsPart,
  cpuCompatibilityPart,
  fisheyeRootPart,
  hostPasswordsPart,
  ipmiAccountsPart,
  vmToolsPart,
} from './stages/configure-cluster.js';
import { dashboardPart, rackTopologyPart, storagePolicyAndAlertPart } from './stages/configure-cloudtower.js';
import {
  cloudTowerInstallPart,
  cloudTowerIsoLocatePart,
  cloudTowerIsoPart,
  cloudTowerIsoUploadPart,
  cloudTowerPlacementPart,
  cloudTowerSettingsPart,
  cloudTowerVmPart,
} from './stages/deploy-cloudtower.js';
import { deployClusterStage } from './stages/deploy-cluster.js';
import { inspectionStage } from './stages/inspection.js';
import { prepareChecksPart, prepareStage, scanHostsPart } from './stages/prepare.js';

export type ScheduleKind = 'sequential' | 'overlapped';

/** Ids of the branches others name in `needs`. */
const TOWER_SETTINGS = 'deploy-cloudtower/dns';
const ISO = 'deploy-cloudtower/iso';
const LOCATE_ISO = 'deploy-cloudtower/locate-iso';
const SCAN = 'prepare/scan-hosts';
const VIP = 'configure-cluster/vip-dns-ntp';
const CONFIGURE_CLUSTER = [
  'configure-cluster/fisheye-root',
  VIP,
  'configure-cluster/ipmi-accounts',
  'configure-cluster/business-networks',
  'configure-cluster/host-passwords',
  'configure-cluster/vmtools-upload',
  'configure-cluster/cpu-compatibility',
  'configure-cluster/cluster-serial',
];

/**
 * The branches of a bring-up up to `stopAfter`, each a chain of steps of one stage.
 * `runComponent` runs an optional component (decision, child workflow, its own failure record).
 */
export function bringUpBranches(
  kind: ScheduleKind,
  runs: {
    component: (component: OptionalComponent) => Promise<void>;
    /** Stage 10, in the VMs the test load brought up. */
    performanceTest: () => Promise<void>;
  },
  stopAfter?: StageId,
): Branch[] {
  // Issue 24: attach (and all that follows it) waits only for what it needs of stage 4, CloudTower
  // installed and set up; its DNS servers and serial follow beside attach. Runs recorded before
  // kept them in the VM branch (and the sequential order keeps them there).
  const settingsBeside = kind === 'overlapped' && patched('attach-before-cloudtower-settings');
  // Without stage 4 (stopAfter), there is no ISO branch to wait for.
  const isoPlanned = !stopAfter || STAGES.indexOf(stopAfter) >= STAGES.indexOf('deploy-cloudtower');
  const vmToolsAfterIso = kind === 'overlapped' && isoPlanned && patched('vmtools-after-cloudtower-iso');
  // Issue 24: the host scan beside the address check, and the ISO found beside the VM placement:
  // neither needs the other's answer, and each was a step of the critical path's chain.
  const scanBeside = kind === 'overlapped' && patched('scan-hosts-beside-precheck');
  const locateBeside = kind === 'overlapped' && isoPlanned && patched('locate-iso-beside-placement');
  const graph: Branch[] = [
    ...(scanBeside
      ? [
          { id: 'prepare', stage: 'prepare', needs: [], run: prepareChecksPart } satisfies Branch,
          { id: SCAN, stage: 'prepare', needs: [], run: scanHostsPart } satisfies Branch,
        ]
      : [{ id: 'prepare', stage: 'prepare', needs: [], run: prepareStage } satisfies Branch]),
    {
      id: 'deploy-cluster',
      stage: 'deploy-cluster',
      needs: scanBeside ? ['prepare', SCAN] : ['prepare'],
      run: deployClusterStage,
    },
    // Fisheye's root user first: every Fisheye call logs in with it.
    { id: CONFIGURE_CLUSTER[0], stage: 'configure-cluster', needs: ['deploy-cluster'], run: fisheyeRootPart },
    // The VIP: every later Fisheye call (ours, and CloudTower's) goes to it.
    { id: VIP, stage: 'configure-cluster', needs: [CONFIGURE_CLUSTER[0]], run: clusterSettingsPart },
    { id: CONFIGURE_CLUSTER[2], stage: 'configure-cluster', needs: [VIP], run: ipmiAccountsPart },
    { id: CONFIGURE_CLUSTER[3], stage: 'configure-cluster', needs: [VIP], run: businessNetworksPart },
    // SSH to each host with the post-deploy default password: needs the deployed cluster only.
    {
      id: CONFIGURE_CLUSTER[4],
      stage: 'configure-cluster',
      needs: ['deploy-cluster'],
      run: hostPasswordsPart,
    },
    // Issue 24: the VMTools ISO goes over the site link after the CloudTower ISO (the critical
    // path's upload gets the link to itself), while the VM is created and its OS installs.
    {
      id: CONFIGURE_CLUSTER[5],
      stage: 'configure-cluster',
      needs: vmToolsAfterIso ? [VIP, ISO] : [VIP],
      run: vmToolsPart,
    },
    { id: CONFIGURE_CLUSTER[6], stage: 'configure-cluster', needs: [VIP], run: cpuCompatibilityPart },
    { id: CONFIGURE_CLUSTER[7], stage: 'configure-cluster', needs: [VIP], run: clusterSerialPart },
    // The CloudTower VM lives on the management VDS (row 4/5), not on the business networks.
    {
      id: 'deploy-cloudtower/vm-placement',
      stage: 'deploy-cloudtower',
      needs: [VIP],
      run: cloudTowerPlacementPart,
    },
    ...(locateBeside
      ? [
          {
            id: LOCATE_ISO,
            stage: 'deploy-cloudtower',
            needs: [VIP],
            run: cloudTowerIsoLocatePart,
          } satisfies Branch,
        ]
      : []),
    // Not before the VM has a place: an 8 GB upload for a VM that cannot be placed (no VM network on
    // the management VLAN) would be the run's longest step wasted. Placement is a short lookup.
    {
      id: ISO,
      stage: 'deploy-cloudtower',
      needs: locateBeside
        ? ['deploy-cloudtower/vm-placement', LOCATE_ISO]
        : ['deploy-cloudtower/vm-placement'],
      run: locateBeside ? cloudTowerIsoUploadPart : cloudTowerIsoPart,
    },
    {
      id: 'deploy-cloudtower/vm',
      stage: 'deploy-cloudtower',
      needs: [ISO],
      run: settingsBeside ? cloudTowerInstallPart : cloudTowerVmPart,
    },
    ...(settingsBeside
      ? [
          {
            id: TOWER_SETTINGS,
            stage: 'deploy-cloudtower',
            needs: ['deploy-cloudtower/vm'],
            run: cloudTowerSettingsPart,
          } satisfies Branch,
        ]
      : []),
    {
      id: 'attach-cluster',
      stage: 'attach-cluster',
      needs: ['deploy-cloudtower/vm'],
      run: attachClusterStage,
    },
    {
      id: 'configure-cloudtower',
      stage: 'configure-cloudtower',
      needs: ['attach-cluster'],
      run: storagePolicyAndAlertPart,
    },
    { id: 'dashboard', stage: 'dashboard', needs: ['attach-cluster'], run: dashboardPart },
    {
      id: 'rack-topology',
      stage: 'rack-topology',
      needs: ['attach-cluster'],
      run: (ctx) => rackTopologyPart(ctx, 'rack-topology'),
    },
    // The report should show the configured cluster: after every setting of stages 3 and 6.
    {
      id: 'inspection',
      stage: 'inspection',
      needs: [
        'attach-cluster',
        ...CONFIGURE_CLUSTER,
        'configure-cloudtower',
        ...(settingsBeside ? [TOWER_SETTINGS] : []),
      ],
      run: inspectionStage,
    },
    // OBS and Backup need the cluster connected in CloudTower and the VM network (vm-placement).
    ...OPTIONAL_COMPONENTS.map((c): Branch => ({
      id: COMPONENT_STAGE[c],
      stage: COMPONENT_STAGE[c],
      needs: ['attach-cluster'],
      component: true,
      run: () => runs.component(c),
    })),
    // Stage 10 runs in the test VMs; it records its own outcome like a component.
    {
      id: 'performance-test',
      stage: 'performance-test',
      needs: [COMPONENT_STAGE.testload],
      component: true,
      run: runs.performanceTest,
    },
  ];
  const last = stopAfter ? STAGES.indexOf(stopAfter) : STAGES.length - 1;
  const wanted = graph.filter((b) => STAGES.indexOf(b.stage) <= last);
  if (kind === 'overlapped') return wanted;
  // Sequential: each branch waits for the one before it, which is the seed's order.
  return wanted.map((b, i) => (i === 0 ? b : { ...b, needs: [wanted[i - 1].id] }));
}
