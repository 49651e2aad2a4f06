// A self-signed certificate for every HTTPS listener (real SmartX machines use self-signed ones too).
// Made once per state directory with the openssl CLI and reused.
import { execFile } from 'node:child_process';
import { access, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  key: Buffer;
  cert: Buffer;
}

export async function ensureCertificate(stateDir: string): Promise<TlsMaterial> {
  const dir = path.join(stateDir, 'tls');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const exists = await access(certFile).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(dir, { recursive: true });
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '3650',
      '-subj',
      '/CN=hci-bringup-simulator',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
  }
  return { key: await readFile(keyFile), cert: await readFile(certFile) };
}
