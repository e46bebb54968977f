#!/usr/bin/env node
// A third, independent generator of test dumps with ground truth, written like independent-generator-a.mjs
// (from the issue text and shared/CONTRACT.md alone, without reading src/simulate, src/score, src/cluster,
// docs/detection.md or the other generator), with other design choices: near-unique background prompts with
// natural "step by step" requests, campaigns spread over access pathways, rotating keys, staggered account
// lifetimes. Kept as written; change it only to add populations.
// usage: node independent-generator-b.mjs SEED --out DIR [--csv] [--no-billing] [--metadata-only] [--scale-rows F]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

// ---------------------------------------------------------------- args
const argv = process.argv.slice(2);
let SEED = 1, OUT = null, CSV = false, NOBILL = false, META = false, ROWSCALE = 1;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--out') OUT = argv[++i];
  else if (a === '--csv') CSV = true;
  else if (a === '--no-billing') NOBILL = true;
  else if (a === '--metadata-only') META = true;
  else if (a === '--scale-rows') ROWSCALE = Number(argv[++i]);
  else if (/^\d+$/.test(a)) SEED = Number(a);
  else { console.error('unknown arg ' + a); process.exit(2); }
}
if (!OUT) { console.error('--out DIR required'); process.exit(2); }
fs.mkdirSync(OUT, { recursive: true });

// ---------------------------------------------------------------- PRNG (sfc32, seeded per stream)
function hash32(str) {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
  h ^= h >>> 13; h = Math.imul(h, 0x5bd1e995) >>> 0; h ^= h >>> 15;
  return h >>> 0;
}
function makeRng(name) {
  let a = hash32(SEED + ':a:' + name), b = hash32(SEED + ':b:' + name), c = hash32(SEED + ':c:' + name), d = hash32(SEED + ':d:' + name) | 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); d = (d + 1) | 0; t = (t + d) | 0; c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const r = {
    next,
    f: (lo = 0, hi = 1) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    exp: (mean) => -Math.log(1 - next()) * mean,
    normal: () => { let u = 0, v = 0; while (u === 0) u = next(); v = next(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); },
    lognormal: (mu, sigma) => Math.exp(mu + sigma * r.normal()),
    pareto: (xm, alpha) => xm / Math.pow(1 - next(), 1 / alpha),
    weighted: (items, weights) => { let s = 0; for (const w of weights) s += w; let x = next() * s; for (let i = 0; i < items.length; i++) { x -= weights[i]; if (x <= 0) return items[i]; } return items[items.length - 1]; },
    id: (n, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') => { let s = ''; for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)]; return s; },
    shuffle: (arr) => { for (let i = arr.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [arr[i], arr[j]] = [arr[j], arr[i]]; } return arr; },
  };
  return r;
}

// ---------------------------------------------------------------- time frame
const HOUR = 3600e3, DAY = 24 * HOUR, MIN = 60e3;
const gR = makeRng('global');
const START = Date.UTC(2026, 1, 9) + gR.int(0, 3) * 7 * DAY; // a Monday-ish in Feb/Mar 2026
const NDAYS = 33 + gR.int(0, 6); // 33..39 days
const END = START + NDAYS * DAY;
const RELEASE = START + (18 + gR.int(0, 6)) * DAY + gR.int(14, 18) * HOUR + gR.int(0, 59) * MIN; // new model release
const MODELS_OLD = ['orca-7-pro', 'orca-7-swift', 'orca-7-code', 'orca-6-pro'];
const NEW_MODEL = 'orca-8-pro';

