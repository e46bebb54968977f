/**
 * Linkage tokens: the attribute values through which accounts can be tied together (a payment card, an
 * IP, a /24, a user agent, a prompt template, a creation hour…). Two accounts that hold the same token
 * share that attribute; how much it says depends on the token's kind and on how rare it is.
 */
import type { AccountState } from '../features/account-state.js';
import { VALUE_LISTS } from '../features/columns.js';
import type { ValueCounter } from '../features/sketch.js';

export type TokenKind =
  | 'payment'
  | 'api_key'
  | 'ip'
  | 'ip_prefix'
  | 'user_agent'
  | 'template'
  | 'system_prompt'
  | 'created_hour'
  | 'org'
  | 'email_domain';

/**
 * What a kind's shared value does for a link (graph.ts PairScorer): `hard` evidence (infrastructure,
 * identity) can make a link; `soft` content corroborates one (templates alone link only when several rare
 * ones are shared, see graph.ts); a `creation` hour is weighted by how
 * impossible its sign-up burst is by chance, and adds to a link without making one.
 */
export type LinkRole = 'hard' | 'soft' | 'creation';

/**
 * How strongly one shared token of each kind ties two accounts, before rarity. Payment instruments and
 * keys are rarely shared by strangers; an IP or template can be (NAT, public prompt); a user agent or a
 * creation hour alone says little. `declared` kinds are linkage an account owner states openly (same org,
 * same company email domain): they group accounts but are never evidence of concealment.
 */
export const TOKEN_KINDS: Record<TokenKind, { strength: number; declared: boolean; role: LinkRole; perAccount: number }> = {
  payment: { strength: 1.0, declared: false, role: 'hard', perAccount: VALUE_LISTS.payments.limit },
  api_key: { strength: 1.0, declared: false, role: 'hard', perAccount: VALUE_LISTS.apiKeys.limit },
  ip: { strength: 0.6, declared: false, role: 'hard', perAccount: VALUE_LISTS.ips.limit },
  ip_prefix: { strength: 0.3, declared: false, role: 'hard', perAccount: VALUE_LISTS.ipPrefixes.limit },
  created_hour: { strength: 0.35, declared: false, role: 'creation', perAccount: 1 },
  org: { strength: 0.9, declared: true, role: 'hard', perAccount: VALUE_LISTS.orgs.limit },
  email_domain: { strength: 0.5, declared: true, role: 'hard', perAccount: 1 },
  // Soft: what a client sends. Strangers share popular prompts and SDKs, so these corroborate a link
  // made of infrastructure, identity or timing; only several rare templates together make one alone.
  template: { strength: 0.5, declared: false, role: 'soft', perAccount: VALUE_LISTS.templates.limit },
  system_prompt: { strength: 0.4, declared: false, role: 'soft', perAccount: VALUE_LISTS.systemPrompts.limit },
  user_agent: { strength: 0.2, declared: false, role: 'soft', perAccount: VALUE_LISTS.userAgents.limit },
};

/** Mail providers anyone can sign up with: a shared one ties nobody together. */
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com', 'me.com',
  'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.ru', 'yandex.com',
  'mail.ru', 'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'hanmail.net', 'zoho.com', 'tutanota.com', 'fastmail.com', 'hey.com',
]);

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

export interface Token {
  kind: TokenKind;
  value: string;
}

function heaviest(counter: ValueCounter, limit: number): string[] {
  return counter.entries().slice(0, limit).map(([v]) => v);
}

const HOUR_MS = 3_600_000;

/** The tokens an account holds, each kind capped at its heaviest values. */
export function accountTokens(s: AccountState): Token[] {
  const out: Token[] = [];
  const add = (kind: TokenKind, values: Iterable<string>): void => {
    for (const value of values) out.push({ kind, value });
  };
  add('payment', heaviest(s.payments, TOKEN_KINDS.payment.perAccount));
  add('api_key', heaviest(s.apiKeys, TOKEN_KINDS.api_key.perAccount));
  add('ip', heaviest(s.ips, TOKEN_KINDS.ip.perAccount));
  add('ip_prefix', heaviest(s.ipPrefixes, TOKEN_KINDS.ip_prefix.perAccount));
  add('user_agent', heaviest(s.userAgents, TOKEN_KINDS.user_agent.perAccount));
  add('template', heaviest(s.templates, TOKEN_KINDS.template.perAccount));
  add('system_prompt', heaviest(s.systemPrompts, TOKEN_KINDS.system_prompt.perAccount));
  add('org', heaviest(s.orgs, TOKEN_KINDS.org.perAccount));
  add('email_domain', heaviest(s.emailDomains, 1).filter((d) => !isFreeMail(d)));
  if (!Number.isNaN(s.createdAt)) add('created_hour', [String(Math.floor(s.createdAt / HOUR_MS))]);
  return out;
}
