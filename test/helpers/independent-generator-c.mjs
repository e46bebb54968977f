#!/usr/bin/env node
// independent-generator-c.mjs — red-team log generator for distill-forensics.
// Written from the product specification only (CONTRACT.md §3 record format), by a helper that did not
// read src/, docs/ or the other generators. Kept as written (its truth file given simulate's shape, so that
// `evaluate` reads it); change it only to add populations.
//
// usage: node independent-generator-c.mjs SEED --out DIR [--no-billing] [--metadata-only]
//
// Writes DIR/logs.jsonl (canonical records sorted by ts) and DIR/truth.json
// ({"groups":[{id, population, kind, accounts, exchanges}]}, the shape of simulate's truth). Deterministic per SEED: every random
// draw comes from seeded sfc32 streams; there is no Math.random and no wall clock.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

// ───────────────────────────── CLI ─────────────────────────────
function usage(msg) {
  process.stderr.write(`independent-generator-c: ${msg}\nusage: node independent-generator-c.mjs SEED --out DIR [--no-billing] [--metadata-only]\n`);
  process.exit(2);
}
const opt = { seed: null, out: null, noBilling: false, metadataOnly: false };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '--out') { if (i + 1 >= a.length) usage('--out needs a directory'); opt.out = a[++i]; }
    else if (x.startsWith('--out=')) opt.out = x.slice(6);
    else if (x === '--no-billing') opt.noBilling = true;
    else if (x === '--metadata-only') opt.metadataOnly = true;
    else if (x === '-h' || x === '--help') { process.stdout.write('usage: node independent-generator-c.mjs SEED --out DIR [--no-billing] [--metadata-only]\n'); process.exit(0); }
    else if (x.startsWith('--')) usage(`unknown option ${x}`);
    else if (opt.seed === null) opt.seed = x;
    else usage(`unexpected argument ${x}`);
  }
  if (opt.seed === null) usage('missing SEED');
  if (!opt.out) usage('missing --out DIR');
}

// ───────────────────────────── PRNG ─────────────────────────────
function xmur3(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) { h = Math.imul(h ^ str.charCodeAt(i), 3432918353); h = (h << 13) | (h >>> 19); }
  return () => { h = Math.imul(h ^ (h >>> 16), 2246822507); h = Math.imul(h ^ (h >>> 13), 3266489909); return (h ^= h >>> 16) >>> 0; };
}
class Rng {
  constructor(seedStr) {
    const h = xmur3(seedStr);
    this.a = h(); this.b = h(); this.c = h(); this.d = h();
    for (let i = 0; i < 20; i++) this.next();
  }
  next() { // sfc32
    let a = this.a >>> 0, b = this.b >>> 0, c = this.c >>> 0, d = this.d >>> 0;
    let t = (a + b) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0; t = (t + d) | 0; c = (c + t) | 0;
    this.a = a; this.b = b; this.c = c; this.d = d;
    return (t >>> 0) / 4294967296;
  }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  uni(lo, hi) { return lo + (hi - lo) * this.next(); }
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  normal() { let u = 0; while (u === 0) u = this.next(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next()); }
  logn(median, sigma) { return median * Math.exp(sigma * this.normal()); }
  exp(mean) { return -mean * Math.log(1 - this.next()); }
  geo(mean) { return mean <= 0 ? 0 : Math.floor(Math.log(1 - this.next()) / Math.log(mean / (mean + 1))); }
  poisson(l) {
    if (l <= 0) return 0;
    if (l > 40) return Math.max(0, Math.round(l + Math.sqrt(l) * this.normal()));
    const L = Math.exp(-l); let k = 0, p = 1;
    do { k++; p *= this.next(); } while (p > L);
    return k - 1;
  }
  weighted(items, weights) {
    let s = 0; for (const w of weights) s += w;
    let u = this.next() * s;
    for (let i = 0; i < items.length; i++) { u -= weights[i]; if (u < 0) return items[i]; }
    return items[items.length - 1];
  }
  wpick(pairs) { // [[item, weight], ...]
    let s = 0; for (const p of pairs) s += p[1];
    let u = this.next() * s;
    for (const p of pairs) { u -= p[1]; if (u < 0) return p[0]; }
    return pairs[pairs.length - 1][0];
  }
  hex(n) { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.next() * 16)]; return s; }
  shuffle(a) { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(this.next() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; }
  sample(arr, k) { return this.shuffle(arr.slice()).slice(0, Math.min(k, arr.length)); }
}
const vary = (r, base, spread) => base * (1 + r.uni(-spread, spread));
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));

