import { FEATURE_SETS, NETWORK_ARCHITECTURES, STORAGE_ARCHITECTURES } from './choices.js';
import type { DraftPlan } from './draft.js';
import { FIELD } from './field-names.js';
import type { FieldReader } from './fields.js';
import { FIELD_DEFAULTS, HOST_SHEET, NETWORK_SHEET, SHEETS } from './layout.js';

type ClusterCells = Pick<
  DraftPlan,
  | 'clusterName'
  | 'vip'
  | 'clusterSerial'
  | 'networkArchitecture'
  | 'storageArchitecture'
  | 'features'
  | 'fisheyeUser'
  | 'fisheyePassword'
>;

const hosts = (cell: string) => ({ sheet: SHEETS.hosts, cell });

/** Cluster-wide cells: name (虚拟网络!B3), VIP, serial, architectures, features, Fisheye admin. */
export function readCluster(r: FieldReader): ClusterCells {
  const nameRef = { sheet: SHEETS.networks, cell: NETWORK_SHEET.clusterName };
  const clusterName = r.text(nameRef, FIELD.clusterName, { required: true });

  // 主机规划!C3 is the formula =虚拟网络!B3, often saved without a result. B3 is the source; a cached
  // C3 that disagrees means someone overwrote the formula, which the engineer should know about.
  const c3Ref = hosts(HOST_SHEET.clusterNameFormula);
  const c3 = r.cells.cachedText(c3Ref);
  if (clusterName && c3 !== '' && c3 !== clusterName.value) {
    r.issues.warn(c3Ref, 'cluster-name-mismatch', { value: c3, other: clusterName.value });
  }

  const features = r.choice(hosts(HOST_SHEET.features), FIELD.features, FEATURE_SETS, {
    // Not a FACTS.md default: an empty O19 means no optional feature, the template's first entry.
    fallback: FEATURE_SETS[0],
  });
  if (features && (features.value.value === 'rdma' || features.value.value === 'rdma+boost')) {
    // The template itself says the automated deployment cannot enable RDMA yet.
    r.issues.error(features.ref, 'rdma-unsupported', { value: features.value.label });
  }

  const networkArchitecture = r.choice(
    hosts(HOST_SHEET.networkArchitecture),
    FIELD.networkArchitecture,
    NETWORK_ARCHITECTURES,
    {
      required: true,
    },
  );
  if (networkArchitecture?.value.value === 'converged') {
    r.issues.error(networkArchitecture.ref, 'network-architecture-unsupported', {
      value: networkArchitecture.value.label,
    });
  }

  return {
    clusterName,
    vip: r.ip(hosts(HOST_SHEET.vip), FIELD.vip, { required: true }),
    clusterSerial: r.text(hosts(HOST_SHEET.clusterSerial), FIELD.clusterSerial)?.value,
    networkArchitecture,
    storageArchitecture: r.choice(
      hosts(HOST_SHEET.storageArchitecture),
      FIELD.storageArchitecture,
      STORAGE_ARCHITECTURES,
      {
        required: true,
      },
    ),
    features,
    fisheyeUser: r.textOr(hosts(HOST_SHEET.fisheyeUser), FIELD.fisheyeUser, FIELD_DEFAULTS.fisheyeUser),
    fisheyePassword: r.secret(hosts(HOST_SHEET.fisheyePassword), FIELD.fisheyePassword, {
      fallback: FIELD_DEFAULTS.fisheyePassword,
    }),
  };
}
