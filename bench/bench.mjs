#!/usr/bin/env node
// npm run bench: ingest + features throughput for JSONL, CSV and Arrow, against DuckDB on the same file in
// the same run. Timings are whole-process wall times (median of runs); ratios are what to quote, since a
// shared 2-core machine drifts. Data: a simulated dump (≥ 1M rows), generated once under bench/data/.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/distill-forensics');
const data = join(root, 'bench/data');
const scale = process.env.BENCH_SCALE ?? '0.016';
const runs = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_FORMATS=jsonl and BENCH_METADATA_ONLY=1 with BENCH_SCALE=1 give the full-scale dump of the README
// (30 GB of JSONL; all three copies would not fit most disks). BENCH_COMMAND=scan times the whole pipeline.
const formats = (process.env.BENCH_FORMATS ?? 'jsonl,csv,arrow').split(',');
const metadataOnly = process.env.BENCH_METADATA_ONLY === '1';
const command = process.env.BENCH_COMMAND ?? 'features';
// BENCH_LIGHT_ACCOUNTS=N: instead of a simulated dump, N light accounts of BENCH_LIGHT_ROWS rows each (default
// 8; bench/light-accounts.mjs), JSONL only: the long tail where per-account costs dominate.
const lightAccounts = Number(process.env.BENCH_LIGHT_ACCOUNTS ?? 0);
const lightRows = Number(process.env.BENCH_LIGHT_ROWS ?? 8);
// BENCH_PROMPT_CHARS=N: the simulated dump with N characters of pasted context added to every prompt
// (bench/long-prompts.mjs), JSONL and CSV: what real chat and agent exports look like.
const promptChars = Number(process.env.BENCH_PROMPT_CHARS ?? 0);
const simDump = join(data, `sim-${scale}${metadataOnly ? '-metadata' : ''}`);
const dump = lightAccounts > 0 ? join(data, `light-${lightAccounts}x${lightRows}`) : promptChars > 0 ? `${simDump}-prompts${promptChars}` : simDump;
const probe = join(root, 'bench/rss-probe.mjs');
const rssFile = join(data, 'rss.txt');

function run(args) {
  writeFileSync(rssFile, '0');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', probe, ...args], { env: { ...process.env, BENCH_RSS_OUT: rssFile }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, rss: Number(readFileSync(rssFile, 'utf8')) };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(args) {
  const results = Array.from({ length: runs }, () => run(args));
  return { seconds: median(results.map((r) => r.seconds)), rss: Math.max(...results.map((r) => r.rss)) };
}

mkdirSync(data, { recursive: true });
// The JSONL copy is always written: rows are counted from it.
const written = [...new Set(['jsonl', ...formats])];
if (lightAccounts > 0) {
  if (formats.join() !== 'jsonl') throw new Error('BENCH_LIGHT_ACCOUNTS writes JSONL only: set BENCH_FORMATS=jsonl');
  if (!existsSync(join(dump, 'logs.jsonl'))) {
    console.error(`generating ${lightAccounts} light accounts × ${lightRows} rows in ${dump} …`);
    mkdirSync(dump, { recursive: true });
    run([join(root, 'bench/light-accounts.mjs'), String(lightAccounts), String(lightRows), join(dump, 'logs.jsonl')]);
  }
} else if (!written.every((f) => existsSync(join(dump, `logs.${f}`)))) {
  if (promptChars > 0 && (metadataOnly || !formats.every((f) => f === 'jsonl' || f === 'csv'))) {
    throw new Error('BENCH_PROMPT_CHARS needs prompts and writes JSONL and CSV only: set BENCH_FORMATS=jsonl,csv, no BENCH_METADATA_ONLY');
  }
  const sim = promptChars > 0 ? simDump : dump;
  if (promptChars === 0 || !existsSync(join(sim, 'logs.jsonl'))) {
    console.error(`generating the simulated dump (scale ${scale}) in ${sim} …`);
    rmSync(sim, { recursive: true, force: true });
    run([bin, 'simulate', '--out', sim, '--scale', scale, '--formats', promptChars > 0 ? 'jsonl' : written.join(','), ...(metadataOnly ? ['--metadata-only'] : []), '--quiet']);
  }
  if (promptChars > 0) {
    console.error(`adding ${promptChars} characters of context to every prompt in ${dump} …`);
    run([join(root, 'bench/long-prompts.mjs'), join(sim, 'logs.jsonl'), String(promptChars), dump, ...(formats.includes('csv') ? ['csv'] : [])]);
  }
}
// Rows = lines of the JSONL copy, counted in chunks (the file is larger than a JS string can be).
let rows = 0;
for await (const chunk of createReadStream(join(dump, 'logs.jsonl'))) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) rows++;
const mb = (f) => (statSync(f).size / 1e6).toFixed(0);

const lines = [];
const out = (s) => {
  lines.push(s);
  console.log(s);
};
out(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
const source =
  lightAccounts > 0
    ? `${lightAccounts.toLocaleString('en-US')} light accounts × ${lightRows}`
    : `simulate --scale ${scale}${metadataOnly ? ' --metadata-only' : ''}${promptChars > 0 ? `, ${promptChars.toLocaleString('en-US')} characters of context added to every prompt` : ''}`;
out(`data: ${rows.toLocaleString('en-US')} rows (${source}); median of ${runs} runs, peak RSS = max over runs\n`);
out('| input | size | tool | wall s | rows/s | peak RSS | vs DuckDB |');
out('|---|---|---|---|---|---|---|');
for (const format of formats) {
  const file = join(dump, `logs.${format}`);
  const output = command === 'scan' ? ['--format', 'json', '--out', join(data, `report-${format}.json`)] : ['--out', join(data, `features-${format}.csv`)];
  const ours = measure([bin, command, file, ...output, '--quiet']);
  const duck = format === 'arrow' ? undefined : measure([join(root, 'bench/duckdb-groupby.mjs'), file, format]);
  const ratio = duck ? `${(ours.seconds / duck.seconds).toFixed(2)}×` : 'n/a (no Arrow IPC reader in DuckDB core)';
  out(`| ${format} | ${mb(file)} MB | distill-forensics ${command} | ${ours.seconds.toFixed(2)} | ${Math.round(rows / ours.seconds).toLocaleString('en-US')} | ${(ours.rss / 2 ** 20).toFixed(0)} MiB | ${ratio} |`);
  if (duck) out(`| ${format} | | DuckDB read_${format === 'csv' ? 'csv' : 'json'} + GROUP BY | ${duck.seconds.toFixed(2)} | ${Math.round(rows / duck.seconds).toLocaleString('en-US')} | ${(duck.rss / 2 ** 20).toFixed(0)} MiB | 1.00× |`);
}
