// Preloaded into benchmarked processes (node --import): records the peak RSS when a process exits. The
// executable may re-run itself (src/heap.ts: a larger heap, a fixed malloc threshold), so the child loads
// this too: each process keeps the larger of its own peak and what the file already holds (bench.mjs
// empties it before each run).
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const out = process.env.BENCH_RSS_OUT;
  if (!out) return;
  let recorded = 0;
  try {
    recorded = Number(readFileSync(out, 'utf8')) || 0;
  } catch {
    // first process to finish
  }
  writeFileSync(out, String(Math.max(recorded, process.resourceUsage().maxRSS * 1024)));
});
