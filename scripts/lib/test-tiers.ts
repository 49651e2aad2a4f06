// Which tier a compiled test file belongs to, read from what it imports rather than declared by hand,
// so a test cannot sit in a faster tier than what it really starts:
//   unit  no Temporal server and no simulator (may replay histories against the workflow bundle);
//   lab   starts the simulator (the SmartX lab), still no Temporal server;
//   e2e   talks to a Temporal server (the runner's dev server, or one it starts itself).
// The runner also runs unit and lab files without TEMPORAL_ADDRESS, so a file that reaches the
// server through a path this reading misses fails loudly instead of passing in the wrong tier.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const TIERS = ['unit', 'lab', 'e2e'] as const;
export type Tier = (typeof TIERS)[number];

export interface TestFileNeeds {
  tier: Tier;
  /** Replays or runs workflows from the prebuilt bundle (HCI_TEST_WORKFLOW_BUNDLE). */
  bundle: boolean;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** Markers are looked for only in test and script code: the product's own src reads TEMPORAL_ADDRESS too. */
function isHarnessFile(file: string, root: string): boolean {
  const rel = path.relative(root, file).split(path.sep);
  return rel.includes('test') || rel.includes('scripts');
}

function isSimulatorFile(file: string, root: string): boolean {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return /(^|\/)src\/simulator\//.test(rel) || /^packages\/simulator\//.test(rel);
}

interface Scanned {
  imports: string[];
  server: boolean;
  bundle: boolean;
  simulator: boolean;
}

/** Reads the transitive relative-import closure of each test file; each source file is read once. */
export class TierReader {
  private readonly scanned = new Map<string, Scanned>();

  constructor(private readonly root: string) {}

  private scan(file: string): Scanned {
    let s = this.scanned.get(file);
    if (s) return s;
    s = { imports: [], server: false, bundle: false, simulator: isSimulatorFile(file, this.root) };
    // The simulator's own imports say nothing more about the test.
    if (!s.simulator && existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (isHarnessFile(file, this.root)) {
        s.server = /TEMPORAL_ADDRESS|temporalCliPath|startScratchDevServer|startDevServer/.test(text);
        s.bundle = text.includes('HCI_TEST_WORKFLOW_BUNDLE');
      }
      for (const m of text.matchAll(SPECIFIER)) {
        const spec = m[1];
        if (spec === '@hci-bringup/simulator' || spec.startsWith('@hci-bringup/simulator/'))
          s.simulator = true;
        else if (spec.startsWith('.')) s.imports.push(path.resolve(path.dirname(file), spec));
      }
    }
    this.scanned.set(file, s);
    return s;
  }

  read(testFile: string): TestFileNeeds {
    const seen = new Set<string>();
    const queue = [path.resolve(testFile)];
    let server = false;
    let simulator = false;
    let bundle = false;
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const s = this.scan(file);
      server ||= s.server;
      simulator ||= s.simulator;
      bundle ||= s.bundle;
      queue.push(...s.imports);
    }
    return { tier: server ? 'e2e' : simulator ? 'lab' : 'unit', bundle };
  }
}
