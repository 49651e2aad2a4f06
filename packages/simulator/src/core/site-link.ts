// The site's network link between the worker and the appliances: uploads cross it at the site
// bandwidth (simulated time), one after another, so an 8 GB ISO at 1 Gbit/s takes ~64 s of site
// time however fast loopback is. Concurrent uploads share it (they queue behind each other).
// Every upload the bring-up makes crosses it: the CloudTower and VMTools ISOs (Fisheye chunks), the
// OBS package parts (ovm-operator) and the Backup package chunks (CloudTower GraphQL multipart).
import type { SimClock, SimSiteLink } from './contract.js';

export class SiteLink implements SimSiteLink {
  /** Simulated ms at which the link is free again. */
  private freeAt = 0;
  /** Bytes carried so far (reported in /__sim/state). */
  bytes = 0;

  constructor(
    private readonly clock: Pick<SimClock, 'now' | 'sleep'>,
    /** Megabits per second; 0 or less: no limit. */
    readonly mbps: number,
  ) {}

  /**
   * Called when `bytes` have arrived over loopback since `startedAt` (simulated ms): resolves when
   * they would have arrived over the site link, counting the time they already took.
   */
  async carried(bytes: number, startedAt: number): Promise<void> {
    this.bytes += bytes;
    if (!(this.mbps > 0)) return;
    const start = Math.max(startedAt, this.freeAt);
    this.freeAt = start + ((bytes * 8) / (this.mbps * 1e6)) * 1000;
    const wait = (this.freeAt - this.clock.now()) / 1000;
    if (wait > 0) await this.clock.sleep(wait);
  }

  describe(): { mbps: number; bytes: number } {
    return { mbps: this.mbps, bytes: this.bytes };
  }
}
