// Processing of a committed Observability package: CloudTower runs two tasks (seed 003 shows
// "Create Installation package <file>" and "Create Application package observability-<arch>-
// <version>.tar.gz" with the package hash in `args.Hash`); when both SUCCESSED the bundle package
// appears in `observabilityInstanceAndApps`.
import type { SimContext } from '../../core/contract.js';
import { cuid } from '../ids.js';
import type { CloudTowerSimOptions } from '../options.js';
import { obsState, towerState, type ObsUploadRecord } from '../store.js';
import { createTask, failTask, findTask } from '../tasks.js';

/** `Observability-X86_64-v1.4.2-release.20250926-24.tar.gz` -> arch X86_64, version v1.4.2-release.20250926. */
function parseObsPackageName(name: string): { arch: string; version: string } | undefined {
  const m = /^Observability-(X86_64|AARCH64)-(v\d+\.\d+\.\d+(?:-[A-Za-z]+\.\d+)?)(?:-\d+)?\.tar\.gz$/i.exec(
    name,
  );
  return m ? { arch: m[1].toUpperCase(), version: m[2] } : undefined;
}

export function startPackageProcessing(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  upload: ObsUploadRecord,
): void {
  const parsed = parseObsPackageName(upload.origin_file_name);
  const arch = parsed?.arch ?? 'X86_64';
  const version = parsed?.version ?? 'unknown';
  const install = createTask(ctx, {
    description: `Create Installation package ${upload.origin_file_name}`,
    seconds: options.timings.obsInstallationPackageSeconds,
    faultPoint: 'job:obs.package',
  });
  const app = createTask(ctx, {
    description: `Create Application package observability-${arch}-${version}.tar.gz`,
    seconds: options.timings.obsApplicationPackageSeconds,
    faultPoint: 'job:obs.application-package',
    resource_type: 'CloudTowerApplicationPackage',
    resource_id: cuid(ctx),
    args: { Hash: upload.sha256 },
    steps: ['READ_PACKAGE', 'STORE_IMAGE', 'CREATE_PACKAGE_RESOURCE'],
    userName: 'system service',
  });
  upload.task_ids = [install.id, app.id];
  if (!parsed) {
    const message = `package file name "${upload.origin_file_name}" is not Observability-<ARCH>-v<version>.tar.gz`;
    failTask(ctx, install, message);
    failTask(ctx, app, message);
  }
}

export function advancePackages(ctx: SimContext): void {
  const obs = obsState(ctx);
  for (const upload of obs.uploads) {
    if (upload.status !== 'COMMITTED' || upload.package_id || upload.task_ids.length !== 2) continue;
    const tasks = upload.task_ids.map((id) => findTask(ctx, id));
    if (!tasks.every((t) => t?.status === 'SUCCESSED')) continue;
    const parsed = parseObsPackageName(upload.origin_file_name);
    if (!parsed) continue;
    const appPackageId = tasks[1]?.resource_id ?? cuid(ctx);
    const bundle = {
      id: cuid(ctx),
      name: 'Observability',
      version: parsed.version,
      arch: parsed.arch,
      application_package_id: appPackageId,
      host_plugin_packages: ['X86_64', 'AARCH64'].map((arch) => ({
        id: cuid(ctx),
        arch,
        version: parsed.version,
      })),
      sha256: upload.sha256 ?? '',
      upload_id: upload.id,
    };
    obs.packages.push(bundle);
    towerState(ctx).applicationPackages.push({
      id: appPackageId,
      name: 'observability',
      filename: `observability-${parsed.arch}-${parsed.version}.tar.gz`,
      version: parsed.version,
      architecture: parsed.arch,
      sha256: upload.sha256 ?? '',
      source: 'obs-chunked-upload',
    });
    upload.package_id = bundle.id;
    ctx.log('cloudtower.obs-package-ready', { version: parsed.version, arch: parsed.arch });
  }
}
