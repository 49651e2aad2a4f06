// Sample responses of seed 003 (the API reference), kept as JSON fixtures in
// test/fixtures/seed-003/<section>/<sample>.json, one file per sample, extracted verbatim so the tests
// can compare the simulator's answers with them field by field. Do not edit the JSON files.
import { readJsonFixture } from '../helpers/fixtures.js';

/** Seed 003's sections and the samples taken from each (the file names, without `.json`). */
const SECTIONS = {
  '04-deploy-cloudtower': [
    'checkTowerIsSetup',
    'createDatacenter',
    'createOrganization',
    'createRootUser',
    'deployedLicense',
    'getOrganizationsItem',
    'restLogin',
    'updateCloudTowerNtpUrl',
  ],
  '05-attach-cluster': [
    'connectCluster',
    'createVmVlan',
    'getClustersByName',
    'getClustersItem',
    'getVdses',
    'getVlansItem',
  ],
  '06-configure-cloudtower': ['globalAlertRules', 'updateClusterSettings', 'updateGlobalAlertRule'],
  '07-components': [
    'chunkedUploadCreate',
    'chunkedUploadPart',
    'cloudTowerApplicationPackages',
    'createBackupService',
    'createBundleApplicationInstance',
    'createUploadTask',
    'getBackupServices',
    'graphqlLogin',
    'installTask',
    'obsInstalled',
    'obsInstalling',
    'obsPackagesListed',
    'packageTasks',
    'updateBackupService',
    'updateBundleApplicationInstanceConnectClusters',
    'updateObservabilityConnectedSystemServices',
    'updateObservabilityNtpUrl',
    'uploadChunk',
    'uploadLastChunk',
  ],
  '08-inspection': ['inspectorExport', 'inspectorJob', 'inspectorStatus'],
} as const;

export type Seed003Section = keyof typeof SECTIONS;
export type Seed003Sample = (typeof SECTIONS)[Seed003Section][number];

/**
 * A sample as parsed JSON. `any` on purpose: the tests walk into it freely and compare it with the
 * simulator's answer (shapeDiff / deepEqual), which is the check.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SampleJson = any;

/** One sample, read from its fixture file. */
export function seedSample(name: Seed003Sample): SampleJson {
  const section = (Object.keys(SECTIONS) as Seed003Section[]).find((s) =>
    (SECTIONS[s] as readonly string[]).includes(name),
  )!;
  return readJsonFixture(`seed-003/${section}/${name}.json`);
}

/** Every sample by name, read once when this module loads (a missing file fails loudly). */
export const seed003 = Object.fromEntries(
  Object.values(SECTIONS)
    .flat()
    .map((name) => [name, seedSample(name)]),
) as Record<Seed003Sample, SampleJson>;