// ---------------------------------------------------------------- ids (shared collision guard)
const idR = makeRng('ids');
const usedIds = new Set();
function uid(prefix, n = 12, alpha) { for (;;) { const s = prefix + idR.id(n, alpha); if (!usedIds.has(s)) { usedIds.add(s); return s; } } }
const newAccountId = () => uid('u-', 11, '0123456789abcdef');
const newOrgId = () => uid('org-', 10);
const newCard = () => uid('pm_', 14, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
const keyStyles = [
  () => uid('sk-', 20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
  () => uid('key_', 16, '0123456789abcdef'),
  () => uid('ak-', 12),
];
const newKey = (style) => keyStyles[style ?? idR.int(0, 2)]();

// ---------------------------------------------------------------- network model
const ASNS = {
  res_us: [[7922, 'US', [73, 24, 98]], [20115, 'US', [71, 97]], [7018, 'US', [99, 108]], [701, 'US', [100, 173]], [22773, 'US', [68, 70]]],
  res_eu: [[3320, 'DE', [87, 91]], [3215, 'FR', [90, 86]], [2856, 'GB', [81, 86]], [12322, 'FR', [82, 88]], [3352, 'ES', [80, 83]], [1136, 'NL', [77, 84]]],
  res_in: [[55836, 'IN', [49, 157]], [9498, 'IN', [122, 59]], [45609, 'IN', [106, 117]]],
  res_jp: [[4713, 'JP', [126, 153]], [17676, 'JP', [126, 219]]],
  res_br: [[26599, 'BR', [177, 187]], [28573, 'BR', [179, 189]]],
  res_sg: [[9506, 'SG', [116, 118]]],
  mobile: [[21928, 'US', [172]], [6167, 'US', [174]], [3209, 'DE', [46]], [45271, 'IN', [27]], [4134, 'CN', [113]]],
  dc: [[16509, 'US', [3, 18, 52, 54]], [15169, 'US', [34, 35]], [8075, 'US', [20, 40, 52]], [14061, 'US', [64, 137, 159]], [16276, 'FR', [51, 141]], [24940, 'DE', [65, 88, 95]], [9009, 'NL', [185, 89]], [20473, 'US', [45, 149]], [63949, 'US', [172, 139]], [60068, 'GB', [195, 212]]],
};
const TZ = { us_e: -5, us_w: -8, eu: 1, in: 5.5, jp: 9, br: -3, sg: 8 };
const TZ_RES = { us_e: 'res_us', us_w: 'res_us', eu: 'res_eu', in: 'res_in', jp: 'res_jp', br: 'res_br', sg: 'res_sg' };
function ipIn(r, asnEntry) { const [asn, country, firsts] = asnEntry; return { ip: `${r.pick(firsts)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, asn, country }; }
function ipBlock(r, asnEntry, n) { // n IPs in a /24
  const [asn, country, firsts] = asnEntry; const base = `${r.pick(firsts)}.${r.int(0, 255)}.${r.int(0, 255)}.`;
  const s = new Set(); const out = []; while (out.length < n) { const h = r.int(2, 254); if (s.has(h)) continue; s.add(h); out.push({ ip: base + h, asn, country }); } return out;
}

// ---------------------------------------------------------------- vocabulary & prompt machinery
const W = {
  noun: 'invoice pipeline garden budget recipe thesis contract server cluster database spreadsheet letter resume poem playlist workout itinerary newsletter landing-page chatbot query migration schema dashboard podcast lecture essay story report tenant lease mortgage portfolio vaccine symptom diet fermentation sourdough espresso bicycle drone battery inverter solar-panel heat-pump thermostat aquarium cat puppy toddler wedding eulogy toast speech pitch-deck roadmap backlog sprint incident postmortem outage firewall certificate token webhook cron-job container pod helm-chart terraform-module lambda queue cache index shard replica bug regression flaky-test benchmark profiler memory-leak deadlock race-condition regex parser compiler interpreter shader texture mesh animation rig soundtrack chord melody lyric sonnet haiku limerick novel chapter character villain plot-twist worldbuilding map dungeon campaign quest spell potion inventory warehouse shipment supplier forecast churn cohort funnel retention pricing discount coupon refund complaint warranty'.split(' '),
  verb: 'write fix explain summarize refactor translate debug optimize outline draft rewrite shorten expand review compare plan design estimate calculate convert schedule organize brainstorm critique proofread simplify generate test deploy migrate configure document visualize analyze classify prioritize negotiate'.split(' '),
  adj: 'quick simple formal casual friendly concise detailed robust scalable cheap secure accessible minimal spooky festive polite firm heartfelt funny sarcastic professional beginner-friendly advanced vegan gluten-free low-budget offline async typed idiomatic legacy modern'.split(' '),
  tech: 'python javascript typescript rust go java kotlin swift c++ c# sql postgres mysql sqlite redis kafka spark pandas numpy react vue svelte django flask fastapi rails laravel spring kubernetes docker terraform ansible bash powershell excel google-sheets notion airtable figma unity unreal godot blender arduino raspberry-pi esp32 matlab r julia haskell elixir erlang scala'.split(' '),
  topic: 'tax-law photosynthesis black-holes roman-history french-revolution game-theory stoicism keynesian-economics crispr sleep-hygiene marathon-training chess-openings jazz-harmony impressionism urban-planning supply-chains climate-adaptation volcanoes coral-reefs beekeeping wine-pairing kombucha bonsai origami calligraphy astrophotography ham-radio sailing rock-climbing birdwatching genealogy copyright-law gdpr hipaa accessibility color-theory typography mythology linguistics etymology probability linear-algebra topology number-theory thermodynamics optics fluid-dynamics immunology microbiome neuroplasticity attachment-theory negotiation public-speaking parenting ux-research'.split(' '),
  name: 'Amara Bastian Chioma Dmitri Elif Farah Gustavo Hiroshi Ingrid Jamal Keiko Lucia Mateo Nadia Oskar Priya Quentin Rosa Santiago Tamsin Ulrich Valentina Wei Ximena Yusuf Zofia Anders Beatriz Cyrus Delphine Emeka Fatima Goran Hana Ivo Jolene Kwame Leilani Mikko Noor'.split(' '),
  place: 'Lisbon Nairobi Osaka Denver Krakow Hanoi Quito Tbilisi Porto Adelaide Leeds Bergen Cusco Accra Valencia Montreal Busan Tallinn Oaxaca Marrakesh Ljubljana Halifax Cebu Malmo Asheville Bruges Hobart Izmir Cordoba Salzburg'.split(' '),
  lang: 'German French Spanish Japanese Portuguese Italian Korean Dutch Polish Turkish Hindi Swahili Vietnamese Greek'.split(' '),
  filler: 'the a some my our this that for with about from into over under before after because although while so but and or if then also really maybe just please quickly basically honestly actually'.split(' '),
};
const SYL = 'ka lo mi ne ru ta zu vo pe xi ba do fe gu hi jo ke la mu no pi qu re si to vu wa ye zo ar el in or ul an en on'.split(' ');
function pseudoWord(r, k = r.int(2, 4)) { let s = ''; for (let i = 0; i < k; i++) s += r.pick(SYL); return s; }
function ident(r) { const w = pseudoWord(r); const v = r.pick(['get', 'set', 'load', 'parse', 'build', 'sync', 'handle', 'compute', 'fetch', 'render']); return r.chance(0.5) ? v + w[0].toUpperCase() + w.slice(1) : v + '_' + w; }
function sentence(r, n = r.int(6, 16)) {
  const parts = [];
  for (let i = 0; i < n; i++) {
    const x = r.next();
    parts.push(x < 0.35 ? r.pick(W.filler) : x < 0.6 ? r.pick(W.noun) : x < 0.72 ? r.pick(W.verb) : x < 0.82 ? r.pick(W.adj) : x < 0.9 ? r.pick(W.topic) : x < 0.95 ? pseudoWord(r) : String(r.int(1, 9999)));
  }
  const s = parts.join(' ');
  return s[0].toUpperCase() + s.slice(1) + r.pick(['.', '.', '?', '!', '...']);
}
function paragraph(r, k = r.int(2, 6)) { const a = []; for (let i = 0; i < k; i++) a.push(sentence(r)); return a.join(' '); }
function codeSnippet(r) {
  const f = ident(r), a = pseudoWord(r), b = pseudoWord(r);
  const lines = r.pick([
    [`def ${f}(${a}, ${b}=None):`, `    for x in ${a}:`, `        if x.${b} > ${r.int(0, 99)}:`, `            return x`, `    return ${b}`],
    [`function ${f}(${a}) {`, `  const ${b} = ${a}.map(v => v * ${r.int(2, 9)});`, `  return ${b}.filter(Boolean).length;`, `}`],
    [`SELECT ${a}, count(*) FROM ${b}`, `WHERE created_at > now() - interval '${r.int(1, 30)} days'`, `GROUP BY 1 ORDER BY 2 DESC;`],
    [`fn ${f}(${a}: &[u${r.pick([8, 32, 64])}]) -> usize {`, `    ${a}.iter().filter(|x| **x > ${r.int(1, 50)}).count()`, `}`],
  ]);
  return lines.join('\n');
}
const STEP = ['think step by step', 'Think step by step.', "let's think step by step", 'can you think step by step', 'walk me through it step by step'];
// background prompt frames: many shapes, slot-filled with a large vocab -> near-unique prompts
const BG_FRAMES = [
  (r) => `how do i ${r.pick(W.verb)} a ${r.pick(W.noun)} in ${r.pick(W.tech)}?`,
  (r) => `${r.pick(W.verb)} this ${r.pick(W.noun)} so it sounds more ${r.pick(W.adj)}:\n\n${paragraph(r)}`,
  (r) => `Write an email to ${r.pick(W.name)} about the ${r.pick(W.noun)} — keep it ${r.pick(W.adj)}.`,
  (r) => `what's the difference between ${r.pick(W.tech)} and ${r.pick(W.tech)} for a ${r.pick(W.noun)}`,
  (r) => `Translate into ${r.pick(W.lang)}: ${sentence(r)}`,
  (r) => `Why does this throw?\n\`\`\`\n${codeSnippet(r)}\n\`\`\``,
  (r) => `Explain ${r.pick(W.topic)} like I'm ${r.int(5, 70)}`,
  (r) => `give me ${r.int(3, 15)} ideas for a ${r.pick(W.adj)} ${r.pick(W.noun)} in ${r.pick(W.place)}`,
  (r) => `Plan a ${r.int(2, 14)}-day trip to ${r.pick(W.place)} on a ${r.pick(W.adj)} budget`,
  (r) => `summarize:\n${paragraph(r, r.int(4, 10))}`,
  (r) => `I have ${r.int(2, 40)} ${r.pick(W.noun)}s and ${r.int(2, 40)} ${r.pick(W.noun)}s, ${sentence(r)}`,
  (r) => `${sentence(r)} ${sentence(r)}`,
  (r) => `${r.pick(['hey', 'hi', 'ok so', 'quick q', 'hello'])} ${sentence(r).toLowerCase()}`,
  (r) => `Review my ${r.pick(W.tech)} code for ${r.pick(['bugs', 'style', 'performance', 'security issues'])}:\n${codeSnippet(r)}`,
  (r) => `Write a ${r.pick(W.adj)} ${r.pick(['poem', 'haiku', 'story', 'limerick', 'toast', 'tweet'])} about ${r.pick(W.topic)} and ${r.pick(W.noun)}`,
  (r) => `Is it true that ${sentence(r).toLowerCase()}`,
  (r) => `Convert ${r.int(1, 900)} ${r.pick(['miles', 'kg', 'USD', 'cups', 'fahrenheit', 'acres'])} to ${r.pick(['km', 'lbs', 'EUR', 'ml', 'celsius', 'hectares'])}`,
  (r) => `My ${r.pick(W.noun)} keeps ${r.pick(['crashing', 'leaking', 'timing out', 'freezing', 'getting rejected'])}. ${paragraph(r, 2)} What should I check?`,
  (r) => `Create a ${r.pick(W.tech)} ${r.pick(['function', 'script', 'class', 'query', 'config'])} that ${r.pick(W.verb)}s ${r.pick(W.noun)} data from ${pseudoWord(r)}.${r.pick(['csv', 'json', 'xlsx', 'db'])}`,
  (r) => `${r.pick(W.name)} said "${sentence(r)}" — how should I respond?`,
  (r) => `Draft a ${r.pick(W.adj)} cover letter for a ${r.pick(W.tech)} ${r.pick(['engineer', 'analyst', 'intern', 'lead'])} role at ${pseudoWord(r)} ${r.pick(['Labs', 'Inc', 'GmbH', 'Studio'])}`,
  (r) => `A ${r.pick(W.noun)} costs $${r.int(3, 900)} and ${sentence(r).toLowerCase()} How much do I pay in total?`,
  (r) => `what are the pros and cons of ${r.pick(W.topic)}`,
  (r) => `rate my ${r.pick(W.noun)} idea: ${sentence(r)}`,
];

function sha(s) { return crypto.createHash('sha256').update(s.trim().replace(/\s+/g, ' ').toLowerCase()).digest('hex'); }
function tokensOf(s) { return Math.max(1, Math.round(s.length / 3.9)); }

// ---------------------------------------------------------------- row emission
const rows = [];
const groupStats = new Map(); // gid -> {kind, population, accounts:Set, exchanges, rows}
function group(gid, kind, population) { groupStats.set(gid, { kind, population, accounts: new Set(), exchanges: 0, rows: 0 }); return gid; }
let reqCounter = 0;
const reqR = makeRng('requests');
// acct: {id, org, card, created, domain, gid}
function emit(acct, t, o) {
  if (t < START || t >= END) return;
  if (acct.created && t < acct.created) return;
  const prompt = o.prompt;
  const sys = o.sys ?? null;
  const inTok = o.input_tokens ?? (tokensOf(prompt) + (sys ? o.sysTokens ?? 180 : 0) + (o.ctx ?? 0));
  const rc = o.request_count ?? 1;
  const row = {
    ts: t,
    account_id: acct.id,
    org_id: acct.org ?? null,
    api_key_id: o.key ?? acct.key ?? null,
    model: o.model,
    input_tokens: inTok,
    output_tokens: o.output_tokens,
    request_count: rc,
    ip: o.net.ip, asn: o.net.asn, country: o.net.country,
    user_agent: o.ua ?? acct.ua ?? null,
    payment_fingerprint: acct.card ?? null,
    account_created_at: acct.created ? new Date(acct.created).toISOString() : null,
    email_domain: acct.domain ?? null,
    prompt,
    prompt_hash: sha(prompt),
    system_prompt_hash: sys ? sha(sys).slice(0, 32) : null,
    status: o.status ?? (reqR.chance(0.012) ? 429 : reqR.chance(0.004) ? 500 : 200),
    latency_ms: Math.round(200 + (o.output_tokens || 1) * reqR.f(8, 30) + reqR.exp(150)),
    request_id: 'req_' + (++reqCounter).toString(36).padStart(8, '0') + reqR.id(6),
    max_tokens: o.max_tokens ?? null,
    temperature: o.temperature ?? null,
    topic: o.topic ?? null,
  };
  if (row.status !== 200) row.output_tokens = 0;
  rows.push(row);
  const g = groupStats.get(acct.gid);
  if (g) { g.accounts.add(acct.id); g.exchanges += rc; g.rows++; }
}
function modelAt(r, t, prefs, adoptAt) { // prefs: weighted old model mix; adoptAt: when this account starts using new model (or Infinity)
  if (t >= adoptAt && r.chance(0.75)) return NEW_MODEL;
  return r.weighted(MODELS_OLD, prefs);
}
// diurnal profile by local hour (humans)
const HUMAN_HOUR = [0.6, 0.3, 0.15, 0.1, 0.1, 0.15, 0.4, 0.9, 1.6, 2.4, 2.9, 2.8, 2.1, 2.5, 2.9, 2.8, 2.5, 2.0, 1.6, 1.7, 2.0, 2.1, 1.7, 1.1];
const WORK_HOUR = [0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.2, 0.8, 2.5, 3.5, 3.8, 3.5, 2.2, 3.0, 3.6, 3.4, 3.0, 2.0, 0.9, 0.5, 0.35, 0.3, 0.2, 0.1];
const HOURS = [...Array(24).keys()];
function localTime(r, day, tzOff, profile, weekendFactor) { // returns UTC ms
  // day = day index; pick hour in local time, then convert
  for (let tries = 0; tries < 4; tries++) {
    const h = r.weighted(HOURS, profile);
    const localMs = START + day * DAY + h * HOUR + r.f(0, HOUR);
    const utc = localMs - tzOff * HOUR;
    const dow = new Date(localMs).getUTCDay();
    if ((dow === 0 || dow === 6) && !r.chance(weekendFactor)) continue;
    return utc;
  }
  return null;
}
const UA_HUMAN = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 Version/17.3 Safari/605.1.15', 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) Mobile/15E148'];
const UA_DEV = ['openai-python/1.14.3', 'openai-python/1.12.0', 'python-requests/2.31.0', 'httpx/0.27.0', 'node-fetch/3.3.2', 'axios/1.6.7', 'curl/8.4.0', 'LangChain/0.1.11', 'llama-index/0.10.18', 'Go-http-client/2.0', 'okhttp/4.12.0', 'Java-http-client/17.0.9', 'reqwest/0.11', 'aiohttp/3.9.3', 'PostmanRuntime/7.36.3'];
const EMAIL_FREE = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de', 'web.de', 'yandex.ru', 'qq.com', 'naver.com', 'mail.ru', 'fastmail.com'];
function companyDomain(r) { return pseudoWord(r, r.int(2, 3)) + r.pick(['.com', '.io', '.ai', '.dev', '.co', '.de', '.fr', '.co.uk', '.in', '.jp', '.com.br']); }

// ================================================================= BACKGROUND
const bg = group('__bg', 'background', 'background');
function background() {
  const r = makeRng('bg');
  const nAcc = Math.round((2600 + r.int(0, 1200)));
  const tzKeys = Object.keys(TZ); const tzW = [30, 18, 26, 10, 6, 5, 5];
  // small companies sharing office IP/org/card
  const companies = [];
  for (let i = 0; i < 140; i++) {
    const tz = r.weighted(tzKeys, tzW);
    const res = ASNS[TZ_RES[tz]];
    const office = r.chance(0.6) ? ipBlock(r, r.pick(res), r.int(1, 2)) : ipBlock(r, r.pick(ASNS.dc), 1);
    companies.push({ tz, org: newOrgId(), card: r.chance(0.55) ? newCard() : null, domain: companyDomain(r), office, size: r.int(2, 9) });
  }
  const accts = [];
  let ci = 0, inCo = 0;
  for (let i = 0; i < nAcc; i++) {
    const kind = r.weighted(['casual', 'power', 'dev', 'script'], [56, 17, 19, 8]);
    let co = null;
    if (r.chance(0.22) && ci < companies.length) { co = companies[ci]; if (++inCo >= co.size) { ci++; inCo = 0; } }
    const tz = co ? co.tz : r.weighted(tzKeys, tzW);
    const isp = r.pick(ASNS[TZ_RES[tz]]);
    const created = r.chance(0.12) ? START + r.f(0, NDAYS - 2) * DAY : START - r.f(3, 800) * DAY;
    const a = {
      gid: bg, kind, tz, co,
      id: newAccountId(),
      org: co ? co.org : (r.chance(0.55) ? newOrgId() : null),
      card: co && co.card && r.chance(0.85) ? co.card : (r.chance(0.9) ? newCard() : null),
      created,
      domain: co ? co.domain : (kind === 'dev' && r.chance(0.4) ? companyDomain(r) : r.pick(EMAIL_FREE)),
      homeNet: ipIn(r, isp), isp,
      keys: [],
      ua: kind === 'casual' ? r.pick(UA_HUMAN) : r.pick(UA_DEV),
      prefs: [r.f(0.5, 5), r.f(0.2, 4), kind === 'casual' ? 0.2 : r.f(0.2, 4), r.f(0, 1)],
      adoptAt: r.chance(kind === 'casual' ? 0.15 : 0.45) ? RELEASE + r.exp(kind === 'dev' ? 4 : 7) * DAY + r.f(0.5, 30) * HOUR : Infinity,
      // activity level: heavy tailed sessions per week
      rate: Math.min(60, r.pareto(kind === 'casual' ? 0.35 : kind === 'power' ? 1.5 : 0.8, 1.25)),
      temp: r.pick([null, null, 0.7, 1, 0.2, 0]),
      stepper: r.chance(0.2), // habitually asks for step-by-step reasoning
    };
    const nk = kind === 'dev' || kind === 'script' ? r.weighted([1, 2, 3, 4, 6], [50, 25, 12, 8, 5]) : 1;
    for (let k = 0; k < nk; k++) a.keys.push(newKey());
    accts.push(a);
  }
  // family card sharing: ~2% of pairs
  for (let i = 0; i + 1 < accts.length; i += 1) if (r.chance(0.015) && !accts[i].co && !accts[i + 1].co) accts[i + 1].card = accts[i].card;
  for (const a of accts) {
    const firstDay = Math.max(0, Math.floor((a.created - START) / DAY));
    // some accounts churn: active window
    const lastDay = r.chance(0.2) ? Math.min(NDAYS - 1, firstDay + r.int(1, 20)) : NDAYS - 1;
    let net = a.homeNet;
    for (let d = firstDay; d <= lastDay; d++) {
      if (r.chance(0.06)) net = ipIn(r, a.isp); // DHCP re-lease
      const sessions = poissonish(r, 0.7 * a.rate / 7);
      for (let s = 0; s < sessions; s++) {
        const profile = a.kind === 'casual' || a.kind === 'power' ? HUMAN_HOUR : (a.co ? WORK_HOUR : HUMAN_HOUR);
        let t = localTime(r, d, TZ[a.tz], profile, a.co ? 0.15 : 0.6);
        if (t == null) continue;
        const sNet = a.co && r.chance(0.8) ? r.pick(a.co.office) : r.chance(0.12) ? ipIn(r, r.pick(ASNS.mobile)) : net;
        const key = r.pick(a.keys);
        if (a.kind === 'script') {
          // a bursty script: many fast calls with one template
          const tpl = `${r.pick(['Classify', 'Extract entities from', 'Summarize', 'Tag', 'Rewrite'])} the following ${r.pick(W.noun)} ${r.pick(['as JSON', 'in one line', 'into bullet points', 'for a report'])}:\n`;
          const n = Math.min(400, Math.round(r.pareto(15, 1.3)));
          const model = modelAt(r, t, a.prefs, a.adoptAt);
          for (let i = 0; i < n; i++) {
            const p = tpl + paragraph(r, r.int(1, 4));
            emit(a, t, { prompt: p, model, output_tokens: Math.round(r.lognormal(4.2, 0.6)), net: sNet, key, ua: a.ua, temperature: 0, max_tokens: 512 });
            t += r.exp(r.chance(0.5) ? 1500 : 6000);
          }
        } else {
          const n = a.kind === 'dev' ? Math.min(200, Math.round(r.pareto(2, 1.4))) : Math.min(60, Math.round(r.pareto(1.5, 1.6)));
          for (let i = 0; i < n; i++) {
            let p = r.pick(BG_FRAMES)(r);
            if (a.stepper ? r.chance(0.4) : r.chance(0.03)) p += (r.chance(0.5) ? ' ' : '\n') + r.pick(STEP);
            const model = modelAt(r, t, a.prefs, a.adoptAt);
            const ctx = i > 0 && r.chance(0.6) ? Math.round(r.lognormal(5, 1)) : 0;
            emit(a, t, { prompt: p, model, ctx, output_tokens: Math.round(r.lognormal(5.3, 0.9)), net: sNet, key, temperature: a.temp, max_tokens: r.pick([null, 1024, 4096, 2048]), sys: a.kind === 'dev' && r.chance(0.5) ? `You are ${pseudoWord(r)}, a helpful assistant for ${a.domain}.` : null });
            t += a.kind === 'dev' ? r.exp(r.chance(0.3) ? 4000 : 90000) : r.exp(100000) + 8000;
          }
        }
      }
    }
  }
}
function poissonish(r, lam) { // Poisson for small lam
  if (lam > 30) return Math.max(0, Math.round(lam + Math.sqrt(lam) * r.normal()));
  const L = Math.exp(-lam); let k = 0, p = 1; do { k++; p *= r.next(); } while (p > L); return k - 1;
}

// ================================================================= CAMPAIGNS
const PROBLEMS = (r) => r.pick([
  () => `A train leaves ${r.pick(W.place)} at ${r.int(1, 12)}:${r.pick(['00', '15', '30', '45'])} travelling ${r.int(40, 180)} km/h; another leaves ${r.pick(W.place)} ${r.int(10, 90)} minutes later at ${r.int(40, 180)} km/h. The cities are ${r.int(100, 900)} km apart. When do they meet?`,
  () => `Prove or disprove: for all integers n > ${r.int(1, 20)}, n^${r.int(2, 5)} - n is divisible by ${r.int(2, 30)}.`,
  () => `Write a ${r.pick(W.tech)} function ${ident(r)} that ${r.pick(['merges overlapping intervals', 'finds the longest palindromic substring', 'computes edit distance', 'detects a cycle in a directed graph', 'implements an LRU cache', 'parses ISO-8601 durations', 'balances a binary search tree'])} with constraint n <= ${r.pick([1000, 100000, 1000000])}.`,
  () => `Let f(x) = ${r.int(1, 9)}x^3 - ${r.int(1, 9)}x + ${r.int(1, 20)}. Find all critical points and classify them.`,
  () => `In ${r.pick(W.topic)}, why does ${sentence(r, 8).toLowerCase().replace(/[.?!]+$/, '')}? Justify each claim.`,
  () => `A bag has ${r.int(2, 12)} red and ${r.int(2, 12)} blue balls. ${r.int(2, 5)} are drawn without replacement. What is the probability that at least ${r.int(1, 2)} are red?`,
  () => `Given the ${r.pick(W.tech)} snippet below, identify every bug and explain the fix.\n${codeSnippet(r)}`,
  () => `A company's ${r.pick(W.noun)} revenue grew from $${r.int(1, 90)}M to $${r.int(91, 400)}M over ${r.int(2, 9)} years. Compute the CAGR and discuss whether it is sustainable.`,
])();

// ---- (a) synchronized CoT + rubric grading campaign
function campaignA() {
  const r = makeRng('campA');
  const gid = group('cmp-lockstep-cot', 'campaign', 'cot-rubric-lockstep');
  const n = r.int(45, 75);
  const t0 = START + r.int(6, 12) * DAY + r.int(0, 23) * HOUR;
  const t1 = t0 + r.int(13, 16) * DAY;
  const cards = Array.from({ length: r.int(3, 6) }, newCard);
  const dcPool = [...ipBlock(r, r.pick(ASNS.dc), 14), ...ipBlock(r, r.pick(ASNS.dc), 10)];
  const accts = [];
  for (let i = 0; i < n; i++) {
    const ownNet = r.chance(0.2);
    accts.push({
      gid, id: newAccountId(), org: r.chance(0.3) ? newOrgId() : null,
      card: r.chance(0.78) ? r.pick(cards) : newCard(),
      created: t0 - r.f(0.2, 4) * DAY, domain: r.chance(0.6) ? r.pick(EMAIL_FREE) : companyDomain(r),
      key: newKey(0), ua: r.pick(['openai-python/1.14.3', 'openai-python/1.13.3', 'httpx/0.27.0']),
      net: ownNet ? ipIn(r, r.pick([...ASNS.res_sg, ...ASNS.res_us])) : null,
      tempo: r.f(0.6, 1.6),
    });
  }
  const COT = [
    (p) => `${p}\n\nThink step by step. Show all intermediate reasoning inside <reasoning> tags, then give the final answer inside <answer> tags.`,
    (p) => `Solve carefully. Before answering, write out your complete chain of thought, numbered, one inference per line.\n\nProblem: ${p}`,
    (p) => `Problem: ${p}\nExplain your reasoning in full detail step by step, considering at least two alternative approaches, then state the answer.`,
    (p) => `You are an expert tutor. Reason through the following problem out loud, step by step, verifying each step.\n${p}`,
    (p) => `${p}\nLet's work this out in a step by step way to be sure we have the right answer.`,
  ];
  const RUBRIC = [
    (p) => `Grade the response below on a 1-10 scale for each rubric criterion: correctness, completeness, reasoning quality, clarity. Return JSON {"scores":{...},"rationale":"..."}.\n\nQuestion: ${p}\n\nResponse: ${paragraph(r, r.int(3, 7))}`,
    (p) => `You are a strict grader. Compare the two candidate answers to the question and decide which is better using the rubric (accuracy 40%, rigor 30%, style 30%). Explain your verdict step by step.\nQ: ${p}\nA1: ${paragraph(r, 3)}\nA2: ${paragraph(r, 3)}`,
    (p) => `Score this solution from 0 to 5 against the reference rubric and list every error.\nTask: ${p}\nSolution: ${paragraph(r, 4)}`,
  ];
  const sysCot = 'You are a meticulous reasoning assistant. Always show your work.';
  const sysGrade = 'You are an impartial evaluator that grades model outputs against rubrics.';
  // bursts
  let t = t0;
  while (t < t1) {
    const dur = r.f(8, 25) * MIN;
    const part = accts.filter(() => r.chance(r.f(0.65, 0.92)));
    const burstModel = r.weighted(['orca-7-pro', 'orca-6-pro', 'orca-7-code'], [7, 2, 1]);
    for (const a of part) {
      let u = t + r.f(0, 40e3);
      const end = t + dur;
      while (u < end) {
        const noise = r.chance(0.06);
        const grade = !noise && r.chance(0.35);
        const p = noise ? r.pick(BG_FRAMES)(r) : grade ? r.pick(RUBRIC)(PROBLEMS(r)) : r.pick(COT)(PROBLEMS(r));
        const net = a.net && r.chance(0.85) ? a.net : r.pick(dcPool);
        emit(a, u, { prompt: p, sys: noise ? null : grade ? sysGrade : sysCot, model: burstModel, output_tokens: Math.round(r.lognormal(grade ? 6.0 : 6.9, 0.4)), net, temperature: r.pick([0.7, 0.8, 1]), max_tokens: 4096, topic: null });
        u += r.exp(55e3 * a.tempo) + 5e3;
      }
    }
    // trickle between bursts
    for (let k = 0; k < r.int(0, 6); k++) {
      const a = r.pick(accts);
      emit(a, t + dur + r.f(0, 60 * MIN), { prompt: r.pick(COT)(PROBLEMS(r)), sys: sysCot, model: 'orca-7-pro', output_tokens: Math.round(r.lognormal(6.8, 0.4)), net: a.net ?? r.pick(dcPool), temperature: 0.8, max_tokens: 4096 });
    }
    t += dur + r.f(70, 210) * MIN;
  }
}

// ---- (b) agentic tool-use harvesting across access pathways
function campaignB() {
  const r = makeRng('campB');
  const gid = group('cmp-agentic-paths', 'campaign', 'agentic-multipath');
  const cards = Array.from({ length: r.int(10, 16) }, newCard);
  const pathways = [
    { name: 'direct-aws', pool: ipBlock(r, ASNS.dc[0], 24), ua: () => 'node-fetch/3.3.2', key: 0, sys: 'You are an autonomous software agent. Tools available: bash(cmd), read_file(path), write_file(path, content), web_search(q). Respond ONLY with a JSON tool call or a final answer.', share: 0.32 },
    { name: 'gateway-relay', pool: ipBlock(r, ASNS.dc[5], 3), ua: () => 'LiteLLM/1.34.0', key: 1, sys: 'SYSTEM: You operate a browser and a python sandbox. Available functions: browse(url), click(selector), python(code), submit(answer). Think before each action and emit one function call per turn.', share: 0.28 },
    { name: 'resi-proxy', pool: null, ua: (rr) => rr.pick(['python-httpx/0.27.0', 'python-httpx/0.26.0']), key: 2, sys: 'You are a research agent with tools search(query), fetch(url), calculator(expr), notes(text). Plan, act, observe, repeat. Output your thoughts then a tool call as JSON.', share: 0.24 },
    { name: 'gcp-workers', pool: ipBlock(r, ASNS.dc[1], 16), ua: () => 'Go-http-client/2.0', key: 0, sys: 'Agent mode. Tools: sql(query), http_get(url), shell(cmd), finish(result). Reply with {"thought":..., "action":..., "args":...}.', share: 0.16 },
  ];
  const nAcc = r.int(260, 380);
  // creation waves: fresh bursts of account creation
  const nWaves = r.int(5, 8);
  const waves = Array.from({ length: nWaves }, (_, i) => START + (1 + i * (NDAYS - 8) / nWaves + r.f(0, 2)) * DAY + r.f(0, 20) * HOUR);
  const accts = [];
  for (let i = 0; i < nAcc; i++) {
    const pw = r.weighted(pathways, pathways.map((p) => p.share));
    const wave = r.pick(waves);
    const created = r.chance(0.88) ? wave + r.f(0, 100) * MIN : START - r.f(5, 200) * DAY;
    accts.push({ gid, id: newAccountId(), org: r.chance(0.25) ? newOrgId() : null, card: r.chance(0.74) ? r.pick(cards) : newCard(), created, domain: r.chance(0.5) ? r.pick(EMAIL_FREE) : companyDomain(r), key: newKey(pw.key), ua: pw.ua(r), pw, sticky: pw.pool ? r.pick(pw.pool) : null, lifetime: r.f(2, 7) * DAY });
  }
  const TASKS = () => r.pick([
    () => `Task: set up a ${r.pick(W.tech)} project that ${r.pick(W.verb)}s ${r.pick(W.noun)}s, run its tests and fix failures.`,
    () => `Task: find the ${r.pick(['cheapest', 'most-cited', 'latest', 'largest'])} ${r.pick(W.noun)} related to ${r.pick(W.topic)} and write a report to ${pseudoWord(r)}.md`,
    () => `Task: debug why ${ident(r)}() returns ${r.pick(['None', 'undefined', 'an empty list', '-1'])} in repo ${pseudoWord(r)}/${pseudoWord(r)}`,
    () => `Task: book the best ${r.pick(['flight', 'hotel', 'restaurant'])} in ${r.pick(W.place)} for ${r.int(1, 6)} people under $${r.int(100, 3000)}`,
    () => `Task: scrape ${r.pick(W.noun)} prices from ${pseudoWord(r)}.com, store them in ${r.pick(['sqlite', 'postgres', 'a csv'])}, and chart the trend`,
  ])();
  for (const a of accts) {
    const from = Math.max(a.created + r.f(0.5, 6) * HOUR, START + r.f(0, 4) * DAY), to = Math.min(from + a.lifetime, END);
    let t = from;
    while (t < to) {
      const task = TASKS();
      const steps = r.int(4, 22);
      let ctx = 0;
      for (let s = 0; s < steps; s++) {
        const noise = r.chance(0.05);
        const p = noise ? r.pick(BG_FRAMES)(r) : s === 0 ? task : `Observation: ${r.pick(['exit code 0', 'exit code 1', 'HTTP 200', 'HTTP 404', 'Traceback (most recent call last)', '3 rows returned'])}\n${paragraph(r, r.int(1, 3))}\nContinue with the next tool call.`;
        const net = a.pw.pool ? (r.chance(0.7) ? a.sticky : r.pick(a.pw.pool)) : ipIn(r, r.pick([...ASNS.res_us, ...ASNS.res_eu, ...ASNS.mobile]));
        emit(a, t, { prompt: p, sys: noise ? null : a.pw.sys, ctx, sysTokens: 420, model: t > RELEASE + 2 * DAY && r.chance(0.3) ? NEW_MODEL : r.weighted(['orca-7-pro', 'orca-7-code'], [3, 2]), output_tokens: Math.round(r.lognormal(5.4, 0.5)), net, temperature: 0.2, max_tokens: 2048 });
        ctx += Math.round(r.lognormal(5.5, 0.5));
        t += r.f(2, 18) * 1e3 + r.exp(4e3);
      }
      t += r.exp(a.pw.name === 'resi-proxy' ? 12 * HOUR : 8 * HOUR);
    }
  }
}

// ---- (c) hydra on VPN/datacenter pool, 24/7 load balanced, rotating keys
function campaignC() {
  const r = makeRng('campC');
  const gid = group('cmp-hydra-vpn', 'campaign', 'vpn-hydra');
  const nAcc = r.int(700, 1200);
  const cards = Array.from({ length: r.int(18, 40) }, newCard);
  const pool = [];
  for (const asn of [ASNS.dc[6], ASNS.dc[3], ASNS.dc[4], ASNS.dc[7], ASNS.dc[9]]) pool.push(...ipBlock(r, asn, r.int(15, 35)));
  const hStart = START + r.f(1, 5) * DAY;
  const accts = [];
  for (let i = 0; i < nAcc; i++) {
    const created = hStart - r.f(0, 3) * DAY + (i / nAcc) * (END - hStart) * 0.7 + r.f(-1, 1) * DAY; // staggered replenishment
    const keys = [];
    accts.push({ gid, id: newAccountId(), org: null, card: r.chance(0.84) ? r.pick(cards) : newCard(), created, domain: r.pick([...EMAIL_FREE, 'tutanota.com', 'mailfence.com', companyDomain(r)]), keys, ua: r.pick(['openai-python/1.14.3', 'openai-node/4.28.0', 'python-requests/2.31.0']), life: r.f(4, 20) * DAY, rot: r.f(1, 4) * DAY });
  }
  const totalRows = Math.round(r.int(55000, 75000) * ROWSCALE);
  const SUBJ = () => `${r.pick(W.topic)} ${r.pick(['', 'for experts', 'with examples', 'in depth', 'from first principles'])}`.trim();
  const TPL = [
    () => `Give a thorough, textbook-quality explanation of ${SUBJ()}. Include derivations and worked examples.`,
    () => `Answer as a world-class expert. Question: ${PROBLEMS(r)}\nProvide the reasoning that leads to your answer.`,
    () => `Write ${r.int(3, 8)} diverse question-answer pairs about ${SUBJ()}, each answer with detailed reasoning.`,
    () => `${PROBLEMS(r)}`,
    () => `Rewrite the following answer to be more rigorous and complete:\n${paragraph(r, r.int(2, 5))}`,
  ];
  const span = END - hStart;
  for (let k = 0; k < totalRows; k++) {
    const t = hStart + r.f(0, span); // flat 24/7
    // load balancer picks among accounts alive at t
    let a = null;
    for (let tries = 0; tries < 12; tries++) { const c = accts[r.int(0, nAcc - 1)]; if (c.created <= t && t < c.created + c.life) { a = c; break; } }
    if (!a) continue;
    const ki = Math.floor((t - a.created) / a.rot);
    while (a.keys.length <= ki) a.keys.push(newKey(r.int(0, 2)));
    const noise = r.chance(0.08);
    emit(a, t, { prompt: noise ? r.pick(BG_FRAMES)(r) : r.pick(TPL)(), key: a.keys[ki], model: t > RELEASE + 5 * DAY && r.chance(0.2) ? NEW_MODEL : r.weighted(['orca-7-pro', 'orca-6-pro', 'orca-7-swift'], [6, 2, 1]), output_tokens: Math.round(r.lognormal(6.6, 0.5)), net: r.pick(pool), temperature: r.pick([0.7, 1, null]), max_tokens: r.pick([4096, 8192]) });
  }
}

// ---- (d) swarm that pivots to the new model within hours of release
function campaignD() {
  const r = makeRng('campD');
  const gid = group('cmp-pivot', 'campaign', 'new-model-pivot');
  const n = r.int(30, 60);
  const cards = Array.from({ length: r.int(2, 4) }, newCard);
  const accts = [];
  const dStart = RELEASE - r.f(7, 12) * DAY;
  const pivotDelay = r.f(2, 9) * HOUR;
  for (let i = 0; i < n; i++) accts.push({ gid, id: newAccountId(), org: null, card: r.chance(0.7) ? r.pick(cards) : newCard(), created: dStart - r.f(0, 10) * DAY, domain: r.pick(EMAIL_FREE), key: newKey(0), ua: r.pick(['openai-python/1.14.3', 'anthropic-compatible-client/0.9', 'httpx/0.27.0']), isp: r.pick([...ASNS.mobile, ...ASNS.res_sg, ...ASNS.res_us]), rate: r.f(0.5, 2), pivot: RELEASE + pivotDelay + r.f(0, 6) * HOUR, lag: r.chance(0.1) });
  const total = Math.round(r.int(15000, 22000) * ROWSCALE);
  for (let k = 0; k < total; k++) {
    const a = r.weighted(accts, accts.map((x) => x.rate));
    // operators in UTC+8, script runs day and night with a dip
    let t = dStart + r.f(0, END - dStart);
    const lh = (new Date(t + 8 * HOUR)).getUTCHours();
    if (lh >= 2 && lh < 7 && r.chance(0.6)) t += 6 * HOUR;
    const pivoted = t >= a.pivot && !a.lag;
    const model = pivoted ? (r.chance(0.93) ? NEW_MODEL : 'orca-7-pro') : r.weighted(['orca-7-pro', 'orca-7-code'], [3, 1]);
    const p = r.chance(0.07) ? r.pick(BG_FRAMES)(r) : `${PROBLEMS(r)}\n${r.pick(['Reason step by step and show your full thought process.', 'Explain your thinking in detail before the final answer.', 'Provide a detailed chain of reasoning.', 'Think carefully and lay out each step.'])}`;
    emit(a, t, { prompt: p, model, output_tokens: Math.round(r.lognormal(6.7, 0.5)), net: r.chance(0.6) ? ipIn(r, a.isp) : ipIn(r, r.pick(ASNS.mobile)), temperature: 1, max_tokens: 8192 });
  }
  // a small burst: many accounts hammering the new model in the first hour after pivot
  for (const a of accts) {
    if (a.lag) continue;
    for (let i = 0; i < r.int(10, 40); i++) emit(a, a.pivot + r.f(0, 2 * HOUR), { prompt: `${PROBLEMS(r)}\nReason step by step.`, model: NEW_MODEL, output_tokens: Math.round(r.lognormal(6.9, 0.4)), net: ipIn(r, a.isp), temperature: 1, max_tokens: 8192 });
  }
}

// ================================================================= BENIGN LOOK-ALIKES
function benignSynth() { // synthetic data company: one org, huge templated 24/7 volume
  const r = makeRng('synth');
  const gid = group('bn-synthdata', 'benign', 'synthetic-data-vendor');
  const org = newOrgId(), card = newCard(), domain = 'datafoundry-' + pseudoWord(r) + '.ai';
  const pool = ipBlock(r, ASNS.dc[0], 4);
  const accts = Array.from({ length: r.int(12, 30) }, (_, i) => ({ gid, id: newAccountId(), org, card: r.chance(0.9) ? card : newCard(), domain, created: START - r.f(30, 400) * DAY, keys: [newKey(0), newKey(0)], ua: i < 4 ? r.pick(UA_HUMAN) : 'datafoundry-worker/2.3 python-httpx/0.27.0', worker: i >= 4, w: r.pareto(1, 1.2) }));
  const workers = accts.filter((a) => a.worker);
  const sys = 'You generate realistic synthetic training records. Follow the JSON schema exactly. Vary style, length and demographics.';
  const total = Math.round(r.int(45000, 60000) * ROWSCALE);
  for (let k = 0; k < total; k++) {
    const a = r.weighted(workers, workers.map((x) => x.w));
    const t = START + r.f(0, NDAYS) * DAY;
    const p = r.pick([
      () => `Generate ${r.int(5, 20)} synthetic customer reviews for a ${r.pick(W.adj)} ${r.pick(W.noun)} sold in ${r.pick(W.place)}. Schema: {rating:int, title:str, body:str, persona:str}. Seed ${r.int(1, 1e6)}.`,
      () => `Generate a synthetic support conversation (${r.int(4, 12)} turns) between a customer and an agent about a ${r.pick(W.noun)} ${r.pick(['refund', 'outage', 'billing error', 'login issue'])}. Output JSON. Seed ${r.int(1, 1e6)}.`,
      () => `Create ${r.int(3, 10)} math word problems at grade ${r.int(3, 12)} level with step-by-step worked solutions, as JSON. Seed ${r.int(1, 1e6)}.`,
    ])();
    emit(a, t, { prompt: p, sys, key: r.pick(a.keys), model: t > RELEASE + 10 * DAY ? r.pick(['orca-7-swift', NEW_MODEL]) : 'orca-7-swift', output_tokens: Math.round(r.lognormal(6.5, 0.4)), net: r.pick(pool), temperature: 1, max_tokens: 4096 });
  }
  for (const a of accts.filter((x) => !x.worker)) for (let i = 0; i < r.int(30, 120); i++) emit(a, localTime(r, r.int(0, NDAYS - 1), TZ.us_w, WORK_HOUR, 0.1) ?? -1, { prompt: r.pick(BG_FRAMES)(r), key: a.keys[0], model: 'orca-7-pro', output_tokens: Math.round(r.lognormal(5.5, 0.8)), net: r.pick(pool), temperature: 0.7 });
}
function benignEval() { // eval lab: nightly identical prompts, temp 0, rubric grading, pivots to new model on release
  const r = makeRng('eval');
  const gid = group('bn-evallab', 'benign', 'benchmark-eval-lab');
  const org = newOrgId(), card = newCard(), domain = 'evalworks.' + r.pick(['org', 'ai']);
  const pool = ipBlock(r, ASNS.dc[1], 2);
  const accts = Array.from({ length: r.int(3, 8) }, () => ({ gid, id: newAccountId(), org, card, domain, created: START - r.f(60, 500) * DAY, key: newKey(1), ua: 'evalharness/0.9.2 python-requests/2.31.0' }));
  const suite = Array.from({ length: r.int(450, 650) }, () => {
    const q = PROBLEMS(r);
    return r.chance(0.4) ? `${q}\nLet's think step by step.` : r.chance(0.5) ? `Grade the following answer against the rubric (0-10) and explain.\nQuestion: ${q}\nAnswer: ${paragraph(r, 3)}` : q;
  });
  const sys = 'You are being evaluated. Answer precisely.';
  for (let d = 0; d < NDAYS; d++) {
    const nightStart = START + d * DAY + (2 + r.f(0, 0.3)) * HOUR;
    const models = nightStart > RELEASE ? [NEW_MODEL, 'orca-7-pro'] : ['orca-7-pro', 'orca-7-swift'];
    let t = nightStart;
    suite.forEach((p, i) => {
      const a = accts[i % accts.length];
      for (const m of models) if (r.chance(0.5)) emit(a, t, { prompt: p, sys, model: m, output_tokens: Math.round(r.lognormal(5.8, 0.5)), net: r.pick(pool), temperature: 0, max_tokens: 2048, topic: 'eval' });
      t += r.f(0.5, 4) * 1e3;
    });
  }
  // ad-hoc eval of the new model right at release (a benign pivot)
  for (const p of suite) { const a = r.pick(accts); emit(a, RELEASE + r.f(0.3, 3) * HOUR, { prompt: p, sys, model: NEW_MODEL, output_tokens: Math.round(r.lognormal(5.8, 0.5)), net: r.pick(pool), temperature: 0, max_tokens: 2048, topic: 'eval' }); }
}
function benignTranslate() { // translation/support service: one system prompt, high volume, repetitive templates
  const r = makeRng('translate');
  const gid = group('bn-translate', 'benign', 'translation-service');
  const org = newOrgId(), card = newCard(), domain = 'lingobridge.' + r.pick(['eu', 'com']);
  const pool = ipBlock(r, ASNS.dc[5], 3);
  const accts = Array.from({ length: r.int(3, 8) }, () => ({ gid, id: newAccountId(), org, card, domain, created: START - r.f(100, 700) * DAY, key: newKey(1), ua: 'lingobridge-backend/5.1 okhttp/4.12.0' }));
  const sys = 'You are a professional translator. Translate the user text faithfully, preserving formatting and placeholders like {name}.';
  const total = Math.round(r.int(22000, 32000) * ROWSCALE);
  for (let k = 0; k < total; k++) {
    const t = localTime(r, r.int(0, NDAYS - 1), TZ.eu, WORK_HOUR, 0.3); if (t == null) continue;
    const a = r.pick(accts);
    emit(a, t, { prompt: `Translate from English to ${r.pick(W.lang)}:\n${r.pick(['Your order', 'Your ticket', 'Dear customer, your ' + r.pick(W.noun), 'Reminder: the ' + r.pick(W.noun)])} ${r.pick(['has shipped', 'was updated', 'is ready', 'will expire soon'])}. ${sentence(r)}`, sys, model: 'orca-7-swift', output_tokens: Math.round(r.lognormal(4.3, 0.4)), net: r.pick(pool), temperature: 0.3, max_tokens: 1024 });
  }
}
function benignClass() { // university class
  const r = makeRng('class');
  const gid = group('bn-uniclass', 'benign', 'university-course');
  const dom = 'cs.westbrook-state.edu';
  const uniAsn = [r.int(30000, 40000), 'US', [128, 129, 130]];
  const campus = ipBlock(r, uniAsn, 3);
  const deptCard = newCard();
  const org = newOrgId();
  const classStart = START + r.int(2, 6) * DAY + 15 * HOUR;
  const n = r.int(80, 160);
  const accts = Array.from({ length: n }, () => ({ gid, id: newAccountId(), org: r.chance(0.7) ? org : null, card: r.chance(0.35) ? deptCard : (r.chance(0.8) ? newCard() : null), domain: dom, created: classStart + r.f(0, 55) * MIN, key: newKey(0), ua: r.chance(0.7) ? 'Mozilla/5.0 (X11; Linux x86_64) Chrome/122.0 Jupyter' : r.pick(UA_HUMAN), home: ipIn(r, r.pick(ASNS.res_us)), diligence: r.f(0.2, 1.5) }));
  const weeks = Math.floor((END - classStart) / (7 * DAY));
  for (let w = 0; w <= weeks; w++) {
    const hw = Array.from({ length: 8 }, (_, i) => `CS 241 Homework ${w + 1}, problem ${i + 1}: ${r.pick(['Implement', 'Analyze the complexity of', 'Prove correctness of', 'Trace'])} ${r.pick(['quicksort', 'Dijkstra', 'a hash table with linear probing', 'union-find', 'merge sort', 'a red-black tree insert', 'BFS on a grid'])} ${r.pick(['for the input below', 'and explain step by step', 'in Python'])}.\n${codeSnippet(r)}`);
    const lab = classStart + w * 7 * DAY; // weekly lab session on campus (all at once)
    for (const a of accts) {
      if (!r.chance(0.85)) continue;
      for (let i = 0; i < r.int(2, 10); i++) emit(a, lab + r.f(0, 100) * MIN, { prompt: r.pick(hw), model: 'orca-7-pro', output_tokens: Math.round(r.lognormal(5.8, 0.6)), net: r.pick(campus), temperature: null });
      // homework done at home/night before deadline
      const m = Math.round(r.lognormal(2, 0.8) * a.diligence);
      for (let i = 0; i < m; i++) { const t = lab + r.f(4, 6.9) * DAY + r.f(-6, 6) * HOUR; emit(a, t, { prompt: r.chance(0.6) ? r.pick(hw) : r.pick(BG_FRAMES)(r), model: r.pick(['orca-7-pro', 'orca-7-swift']), output_tokens: Math.round(r.lognormal(5.8, 0.6)), net: r.chance(0.4) ? r.pick(campus) : a.home }); }
    }
  }
}
function benignEnterprise() { // enterprise behind NAT
  const r = makeRng('ent');
  const gid = group('bn-enterprise', 'benign', 'enterprise-nat');
  const org = newOrgId(), card = newCard(), domain = pseudoWord(r, 3) + '-group.com';
  const nat = ipBlock(r, r.pick(ASNS.res_us), r.int(1, 3)).map((x) => ({ ...x, asn: 3356 }));
  const n = r.int(150, 260);
  const accts = Array.from({ length: n }, () => ({ gid, id: newAccountId(), org, card, domain, created: START - r.f(5, 300) * DAY, key: newKey(1), ua: r.pick([...UA_HUMAN, 'CorpCopilot/3.2']), rate: r.pareto(0.5, 1.4) }));
  for (const a of accts) for (let d = 0; d < NDAYS; d++) {
    const s = poissonish(r, Math.min(6, a.rate));
    for (let i = 0; i < s; i++) { const t = localTime(r, d, TZ.us_e, WORK_HOUR, 0.05); if (t == null) continue; emit(a, t, { prompt: r.pick(BG_FRAMES)(r) + (r.chance(0.04) ? ' ' + r.pick(STEP) : ''), sys: 'CorpCopilot: follow company policy; do not reveal confidential data.', model: r.pick(['orca-7-pro', 'orca-7-swift']), output_tokens: Math.round(r.lognormal(5.6, 0.8)), net: r.pick(nat), temperature: 0.5 }); }
  }
}
function benignReseller() { // reseller: many accounts one card, few relay IPs, diverse traffic
  const r = makeRng('resell');
  const gid = group('bn-reseller', 'benign', 'api-reseller');
  const card = newCard();
  const relays = ipBlock(r, ASNS.dc[8], r.int(2, 4));
  const n = r.int(110, 200);
  const accts = Array.from({ length: n }, () => ({ gid, id: newAccountId(), org: newOrgId(), card: r.chance(0.92) ? card : newCard(), domain: 'relaymart.' + 'net', created: START - r.f(0, 200) * DAY, key: newKey(2), ua: 'RelayMart-Proxy/1.8', tz: r.pick(Object.keys(TZ)), rate: r.pareto(0.6, 1.3) }));
  for (const a of accts) for (let d = 0; d < NDAYS; d++) {
    const s = poissonish(r, Math.min(8, a.rate));
    for (let i = 0; i < s; i++) { let t = localTime(r, d, TZ[a.tz], HUMAN_HOUR, 0.7); if (t == null) continue; for (let j = 0; j < r.int(1, 6); j++) { emit(a, t, { prompt: r.pick(BG_FRAMES)(r) + (r.chance(0.05) ? ' ' + r.pick(STEP) : ''), model: r.pick([...MODELS_OLD, ...(t > RELEASE ? [NEW_MODEL] : [])]), output_tokens: Math.round(r.lognormal(5.5, 0.9)), net: r.pick(relays), temperature: r.pick([null, 0.7, 1]) }); t += r.exp(60e3); } }
  }
}
function benignCI() { // CI/code-review bot fleet, cron every 15 min
  const r = makeRng('ci');
  const gid = group('bn-cibots', 'benign', 'ci-review-bots');
  const org = newOrgId(), card = newCard(), domain = 'buildkite-' + pseudoWord(r) + '.io';
  const n = r.int(15, 30);
  const accts = Array.from({ length: n }, () => ({ gid, id: newAccountId(), org, card, domain, created: START - r.f(20, 300) * DAY, key: newKey(0), ua: 'review-bot/1.4 (github-actions)', p: r.f(0.08, 0.3) }));
  const sys = 'You are a senior code reviewer. Point out bugs, security issues and style problems in the diff. Be concise.';
  for (let t = START; t < END; t += 15 * MIN) for (const a of accts) {
    if (!r.chance(a.p)) continue;
    emit(a, t + r.f(5, 50) * 1e3, { prompt: `Review this diff:\n--- a/src/${pseudoWord(r)}.ts\n+++ b/src/${pseudoWord(r)}.ts\n${codeSnippet(r)}`, sys, model: 'orca-7-code', output_tokens: Math.round(r.lognormal(5, 0.5)), net: ipIn(r, ASNS.dc[2]), temperature: 0.1, max_tokens: 1500 });
  }
}
function benignStartup() { // startup proxying end users through many accounts under one org
  const r = makeRng('startup');
  const gid = group('bn-startup-proxy', 'benign', 'startup-user-proxy');
  const org = newOrgId(), card = newCard(), domain = pseudoWord(r, 2) + 'ly.app';
  const srv = ipBlock(r, ASNS.dc[0], 6);
  const n = r.int(50, 100);
  const accts = Array.from({ length: n }, () => ({ gid, id: newAccountId(), org, card: r.chance(0.95) ? card : newCard(), domain, created: START - r.f(0, 60) * DAY, key: newKey(0), ua: 'axios/1.6.7', rate: r.pareto(3, 1.6) }));
  const sys = 'You are Pocket Mentor, a friendly study and life coach inside our app. Keep answers under 200 words.';
  for (const a of accts) for (let d = 0; d < NDAYS; d++) {
    const s = poissonish(r, Math.min(15, a.rate));
    for (let i = 0; i < s; i++) { const t = localTime(r, d, r.pick([TZ.us_e, TZ.us_w, TZ.eu, TZ.br]), HUMAN_HOUR, 0.9); if (t == null) continue; emit(a, t, { prompt: r.pick(BG_FRAMES)(r) + (r.chance(0.06) ? ' ' + r.pick(STEP) : ''), sys, model: 'orca-7-swift', output_tokens: Math.round(r.lognormal(5, 0.5)), net: r.pick(srv), temperature: 0.8, max_tokens: 400 }); }
  }
}

// ================================================================= run
const t_start = Date.now();
background(); campaignA(); campaignB(); campaignC(); campaignD();
benignSynth(); benignEval(); benignTranslate(); benignClass(); benignEnterprise(); benignReseller(); benignCI(); benignStartup();
rows.sort((x, y) => x.ts - y.ts || (x.request_id < y.request_id ? -1 : 1));

const FIELDS = ['ts', 'account_id', 'org_id', 'api_key_id', 'model', 'input_tokens', 'output_tokens', 'request_count', 'ip', 'asn', 'country', 'user_agent', 'payment_fingerprint', 'account_created_at', 'email_domain', 'prompt', 'prompt_hash', 'system_prompt_hash', 'status', 'latency_ms', 'request_id', 'max_tokens', 'temperature', 'topic'];
const drop = new Set();
if (NOBILL) for (const f of ['payment_fingerprint', 'account_created_at', 'email_domain', 'org_id']) drop.add(f);
if (META) for (const f of ['prompt', 'prompt_hash', 'system_prompt_hash']) drop.add(f);
const outFields = FIELDS.filter((f) => !drop.has(f));
const jfd = fs.openSync(path.join(OUT, 'logs.jsonl'), 'w');
const cfd = CSV ? fs.openSync(path.join(OUT, 'logs.csv'), 'w') : null;
const csvCell = (v) => { if (v === null || v === undefined) return ''; const s = String(v); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
if (cfd) fs.writeSync(cfd, outFields.join(',') + '\n');
let jb = [], cb = [];
for (const row of rows) {
  const o = {};
  for (const f of outFields) { const v = f === 'ts' ? new Date(row.ts).toISOString() : row[f]; if (v !== null && v !== undefined) o[f] = v; }
  jb.push(JSON.stringify(o));
  if (cfd) cb.push(outFields.map((f) => csvCell(f === 'ts' ? new Date(row.ts).toISOString() : row[f])).join(','));
  if (jb.length >= 20000) { fs.writeSync(jfd, jb.join('\n') + '\n'); jb = []; if (cfd) { fs.writeSync(cfd, cb.join('\n') + '\n'); cb = []; } }
}
if (jb.length) fs.writeSync(jfd, jb.join('\n') + '\n');
if (cfd && cb.length) fs.writeSync(cfd, cb.join('\n') + '\n');
fs.closeSync(jfd); if (cfd) fs.closeSync(cfd);

const groups = [];
let bgStats = null;
for (const [gidKey, g] of groupStats) {
  if (g.kind === 'background') { bgStats = { accounts: g.accounts.size, exchanges: g.exchanges, rows: g.rows }; continue; }
  groups.push({ id: gidKey, kind: g.kind, population: g.population, accounts: [...g.accounts].sort(), exchanges: g.exchanges, rows: g.rows });
}
const firstNew = rows.find((x) => x.model === NEW_MODEL);
const truth = {
  seed: SEED, scale: 0,
  time_range: { first: rows.length ? new Date(rows[0].ts).toISOString() : null, last: rows.length ? new Date(rows[rows.length - 1].ts).toISOString() : null },
  groups, background: bgStats,
  new_model: { model: NEW_MODEL, first_seen: firstNew ? new Date(firstNew.ts).toISOString() : null },
  options: { formats: CSV ? ['jsonl', 'csv'] : ['jsonl'], metadata_only: META, split_accounts: false, no_billing: NOBILL },
};
fs.writeFileSync(path.join(OUT, 'truth.json'), JSON.stringify(truth, null, 1));
console.error(`seed ${SEED}: ${rows.length} rows, ${NDAYS} days, ${((Date.now() - t_start) / 1000).toFixed(1)}s`);
for (const g of groups) console.error(`  ${g.kind.padEnd(8)} ${g.population.padEnd(24)} acc=${g.accounts.length} rows=${g.rows}`);
console.error(`  background acc=${bgStats.accounts} rows=${bgStats.rows}`);