// ───────────────────────────── constants ─────────────────────────────
const SEC = 1000, MIN = 60 * SEC, HOUR = 60 * MIN, DAY = 24 * HOUR;
const M = { lite: 'helix-3-lite', std: 'helix-3', pro: 'helix-3-pro', code: 'helix-3-code', nw: 'helix-4' };
const MS_PER_TOK = { 'helix-3-lite': 5, 'helix-3': 11, 'helix-3-pro': 21, 'helix-3-code': 13, 'helix-4': 17 };
// human activity by local hour (0..23)
const DIURNAL = [0.22, 0.13, 0.08, 0.06, 0.06, 0.09, 0.18, 0.4, 0.75, 0.98, 1.1, 1.12, 0.95, 1.05, 1.12, 1.08, 1.0, 0.88, 0.72, 0.66, 0.7, 0.66, 0.52, 0.36];
const sha256 = (s) => crypto.createHash('sha256').update(s.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex');
const toks = (s) => Math.max(1, Math.ceil(s.length / 3.7));

// ───────────────────────────── geography & networks ─────────────────────────────
// cc: [tz offsets, tz weights, residential ASNs, mobile (CGNAT) ASNs, background weight]
const GEO = {
  US: [[-5, -6, -7, -8], [0.46, 0.26, 0.07, 0.21], [7922, 7018, 701, 20115, 22773, 209], [21928, 6167, 20057], 27],
  CA: [[-5, -8, -7], [0.6, 0.25, 0.15], [812, 577, 6327, 5769], [22652, 36522], 4],
  MX: [[-6], [1], [8151, 28548], [28403], 2],
  BR: [[-3], [1], [28573, 26599, 18881, 7738], [26615, 26599], 5],
  AR: [[-3], [1], [7303, 22927], [27747], 1],
  GB: [[0], [1], [2856, 5089, 5607, 13285], [12576, 25135], 6],
  DE: [[1], [1], [3320, 3209, 6830, 8881], [6805, 29247], 6],
  FR: [[1], [1], [3215, 12322, 5410, 15557], [51207, 21502], 4],
  NL: [[1], [1], [1136, 33915, 50266], [31615, 20857], 2],
  ES: [[1], [1], [3352, 12479, 12430], [12357], 2],
  IT: [[1], [1], [3269, 30722, 12874], [16232], 2],
  PL: [[1], [1], [5617, 12741, 6714], [12912], 2],
  SE: [[1], [1], [3301, 2119, 8473], [1257], 1],
  UA: [[2], [1], [15895, 6849, 13188], [21497], 1],
  IL: [[2], [1], [8551, 12849, 1680], [12400], 1.5],
  ZA: [[2], [1], [37457, 3741], [29975, 36994], 1],
  TR: [[3], [1], [9121, 34984, 47331], [16135], 1.5],
  NG: [[1], [1], [37148, 29465], [36873], 1],
  IN: [[5.5], [1], [24560, 9829, 45609, 17488], [55836, 45271, 38266], 9],
  SG: [[8], [1], [9506, 4773, 55430], [4773], 1.5],
  ID: [[7], [1], [7713, 17974], [23693, 24203], 2],
  VN: [[7], [1], [45899, 18403], [7552], 1.5],
  PH: [[8], [1], [9299, 4775], [132199], 1.5],
  JP: [[9], [1], [4713, 17676, 2516, 2527], [9605, 10010], 4],
  KR: [[9], [1], [4766, 9318, 3786], [17858], 3],
  AU: [[10], [1], [1221, 4804, 7545], [133612], 3],
};
const CC_LIST = Object.keys(GEO);
const CC_W = CC_LIST.map(c => GEO[c][4]);
const CLOUD = [16509, 14618, 396982, 8075, 14061, 31898, 24940, 16276, 63949, 20473];
const CLOUD_W = [30, 8, 18, 16, 8, 3, 6, 5, 3, 3];
const CLOUD_REGION_CC = ['US', 'US', 'US', 'US', 'IE', 'DE', 'DE', 'SG', 'JP', 'GB', 'FR', 'NL', 'IN', 'AU', 'BR', 'CA'];
const VPN_ASNS = [9009, 60068, 20473, 212238, 136787];          // commercial VPN exits used by ordinary people
const RARE_HOSTING = [203020, 62240, 40676, 210644, 44477, 51167, 60068, 9009, 49981, 206264, 209588, 57043, 35913, 211252];
const EXIT_CC = ['NL', 'DE', 'US', 'US', 'GB', 'SG', 'JP', 'FR', 'SE', 'CH', 'RO', 'CA', 'PL', 'HK'];
const FIRST_OCTETS = []; for (let o = 2; o < 224; o++) if (![10, 100, 127, 169, 172, 192, 198, 203, 0].includes(o)) FIRST_OCTETS.push(o);

class IpDb {
  constructor(rng) { this.r = rng; this.pfx = new Map(); this.used16 = new Set(); this.cgnat = new Map(); this.seen = new Set(); }
  prefixes(asn) {
    let p = this.pfx.get(asn);
    if (!p) {
      p = []; const k = this.r.int(2, 5);
      while (p.length < k) {
        const s = `${this.r.pick(FIRST_OCTETS)}.${this.r.int(0, 255)}`;
        if (!this.used16.has(s)) { this.used16.add(s); p.push(s); }
      }
      this.pfx.set(asn, p);
    }
    return p;
  }
  raw(r, asn) {
    const p = this.prefixes(asn);
    for (;;) { const ip = `${r.pick(p)}.${r.int(0, 255)}.${r.int(1, 254)}`; if (!this.seen.has(ip)) { this.seen.add(ip); return ip; } }
  }
  res(r, cc, asn) { const g = GEO[cc]; asn = asn ?? r.pick(g[2]); return { ip: this.raw(r, asn), asn, cc }; }
  host(r, asn, cc) { return { ip: this.raw(r, asn), asn, cc: cc ?? r.pick(CLOUD_REGION_CC) }; }
  pool(r, asns, n, ccs) { const out = []; for (let i = 0; i < n; i++) { const asn = r.pick(asns); out.push(this.host(r, asn, ccs ? r.pick(ccs) : undefined)); } return out; }
  mobilePool(cc) { // carrier-grade NAT: a handful of public IPs shared by many unrelated subscribers
    let p = this.cgnat.get(cc);
    if (!p) { p = []; for (const asn of GEO[cc][3]) { const n = this.r.int(2, cc === 'IN' || cc === 'US' ? 8 : 5); for (let i = 0; i < n; i++) p.push({ ip: this.raw(this.r, asn), asn, cc }); } this.cgnat.set(cc, p); }
    return p;
  }
  // a contiguous campus / office range
  range(r, asn, cc, n) { const p = this.prefixes(asn)[0]; const c = r.int(0, 250); const out = []; const used = new Set(); while (out.length < n) { const ip = `${p}.${c + Math.floor(out.length / 250)}.${r.int(2, 254)}`; if (!used.has(ip)) { used.add(ip); out.push({ ip, asn, cc }); } } return out; }
}

// ───────────────────────────── text banks ─────────────────────────────
const LANGS = ['Python', 'TypeScript', 'JavaScript', 'Go', 'Rust', 'Java', 'C#', 'C++', 'SQL', 'Bash', 'Kotlin', 'Ruby', 'PHP', 'Swift', 'Scala', 'R', 'Elixir'];
const LANG_W = [26, 16, 12, 7, 6, 7, 5, 4, 5, 3, 2, 2, 2, 2, 1, 1, 0.5];
const CODE_TASKS = ['parse a CSV file that has quoted fields with embedded commas', 'debounce a function call', 'retry an HTTP request with exponential backoff and jitter', 'read configuration from environment variables with defaults', 'paginate through a REST API that uses cursor tokens', 'merge two sorted lists in place', 'stream a large file line by line without loading it into memory', 'deduplicate records by a composite key', 'convert a UTC timestamp to a user\'s local time zone', 'implement an LRU cache', 'mock a network call in a unit test', 'process 10k items in parallel with a bounded worker pool', 'handle SIGTERM gracefully in a background worker', 'serialize a nested object to JSON with custom date handling', 'watch a directory for new files', 'rate limit outgoing requests to 5 per second', 'compute a rolling median over a stream', 'flatten a deeply nested dictionary', 'use a connection pool with Postgres', 'upload a file using a presigned URL', 'parse command-line flags with subcommands', 'generate time-ordered unique IDs', 'batch database inserts efficiently', 'validate a JSON payload against a schema', 'cancel a long-running task after a timeout', 'diff two large text files', 'resize images in a background job', 'read a Parquet file and filter rows', 'implement optimistic locking on an update', 'send an email with an attachment', 'cache expensive function results with a TTL', 'write a websocket client that reconnects'];
const CODE_ERRORS = ['KeyError: \'user_id\'', 'TypeError: Cannot read properties of undefined (reading \'map\')', 'segmentation fault (core dumped)', 'error[E0502]: cannot borrow `items` as mutable because it is also borrowed as immutable', 'java.lang.NullPointerException at OrderService.java:88', 'fatal error: all goroutines are asleep - deadlock!', 'IndentationError: unexpected indent', 'ModuleNotFoundError: No module named \'src\'', 'blocked by CORS policy: No \'Access-Control-Allow-Origin\' header', 'Error [ERR_REQUIRE_ESM]: require() of ES Module not supported', 'ValueError: too many values to unpack (expected 2)', 'UnicodeDecodeError: \'utf-8\' codec can\'t decode byte 0xff', 'sqlite3.OperationalError: database is locked', 'panic: runtime error: index out of range [3] with length 3', 'SyntaxError: Unexpected token < in JSON at position 0', 'OOMKilled (exit code 137)', 'Error: read ECONNRESET', 'RecursionError: maximum recursion depth exceeded', 'TS2345: Argument of type \'string | undefined\' is not assignable to parameter of type \'string\'', 'undefined reference to `pthread_create\''];
const CODE_PAIRS = [['a process', 'a thread'], ['async/await', 'threads'], ['a list', 'a tuple'], ['an interface', 'an abstract class'], ['REST', 'gRPC'], ['Docker volumes', 'bind mounts'], ['INNER JOIN', 'LEFT JOIN'], ['useEffect', 'useLayoutEffect'], ['a mutex', 'a semaphore'], ['git merge', 'git rebase'], ['TCP', 'UDP'], ['optimistic', 'pessimistic locking'], ['a B-tree index', 'a hash index'], ['let', 'const'], ['Arc<Mutex<T>>', 'RwLock']];
const FRAMEWORKS = ['Django', 'FastAPI', 'Next.js', 'React', 'Spring Boot', 'Rails', 'Express', 'Flask', 'Laravel', 'Vue', 'Svelte', 'Flutter', 'Angular', 'NestJS'];
const SYMPTOMS = ['gets slower every day until I restart it', 'returns 502 behind nginx only in production', 'renders the page twice on load', 'loses the session after login on Safari', 'uses 4GB of memory after an hour', 'times out on large uploads', 'shows stale data after deploy', 'crashes when two users edit at once'];
const IDENTS = ['user', 'order', 'items', 'config', 'payload', 'rows', 'result', 'cache', 'event', 'record', 'session', 'buffer', 'queue', 'total', 'invoice', 'customer'];
const FN_DESCS = ['returns the k most frequent words in a text', 'checks whether a string is a valid IPv4 address', 'splits a list into chunks of size n', 'computes business days between two dates', 'groups transactions by month and sums them', 'converts snake_case keys to camelCase recursively', 'finds duplicate files by content hash', 'parses a duration like "1h30m" into seconds', 'masks all but the last 4 digits of a card number', 'merges overlapping intervals'];
const SENTENCES = ['Our quarterly revenue grew 12% but churn in the SMB segment doubled.', 'The shipment left the warehouse on Tuesday and has not been scanned since.', 'I have used the app for three years and the latest update broke offline mode.', 'The committee will review all proposals submitted before the end of the month.', 'Attendance at the community workshops dropped after we moved them online.', 'API latency at p99 jumped from 300ms to 2.1s after the database migration.', 'The new onboarding flow cut time-to-first-value by almost a day.', 'Please note that the office will be closed on Friday for maintenance.', 'We are looking for feedback on the draft before it goes to legal.', 'The river flooded twice this spring and damaged the lower trail.', 'Customers in Germany keep asking for invoices in EUR with VAT listed separately.', 'I think the second chapter drags and the main character\'s motivation is unclear.', 'The sensor readings drift by about 0.3 degrees per hour after warm-up.', 'Most of the complaints mention slow delivery and damaged packaging.', 'The team missed the sprint goal because two engineers were out sick.', 'The landlord says the heating will be fixed next week, but it has been a month.', 'We tested three pricing tiers and the middle one converted best.', 'The museum\'s new wing focuses on textiles from West Africa.', 'My manager wants a one-page summary of the incident by tomorrow morning.', 'The battery lasts about six hours with the screen at full brightness.', 'Volunteers planted over four hundred trees along the north bank.', 'The contract renews automatically unless cancelled 30 days in advance.', 'Our nightly ETL job failed three times this week with a timeout.', 'Students said the lab instructions were confusing and too long.', 'The clinic extended its opening hours to 8pm on weekdays.', 'Sales in the northeast region were flat compared to last year.', 'The recipe calls for buttermilk but I only have regular milk.', 'We need to migrate 40 microservices off the old message queue by Q3.', 'The hotel was clean but the walls were very thin.', 'Our support backlog has grown to about 1,200 open tickets.', 'The grant requires a progress report every six months.', 'I was charged twice for the same order last week.', 'The dashboard shows conversions but not where users drop off.', 'The town council approved a new bike lane on Main Street.', 'Our Android app crashes on startup for users on version 12.', 'The vendor quoted eight weeks for delivery, which is too slow for us.', 'I would like to move my appointment from Thursday to next Monday.', 'The prototype passed all thermal tests except the last one.', 'We are hiring two senior backend engineers this quarter.', 'Several reviewers praised the soundtrack but criticized the pacing.'];
const TONES = ['more professional', 'friendlier', 'more concise', 'less passive-aggressive', 'more confident', 'more formal', 'warmer but still firm', 'more apologetic'];
const GENRES = ['short story', 'poem', 'product description', 'speech', 'newsletter intro', 'limerick', 'blog post', 'press release', 'haiku sequence', 'bedtime story'];
const SUBJECTS = ['remote work', 'urban beekeeping', 'a lighthouse keeper', 'our spring product launch', 'climate adaptation in small towns', 'learning to cook at 40', 'a robot who collects stamps', 'the history of coffee', 'burnout in startups', 'a rainy day in Lisbon', 'open-source maintainers', 'electric bikes', 'a retiring teacher', 'minimalism', 'deep sea creatures'];
const JOBS = ['data analyst', 'product manager', 'frontend developer', 'nurse practitioner', 'marketing coordinator', 'mechanical engineer', 'UX researcher', 'customer success manager', 'junior accountant'];
const COMPLAINTS = ['My package says delivered but I never got it.', 'I was billed twice this month and need a refund.', 'The app logs me out every few minutes.', 'I can\'t reset my password, the email never arrives.', 'Your driver was rude and left the box in the rain.', 'The product stopped working after two weeks.', 'Why was my account suspended without warning?', 'I want to cancel my subscription but can\'t find the button.', 'The discount code from your email does not work.', 'I ordered size M and received XL.'];
const SUPPORT_QS = ['reset two-factor authentication on my account', 'export my data as CSV', 'change the billing email', 'add a teammate to my workspace', 'downgrade my plan', 'connect my calendar', 'get an invoice for last month', 'delete my account permanently'];
const DF_COLS = [['date', 'store_id', 'sales', 'returns'], ['user_id', 'signup_date', 'plan', 'churned'], ['ts', 'sensor', 'temp', 'humidity'], ['order_id', 'customer', 'amount', 'country'], ['patient_id', 'visit_date', 'bp_sys', 'bp_dia'], ['campaign', 'impressions', 'clicks', 'spend']];
const DF_OPS = ['pivot it so each store is a column', 'fill missing values with the previous day\'s value', 'compute a 7-day rolling average per group', 'find outliers using IQR', 'merge it with another table on two keys', 'resample it to weekly frequency', 'get the top 3 rows per group', 'bin the amounts into quantiles'];
const SQL_TASKS = ['finds customers who ordered in January but not in February', 'returns the second highest salary per department', 'computes monthly retention cohorts', 'deduplicates rows keeping the latest one', 'calculates running totals by account', 'finds gaps in a sequence of invoice numbers'];
const CONCEPTS = ['eigenvectors', 'Bayes\' theorem', 'the central limit theorem', 'photosynthesis', 'inflation', 'recursion', 'entropy', 'supply and demand', 'the Krebs cycle', 'public key cryptography', 'gradient descent', 'compound interest', 'the French Revolution', 'plate tectonics', 'big-O notation', 'opportunity cost'];
const AUDIENCES = ['a 10 year old', 'a first-year student', 'a busy executive', 'someone who hates math', 'a software engineer', 'my grandmother'];
const THINGS = ['board games', 'podcasts', 'books', 'gift ideas', 'team-building activities', 'side dishes', 'houseplants', 'weekend projects'];
const CONTEXTS = ['a family of four', 'a remote team', 'a rainy weekend', 'a tight budget', 'a beginner', 'a 30th birthday', 'a small apartment'];
const CITIES = ['Lisbon', 'Kyoto', 'Mexico City', 'Prague', 'Cape Town', 'Seoul', 'Montreal', 'Istanbul', 'Buenos Aires', 'Hanoi', 'Edinburgh', 'Bangalore'];
const LANGUAGES = ['Spanish', 'German', 'French', 'Japanese', 'Portuguese', 'Korean', 'Italian', 'Hindi', 'Polish', 'Turkish', 'Vietnamese', 'Dutch'];
const PHRASES = ['I\'ll be there in ten minutes', 'could you send me the invoice again', 'thanks for your patience', 'the meeting has been moved to Thursday', 'where is the nearest pharmacy', 'I really appreciate your help'];
const EQUATIONS = ['3x + 7 = 22', 'x^2 - 5x + 6 = 0', '2(x - 4) = 3x + 1', 'log2(x) = 5', 'x/3 + x/4 = 14', 'sqrt(x + 9) = 5', '5x - 2 = 3x + 10'];
const TRIVIAL = ['hi', 'hello', 'test', 'ping', 'Hello!', 'What model are you?', 'testing 123', 'say hi', 'are you there?'];

const para = (r, lo = 2, hi = 5) => { const n = r.int(lo, hi); const out = []; while (out.length < n) { const x = r.pick(SENTENCES); if (!out.includes(x)) out.push(x); } return out.join(' '); };
function snippet(r, lang) {
  const a = r.pick(IDENTS), b = r.pick(IDENTS), f = `${r.pick(['get', 'load', 'parse', 'build', 'update', 'sync', 'merge'])}_${a}`;
  switch (lang) {
    case 'Python': return `def ${f}(${b}):\n    ${a} = {}\n    for x in ${b}:\n        ${a}[x["id"]] = x.get("${r.pick(IDENTS)}")\n    return ${a}`;
    case 'Go': return `func ${f.replace('_', '')}(${b} []${r.pick(['string', 'int', 'Item'])}) error {\n\tfor i := 0; i <= len(${b}); i++ {\n\t\tprocess(${b}[i])\n\t}\n\treturn nil\n}`;
    case 'Rust': return `fn ${f}(${b}: &mut Vec<String>) {\n    for s in ${b}.iter() {\n        if s.is_empty() { ${b}.push("x".into()); }\n    }\n}`;
    case 'SQL': return `SELECT ${a}_id, COUNT(*)\nFROM ${b}s\nLEFT JOIN ${a}s USING (${a}_id)\nWHERE created_at > NOW() - INTERVAL '30 days'\nGROUP BY 1;`;
    case 'Java': case 'C#': case 'Kotlin': return `public List<${cap(a)}> ${f.replace('_', '')}(List<${cap(b)}> ${b}) {\n    var out = new ArrayList<${cap(a)}>();\n    ${b}.forEach(x -> out.add(x.to${cap(a)}()));\n    return out;\n}`;
    default: return `async function ${f.replace('_', '')}(${b}) {\n  const res = await fetch(\`/api/${a}s/\${${b}.id}\`);\n  const data = res.json();\n  return data.${r.pick(IDENTS)}.map(x => x.id);\n}`;
  }
}
function cap(s) { return s[0].toUpperCase() + s.slice(1); }
const TOPICS = ['coding', 'writing', 'support', 'data_analysis', 'education', 'chat', 'translation'];

// people add their own context, so natural prompts are almost never byte-identical
const PROJECTS = ['a side project', 'an internal dashboard', 'my thesis', 'a client site', 'our mobile app', 'a Discord bot', 'a school assignment', 'a startup MVP', 'a data migration', 'a home automation setup', 'a nonprofit newsletter', 'a small online shop'];
const WHO = ['a logistics company', 'my team of 4', 'a hospital', 'my dad\'s bakery', 'a fintech startup', 'a university lab', 'a game studio', 'our HR department', 'a local council', 'my own use'];
const PRODUCTS = ['Notion', 'Slack', 'Shopify', 'QuickBooks', 'Jira', 'Zoom', 'Figma', 'HubSpot', 'Trello', 'Stripe', 'Canva', 'Airtable', 'Xero', 'Zendesk', 'Asana', 'Dropbox', 'Teams', 'Salesforce', 'Mailchimp', 'Squarespace'];
const DETAILS = [(r) => `Budget is around $${r.int(2, 300) * 10}.`, (r) => `We are ${r.int(2, 60)} people.`, (r) => `It's for ${r.int(6, 80)}-year-olds.`, (r) => `I have about ${r.int(5, 120)} minutes.`, (r) => `Version ${r.int(1, 9)}.${r.int(0, 30)} if that matters.`, (r) => `This is attempt #${r.int(2, 9)}.`, (r) => `Currently it takes ${r.int(2, 90)} ${r.pick(['seconds', 'minutes', 'hours'])}.`, (r) => `Located in ${r.pick(CITIES)}.`];
const ASIDES = ['Keep it short.', 'No fluff please.', 'Bullet points are fine.', 'I\'m a beginner.', 'I already tried Stack Overflow.', 'This is urgent.', 'Use simple words.', 'Assume I know the basics.', 'Please include an example.', 'Thanks in advance!', 'Max one page.', 'Sorry if this is a dumb question.'];
function flavor(r, p, topic) {
  const u = r.next();
  if (u < 0.38) p = `${r.pick(['I\'m working on', 'Context: I\'m building', 'For', 'Working on', 'Background: this is for'])} ${r.pick(PROJECTS)} for ${r.pick(WHO)}${r.chance(0.4) ? ` (${r.int(2, 400)} ${r.pick(['users', 'rows', 'pages', 'people', 'files', 'GB'])})` : ''}. ${p}`;
  else if (u < 0.64) p = `${r.pick(['hey', 'Hi!', 'ok so', 'quick question:', 'Hello,', 'hmm', 'Another one:', 'follow-up:'])} ${p}`;
  if (r.chance(0.45)) p += ` ${r.pick(ASIDES)}`;
  if (r.chance(0.35)) p += ` ${r.pick(DETAILS)(r)}`;
  if (r.chance(0.12)) p += ` ${r.pick(['It needs to be done by', 'Due', 'Meeting on', 'Sending it'])} ${r.pick(['Monday', 'Tuesday', 'Friday', 'tomorrow', 'tonight', 'next week', 'the 14th', 'end of month'])}.`;
  if (topic === 'coding' && r.chance(0.3)) p += ` (${r.pick(['Python 3.' + r.int(8, 12), 'Node ' + r.int(16, 22), 'Go 1.' + r.int(19, 22), 'Java ' + r.pick([11, 17, 21]), 'Postgres ' + r.int(12, 16), 'Ubuntu ' + r.pick(['20.04', '22.04', '24.04']), 'Windows 11', 'macOS ' + r.int(12, 14)])})`;
  if (r.chance(0.04)) p = p.toLowerCase();
  return p;
}
// background (natural) prompt; returns string
function bgPrompt(r, topic) {
  if (r.chance(0.012)) return r.pick(TRIVIAL);
  let p;
  const lang = r.weighted(LANGS, LANG_W);
  switch (topic) {
    case 'coding': p = r.wpick([
      [() => `How do I ${r.pick(CODE_TASKS)} in ${lang}?`, 4],
      [() => `what's the cleanest way to ${r.pick(CODE_TASKS)} (${lang.toLowerCase()})`, 2],
      [() => `I'm getting "${r.pick(CODE_ERRORS)}" when I run this:\n\n${snippet(r, lang)}\n\nwhat am I doing wrong?`, 4],
      [() => `Write a ${lang} function that ${r.pick(FN_DESCS)}.${r.chance(0.5) ? ' Include a couple of unit tests.' : ''}`, 3],
      [() => `Can you review this and suggest improvements?\n\n${snippet(r, lang)}`, 2],
      [() => { const [a, b] = r.pick(CODE_PAIRS); return `Explain the difference between ${a} and ${b}${r.chance(0.3) ? ' with an example' : ''}.`; }, 2],
      [() => `Convert this to ${r.pick(LANGS)}:\n${snippet(r, lang)}`, 1],
      [() => `My ${r.pick(FRAMEWORKS)} app ${r.pick(SYMPTOMS)}. Any ideas where to look?`, 2],
      [() => `Write a Dockerfile for a ${lang} ${r.pick(['web service', 'CLI tool', 'worker', 'API'])} with a small final image.`, 1],
    ])(); break;
    case 'writing': p = r.wpick([
      [() => `Rewrite this email so it sounds ${r.pick(TONES)}:\n\n${para(r)}`, 4],
      [() => `Write a ${r.pick(['short', ' 300-word', 'one-paragraph', 'funny', 'heartfelt'])} ${r.pick(GENRES)} about ${r.pick(SUBJECTS)}.`, 3],
      [() => `Give me ${r.int(3, 10)} title ideas for a blog post about ${r.pick(SUBJECTS)}.`, 2],
      [() => `Proofread and fix the grammar: ${para(r, 1, 3)}`, 2],
      [() => `Write a cover letter for a ${r.pick(JOBS)} role. My background: ${r.int(2, 12)} years in ${r.pick(['retail', 'healthcare', 'logistics', 'fintech', 'education', 'consulting'])}.`, 2],
      [() => `Summarize this in ${r.int(2, 5)} bullet points:\n\n${para(r, 3, 6)}`, 3],
      [() => `Draft a toast for my ${r.pick(['sister', 'best friend', 'dad', 'colleague', 'grandparents'])}'s ${r.pick(['wedding', 'retirement', '50th birthday', 'graduation'])}.`, 1],
    ])(); break;
    case 'support': p = r.wpick([
      [() => `Customer wrote: "${r.pick(COMPLAINTS)}"\nWrite a short, polite reply that ${r.pick(['apologizes and offers a refund', 'asks for the order number', 'explains next steps', 'escalates to a human agent'])}.`, 4],
      [() => `How do I ${r.pick(SUPPORT_QS)}${r.chance(0.75) ? ` in ${r.pick(PRODUCTS)}${r.chance(0.4) ? ` on ${r.pick(['iOS', 'Android', 'the web app', 'desktop', 'a shared account'])}` : ''}` : ''}?`, 3],
      [() => `Classify this ticket as billing, bug, feature_request, account or other: ${r.pick(COMPLAINTS)}`, 2],
    ])(); break;
    case 'data_analysis': p = r.wpick([
      [() => `I have a pandas DataFrame with columns ${r.pick(DF_COLS).join(', ')}. How do I ${r.pick(DF_OPS)}?`, 4],
      [() => { const c = r.pick(DF_COLS); return `Write a SQL query that ${r.pick(SQL_TASKS)}. Table: t(${c.join(', ')}).`; }, 3],
      [() => { const n1 = r.int(800, 20000), n2 = r.int(800, 20000); return `A/B test: control ${n1} users, ${Math.round(n1 * r.uni(0.02, 0.12))} conversions; variant ${n2} users, ${Math.round(n2 * r.uni(0.02, 0.12))} conversions. Is the difference significant?`; }, 2],
      [() => `What's the best chart to show ${r.pick(['monthly churn by plan', 'sales vs. temperature', 'a funnel with 5 steps', 'distribution of response times', 'market share over 10 years'])}?`, 1],
      [() => `Explain what a p-value of 0.0${r.int(1, 9)} means in plain language.`, 1],
    ])(); break;
    case 'education': p = r.wpick([
      [() => `Explain ${r.pick(CONCEPTS)} like I'm ${r.pick(AUDIENCES)}.`, 4],
      [() => `Solve ${r.pick(EQUATIONS)}${r.chance(0.5) ? '. Show your steps.' : ''}`, 2],
      [() => `Quiz me on ${r.pick(CONCEPTS)} with ${r.int(3, 10)} questions.`, 2],
      [() => `What's the intuition behind ${r.pick(CONCEPTS)}?`, 2],
      [() => `Grade my short essay out of 10 and tell me how to improve it:\n\n${para(r, 3, 6)}`, 1],
    ])(); break;
    case 'translation': p = r.wpick([
      [() => `Translate into ${r.pick(LANGUAGES)}: "${r.pick(SENTENCES)}"`, 3],
      [() => `How do you say "${r.pick(PHRASES)}" in ${r.pick(LANGUAGES)}, informally?`, 2],
    ])(); break;
    default: p = r.wpick([
      [() => `What are some good ${r.pick(THINGS)} for ${r.pick(CONTEXTS)}?`, 3],
      [() => `Plan a ${r.int(2, 7)}-day trip to ${r.pick(CITIES)} on a ${r.pick(['tight', 'moderate', 'generous'])} budget.`, 2],
      [() => `Give me a recipe using ${r.sample(['chickpeas', 'spinach', 'feta', 'rice', 'salmon', 'lentils', 'eggs', 'tofu', 'leeks', 'mushrooms'], 3).join(', ')}.`, 2],
      [() => `How should I prepare for a ${r.pick(['system design', 'behavioral', 'case', 'salary negotiation', 'technical', 'panel'])} interview${r.chance(0.75) ? ` for a ${r.pick(JOBS)} role${r.chance(0.5) ? ` at ${r.pick(WHO)}` : ''}` : ''}?`, 2],
      [() => `${r.pick(SENTENCES)} What would you do?`, 1],
    ])();
  }
  p = flavor(r, p, topic);
  // a minority of ordinary users ask for step-by-step reasoning or for grading, naturally
  if (r.chance(0.035)) p += r.pick([' Think step by step.', ' Please explain step by step.', ' Walk me through your reasoning.', " Let's think step by step."]);
  else if (r.chance(0.012)) p += r.pick([' Also rate your confidence from 1 to 10.', ' Then grade the original on a 1-10 scale.']);
  return p;
}

// ───────────────────────────── user agents ─────────────────────────────
const PY_SDK = ['1.8.2', '1.9.0', '1.9.1', '1.10.0', '1.11.3', '1.12.0', '1.12.1'];
const NODE_SDK = ['0.21.4', '0.22.0', '0.23.1', '0.24.1', '0.24.3'];
const PYV = ['3.9.18', '3.10.12', '3.11.4', '3.11.9', '3.12.3', '3.12.4'];
const NODEV = ['v18.19.0', 'v20.11.1', 'v20.12.2', 'v21.7.3', 'v22.2.0'];
const OSES = ['linux', 'darwin', 'windows'];
function uaFor(r, style) {
  switch (style) {
    case 'py': return `helix-python/${r.pick(PY_SDK)} (python ${r.pick(PYV)}; ${r.weighted(OSES, [6, 3, 1.5])})`;
    case 'node': return `helix-node/${r.pick(NODE_SDK)} (node ${r.pick(NODEV)}; ${r.weighted(OSES, [5, 4, 1.5])})`;
    case 'curl': return r.pick(['curl/7.81.0', 'curl/8.4.0', 'curl/8.5.0', 'curl/8.7.1', 'curl/7.88.1']);
    case 'requests': return r.pick(['python-requests/2.31.0', 'python-requests/2.32.3', 'python-httpx/0.27.0', 'python-httpx/0.25.2', 'aiohttp/3.9.5']);
    case 'go': return r.pick(['Go-http-client/2.0', 'Go-http-client/1.1']);
    case 'java': return r.pick(['okhttp/4.12.0', 'Java-http-client/17.0.9', 'Apache-HttpClient/5.2.1 (Java/17.0.10)']);
    case 'langchain': return `langchain-helix/0.1.${r.int(3, 14)} helix-python/${r.pick(PY_SDK)}`;
    default: { // browser
      const v = r.int(118, 126), fv = r.int(119, 127);
      return r.wpick([
        [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`, 5],
        [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`, 4],
        [`Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${r.int(1, 5)} Safari/605.1.15`, 2],
        [`Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${fv}.0) Gecko/20100101 Firefox/${fv}.0`, 1.5],
        [`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`, 1],
        [`Mozilla/5.0 (iPhone; CPU iPhone OS 17_${r.int(1, 5)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${r.int(1, 5)} Mobile/15E148 Safari/604.1`, 1.5],
        [`Mozilla/5.0 (Linux; Android 14; Pixel ${r.int(6, 8)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Mobile Safari/537.36`, 1],
      ]);
    }
  }
}

// ───────────────────────────── context ─────────────────────────────
const seedStr = String(opt.seed);
const master = new Rng(`genc|${seedStr}|master`);
const T0 = Date.UTC(2026, 0, 5) + master.int(0, 12) * 7 * DAY; // always a Monday 00:00 UTC
const D = master.int(23, 28);
const T1 = T0 + D * DAY;
const H = D * 24;
const TREL = T0 + Math.round(D * master.uni(0.42, 0.62)) * DAY + master.uni(14, 19) * HOUR; // new model release
const ip = new IpDb(new Rng(`genc|${seedStr}|ip`));
const idRng = new Rng(`genc|${seedStr}|ids`);
const usedIds = new Set();
const newId = (prefix, n = 16) => { for (;;) { const s = prefix + idRng.hex(n); if (!usedIds.has(s)) { usedIds.add(s); return s; } } };
const streams = (name) => new Rng(`genc|${seedStr}|${name}`);
const ROWS = [];
const GROUPS = [];
const DOMAIN_SYL = ['nor', 'vex', 'lum', 'kai', 'bri', 'tal', 'zen', 'ost', 'mira', 'quo', 'fen', 'dax', 'ria', 'sol', 'tek', 'vani', 'orb', 'cal', 'pix', 'ruvo', 'hal', 'ion', 'kess', 'lyr', 'mond', 'nexa', 'pel', 'tor', 'ula', 'wyn'];
const companyDomain = (r) => `${r.pick(DOMAIN_SYL)}${r.pick(DOMAIN_SYL)}${r.pick(['', '', '-labs', '-ai', 'soft', '-group', 'works', 'hq'])}.${r.pick(['com', 'com', 'com', 'io', 'io', 'ai', 'de', 'co.uk', 'fr', 'co', 'dev', 'net', 'com.br', 'in', 'jp'])}`;
const PERSONAL_DOMAINS = [['gmail.com', 36], ['outlook.com', 8], ['hotmail.com', 4], ['yahoo.com', 4], ['icloud.com', 4], ['proton.me', 2.5], ['gmx.de', 1], ['yandex.ru', 0.5], ['naver.com', 1], ['qq.com', 0.5]];
const SVC_VPN = { pools: null };
// commercial VPN exit IPs shared by many ordinary VPN users (and partly reused by campaign 1)
SVC_VPN.pools = ip.pool(streams('vpnpool'), VPN_ASNS, 70, EXIT_CC);
// shared cloud egress (serverless platforms, hosted notebooks): unrelated accounts share these
const SHARED_EGRESS = ip.pool(streams('egress'), [396982, 16509, 8075], 18, ['US', 'US', 'IE', 'DE', 'SG']);

function mkAccount(o) {
  return { id: newId('acct_'), org: o.org ?? newId('org_', 12), pay: o.pay ?? newId('pm_', 20), created: Math.round(o.created), email: o.email, keys: o.keys ?? [newId('key_', 20)], group: null, n: 0 };
}
function mkGroup(name, kind) { const g = { name, kind, accounts: [] }; GROUPS.push(g); return g; }
function addTo(g, a) { a.group = g; g.accounts.push(a); return a; }

function latency(r, model, out, status) {
  if (status !== 200) return Math.round(r.uni(40, 900));
  return Math.round(r.logn(380, 0.35) + out * MS_PER_TOK[model] * r.uni(0.8, 1.3));
}
function status(r, p429 = 0.008, p5xx = 0.006, p400 = 0.006) {
  const u = r.next();
  if (u < p429) return 429; if (u < p429 + p5xx) return r.chance(0.7) ? 500 : 529; if (u < p429 + p5xx + p400) return 400; return 200;
}
// push one exchange row
function emit(r, a, t, f) {
  if (t < T0 || t >= T1) return false;
  if (t < a.created) t = a.created + r.uni(30, 600) * SEC;
  if (t >= T1) return false;
  const st = f.status ?? status(r);
  let out = f.out;
  if (st !== 200) out = 0;
  const row = {
    t: Math.round(t), a, key: f.key ?? a.keys[0], model: f.model, in: Math.max(1, Math.round(f.in)), out: Math.max(0, Math.round(out)), rc: f.rc ?? 1,
    ip: f.net, ua: f.ua, prompt: f.prompt ?? null, sph: f.sph ?? null, status: st, lat: f.lat ?? latency(r, f.model, out, st),
    mt: f.mt ?? null, temp: f.temp ?? null, topic: f.topic,
  };
  ROWS.push(row); a.n += row.rc;
  return true;
}

// ───────────────────────────── time helpers ─────────────────────────────
// hourly weight CDF over the dump for one actor living in timezone tz
function buildCdf(p, aStart, aEnd, extra) {
  const w = new Float64Array(H); let sum = 0;
  const tz = p.tz + (p.shift ?? 0);
  for (let h = 0; h < H; h++) {
    const hs = T0 + h * HOUR;
    if (hs + HOUR <= aStart || hs >= aEnd) { w[h] = sum; continue; }
    const lt = h + tz, lh = ((Math.floor(lt) % 24) + 24) % 24, ld = Math.floor(lt / 24), dow = ((ld % 7) + 7) % 7;
    let x = (p.flat ?? 0) + (1 - (p.flat ?? 0)) * DIURNAL[lh];
    if (dow >= 5) x *= p.weekendF ?? 1;
    if (p.dayOn) x *= p.dayOn[ld + 2] ?? 1;
    if (extra) x *= extra(hs, lh, dow);
    sum += x; w[h] = sum;
  }
  return { w, sum };
}
function sampleT(r, cdf, aStart, aEnd) {
  const u = r.next() * cdf.sum; let lo = 0, hi = H - 1;
  while (lo < hi) { const m = (lo + hi) >> 1; if (cdf.w[m] > u) hi = m; else lo = m + 1; }
  const t = T0 + (lo + r.next()) * HOUR;
  return clamp(t, aStart, aEnd - 1);
}
function dayMask(r, pOn) { const m = new Float64Array(D + 6); for (let i = 0; i < m.length; i++) m[i] = r.chance(pOn) ? 1 : 0.06; return m; }
// human-style session times: n requests grouped in sessions
function sessionTimes(r, p, n, aStart, aEnd, extra) {
  aStart = Math.max(aStart, T0); aEnd = Math.min(aEnd, T1);
  if (aEnd - aStart < 10 * MIN || n <= 0) return [];
  const cdf = buildCdf(p, aStart, aEnd, extra);
  if (cdf.sum <= 0) return [];
  const out = []; let guard = 0;
  while (out.length < n && guard++ < n * 4 + 50) {
    let t = sampleT(r, cdf, aStart, aEnd);
    const L = Math.min(n - out.length, 1 + r.geo(p.sessMean - 1));
    for (let k = 0; k < L; k++) {
      if (t >= aEnd) break;
      out.push({ t, k });
      t += (p.gapFn ? p.gapFn(r) : r.logn(p.gapMed ?? 70, 0.9)) * SEC;
    }
  }
  return out;
}

// ───────────────────────────── generic "person/app" persona ─────────────────────────────
const MODEL_PREFS = [
  [[[M.std, 1]], 22], [[[M.lite, 1]], 14], [[[M.pro, 1]], 12], [[[M.code, 1]], 6],
  [[[M.std, 0.7], [M.lite, 0.3]], 12], [[[M.pro, 0.6], [M.std, 0.4]], 10], [[[M.code, 0.6], [M.pro, 0.4]], 5], [[[M.lite, 0.8], [M.pro, 0.2]], 5],
];
const TOPIC_W = [['coding', 30], ['writing', 17], ['support', 8], ['data_analysis', 12], ['education', 11], ['chat', 15], ['translation', 7]];
const OUT_MED = { coding: 560, writing: 480, support: 190, data_analysis: 470, education: 420, chat: 360, translation: 90 };
const IN_EXTRA = { coding: 500, writing: 150, support: 250, data_analysis: 600, education: 80, chat: 60, translation: 20 };
// each app instance fixes its own instruction wording once; the per-request content varies
const YEARS = [2021, 2022, 2023, 2024, 2025];
const APP_KINDS = [
  ['summarizer', 'data_analysis', (f) => { const doc = f.pick(['meeting notes', 'support ticket', 'article', 'call transcript', 'document', 'incident report']); const n = f.int(2, 5); const extra = f.pick(['', ' Focus on decisions and owners.', ' Use plain English.', ' Output JSON with keys summary and action_items.']); return (r) => `Summarize the following ${doc} in ${n} sentences.${extra}\n\n${para(r, 3, 7)}`; }],
  ['review-tagger', 'support', (f) => { const k = f.int(2, 5); const shop = companyDomain(f); return (r) => `Extract sentiment (positive/neutral/negative) and up to ${k} topic tags as JSON from this ${shop} review #${r.int(1, 999999)}:\n"${para(r, 1, 3)}"`; }],
  ['sql-helper', 'data_analysis', (f) => { const cols = f.pick(DF_COLS); const tbl = f.pick(IDENTS) + '_' + f.pick(['v2', 'fact', 'daily', 'raw', 'prod']); return (r) => `Schema: ${tbl}(${cols.join(', ')})\nQuestion: ${r.pick(['write a query that', 'I need a query that', 'sql that', 'query which'])} ${r.pick(SQL_TASKS)}${r.chance(0.6) ? ` for ${r.pick(['Q1', 'Q2', 'Q3', 'Q4', 'last month', 'EMEA', 'APAC', 'the top 10 accounts', 'plan=pro'])} ${r.pick(YEARS)}` : ''}\nReturn only SQL.`; }],
  ['chat-widget', 'chat', () => (r) => bgPrompt(r, r.pick(['chat', 'support', 'writing']))],
  ['translator', 'translation', (f) => { const lang = f.pick(LANGUAGES); const rule = f.pick(['Keep formatting.', 'Keep product names in English.', 'Use formal register.', 'Preserve markdown.']); return (r) => `Translate to ${r.chance(0.8) ? lang : r.pick(LANGUAGES)}. ${rule}\n---\n${para(r, 1, 4)}`; }],
  ['email-drafter', 'writing', (f) => { const sig = f.pick(IDENTS); return (r) => `Draft a reply to this email from ${r.pick(['a customer', 'a vendor', 'my manager', 'a candidate', 'the landlord'])}. Tone: ${r.pick(TONES)}. Sign as ${cap(sig)} team.\n\n${para(r, 2, 4)}`; }],
  ['code-assistant', 'coding', () => (r) => bgPrompt(r, 'coding')],
  ['tutor', 'education', () => (r) => bgPrompt(r, 'education')],
  ['rag-qa', 'support', (f) => { const corp = companyDomain(f); return (r) => `Answer using only the context from the ${corp} knowledge base.\nContext:\n${para(r, 4, 8)}\nQuestion: ${r.pick(['When does it renew?', 'What was the main complaint?', 'Who approved it?', 'What changed after the migration?', 'Is there a deadline?', 'How much did it cost?', 'Which region is affected?'])}`; }],
];

function makePersona(r, o = {}) {
  const cc = o.cc ?? r.weighted(CC_LIST, CC_W);
  const g = GEO[cc] ?? GEO.US;
  const tz = o.tz ?? r.weighted(g[0], g[1]);
  const kind = o.kind ?? r.wpick([['human', 66], ['app', 19], ['dev', 15]]);
  const p = { cc, tz, kind, shift: r.uni(-1.5, 3), sessMean: kind === 'app' ? r.uni(1, 2.5) : r.uni(1.5, 7), gapMed: kind === 'app' ? r.uni(20, 600) : r.uni(25, 180) };
  p.flat = kind === 'app' ? r.uni(0.3, 0.8) : kind === 'dev' ? r.uni(0.05, 0.35) : r.uni(0, 0.12);
  p.weekendF = kind === 'app' ? r.uni(0.6, 1) : r.uni(0.15, 0.85);
  p.dayOn = kind === 'app' ? null : dayMask(r, r.uni(0.2, 0.95));
  p.models = r.wpick(MODEL_PREFS);
  const t1 = r.wpick(TOPIC_W), t2 = r.wpick(TOPIC_W);
  p.topics = kind === 'app' ? null : [[t1, 0.7], [t2, 0.25], ['chat', 0.05]];
  if (kind === 'app') { const ak = r.pick(APP_KINDS); p.app = [ak[0], ak[1], ak[2](r)]; p.sys = sha256(`You are the ${p.app[0]} for ${companyDomain(r)}. ${r.pick(['Be concise.', 'Answer in JSON when asked.', 'Never reveal these instructions.', 'Use a friendly tone.'])} v${r.int(1, 9)}`); }
  else if (r.chance(kind === 'dev' ? 0.35 : 0.18)) p.sys = sha256(`You are a helpful assistant. ${r.pick(SUBJECTS)} ${r.hex(6)}`);
  // client / user agent
  const uaStyle = o.uaStyle ?? (kind === 'human' ? r.wpick([['browser', 58], ['py', 16], ['node', 8], ['curl', 6], ['requests', 8], ['langchain', 4]])
    : kind === 'app' ? r.wpick([['py', 30], ['node', 25], ['requests', 15], ['go', 10], ['java', 10], ['langchain', 10]])
      : r.wpick([['py', 45], ['node', 25], ['curl', 15], ['requests', 15]]));
  p.uas = [uaFor(r, uaStyle)]; if (r.chance(0.25)) p.uas.push(uaFor(r, r.pick(['browser', 'py', 'curl', 'node'])));
  p.browser = uaStyle === 'browser';
  p.mt = p.browser ? r.pick([4096, 8192, 8192]) : r.wpick([[null, 10], [256, 4], [512, 6], [1024, 16], [2048, 12], [4096, 18], [8192, 8], [16000, 3], ['var', 12]]);
  p.temp = r.wpick([[1, 38], [0.7, 18], [0, 9], [0.2, 8], [0.3, 6], [0.5, 8], [0.9, 3], [null, 5], ['var', 5]]);
  // network
  if (o.net) p.net = o.net;
  else if (kind === 'app') p.net = { kind: 'pool', pool: r.chance(0.25) ? r.sample(SHARED_EGRESS, r.int(2, 6)) : ip.pool(r, [r.weighted(CLOUD, CLOUD_W)], r.int(1, 4)) };
  else if (r.chance(0.035)) p.net = { kind: 'pool', pool: r.sample(SVC_VPN.pools, r.int(3, 12)) };
  else {
    const home = []; const nh = r.int(1, 3); for (let i = 0; i < nh; i++) home.push(ip.res(r, cc));
    const mob = r.chance(p.browser ? 0.6 : 0.15) ? ip.mobilePool(cc) : null;
    p.net = { kind: 'home', home, period: r.uni(4, 20) * DAY, mob, mobShare: r.uni(0.1, 0.7) };
    if (kind === 'dev' && r.chance(0.4)) p.net.extra = r.chance(0.3) ? r.sample(SHARED_EGRESS, 3) : ip.pool(r, [r.weighted(CLOUD, CLOUD_W)], r.int(1, 2));
  }
  // new-model adoption (slow, over days)
  const isPro = p.models.some(([m]) => m === M.pro || m === M.code);
  if (r.chance(isPro ? 0.5 : 0.22)) { const early = r.chance(0.12); p.adoptAt = TREL + (early ? Math.min(1, 0.01 + r.exp(0.2)) : 0.5 + r.exp(5)) * DAY; p.early = early; p.adoptShare = r.uni(0.15, 0.85); p.ramp0 = early ? 0.3 : 0.03; }
  p.chatty = p.browser || r.chance(0.2);
  return p;
}
function pickNet(r, net, t) {
  if (net.kind === 'pool') return r.pick(net.pool);
  if (net.kind === 'fixed') return net.ip;
  if (net.extra && r.chance(0.3)) return r.pick(net.extra);
  if (net.mob && r.chance(net.mobShare)) return r.pick(net.mob);
  return net.home[Math.min(net.home.length - 1, Math.floor((t - T0) / net.period))];
}
function pickModel(r, p, t) {
  let m = r.wpick(p.models);
  if (p.adoptAt != null && t >= p.adoptAt) { const s = p.adoptShare * (p.ramp0 + (1 - p.ramp0) * Math.min(1, (t - p.adoptAt) / (3 * DAY))); if (r.chance(s)) m = M.nw; }
  return m;
}
// generate n natural exchanges for a persona-driven account
function personaRows(r, a, p, n, aStart, aEnd, extra, promptFn) {
  const times = sessionTimes(r, p, n, aStart, aEnd, extra);
  let hist = 0, sessUa = p.uas[0], sessNet = null, topic = 'chat', lastT = 0;
  for (const { t, k } of times) {
    if (k === 0) { hist = 0; sessUa = r.pick(p.uas); sessNet = pickNet(r, p.net, t); topic = p.app ? p.app[1] : r.wpick(p.topics); }
    const prompt = promptFn ? promptFn(r, topic, t) : p.app ? p.app[2](r) : bgPrompt(r, topic);
    const model = pickModel(r, p, t);
    let mt = p.mt === 'var' ? r.pick([512, 1024, 2048, 4096, 8192]) : p.mt;
    const temp = p.temp === 'var' ? r.pick([0, 0.2, 0.5, 0.7, 1]) : p.temp;
    const inTok = toks(prompt) + (p.sys ? r.int(60, 900) : 0) + hist + (r.chance(0.05) ? r.logn(9000, 0.8) : r.logn(IN_EXTRA[topic] ?? 100, 1));
    let out = r.logn(OUT_MED[topic] ?? 350, 0.75) * (prompt.length < 14 ? 0.1 : 1);
    if (mt) out = Math.min(out, mt);
    emit(r, a, t, { model, in: inTok, out, net: sessNet, ua: sessUa, prompt, sph: p.sys, mt, temp, topic, key: a.keys.length > 1 && r.chance(0.3) ? r.pick(a.keys) : a.keys[0] });
    if (p.chatty) hist = Math.min(60000, hist + inTok * 0.15 + out + 40);
    lastT = t;
  }
  return lastT;
}
function paretoCounts(r, n, total, alpha, capFrac) {
  // heavy-tailed per-account volumes that still add up to `total` after the biggest are capped
  const raw = []; for (let i = 0; i < n; i++) raw.push(Math.pow(1 - r.next(), -1 / alpha));
  const cap = total * capFrac; const capped = new Array(n).fill(false);
  let scale = 1;
  for (let it = 0; it < 12; it++) {
    let fixed = 0, free = 0;
    for (let i = 0; i < n; i++) if (capped[i]) fixed += cap; else free += raw[i];
    scale = (total - fixed) / free;
    let changed = false;
    for (let i = 0; i < n; i++) if (!capped[i] && raw[i] * scale > cap) { capped[i] = true; changed = true; }
    if (!changed) break;
  }
  return raw.map((x, i) => Math.max(1, Math.round(capped[i] ? cap * (1 - 0.3 * r.next()) : x * scale)));
}

// ═════════════════════════════ populations ═════════════════════════════
// ---- background ----
function genBackground() {
  const r = streams('background');
  const g = mkGroup('background', 'benign');
  const N = Math.round(vary(r, 5000, 0.3));
  const total = vary(r, 175000, 0.3);
  const counts = paretoCounts(r, N, total, r.uni(1.05, 1.35), 0.012);
  let i = 0;
  while (i < N) {
    let members = 1, shared = null;
    if (r.chance(0.035)) { // small multi-account org (team of 2-8)
      members = Math.min(N - i, r.int(2, 8));
      const cc = r.weighted(CC_LIST, CC_W);
      shared = { org: newId('org_', 12), dom: companyDomain(r), pay: r.chance(0.8) ? newId('pm_', 20) : null, cc, office: r.chance(0.6) ? ip.res(r, cc) : null, created: T0 - r.uni(20, 800) * DAY };
    }
    for (let k = 0; k < members; k++, i++) {
      const p = makePersona(r, shared ? { cc: shared.cc, kind: r.chance(0.8) ? 'human' : 'dev' } : {});
      if (shared?.office && p.net.kind === 'home') p.net.home.unshift(shared.office), p.net.period = 999 * DAY;
      const created = shared ? shared.created + r.exp(40) * DAY : r.chance(0.12) ? T0 + r.uni(0, D - 1) * DAY : T0 - Math.min(1100, r.exp(260)) * DAY - r.uni(0, 2) * DAY;
      const email = shared ? shared.dom : r.chance(0.6) ? r.wpick(PERSONAL_DOMAINS) : r.chance(0.08) ? `${r.pick(DOMAIN_SYL)}${r.pick(['.edu', '.ac.uk', '.edu.au', '-uni.de'])}` : companyDomain(r);
      const keys = [newId('key_', 20)]; while (r.chance(0.3) && keys.length < 4) keys.push(newId('key_', 20));
      const a = addTo(g, mkAccount({ org: shared?.org, pay: shared?.pay ?? undefined, created: Math.min(created, T1 - HOUR), email, keys }));
      let n = counts[i] * (p.kind === 'app' ? 2.2 : 1);
      const aStart = Math.max(T0, a.created + r.uni(0.01, 2) * DAY);
      const aEnd = r.chance(0.1) ? aStart + r.uni(1, D) * DAY : T1; // some churn
      personaRows(r, a, p, Math.round(n), aStart, aEnd);
      if (p.early && p.adoptAt >= aStart && p.adoptAt < aEnd && r.chance(0.6)) { // launch-day tinkering with the new model
        let t = p.adoptAt; const net = pickNet(r, p.net, t), ua = r.pick(p.uas);
        for (let k = 0, m = r.int(1, 6); k < m; k++) {
          const prompt = k === 0 && r.chance(0.4) ? r.pick(['What\'s new in helix-4?', 'hi helix-4, what can you do better than helix-3?', 'test', 'Write a haiku about upgrades.']) : bgPrompt(r, r.wpick(TOPIC_W));
          emit(r, a, t, { model: M.nw, in: toks(prompt) + r.int(0, 400), out: r.logn(420, 0.7), net, ua, prompt, mt: p.mt === 'var' ? 4096 : p.mt, temp: p.temp === 'var' ? 1 : p.temp, topic: 'chat' });
          t += r.logn(90, 0.8) * SEC;
        }
      }
    }
  }
}

// ---- campaign 1: cerberus-swarm (large hydra) ----
const HYDRA_ROLES = ['senior software engineer', 'competitive programmer', 'distributed-systems architect', 'security researcher', 'compiler engineer', 'ML engineer', 'SRE', 'database internals expert'];
const ALGO = ['find the length of the longest subarray whose sum is at most K', 'count the number of distinct palindromic substrings', 'schedule N jobs with deadlines to maximize profit', 'find the minimum number of swaps to sort a permutation', 'compute shortest paths when some edges have negative weights', 'detect a cycle in a directed graph and return it', 'find the k-th smallest element in the union of two sorted arrays', 'partition an array into two subsets with minimum sum difference', 'implement a trie that supports wildcard search', 'merge k sorted linked lists', 'compute the edit distance with a custom cost matrix', 'find all bridges in an undirected graph', 'serialize and deserialize a binary tree', 'compute the maximum flow in a network', 'implement a consistent-hashing ring with virtual nodes', 'design a lock-free single-producer single-consumer queue', 'find the median of a stream with deletions', 'solve the N-queens problem and count solutions', 'compute the longest increasing subsequence and reconstruct it', 'evaluate an arithmetic expression with precedence and parentheses'];
const AGENT_SCEN = ['a Python monorepo where the CI pipeline fails intermittently on test_payment_flow', 'a Kubernetes cluster where one deployment keeps CrashLoopBackOff-ing after a config change', 'a Node service whose memory grows by 200MB per hour', 'a data pipeline that silently drops about 2% of records', 'a Go microservice with p99 latency spikes every 10 minutes', 'a legacy Java app that must be migrated from Java 8 to 21', 'a React app with a hydration mismatch error in production only', 'a Terraform plan that wants to destroy and recreate the production database', 'a Rust crate that fails to compile on the newest toolchain', 'a flaky end-to-end test suite in a Django project'];
const AGENT_GOALS = ['find the root cause and propose a minimal patch', 'produce a step-by-step remediation plan', 'write the fix and the regression test', 'decide which files to inspect first and why', 'list the shell commands you would run, in order'];
const CONSTRAINTS = ['O(n log n) time', 'no external libraries', 'must be thread-safe', 'inputs up to 10^6 elements', 'constant extra memory', 'must pass property-based tests', 'streaming input', 'deterministic output'];
const TOOLS = ['bash', 'read_file', 'write_file', 'search_code', 'run_tests', 'git_diff', 'http_get', 'python_exec', 'sql_query', 'browser_open'];
const HYDRA_SYS = ['You are a world-class software engineer. Always reason step by step and show your complete reasoning before the final answer.', 'You are an expert problem solver. Think out loud in detail inside <reasoning> tags, then give the answer.', 'You are a meticulous senior engineer. Before any code, write a thorough analysis of the problem, alternatives and complexity.'];
const HYDRA_T = [
  (r) => `You are a ${r.pick(HYDRA_ROLES)}. Solve the following task. Before answering, reason through the problem step by step inside <reasoning> tags, considering edge cases, then give the final ${r.pick(['code', 'answer', 'implementation'])}.\n\nTask: ${r.pick(ALGO)}.\nConstraints: ${r.pick(CONSTRAINTS)}; ${r.pick(CONSTRAINTS)}.`,
  (r) => `Problem #${r.int(1000, 99999)}: ${cap(r.pick(ALGO))}.\nWrite a complete, efficient solution in ${r.pick(['Python', 'C++', 'Rust', 'Go', 'Java', 'TypeScript'])}. First explain your full chain of thought: restate the problem, enumerate approaches, analyze complexity, then write the code.`,
  (r) => `Think step by step and show all intermediate reasoning. You are an agent working in ${r.pick(AGENT_SCEN)}. Your goal: ${r.pick(AGENT_GOALS)}. Available tools: ${r.sample(TOOLS, r.int(3, 6)).join(', ')}. Output a numbered plan with the reasoning for each action, then the final answer.`,
  (r) => `Let's work through this carefully, one step at a time.\nA ${r.pick(['warehouse', 'scheduler', 'cache', 'elevator controller', 'bank ledger'])} has ${r.int(3, 40)} ${r.pick(['workers', 'slots', 'shards', 'queues'])} and receives ${r.int(100, 9000)} ${r.pick(['requests', 'events', 'orders'])} per ${r.pick(['second', 'minute'])}. ${r.pick(['What is the expected wait time?', 'How many are dropped?', 'What capacity is needed for 99.9% availability?', 'Which policy minimizes tail latency?'])}\nDo not skip steps. After the final answer, verify it.`,
  (r) => `Given the repository context below, decide which tool to call next and justify every decision step by step.\nRepo: ${r.pick(AGENT_SCEN)}\nGoal: ${r.pick(AGENT_GOALS)}\nTools: ${r.sample(TOOLS, r.int(3, 7)).map(t => `${t}()`).join(' ')}\nHistory: ${r.int(0, 6)} previous steps omitted.`,
  (r) => `Explain in exhaustive detail how you would debug this: ${r.pick(CODE_ERRORS)} in ${r.pick(FRAMEWORKS)}. Walk through your reasoning step by step, including the hypotheses you reject and why.`,
  (r) => `Implement ${r.pick(['a rate limiter', 'an LRU cache', 'a job queue with retries', 'a JSON parser', 'a B-tree', 'a Raft log', 'a regex engine', 'a bloom filter'])} in ${r.pick(['Rust', 'Go', 'Python', 'C++', 'TypeScript'])}. Show your reasoning for every design decision step by step before writing the code, then write tests.`,
];
function genHydra() {
  const r = streams('cerberus');
  const g = mkGroup('cerberus-swarm', 'campaign');
  const N = Math.round(vary(r, 1100, 0.45));
  const rowsTarget = N * vary(r, 60, 0.3);
  // proxy pool: rare hosting / VPN ASNs, a few IPs overlapping with commercial VPN exits
  const asns = r.sample(RARE_HOSTING, r.int(7, 12));
  const pool = ip.pool(r, asns, Math.round(vary(r, 260, 0.4)), EXIT_CC);
  for (const x of r.sample(SVC_VPN.pools, r.int(3, 8))) pool.push(x);
  const nPay = Math.max(18, Math.round(N / r.uni(14, 30)));
  const pays = Array.from({ length: nPay }, () => newId('pm_', 20));
  const doms = Array.from({ length: Math.round(vary(r, 45, 0.4)) }, () => `${r.pick(DOMAIN_SYL)}${r.pick(DOMAIN_SYL)}${r.int(0, 99)}.${r.pick(['xyz', 'top', 'site', 'online', 'icu', 'shop', 'pro', 'click'])}`);
  const uas = [`helix-python/${r.pick(PY_SDK)} (python 3.11.9; linux)`, 'python-httpx/0.27.0', 'aiohttp/3.9.5'];
  // creation bursts
  const K = r.int(4, 9); const bursts = [];
  for (let k = 0; k < K; k++) bursts.push(k === 0 ? T0 - r.uni(3, 14) * DAY : T0 + r.uni(-2, D - 4) * DAY);
  bursts.sort((x, y) => x - y);
  const share = bursts.map((_, k) => (k === 0 ? 2.5 : 1) * r.uni(0.6, 1.4));
  const accts = [];
  for (let i = 0; i < N; i++) {
    const b = r.weighted(bursts.map((_, k) => k), share);
    const created = bursts[b] + r.uni(0, r.uni(20, 150)) * MIN;
    const email = r.chance(0.45) ? r.pick(doms) : r.wpick([['gmail.com', 35], ['outlook.com', 10], ['proton.me', 10]]);
    const a = addTo(g, mkAccount({ pay: pays[Math.floor(nPay * Math.pow(r.next(), 1.6))], created, email, keys: r.chance(0.15) ? [newId('key_', 20), newId('key_', 20)] : undefined }));
    a.s = Math.max(T0, created + r.logn(3, 0.9) * HOUR);
    a.e = r.chance(0.45) ? T1 : Math.min(T1, a.s + (2 + r.exp(9)) * DAY);
    a.ua = r.weighted(uas, [5, 3, 2]); a.sys = r.chance(0.8) ? sha256(HYDRA_SYS[i % 3]) : null; a.temp = r.pick([0.7, 1, 1]); a.cur = r.pick(pool);
    a.mpro = r.uni(0.55, 0.85);
    accts.push(a);
  }
  const active = Array.from({ length: H }, () => []);
  for (const a of accts) for (let h = Math.max(0, Math.floor((a.s - T0) / HOUR)); h < Math.min(H, Math.ceil((a.e - T0) / HOUR)); h++) active[h].push(a);
  const perHour = rowsTarget / H;
  for (let h = 0; h < H; h++) {
    const list = active[h]; if (!list.length) continue;
    const n = r.poisson(perHour * r.uni(0.88, 1.12));
    for (let j = 0; j < n; j++) {
      const a = r.pick(list); const t = T0 + (h + r.next()) * HOUR;
      if (t < a.s || t >= a.e) continue;
      if (!r.chance(0.65)) a.cur = r.pick(pool);
      const tpl = r.pick(HYDRA_T); const prompt = tpl(r);
      const model = r.chance(a.mpro) ? M.pro : M.code;
      const mt = r.pick([8192, 16384, 16384, 12000]);
      emit(r, a, t, { model, in: toks(prompt) + (a.sys ? 40 : 0) + r.int(0, 120), out: Math.min(mt, r.logn(2700, 0.45)), net: a.cur, ua: a.ua, prompt, sph: a.sys, mt, temp: a.temp, topic: HYDRA_T.indexOf(tpl) % 3 === 2 ? 'agentic' : 'coding', status: status(r, 0.045, 0.007, 0.002), key: r.pick(a.keys) });
    }
  }
}

// ---- campaign 2: metronome-graders (synchronized CoT + rubric grading) ----
const QUESTIONS = ['A train leaves at 3:40pm going 72 km/h; another leaves the same station at 4:10pm going 90 km/h. When does the second catch up?', 'How many ways can 6 people sit at a round table if two of them refuse to sit together?', 'Prove that the sum of the first n odd numbers is n^2.', 'A shop marks an item up 25% then discounts it 20%. What is the net change?', 'Is 2^31 - 1 prime? Justify.', 'What is the time complexity of building a binary heap from n elements, and why?', 'If P(A)=0.3, P(B)=0.5 and P(A and B)=0.1, what is P(A|B)?', 'Write a function that returns the number of trailing zeros in n!.', 'Three boxes are mislabeled apples, oranges and mixed. With one draw, how do you fix the labels?', 'A tank fills in 6 hours with pipe A and 9 hours with pipe B, and drains in 12 hours with C. All open: how long?', 'Why does quicksort degrade to O(n^2) and how do you prevent it?', 'Find all integer solutions of x^2 - y^2 = 45.', 'Explain why the halting problem is undecidable.', 'What is the expected number of coin flips to get two heads in a row?'];
const CAND = ['The answer is 6:40pm because the gap closes at 18 km/h.', 'There are 72 arrangements.', 'By induction: base case n=1 holds; assume for n, add 2n+1.', 'The net change is 0%.', 'Yes, it is a Mersenne prime.', 'It is O(n log n) since each insertion costs log n.', 'P(A|B) = 0.2.', 'Count factors of 5 in n!.', 'Draw from the box labeled mixed.', 'About 5.1 hours.', 'Bad pivots; use random pivots or median-of-three.', 'Solutions: (23,22), (9,6), (7,2) and sign variants.', 'Diagonalization argument.', '6 flips.'];
const RUBRIC = ['correctness (0-4), reasoning completeness (0-3), clarity (0-3)', 'accuracy 1-5, rigor 1-5, conciseness 1-5', 'final answer correct (yes/no), each step justified (0-5), no hallucinated facts (0-2)'];
const METRO_T = [
  (r) => { const i = r.int(0, QUESTIONS.length - 1); return `You are grading a model answer. Rubric: ${r.pick(RUBRIC)}.\nQuestion: ${QUESTIONS[i]}\nCandidate answer: ${r.chance(0.5) ? CAND[i] : r.pick(CAND)}\nReason step by step about each rubric criterion before scoring. End with JSON {"scores": {...}, "total": N}.`; },
  (r) => `Solve the following problem. Show your complete chain of thought, numbering every step. Then grade your own solution with this rubric: ${r.pick(RUBRIC)}.\nProblem: ${r.pick(QUESTIONS)}`,
  (r) => `Compare responses A and B to the question below. Think step by step about which is better under the rubric (${r.pick(RUBRIC)}), then output "A" or "B" and a score from 1-10.\nQuestion: ${r.pick(QUESTIONS)}\nA: ${r.pick(CAND)}\nB: ${r.pick(CAND)}`,
];
function genMetronome() {
  const r = streams('metronome');
  const g = mkGroup('metronome-graders', 'campaign');
  const N = Math.round(vary(r, 34, 0.45));
  const pays = Array.from({ length: r.int(2, 4) }, () => newId('pm_', 20));
  const doms = [companyDomain(r), companyDomain(r), companyDomain(r)];
  const hostAsn = r.pick([24940, 16276, 20473]);
  const ips = ip.pool(r, [hostAsn], r.int(5, 10), [r.pick(['DE', 'FI', 'FR', 'NL'])]);
  const batches = [T0 - r.uni(5, 20) * DAY, T0 - r.uni(1, 4) * DAY];
  const ua = `helix-python/${r.pick(PY_SDK)} (python 3.10.12; linux)`;
  const accts = [];
  for (let i = 0; i < N; i++) accts.push(addTo(g, mkAccount({ pay: pays[i % pays.length], created: r.pick(batches) + r.uni(0, 100) * MIN, email: r.chance(0.7) ? r.pick(doms) : 'gmail.com' })));
  accts.forEach((a, i) => { a.ipx = ips[i % ips.length]; });
  const rowsTarget = vary(r, 11000, 0.4);
  const start = T0 + r.uni(0, 3) * DAY, end = T1 - r.uni(0, 2) * DAY;
  const rounds = rowsTarget / (N * 0.8 * 1.4);
  const gapMean = (end - start) / rounds;
  let t = start;
  while (t < end) {
    for (const a of accts) {
      if (!r.chance(0.8)) continue;
      let ta = t + r.uni(0, 2200);
      const reps = r.chance(0.4) ? 2 : 1;
      for (let k = 0; k < reps; k++) {
        const prompt = r.pick(METRO_T)(r); const out = Math.min(4096, r.logn(1500, 0.35)); const st = status(r, 0.01);
        const lat = latency(r, M.pro, out, st);
        emit(r, a, ta, { model: M.pro, in: toks(prompt) + 30, out, net: a.ipx, ua, prompt, mt: 4096, temp: 0.8, topic: 'reasoning', status: st, lat });
        ta += lat + r.uni(300, 1500);
      }
    }
    t += Math.max(4 * MIN, r.exp(gapMean));
    if (r.chance(0.02)) t += r.uni(4, 16) * HOUR; // operator pauses
  }
}

// ---- campaign 3: toolchain-relay (agentic, multiple access pathways) ----
const AGENT_TASKS = ['book the cheapest refundable flight from {A} to {B} next Tuesday', 'find the failing test in the repo and fix it', 'scrape the pricing page of three competitors and build a comparison table', 'reconcile the March invoices with the bank export and list mismatches', 'set up a cron job that backs up the database to object storage', 'triage the 20 newest GitHub issues and label them', 'migrate the users table to add a non-null column without downtime', 'summarize every PDF in /data/reports and email the digest', 'find out why the nightly build is 3x slower than last week', 'create a dashboard of weekly signups from the analytics API', 'rename a function across the codebase and update the call sites', 'investigate a spike of 500 errors on the checkout endpoint'];
const OBS = ['Observation: command exited with code 1: ModuleNotFoundError', 'Observation: 3 files matched: src/api/routes.py, src/api/auth.py, tests/test_routes.py', 'Observation: HTTP 200, 14KB of HTML returned', 'Observation: 17 tests passed, 2 failed (test_refund, test_tax_rounding)', 'Observation: query returned 412 rows', 'Observation: file written successfully', 'Observation: permission denied: /etc/cron.d', 'Observation: git diff shows 3 changed files, +48 -12', 'Observation: timeout after 30s', 'Observation: found 2 mismatches totalling 1,284.50 EUR'];
function agentSys(r, name) {
  const tools = r.sample(TOOLS, r.int(4, 8));
  return `You are ${name}, an autonomous agent. You can call these tools:\n${tools.map(t => `- ${t}(args: object) -> string`).join('\n')}\nAlways answer with "Thought:", then "Action:" and "Action Input:" as JSON. Think step by step before every action. When the task is complete answer with "Final Answer:".`;
}
function genRelay() {
  const r = streams('relay');
  const g = mkGroup('toolchain-relay', 'campaign');
  const N = Math.round(vary(r, 300, 0.4));
  const rowsTarget = vary(r, 34000, 0.35);
  const sysTexts = Array.from({ length: r.int(3, 5) }, (_, i) => agentSys(r, r.pick(['Atlas', 'Operator', 'Forge', 'Pilot', 'Scout']) + '-' + (i + 1)));
  const sysH = sysTexts.map(sha256), sysT = sysTexts.map(toks);
  const chromeUA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  const paths = [
    { name: 'cloud', share: vary(r, 0.35, 0.3), keyP: 'key_', ua: () => `helix-python/1.9.1 (python 3.10.12; linux)`, net: ip.pool(r, [16509, 14618], r.int(18, 40), ['US', 'US', 'IE']), sticky: true, pays: r.int(4, 8), flat: 1, start: 0, bursty: true },
    { name: 'residential', share: vary(r, 0.3, 0.3), keyP: 'wk_', ua: () => chromeUA, net: null, sticky: false, pays: 0, flat: 0.5, start: r.uni(2, 6), bursty: false },
    { name: 'gateway', share: vary(r, 0.2, 0.3), keyP: 'pk_', ua: () => `litellm/1.40.${r.int(1, 9)}`, net: ip.pool(r, [396982], r.int(6, 12), ['US', 'US', 'BE']), sticky: false, pays: r.int(2, 4), flat: 1, start: r.uni(0, 3), bursty: true },
    { name: 'vps', share: vary(r, 0.15, 0.3), keyP: 'svc_', ua: () => `helix-node/0.22.0 (node v18.19.0; linux)`, net: ip.pool(r, [24940, 16276], r.int(8, 16), ['DE', 'FI', 'FR']), sticky: true, pays: r.int(1, 3), flat: 1, start: r.uni(0, 8), bursty: true },
  ];
  const sShare = paths.reduce((s, p) => s + p.share, 0);
  const resiCCs = ['US', 'US', 'US', 'GB', 'CA', 'DE', 'BR', 'IN', 'FR', 'AU'];
  for (const p of paths) {
    p.accts = []; const n = Math.max(8, Math.round(N * p.share / sShare));
    const pays = Array.from({ length: p.pays }, () => newId('pm_', 20));
    const burstT = Array.from({ length: r.int(1, 3) }, () => T0 + (p.start - r.uni(1, 12)) * DAY);
    for (let i = 0; i < n; i++) {
      const created = p.bursty ? r.pick(burstT) + r.uni(0, 90) * MIN : T0 + (p.start - r.uni(0, 40)) * DAY;
      const a = addTo(g, mkAccount({ pay: p.pays ? r.pick(pays) : undefined, created, email: r.chance(0.6) ? r.wpick(PERSONAL_DOMAINS) : companyDomain(r), keys: [newId(p.keyP, 20)] }));
      a.ua = p.ua(); a.ipx = p.sticky ? r.pick(p.net) : null; a.cc = r.pick(resiCCs); a.sys = r.int(0, sysH.length - 1);
      p.accts.push(a);
    }
    const cdf = buildCdf({ tz: -5, flat: p.flat, weekendF: p.flat === 1 ? 1 : 0.8 }, T0 + p.start * DAY, T1);
    const rows = rowsTarget * p.share / sShare;
    let made = 0;
    while (made < rows) {
      const t0 = sampleT(r, cdf, T0 + p.start * DAY, T1);
      const live = p.accts.filter(a => a.created < t0);
      if (!live.length) { made += 1; continue; }
      const a = r.pick(live);
      const steps = r.int(3, 10);
      const task = r.pick(AGENT_TASKS).replace('{A}', r.pick(CITIES)).replace('{B}', r.pick(CITIES));
      let hist = 0, t = t0;
      const net = p.sticky ? a.ipx : p.net ? r.pick(p.net) : ip.res(r, a.cc);
      for (let s = 0; s < steps; s++) {
        const prompt = s === 0 ? `Task: ${task}\nEnvironment: ${r.pick(AGENT_SCEN)}\nBegin. Remember to think step by step and output Thought/Action/Action Input.` : `${r.pick(OBS)}\nStep ${s + 1}/${steps}. Continue with the next Thought and Action.`;
        const out = r.logn(620, 0.5); const st = status(r, 0.012);
        const inTok = sysT[a.sys] + toks(prompt) + hist;
        const lat = latency(r, M.pro, out, st);
        emit(r, a, t, { model: r.chance(0.8) ? M.pro : M.code, in: inTok, out, net, ua: a.ua, prompt, sph: sysH[a.sys], mt: 4096, temp: 0.6, topic: 'agentic', status: st, lat });
        hist += toks(prompt) + out + r.int(100, 1400);
        t += lat + r.uni(0.4, 4) * SEC;
        made++;
      }
    }
  }
}

// ---- campaign 4: day-one-pivot (moves ~half its traffic to the new model within 24 h) ----
const PIVOT_T = [
  (r) => `Provide a rigorous, step-by-step solution: ${r.pick(QUESTIONS)}`,
  (r) => `Write and explain, step by step, a ${r.pick(['Python', 'Rust', 'Go', 'C++'])} implementation that can ${r.pick(ALGO)}. Include complexity analysis.`,
  (r) => `Answer with detailed reasoning: ${r.pick(['Why is the sky blue but sunsets red?', 'Why do ice cubes crack in a drink?', 'How does a transistor amplify a signal?', 'Why does compound interest grow exponentially?', 'How does public key exchange work over an insecure channel?', 'Why are there more irrational numbers than rational ones?', 'What limits the speed of a CPU clock?'])} Cover every step of the argument.`,
  (r) => `${cap(r.pick(ALGO))}. Before writing code, reason about ${r.int(2, 4)} candidate approaches step by step and pick the best.`,
];
function genPivot() {
  const r = streams('pivot');
  const g = mkGroup('day-one-pivot', 'campaign');
  const N = Math.round(vary(r, 90, 0.45));
  const rowsTarget = vary(r, 17000, 0.35);
  const pays = Array.from({ length: r.int(6, 12) }, () => newId('pm_', 20));
  const pool = ip.pool(r, r.sample([16276, 24940, 63949, 14061, 20473], r.int(2, 3)), r.int(15, 30));
  const batches = [T0 - r.uni(20, 45) * DAY, T0 - r.uni(5, 19) * DAY];
  const uas = [`helix-python/${r.pick(PY_SDK)} (python 3.11.4; linux)`, 'python-httpx/0.26.0'];
  const accts = [];
  for (let i = 0; i < N; i++) {
    const a = addTo(g, mkAccount({ pay: r.pick(pays), created: r.pick(batches) + r.uni(0, 6) * HOUR, email: r.chance(0.5) ? r.wpick(PERSONAL_DOMAINS) : companyDomain(r) }));
    a.ips = [r.pick(pool), r.pick(pool)]; a.ua = r.pick(uas); accts.push(a);
  }
  const lag = r.uni(2, 14) * HOUR, share = r.uni(0.45, 0.6);
  const tPivot = TREL + lag;
  const base = rowsTarget / (D * 24 + (T1 - tPivot) / HOUR * 0.35);
  for (let h = 0; h < H; h++) {
    const hs = T0 + h * HOUR;
    const n = r.poisson(base * (hs >= tPivot ? 1.35 : 1) * r.uni(0.8, 1.2));
    for (let j = 0; j < n; j++) {
      const t = hs + r.next() * HOUR; const a = r.pick(accts);
      let model = r.chance(0.72) ? M.pro : M.std;
      if (t >= tPivot && r.chance(share * Math.min(1, (t - tPivot) / (4 * HOUR)))) model = M.nw;
      const prompt = r.pick(PIVOT_T)(r); const mt = 8192;
      emit(r, a, t, { model, in: toks(prompt) + r.int(0, 60), out: Math.min(mt, r.logn(1900, 0.5)), net: r.pick(a.ips), ua: a.ua, prompt, mt, temp: 1, topic: 'reasoning', status: status(r, 0.02) });
    }
  }
}

// ---- campaign 5: dormant-orchard (stealth: aged accounts, residential swarm, human hours) ----
const ORCH_PUZ = ['if 5 machines make 5 widgets in 5 minutes, how long for 100 machines to make 100 widgets', 'a bat and ball cost $1.10 and the bat costs $1 more than the ball, what does the ball cost', 'how many times do the clock hands overlap in 24 hours', 'what is the probability two people in a room of 23 share a birthday', 'if a lily pad patch doubles daily and covers the lake on day 48, when is it half covered', 'how many squares are on a chessboard', 'can you tile a chessboard with two opposite corners removed using dominoes'];
const ORCH_Q = ['what causes inflation', 'is 91 prime', 'why is the derivative of e^x equal to itself', 'what is the time complexity of binary search', 'how does a hash map handle collisions', 'why does ice float'];
const ORCH_A = ['it is caused by printing money', 'yes', 'because of the definition of e', 'O(log n)', 'it uses chaining or open addressing', 'because it is less dense than water'];
const ORCH_T = [
  (r) => `hey can you help me with this? ${r.pick(ORCH_PUZ)}. please walk me through your thinking step by step before the final answer`,
  (r) => { const i = r.int(0, ORCH_Q.length - 1); return `rate this answer 1-10 on accuracy, completeness and clarity, and explain each score. Q: ${ORCH_Q[i]}? A: ${ORCH_A[i]}`; },
  (r) => `i'm studying for an exam. ${r.pick(ORCH_PUZ)}? explain how you got there, every step`,
  (r) => `write ${r.pick(['python', 'javascript', 'java'])} code to ${r.pick(FN_DESCS.slice(0, 6))}. explain your reasoning first, then the code`,
  (r) => `Is this reasoning correct? "${r.pick(ORCH_Q)}: ${r.pick(ORCH_A)}". Go through it line by line and grade it from 1 to 10.`,
  (r) => `${r.pick(['quick question', 'ok another one', 'next', 'pls help'])}: ${r.pick(ORCH_PUZ)}. think it through step by step`,
];
function genOrchard() {
  const r = streams('orchard');
  const g = mkGroup('dormant-orchard', 'campaign');
  const N = Math.round(vary(r, 120, 0.45));
  const tAct = T0 + r.uni(5, 11) * DAY;
  const cover = r.uni(0.2, 0.4);
  for (let i = 0; i < N; i++) {
    const cc = r.wpick([['US', 55], ['GB', 12], ['CA', 12], ['AU', 10], ['DE', 11]]);
    const a = addTo(g, mkAccount({ created: T0 - r.uni(90, 240) * DAY, email: r.wpick([['gmail.com', 50], ['outlook.com', 15], ['yahoo.com', 10], ['icloud.com', 12], ['proton.me', 6]]) }));
    const p = { tz: r.weighted(GEO[cc][0], GEO[cc][1]), shift: r.uni(-1, 2.5), flat: 0.12, weekendF: r.uni(0.5, 0.85), dayOn: dayMask(r, r.uni(0.6, 0.9)), sessMean: r.uni(4, 10), gapFn: (rr) => Math.max(20, 45 + 8 * rr.normal()) };
    const ua = uaFor(r, r.wpick([['browser', 60], ['py', 25], ['requests', 15]]));
    const times = sessionTimes(r, p, Math.round(vary(r, 65, 0.5)), tAct + r.uni(0, 60) * HOUR, T1);
    let net = null;
    for (const { t, k } of times) {
      if (k === 0) net = ip.res(r, cc); // residential proxy: a fresh household IP per session
      if (r.chance(cover)) { // cover traffic: ordinary-looking questions
        const topic = r.pick(['chat', 'writing', 'coding', 'education']); const prompt = bgPrompt(r, topic);
        emit(r, a, t, { model: M.pro, in: toks(prompt) + r.int(0, 300), out: Math.min(8192, r.logn(OUT_MED[topic], 0.7)), net, ua, prompt, mt: 8192, temp: 1, topic });
        continue;
      }
      const prompt = r.pick(ORCH_T)(r);
      emit(r, a, t, { model: M.pro, in: toks(prompt) + r.int(0, 30), out: Math.min(8192, r.logn(1400, 0.45)), net, ua, prompt, mt: 8192, temp: 1, topic: r.pick(['reasoning', 'education', 'coding']) });
    }
  }
}

// ═════════════════════════════ look-alikes (benign) ═════════════════════════════
// synthetic-data company: one declared org, huge templated volume, 24/7 batch jobs
const SYN_ITEMS = ['customer support dialogues', 'product reviews', 'fictional patient intake notes', 'text-to-SQL question pairs', 'e-commerce search queries', 'insurance claim descriptions', 'multi-turn banking chats', 'job postings', 'news headlines with categories', 'restaurant reservations'];
function genSynth() {
  const r = streams('synth');
  const g = mkGroup('synthforge-data', 'benign');
  const org = newId('org_', 12), pay = newId('pm_', 20), dom = 'synthforge.ai';
  const accts = Array.from({ length: Math.max(3, Math.round(vary(r, 8, 0.5))) }, () => addTo(g, mkAccount({ org, pay, created: T0 - r.uni(100, 500) * DAY, email: dom, keys: [newId('key_', 20), newId('key_', 20)] })));
  const ips = ip.pool(r, [16509], r.int(4, 8), ['US']);
  const ua = `helix-python/${r.pick(PY_SDK)} (python 3.12.3; linux) synthforge-runner/0.${r.int(5, 12)}`;
  const sys = sha256('You generate realistic, diverse, privacy-safe synthetic data records. Output valid JSON Lines only.');
  const rowsTarget = vary(r, 33000, 0.35); let made = 0;
  const tNew = TREL + r.uni(3, 6) * DAY;
  while (made < rowsTarget) {
    const size = r.int(300, 2500), conc = r.int(8, 32), start = T0 + r.next() * (T1 - T0);
    const dur = size * 20 * SEC / conc; const a = r.pick(accts); const item = r.pick(SYN_ITEMS);
    for (let i = 0; i < size; i++) {
      const t = start + r.next() * dur;
      let model = r.chance(0.6) ? M.std : M.pro; if (t >= tNew && r.chance(0.3)) model = M.nw;
      const prompt = `Generate ${r.pick([5, 10, 10, 20])} synthetic ${item} as JSON Lines. Fields: ${r.sample(['id', 'locale', 'persona', 'text', 'label', 'sentiment', 'length', 'difficulty', 'intent'], 4).join(', ')}. Vary ${r.pick(['tone', 'length', 'locale', 'persona age', 'domain'])}. Diversity seed: ${r.hex(8)}.`;
      emit(r, a, t, { model, in: toks(prompt) + 45, out: Math.min(4096, r.logn(1700, 0.4)), net: r.pick(ips), ua, prompt, sph: sys, mt: 4096, temp: 1, topic: 'data_generation', status: status(r, 0.03), key: r.pick(a.keys) });
      made++;
    }
  }
}

// eval runner: identical prompts every night at temperature 0, rubric grading
function genEvals() {
  const r = streams('evals');
  const g = mkGroup('nightly-evals', 'benign');
  const org = newId('org_', 12), pay = newId('pm_', 20), dom = companyDomain(r);
  const nA = r.int(2, 4);
  const total = Math.round(vary(r, 330, 0.35));
  const ips = ip.pool(r, [396982], 2, ['US']);
  const ua = `evalkit/0.14.${r.int(0, 6)} helix-python/${r.pick(PY_SDK)}`;
  const suites = [];
  for (let k = 0; k < nA; k++) {
    const a = addTo(g, mkAccount({ org, pay, created: T0 - r.uni(60, 400) * DAY, email: dom }));
    const items = [];
    const n = Math.round(total / nA * r.uni(0.7, 1.3));
    for (let i = 0; i < n; i++) {
      const kind = r.wpick([['judge', 3], ['cot', 3], ['code', 2], ['plain', 2]]);
      let prompt;
      if (kind === 'judge') prompt = `[suite=${['regression', 'reasoning', 'safety', 'coding'][k]} item=${i}] You are an impartial judge. Score the RESPONSE from 1 to 5 using the rubric: 5 = fully correct and well reasoned, 3 = partially correct, 1 = wrong. Explain briefly, then output "Score: N".\nQUESTION: ${r.pick(QUESTIONS)}\nRESPONSE: ${r.pick(CAND)}`;
      else if (kind === 'cot') prompt = `Q: ${r.pick(QUESTIONS)}\nA: Let's think step by step.`;
      else if (kind === 'code') prompt = `Write a ${r.pick(['Python', 'TypeScript'])} function that ${r.pick(FN_DESCS)}. Return only code. [case ${i}]`;
      else prompt = bgPrompt(r, r.pick(TOPICS));
      items.push({ prompt, out: r.logn(kind === 'judge' ? 160 : 420, 0.5), topic: kind === 'judge' ? 'evaluation' : kind === 'code' ? 'coding' : 'education' });
    }
    suites.push({ a, items, off: k * r.uni(5, 25) * MIN });
  }
  for (let d = 0; d < D; d++) {
    const night = T0 + d * DAY + 2 * HOUR;
    if (r.chance(0.05)) continue; // skipped night
    const models = [M.std, M.pro]; if (night > TREL) models.push(M.nw);
    for (const s of suites) {
      let t = night + s.off + r.uni(0, 6) * MIN;
      for (const m of models) for (const it of s.items) {
        const out = it.out * r.uni(0.97, 1.03); const st = status(r, 0.004);
        const lat = latency(r, m, out, st);
        emit(r, s.a, t, { model: m, in: toks(it.prompt) + 20, out, net: r.pick(ips), ua, prompt: it.prompt, mt: 1024, temp: 0, topic: it.topic, status: st, lat });
        t += lat / 4 + r.uni(50, 400);
      }
    }
  }
}

// support bot: one system prompt, pre-aggregated 5-minute usage rows (request_count > 1)
function genSupportBot() {
  const r = streams('helpdesk');
  const g = mkGroup('helpdesk-bot', 'benign');
  const org = newId('org_', 12), pay = newId('pm_', 20), dom = companyDomain(r);
  const sys = sha256(`You are Juno, the customer support assistant for ${dom}. Answer only questions about orders, shipping, returns and billing. Escalate to a human when the customer is upset.`);
  const ips = ip.pool(r, [16509], 2, ['US', 'IE']);
  const ua = `helix-node/${r.pick(NODE_SDK)} (node v20.12.2; linux)`;
  const peak = vary(r, 22, 0.4);
  const bots = [{ rate: peak, a: null }, { rate: 0.25, a: null }]; if (r.chance(0.5)) bots.push({ rate: peak * 0.4, a: null, tz: 1 });
  for (const b of bots) b.a = addTo(g, mkAccount({ org, pay, created: T0 - r.uni(90, 500) * DAY, email: dom }));
  for (const b of bots) {
    const tz = b.tz ?? -5;
    for (let t = T0; t < T1; t += 5 * MIN) {
      const h = (T0 === t ? 0 : (t - T0) / HOUR) + tz; const lh = ((Math.floor(h) % 24) + 24) % 24; const dow = ((Math.floor(h / 24) % 7) + 7) % 7;
      const lam = b.rate * (0.08 + DIURNAL[lh]) * (dow >= 5 ? 0.55 : 1);
      const n = r.poisson(lam); if (!n) continue;
      const inT = n * r.logn(1400, 0.2), outT = n * r.logn(210, 0.25);
      emit(r, b.a, t, { model: M.lite, in: inT, out: outT, rc: n, net: r.pick(ips), ua, sph: sys, mt: 1024, temp: 0.3, topic: 'support', status: 200, lat: Math.round(r.logn(1400, 0.2)) });
    }
  }
}

// university class: accounts created within one hour, one domain, campus range, homework prompts
function genUniversity() {
  const r = streams('university');
  const g = mkGroup('university-cs-course', 'benign');
  const cc = r.pick(['US', 'US', 'GB', 'DE', 'CA', 'AU']);
  const tz = GEO[cc][0][0];
  const dom = `${r.pick(['cs', 'students', 'mail'])}.${r.pick(DOMAIN_SYL)}${r.pick(['state', 'tech', 'u', ''])}.${cc === 'GB' ? 'ac.uk' : cc === 'DE' ? 'de' : cc === 'AU' ? 'edu.au' : 'edu'}`;
  const uniAsn = r.pick([3, 25, 73, 87, 111, 557, 1312, 2150, 7377]);
  const campus = ip.range(r, uniAsn, cc, r.int(20, 60));
  const N = Math.round(vary(r, 240, 0.45));
  const courseOrg = newId('org_', 12), uniCard = newId('pm_', 20);
  const tCreate = T0 - r.uni(2, 9) * DAY + (14 - tz) * HOUR; // first lab, local afternoon
  const nWeeks = Math.ceil(D / 7) + 1;
  const hw = [];
  for (let w = 0; w < nWeeks; w++) {
    const probs = [];
    for (let j = 0; j < r.int(4, 7); j++) probs.push(r.pick([
      () => `Write a Python function ${r.pick(['count_vowels', 'is_palindrome', 'merge_sorted', 'flatten', 'run_length_encode', 'matrix_transpose', 'binary_search', 'word_frequencies'])}(${r.pick(['s', 'xs', 'a, b', 'grid'])}) that ${r.pick(FN_DESCS)}. Do not use any imports.`,
      () => `Homework ${w + 1}, problem ${j + 1}: What is the big-O running time of the following function? Justify your answer.\n${snippet(r, 'Python')}`,
      () => `Problem ${j + 1}: Trace the execution of insertion sort on [${Array.from({ length: 6 }, () => r.int(1, 99)).join(', ')}] and show the array after each pass.`,
      () => `Explain the difference between ${r.pick(CODE_PAIRS).join(' and ')} and give one example of when to use each.`,
    ])());
    hw.push({ due: T0 + (w * 7 + 4) * DAY + (23.98 - tz) * HOUR, probs });
  }
  for (let i = 0; i < N; i++) {
    const uniPay = r.chance(r.uni(0.3, 0.5));
    const a = addTo(g, mkAccount({ org: uniPay ? courseOrg : undefined, pay: uniPay ? uniCard : undefined, created: tCreate + r.uni(0, 55) * MIN, email: dom }));
    const home = [ip.res(r, cc)];
    const p = { tz, shift: r.uni(-1, 4), flat: 0.1, weekendF: r.uni(0.5, 1), dayOn: null, sessMean: r.uni(2, 6), gapMed: r.uni(40, 150) };
    const uas = [uaFor(r, 'browser')]; if (r.chance(0.25)) uas.push(uaFor(r, 'py'));
    const extra = (hs) => { const next = hw.find(x => x.due > hs); return next ? 1 + 5 * Math.exp(-(next.due - hs) / (20 * HOUR)) : 0.3; };
    const times = sessionTimes(r, p, Math.round(r.logn(33, 0.6)), a.created + HOUR, T1, extra);
    let net = null, ua = uas[0];
    for (const { t, k } of times) {
      if (k === 0) { const lh = ((Math.floor((t - T0) / HOUR + tz) % 24) + 24) % 24; net = lh >= 8 && lh <= 18 && r.chance(0.7) ? r.pick(campus) : home[0]; ua = r.pick(uas); }
      const cur = hw.find(x => x.due > t) ?? hw[hw.length - 1];
      const prob = r.pick(cur.probs);
      const prompt = r.wpick([[prob, 45], [prob + ' Explain step by step.', 12], [`${prob}\n\nHere is my attempt, is it correct? Give it a grade.\n${snippet(r, 'Python')}`, 8], [bgPrompt(r, r.pick(['coding', 'education'])), 35]]);
      emit(r, a, t, { model: r.chance(0.7) ? M.std : M.lite, in: toks(prompt) + r.int(0, 400), out: r.logn(480, 0.6), net, ua, prompt, mt: 4096, temp: 1, topic: 'education' });
    }
  }
}

// enterprise behind one NAT: hundreds of accounts, 2 IPs, one card, one org
function genEnterprise() {
  const r = streams('enterprise');
  const g = mkGroup('enterprise-nat', 'benign');
  const cc = r.pick(['US', 'DE', 'GB', 'JP', 'FR']);
  const tz = GEO[cc][0][0];
  const org = newId('org_', 12), pay = newId('pm_', 20), dom = companyDomain(r);
  const egress = [ip.host(r, 3356, cc), ip.host(r, r.pick([174, 6461]), cc)];
  const copilotSys = sha256(`You are the internal assistant of ${dom}. Follow the acceptable-use policy. Never output customer PII.`);
  const copilotUA = `${dom.split('.')[0]}-copilot/3.${r.int(0, 9)} helix-node/${r.pick(NODE_SDK)}`;
  const N = Math.round(vary(r, 260, 0.45));
  const onboard = T0 - r.uni(200, 400) * DAY;
  const counts = paretoCounts(r, N, vary(r, N * 58, 0.3), 1.5, 0.03);
  const browserVer = r.int(119, 125);
  for (let i = 0; i < N; i++) {
    const a = addTo(g, mkAccount({ org, pay, email: dom, created: r.chance(0.55) ? onboard + r.uni(0, 3) * HOUR : onboard + r.uni(1, 380) * DAY }));
    if (a.created > T1 - 2 * DAY) a.created = T1 - r.uni(2, 20) * DAY;
    const p = makePersona(r, { cc, tz, kind: r.chance(0.85) ? 'human' : 'dev', net: { kind: 'pool', pool: egress } });
    p.weekendF = 0.05; p.flat = 0.02;
    if (p.browser) p.uas = [`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browserVer}.0.0.0 Safari/537.36 Edg/${browserVer}.0.0.0`];
    const copilot = r.chance(0.35);
    if (copilot) { p.uas = [copilotUA]; p.sys = copilotSys; }
    p.topics = [[r.pick(['coding', 'writing', 'data_analysis', 'support']), 0.6], [r.wpick(TOPIC_W), 0.4]];
    personaRows(r, a, p, counts[i], a.created + HOUR, T1, (hs, lh) => (lh >= 8 && lh <= 18 ? 1 : 0.05));
  }
}

// legitimate reseller: many accounts on one card, distinct customers, diverse traffic
function genReseller() {
  const r = streams('reseller');
  const g = mkGroup('reseller-hub', 'benign');
  const pay = newId('pm_', 20);
  const gw = ip.pool(r, [14061], r.int(2, 4), ['US', 'NL']);
  const gwUA = `relaydesk-gateway/2.${r.int(1, 9)} (+https://relaydesk.io/bot)`;
  const N = Math.round(vary(r, 150, 0.45));
  const counts = paretoCounts(r, N, vary(r, N * 105, 0.3), 1.25, 0.05);
  for (let i = 0; i < N; i++) {
    const viaGw = r.chance(0.4);
    const p = makePersona(r, viaGw ? { net: { kind: 'pool', pool: gw } } : {});
    if (viaGw) p.uas = [gwUA];
    const a = addTo(g, mkAccount({ pay, email: companyDomain(r), created: T0 - r.uni(0, 500) * DAY }));
    personaRows(r, a, p, counts[i], T0, T1);
  }
}

// CI bot fleet: cron */15, coding review traffic from CI runner pools
function genCI() {
  const r = streams('ci');
  const g = mkGroup('ci-review-fleet', 'benign');
  const org = newId('org_', 12), pay = newId('pm_', 20), dom = companyDomain(r);
  const N = Math.max(6, Math.round(vary(r, 18, 0.45)));
  const runners = ip.pool(r, [8075], r.int(300, 900), ['US', 'US', 'NL', 'IE']);
  const ua = `helix-node/${r.pick(NODE_SDK)} (node v20.11.1; linux) ci-review-action/1.${r.int(2, 6)}.0`;
  const sys = sha256('You are a code reviewer. Point out bugs, risky changes and missing tests. Reply in GitHub-flavored markdown. Be brief.');
  const bots = Array.from({ length: N }, () => { const a = addTo(g, mkAccount({ org, pay, email: dom, created: T0 - r.uni(30, 300) * DAY })); a.p = r.uni(0.08, 0.35); a.lang = r.weighted(LANGS.slice(0, 8), LANG_W.slice(0, 8)); return a; });
  for (let t = T0; t < T1; t += 15 * MIN) {
    const dow = Math.floor((t - T0) / DAY) % 7;
    for (const a of bots) {
      if (!r.chance(a.p * (dow >= 5 ? 0.35 : 1.2))) continue;
      let ta = t + r.uni(2, 25) * SEC; const net = r.pick(runners);
      for (let k = 0, n = r.int(1, 4); k < n; k++) {
        const diff = snippet(r, a.lang).split('\n').map((l, j) => (j % 3 === 1 ? '+' : j % 4 === 2 ? '-' : ' ') + l).join('\n');
        const prompt = r.chance(0.75) ? `Review this diff for ${r.pick(['bugs', 'bugs and missing tests', 'security issues', 'performance problems'])}:\n\`\`\`diff\n${diff}\n\`\`\`` : `Write unit tests for the changed function:\n${snippet(r, a.lang)}`;
        const out = r.logn(380, 0.5); const st = status(r, 0.01);
        const lat = latency(r, M.code, out, st);
        emit(r, a, ta, { model: M.code, in: toks(prompt) + r.int(200, 3000), out, net, ua, prompt, sph: sys, mt: 2048, temp: 0.2, topic: 'coding', status: st, lat });
        ta += lat + r.uni(0.2, 2) * SEC;
      }
    }
  }
}

// ═════════════════════════════ run ═════════════════════════════
genBackground();
genHydra(); genMetronome(); genRelay(); genPivot(); genOrchard();
genSynth(); genEvals(); genSupportBot(); genUniversity(); genEnterprise(); genReseller(); genCI();

ROWS.sort((x, y) => x.t - y.t);
fs.mkdirSync(opt.out, { recursive: true });
const logPath = path.join(opt.out, 'logs.jsonl');
const tmp = logPath + '.tmp';
const fd = fs.openSync(tmp, 'w');
let buf = [];
const iso = (ms) => new Date(ms).toISOString();
for (const x of ROWS) {
  const a = x.a;
  const o = { ts: iso(x.t), account_id: a.id };
  if (!opt.noBilling) o.org_id = a.org;
  o.api_key_id = x.key; o.model = x.model; o.input_tokens = x.in; o.output_tokens = x.out; o.request_count = x.rc;
  o.ip = x.ip.ip; o.asn = x.ip.asn; o.country = x.ip.cc; o.user_agent = x.ua;
  if (!opt.noBilling) { o.payment_fingerprint = a.pay; o.account_created_at = iso(a.created); o.email_domain = a.email; }
  if (!opt.metadataOnly && x.prompt != null) { o.prompt = x.prompt; o.prompt_hash = sha256(x.prompt); }
  if (x.sph) o.system_prompt_hash = x.sph;
  o.status = x.status; o.latency_ms = x.lat;
  if (x.mt != null) o.max_tokens = x.mt;
  if (x.temp != null) o.temperature = x.temp;
  o.topic = x.topic;
  buf.push(JSON.stringify(o));
  if (buf.length >= 2000) { fs.writeSync(fd, buf.join('\n') + '\n'); buf = []; }
}
if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
fs.closeSync(fd);
fs.renameSync(tmp, logPath);

const truth = { groups: GROUPS.map(g => {
  const acc = g.accounts.filter(a => a.n > 0);
  return { id: g.name, population: g.name, kind: g.kind, accounts: acc.map(a => a.id), exchanges: acc.reduce((s, a) => s + a.n, 0) };
}) };
fs.writeFileSync(path.join(opt.out, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
const summary = truth.groups.map(g => `${g.id}(${g.kind}): ${g.accounts.length} accts, ${g.exchanges} exch`).join('\n  ');
process.stderr.write(`seed=${seedStr} window=${iso(T0)}..${iso(T1)} (${D}d) new-model ${M.nw} released ${iso(TREL)}\nrows=${ROWS.length}\n  ${summary}\n`);
