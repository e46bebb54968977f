/**
 * Static vocabularies the simulated world draws from: models, networks, email providers, clients.
 * Campaigns and ordinary users draw from the same lists, so no value by itself marks a campaign.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The dump covers these instants: [start, end). The big campaign runs 22 Apr – 5 Jun inside it. */
export const DUMP_START = Date.UTC(2026, 3, 18);
export const DUMP_END = Date.UTC(2026, 5, 8);

/** Models on sale for the whole dump; the newly released one is added by the world with its release time. */
export const MODELS = ['helix-3-large', 'helix-3-medium', 'helix-3-small', 'helix-2.5-large', 'helix-3-large-thinking'] as const;
export const NEW_MODEL = 'helix-4-large';
/** Popularity of MODELS among ordinary users. */
export const MODEL_WEIGHTS = [30, 34, 20, 6, 10];

export type AsnKind = 'residential' | 'hosting' | 'vpn';
export interface AsnInfo {
  asn: number;
  country: string;
  kind: AsnKind;
}

export const ASNS: AsnInfo[] = [
  // residential and mobile access networks
  ...([
    [7922, 'US'], [701, 'US'], [7018, 'US'], [20115, 'US'], [22773, 'US'], [21928, 'US'],
    [3320, 'DE'], [3209, 'DE'], [5089, 'GB'], [2856, 'GB'], [3215, 'FR'], [12322, 'FR'], [3352, 'ES'],
    [1136, 'NL'], [3269, 'IT'], [5432, 'BE'], [8447, 'AT'], [5617, 'PL'], [3301, 'SE'], [6830, 'CH'],
    [4134, 'CN'], [4837, 'CN'], [17676, 'JP'], [2516, 'JP'], [4766, 'KR'], [9318, 'KR'], [24560, 'IN'],
    [55836, 'IN'], [9829, 'IN'], [1221, 'AU'], [7545, 'AU'], [812, 'CA'], [577, 'CA'], [28573, 'BR'],
    [18881, 'BR'], [8151, 'MX'], [12389, 'RU'], [9121, 'TR'], [4760, 'HK'], [9506, 'SG'], [7552, 'VN'],
    [17974, 'ID'], [9299, 'PH'], [3462, 'TW'], [8452, 'EG'], [36903, 'MA'], [37100, 'ZA'], [7303, 'AR'],
    [27651, 'CL'], [6147, 'PE'],
  ] as const).map(([asn, country]) => ({ asn, country, kind: 'residential' as AsnKind })),
  // cloud and hosting providers (servers, CI runners, gateways — and proxy pools)
  ...([
    [16509, 'US'], [14618, 'US'], [396982, 'US'], [8075, 'US'], [14061, 'US'], [24940, 'DE'], [16276, 'FR'],
    [63949, 'US'], [20473, 'US'], [45102, 'SG'], [132203, 'HK'], [31898, 'US'], [51167, 'DE'], [8560, 'DE'],
    [12876, 'FR'], [62240, 'NL'], [40021, 'US'], [36352, 'US'], [55286, 'US'], [135377, 'HK'],
  ] as const).map(([asn, country]) => ({ asn, country, kind: 'hosting' as AsnKind })),
  // VPN-heavy hosting (commercial VPN exits; also used by privacy-minded ordinary users)
  ...([
    [9009, 'GB'], [60068, 'GB'], [212238, 'NL'], [136787, 'US'], [174, 'US'], [49981, 'NL'], [202425, 'SC'],
  ] as const).map(([asn, country]) => ({ asn, country, kind: 'vpn' as AsnKind })),
];

/** Hours east of UTC, by country, for diurnal patterns (one zone per country is close enough). */
export const UTC_OFFSET: Record<string, number> = {
  US: -6, CA: -5, MX: -6, BR: -3, AR: -3, CL: -4, PE: -5, GB: 0, DE: 1, FR: 1, ES: 1, NL: 1, IT: 1, BE: 1,
  AT: 1, PL: 1, SE: 1, CH: 1, RU: 3, TR: 3, EG: 2, MA: 1, ZA: 2, IN: 5, CN: 8, JP: 9, KR: 9, HK: 8, SG: 8,
  TW: 8, VN: 7, ID: 7, PH: 8, AU: 10, SC: 4,
};

/** Where ordinary users are, roughly by API usage. */
export const USER_COUNTRIES = ['US', 'US', 'US', 'US', 'GB', 'DE', 'DE', 'FR', 'IN', 'IN', 'JP', 'KR', 'CA', 'BR', 'NL', 'ES',
  'IT', 'AU', 'SG', 'PL', 'SE', 'CH', 'TR', 'MX', 'ID', 'VN', 'PH', 'TW', 'HK', 'CN', 'EG', 'ZA', 'AR', 'CL', 'AT', 'BE'];

export const FREE_MAIL = ['gmail.com', 'gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'outlook.com', 'hotmail.com',
  'yahoo.com', 'icloud.com', 'proton.me', 'qq.com', '163.com', 'naver.com', 'gmx.de', 'web.de', 'mail.ru',
  'yandex.ru', 'live.com', 'protonmail.com', 'aol.com', 'zoho.com', 'fastmail.com'];

export const USER_AGENTS = [
  'anthropic-python/0.49.0', 'anthropic-python/0.52.1', 'anthropic-python/0.54.0', 'anthropic-typescript/0.39.0',
  'anthropic-typescript/0.51.0', 'openai-python/1.68.2', 'openai-node/4.91.0', 'python-httpx/0.27.0',
  'python-httpx/0.28.1', 'python-requests/2.31.0', 'python-requests/2.32.3', 'curl/8.5.0', 'Go-http-client/2.0',
  'langchain-anthropic/0.3.10', 'LiteLLM/1.63.2', 'okhttp/4.12.0', 'axios/1.6.8', 'node-fetch/3.3.2',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'vercel-ai-sdk/4.2.0', 'llama-index/0.12.25', 'ruby-anthropic/0.3.2', 'Java-SDK/1.4.0', 'PostmanRuntime/7.39.0',
];
/** Popularity of USER_AGENTS (SDKs dominate). */
export const USER_AGENT_WEIGHTS = [14, 12, 8, 9, 6, 10, 6, 5, 4, 6, 5, 3, 3, 4, 4, 1, 2, 2, 2, 1, 2, 1, 1, 1, 1];

const SYLLABLES = ['ka', 'lo', 'ver', 'tri', 'no', 'mi', 'sol', 'ra', 'quen', 'dex', 'zu', 'pha', 'lin', 'mo', 'tec', 'vi',
  'sta', 'ar', 'on', 'bel', 'cor', 'da', 'el', 'fin', 'gra', 'hal', 'io', 'jun', 'kel', 'mar', 'nex', 'or', 'pri'];
const TLDS = ['com', 'com', 'com', 'io', 'ai', 'co', 'net', 'de', 'dev', 'tech', 'app'];

/** A company-looking domain such as `veltrinex.io`; ordinary firms and fake fronts both look like this. */
export function companyDomain(r: { pick<T>(a: readonly T[]): T; int(a: number, b: number): number }): string {
  let s = '';
  const n = r.int(2, 3);
  for (let i = 0; i < n; i++) s += r.pick(SYLLABLES);
  return `${s}.${r.pick(TLDS)}`;
}

export const UNIVERSITY_NAMES = ['northfield', 'westbrook', 'lakemont', 'ashford', 'riverton', 'kingsbridge', 'eastvale', 'harlow'];
