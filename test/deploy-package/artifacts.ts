// Test artifacts of a small service `demo`: a long-running program, its unit file (port 8080, log
// file) and the health file the simulated port answers from (docs/simulator.md "Deployed services").
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SERVICE = 'demo';

const UNIT = `[Unit]
Description=Demo service
After=network.target

[Service]
Type=simple
WorkingDirectory=/opt/demo/current
ExecStart=/opt/demo/current/bin/server
Environment="ENVIRONMENT=test"
Environment="PORT=8080"
StandardOutput=append:/var/log/demo/demo.log
Restart=on-failure

[Install]
WantedBy=multi-user.target
`;

/** Writes demo-<version>.tar.gz in `dir`; `healthStatus` is what its /health answers. */
export function buildArtifact(dir: string, version: string, healthStatus = 200): string {
  const src = mkdtempSync(path.join(dir, `src-${version}-`));
  mkdirSync(path.join(src, 'bin'));
  writeFileSync(
    path.join(src, 'bin', 'server'),
    `#!/bin/bash\necho "demo ${version} started (port $PORT)"\nwhile :; do sleep 1; done\n`,
  );
  chmodSync(path.join(src, 'bin', 'server'), 0o755);
  writeFileSync(path.join(src, `${SERVICE}.service`), UNIT);
  writeFileSync(
    path.join(src, 'health.status'),
    `${healthStatus}\n${JSON.stringify({ status: healthStatus === 200 ? 'UP' : 'DOWN', version })}\n`,
  );
  const file = path.join(dir, `${SERVICE}-${version}.tar.gz`);
  execFileSync('tar', ['-czf', file, '-C', src, '.']);
  return file;
}
