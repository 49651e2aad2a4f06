// Seed 003 §04 "配置cloudtower dns": over SSH as `cloudtower`, the `nameserver` lines of
// /etc/resolv.conf become the workbook's DNS servers; other lines (search, options, comments) stay.
import { isIPv4 } from 'node:net';
import { Context } from '@temporalio/activity';
import { shellQuote } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { invalidInput, remoteStep, transient } from '../support/failures.js';
import { connectCloudTowerSsh, execAsRoot } from '../support/cloudtower-ssh.js';

export interface ConfigureCloudTowerDnsRequest {
  run: RunContext;
  cloudtowerIp: string;
  dnsServers: string[];
}

const RESOLV_CONF = '/etc/resolv.conf';

/** The file with its nameserver lines replaced (placed where the first one was, else at the end). */
function withNameservers(current: string, servers: string[]): string {
  const lines = current.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const isNs = (l: string) => /^\s*nameserver\s/.test(l);
  const at = lines.findIndex(isNs);
  const kept = lines.filter((l) => !isNs(l));
  const ns = servers.map((s) => `nameserver ${s}`);
  const index = at < 0 ? kept.length : lines.slice(0, at).filter((l) => !isNs(l)).length;
  kept.splice(index, 0, ...ns);
  return kept.map((l) => `${l}\n`).join('');
}

export async function configureCloudTowerDns(
  req: ConfigureCloudTowerDnsRequest,
): Promise<{ changed: boolean }> {
  const ctx = Context.current();
  const bad = req.dnsServers.filter((s) => !isIPv4(s));
  if (bad.length) {
    throw invalidInput(
      `configure DNS of CloudTower ${req.cloudtowerIp}: ${bad.join(', ')} is not an IPv4 address. Fix: 集群管理信息!E25–E26 take DNS server IP addresses only.`,
    );
  }
  if (req.dnsServers.length === 0) {
    ctx.log.warn('no DNS server in the workbook; /etc/resolv.conf of CloudTower is left as it is', {
      ip: req.cloudtowerIp,
    });
    return { changed: false };
  }
  const step = `configure DNS of CloudTower ${req.cloudtowerIp}`;
  return remoteStep(step, async () => {
    const session = await connectCloudTowerSsh(req.run, req.cloudtowerIp);
    try {
      const read = async () => {
        const r = await session.exec(`cat ${RESOLV_CONF}`, { timeoutMs: 30_000 });
        if (r.code !== 0) throw new Error(`cannot read ${RESOLV_CONF} (exit ${r.code})`);
        return r.stdout;
      };
      const current = await read();
      const wanted = withNameservers(current, req.dnsServers);
      if (current === wanted) {
        ctx.log.info('CloudTower DNS already set', { ip: req.cloudtowerIp, dns: req.dnsServers });
        return { changed: false };
      }
      // The content is not secret and goes on the command line; the sudo password goes on stdin.
      // (Piping the content to `sudo tee` would put it on stdin after the password, which a
      // NOPASSWD sudo would leave there for tee to write into the file.)
      const lines = wanted.split('\n').slice(0, -1).map(shellQuote).join(' ');
      const w = await execAsRoot(session, `printf '%s\\n' ${lines} > ${RESOLV_CONF}`, 30_000);
      if (w.code !== 0) throw new Error(`writing ${RESOLV_CONF} as root failed (exit ${w.code})`);
      const after = await read();
      if (after !== wanted) {
        throw transient(
          `${step}: ${RESOLV_CONF} does not hold the new nameserver lines after writing it. The step is retried automatically.`,
        );
      }
      ctx.log.info('CloudTower DNS set', { ip: req.cloudtowerIp, dns: req.dnsServers });
      return { changed: true };
    } finally {
      session.close();
    }
  });
}
