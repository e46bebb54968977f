#!/usr/bin/env node
// Real chat and agent exports carry prompts of kilobytes (pasted files, transcripts), where per-row cost is
// prompt text: node bench/long-prompts.mjs IN.jsonl CHARS OUT_DIR [csv] copies a dump with CHARS characters
// of pasted context (prose and code lines, different in every row; deterministic) added to every prompt,
// as OUT_DIR/logs.jsonl, and as OUT_DIR/logs.csv too when asked (written by DuckDB from the JSONL).
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';

const [input, chars, outDir, csv] = [process.argv[2], Number(process.argv[3]), process.argv[4], process.argv[5] === 'csv'];
if (!input || !(chars > 0) || !outDir) {
  console.error('usage: long-prompts.mjs IN.jsonl CHARS OUT_DIR [csv]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const words = ('the function returns a value when called with input data and the loop iterates over each element of the ' +
  'array while checking bounds for errors in production systems deployed across regions').split(' ');
let seed = 7;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
function context() {
  let text = '';
  while (text.length < chars) {
    text += words[Math.floor(random() * words.length)] + (random() < 0.1 ? '\n' : ' ');
    if (random() < 0.02) text += `    x = ${Math.floor(random() * 1e6)};\n`;
  }
  return text;
}
const jsonl = join(outDir, 'logs.jsonl');
const out = createWriteStream(jsonl);
let buffer = '';
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  if (!line) continue;
  const record = JSON.parse(line);
  if (typeof record.prompt === 'string') record.prompt = `${record.prompt}\n\nContext:\n${context()}`;
  buffer += `${JSON.stringify(record)}\n`;
  if (buffer.length > 1 << 20) {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  }
}
out.end(buffer);
await once(out, 'finish');
if (csv) {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const quoted = (p) => `'${p.replaceAll("'", "''")}'`;
  await conn.run(`COPY (SELECT * FROM read_json(${quoted(jsonl)}, format = 'newline_delimited')) TO ${quoted(join(outDir, 'logs.csv'))} (HEADER, DELIMITER ',')`);
}
