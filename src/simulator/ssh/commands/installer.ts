// The CloudTower appliance's preinstall.sh and installer: only the CloudTower VM has them, and they
// need root, so the bring-up's sudo handling is exercised; the deploy itself is ../installer.ts.
import { installerPath, preinstallPath, runInstaller } from '../installer.js';
import type { Command } from './common.js';

export const preinstall: Command = async (_args, ctx, io) => {
  if (ctx.session.env.info.role !== 'cloudtower') {
    io.err.write(`sh: ${preinstallPath}: No such file or directory\n`);
    return 127;
  }
  if (ctx.user !== 'root') {
    io.err.write('preinstall must be run as root\n');
    return 1;
  }
  io.out.write(
    'check os release ... ok\ncheck cpu and memory ... ok\nprepare directories ... ok\npreinstall done\n',
  );
  ctx.session.env.files.set('/var/lib/tower/preinstalled', '');
  return 0;
};

export const installer: Command = async (args, ctx, io, name) => {
  const env = ctx.session.env;
  if (
    env.info.role !== 'cloudtower' ||
    !name.endsWith('installer') ||
    (name.includes('/') && name !== installerPath)
  ) {
    io.err.write(`bash: ${name}: command not found\n`);
    return 127;
  }
  if (args[0] !== 'deploy') {
    io.err.write('Usage: installer deploy\n');
    return 2;
  }
  if (ctx.user !== 'root') {
    io.err.write('installer: permission denied, run as root\n');
    return 126;
  }
  if (!env.files.has('/var/lib/tower/preinstalled')) {
    io.out.write('ERROR preinstall.sh has not been run\n');
    return 1;
  }
  return runInstaller(env, ctx.session.services.installer(env), io.out, ctx.nohup, ctx.user);
};
