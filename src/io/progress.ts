/** Progress on stderr (rows, MB/s, rejected), only when stderr is a terminal and not `--quiet`. */
import type { IngestStats } from '../ingest/collector.js';

export interface Progress {
  update(stats: IngestStats): void;
  done(): void;
}

const NONE: Progress = { update() {}, done() {} };

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return NONE;
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(stats) {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const secs = Math.max((now - start) / 1000, 0.001);
      const mbps = stats.bytes / 1e6 / secs;
      stream.write(`\r\x1b[2K${stats.records.toLocaleString('en-US')} rows · ${mbps.toFixed(1)} MB/s · ${stats.rejected.toLocaleString('en-US')} rejected`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
