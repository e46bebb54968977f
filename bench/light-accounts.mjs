#!/usr/bin/env node
// A dump of many light accounts (node bench/light-accounts.mjs ACCOUNTS ROWS_PER_ACCOUNT OUT.jsonl): the long
// tail of a real platform, where per-account costs (state, hand-over, graph, scoring) outweigh per-row ones.
// Each account sends ROWS_PER_ACCOUNT exchanges at random times over 40 days, from its own /24, with a card
// shared by pairs of accounts and an org by fours; sign-ups spread over 400 days. Deterministic (fixed seed).
import { createWriteStream } from 'node:fs';

const [accounts, perAccount, path] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
if (!(accounts > 0) || !(perAccount > 0) || !path) {
  console.error('usage: light-accounts.mjs ACCOUNTS ROWS_PER_ACCOUNT OUT.jsonl');
  process.exit(2);
}
const out = createWriteStream(path);
let seed = 12345;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const start = Date.parse('2026-04-18T00:00:00Z');
const DAY = 86_400_000;
let buffer = '';
for (let round = 0; round < perAccount; round++) {
  for (let a = 0; a < accounts; a++) {
    buffer += `${JSON.stringify({
      ts: new Date(start + Math.floor(random() * 40 * DAY)).toISOString(),
      account_id: `acct_${a.toString(16).padStart(12, '0')}`,
      org_id: `org_${a >> 2}`,
      api_key_id: `key_${a}`,
      model: random() < 0.5 ? 'helix-3-large' : 'helix-3-medium',
      input_tokens: 100 + Math.floor(random() * 2000),
      output_tokens: 50 + Math.floor(random() * 800),
      request_count: 1,
      ip: `${1 + (a % 223)}.${(a >> 8) & 255}.${a & 255}.${Math.floor(random() * 4)}`,
      asn: 7922 + (a % 50),
      country: 'US',
      user_agent: 'python-httpx/0.27',
      payment_fingerprint: `pm_${a >> 1}`,
      account_created_at: new Date(start - Math.floor(random() * 400 * DAY)).toISOString(),
      email_domain: 'gmail.com',
      status: 200,
      latency_ms: 1000 + Math.floor(random() * 4000),
      max_tokens: 2048,
      temperature: 0.3,
      topic: 'coding',
    })}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
      buffer = '';
    }
  }
}
out.end(buffer);
