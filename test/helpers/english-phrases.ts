// Finds English left in what a Chinese-speaking operator reads (issue 23 point 1). Allowed: product
// and component names, ids and code names, addresses, paths, file names, commands and their flags,
// units, and a remote appliance's own answer quoted as `remote: …`. Everything else that reads as
// English words (two or more in a row, or a known leaked word) is reported with its line.

/** Names and tokens that stay as they are in Chinese text. */
const ALLOWED_WORDS = [
  'CloudTower',
  'SMTX OS',
  'SMTX',
  'Fisheye',
  'Observability',
  'OBS',
  'Backup',
  'VMTools',
  'SVT',
  'ISO',
  'VIP',
  'DNS',
  'NTP',
  'IPMI',
  'BMC',
  'VDS',
  'VLAN',
  'CPU',
  'SSH',
  'HTTPS',
  'HTTP',
  'API',
  'Guest Agent',
  'ZooKeeper',
  'ZBS',
  'ELF',
  'Boost',
  'RDMA',
  'Temporal',
  'Web UI',
  'PDF',
  'HTML',
  'JSON',
  'sha256',
  'retry',
  'skip',
  'approve',
  'root',
  'smartx',
  'worker',
  'fio',
  'PAT',
  'FIO',
  'hci-bringup',
];

/** Whole patterns removed before looking: quoted remote text, code names, paths, commands. */
const STRIP: RegExp[] = [
  /remote: [^）)\n]*/g, // an appliance's own answer, quoted as such
  /“[^”]*”/g, // a quoted log line of the installer
  /"[^"\n]*"/g,
  /npx --offline hci-bringup[^\u4e00-\u9fff\n]*/g, // a command to type, with its arguments
  /hci-bringup [a-z-]+[^\u4e00-\u9fff\n]*/g,
  /npm run [a-z:-]+/g, // the project's own scripts (npm run worker)
  /https?:\/\/\S+/g,
  /(?:\/[\w.@:+-]+)+\/?/g, // paths
  /\b[\w.-]+\.(?:iso|ova|tar\.gz|xlsx|html|json|out|log|txt)\b/gi, // file names
  /\([a-z0-9:-]+(?:\/[a-z0-9-]+)?\)/g, // (stage/step) and (failed:stage) code names
  /\b(?:AMD|Intel)\b[^\n×]*/g, // a CPU model as the host reports it
  /（[a-z][A-Za-z0-9-]*）/g, // （uploadObsPackage）
  /\b[a-z]+[A-Z]\w*\b/g, // camelCase code names (activity types)
  /--[a-z-]+(?: [a-z]+\b)?/g, // flags and their word value (--obs auto)
  /\bec=\w+/g,
  /\b[A-Z][A-Z0-9_]{2,}\b/g, // constants, states (RUNNING, EINVALID_ARGUMENT)
  /\b\d+(?:\.\d+)?\s?(?:s|ms|B|KiB|MiB|GiB|TiB|%)(?![a-z])/g,
  /\b\d+m\d\ds\b/g,
];

/** Words that leaked before and must not come back, even alone. */
const KNOWN_LEAKS = [
  /\beject-iso\b/,
  /\balready-(?:initialized|deployed|present|installed)\b/,
  /^(?:management|storage|business|backup)$/, // a report cell: the network's purpose
  /\b(?:management|storage|business) (?:network|VLAN|VDS)\b/,
  /\bsimulator x\d+/,
  /\blog \d/,
  /\bleftover\b/,
  /\bno test VMs\b/,
  /\bdid not run\b/,
];

export interface EnglishFinding {
  line: string;
  phrase: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED = new RegExp(`(?<![A-Za-z])(?:${ALLOWED_WORDS.map(escape).join('|')})(?![A-Za-z])`, 'g');

/** The English phrases in `text` outside the allowlist, with the line each is on. */
export function englishPhrases(text: string, extraAllowed: string[] = []): EnglishFinding[] {
  const found: EnglishFinding[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    for (const name of extraAllowed) rest = rest.split(name).join(' ');
    for (const re of STRIP) rest = rest.replace(re, ' ');
    for (const re of KNOWN_LEAKS) {
      const m = re.exec(rest);
      if (m) found.push({ line, phrase: m[0] });
    }
    rest = rest.replace(ALLOWED, ' ');
    // Names made of words and dashes are ids (vDS-Prod-Network, storage-network-backup).
    rest = rest.replace(/\b[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+\b/g, ' ');
    // Two or more English words in a row (3+ letters each or joined by a space): a sentence.
    for (const m of rest.matchAll(/[A-Za-z][a-z]+(?:[ -]+[A-Za-z][a-z]+)+/g))
      found.push({ line, phrase: m[0] });
  }
  return found;
}
