/**
 * `--format stix`: the flagged clusters (high or critical) as a STIX 2.1 bundle, for a threat-intel platform.
 *
 * - one `identity` for the tool (the producer; every other object is `created_by_ref` it);
 * - per flagged cluster a `campaign` (with the accounts, severity, score and the shared payment fingerprints
 *   as `x_distill_*` custom properties), an `indicator` for each IP address, IP network and AS number its
 *   accounts share and almost no one else uses (cluster `detail.shared`, when the report has it), an
 *   `indicates` `relationship` from each indicator to the campaign, and a `report` that refers to them all.
 *
 * Ids are `type--` + a UUIDv5 of the object's content under a fixed namespace, and every `created`/`modified`
 * is the report's `generated_at`, so the same report always gives the same bundle, byte for byte. A campaign's
 * id depends only on its accounts: the same campaign found again in a later scan is a new version of the same
 * STIX object. Payment fingerprints have no STIX Cyber-observable type, so they stay a custom property rather
 * than an invalid pattern; redacted IPs (pseudonyms) are not addresses and give no indicator.
 */
import { isIP } from 'node:net';
import { isFlagged } from '../score/score.js';
import type { Report, ReportCluster } from './report.js';
import { safeJson } from './to-json.js';
import { uuidv5 } from './uuidv5.js';

/** The namespace of every id this tool mints. Never change it: ids would stop matching earlier bundles. */
export const STIX_NAMESPACE = 'abb21352-30b8-4af2-a60d-98b026ab536e';

type StixObject = Record<string, unknown> & { type: string; id: string };

function stixId(type: string, ...content: string[]): string {
  return `${type}--${uuidv5([type, ...content].join('\n'), STIX_NAMESPACE)}`;
}

/** A STIX pattern string literal: single-quoted, with \ and ' escaped. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The broadest networks that are indicators (network()). */
const MIN_IPV4_BITS = 16;
const MIN_IPV6_BITS = 32;

/** An address or a CIDR network of the right family; null when the value is neither (masked, redacted). */
function network(value: string): { family: 4 | 6; value: string } | null {
  let v = value.trim();
  // A masked address as some exports write it (198.51.100.***): its /24.
  const masked = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\*+$/.exec(v);
  if (masked) v = `${masked[1]}.0/24`;
  const [addr, bits, more] = v.split('/');
  if (more !== undefined) return null;
  const family = isIP(addr);
  if (family !== 4 && family !== 6) return null;
  if (bits !== undefined) {
    const n = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || n > (family === 4 ? 32 : 128)) return null;
    // A network an attacker wrote into a log as its "IP" (0.0.0.0/0) must not become an indicator matching
    // everyone: nothing broader than a /16 (IPv4) or a /32 (IPv6) is an observable.
    if (n < (family === 4 ? MIN_IPV4_BITS : MIN_IPV6_BITS)) return null;
  }
  return { family, value: v };
}

/** The STIX pattern for one shared value, or null when STIX has no observable for it. */
export function stixPattern(kind: string, value: string): { pattern: string; name: string } | null {
  if (kind === 'ip' || kind === 'ip_prefix') {
    const net = network(value);
    if (!net) return null;
    const pattern = `[ipv${net.family}-addr:value = ${literal(net.value)}]`;
    return { pattern, name: `${net.value.includes('/') ? 'network' : 'IP address'} ${net.value}` };
  }
  if (kind === 'asn') {
    const m = /^(?:AS)?(\d{1,10})$/i.exec(value.trim());
    if (!m || Number(m[1]) > 4_294_967_295) return null;
    return { pattern: `[autonomous-system:number = ${Number(m[1])}]`, name: `AS${Number(m[1])}` };
  }
  return null;
}

function description(c: ReportCluster): string {
  const evidence = c.evidence.map((e) => `- ${e.detail}`).join('\n');
  return `${c.label}. Severity ${c.severity}, score ${c.score.toFixed(2)}; ${c.account_count} accounts, ${c.exchanges} exchanges from ${c.first_seen} to ${c.last_seen}.${evidence ? `\nEvidence:\n${evidence}` : ''}`;
}

export function toStix(report: Report): string {
  const time = report.generated_at;
  const identityId = stixId('identity', report.tool.name);
  const common = (type: string, id: string) => ({ type, spec_version: '2.1', id, created: time, modified: time });
  const objects: StixObject[] = [
    {
      ...common('identity', identityId),
      name: report.tool.name,
      description: `${report.tool.name} ${report.tool.version}: model-distillation campaigns found in LLM API access logs`,
      identity_class: 'system',
    },
  ];
  const indicators = new Map<string, StixObject>();
  const relationships = new Set<string>();

  for (const c of report.clusters.filter((c) => isFlagged(c.severity))) {
    const confidence = Math.max(0, Math.min(100, Math.round(c.score * 100)));
    const campaignId = stixId('campaign', ...c.accounts);
    const shared = c.detail?.shared ?? [];
    const payments = shared.filter((s) => s.kind === 'payment').map((s) => s.value);
    const campaign: StixObject = {
      ...common('campaign', campaignId),
      created_by_ref: identityId,
      name: `${c.id}: ${c.label}`,
      description: description(c),
      first_seen: c.first_seen,
      last_seen: c.last_seen,
      objective: 'model distillation: harvesting model outputs at scale across coordinated accounts',
      confidence,
      x_distill_cluster_id: c.id,
      x_distill_severity: c.severity,
      x_distill_score: c.score,
      x_distill_accounts: c.accounts,
      x_distill_exchanges: c.exchanges,
      ...(payments.length ? { x_distill_payment_fingerprints: payments } : {}),
    };
    const refs: string[] = [campaignId];
    const own: StixObject[] = [campaign];
    for (const s of shared) {
      if ('exclusive' in s && s.exclusive === false) continue;
      const p = stixPattern(s.kind, s.value);
      if (!p) continue;
      const indicatorId = stixId('indicator', p.pattern);
      let indicator = indicators.get(indicatorId);
      if (!indicator) {
        indicator = {
          ...common('indicator', indicatorId),
          created_by_ref: identityId,
          name: p.name,
          description: `${p.name}, shared by accounts of a suspected model-distillation campaign`,
          indicator_types: ['anomalous-activity'],
          pattern: p.pattern,
          pattern_type: 'stix',
          pattern_version: '2.1',
          valid_from: c.first_seen,
          confidence,
        };
        indicators.set(indicatorId, indicator);
        own.push(indicator);
      } else {
        // Shared by two flagged clusters: one indicator, valid from the earlier first sighting, indicating both.
        if (c.first_seen < String(indicator.valid_from)) indicator.valid_from = c.first_seen;
        if (confidence > Number(indicator.confidence)) indicator.confidence = confidence;
      }
      const relationshipId = stixId('relationship', indicatorId, 'indicates', campaignId);
      if (!relationships.has(relationshipId)) {
        relationships.add(relationshipId);
        own.push({
          ...common('relationship', relationshipId),
          created_by_ref: identityId,
          relationship_type: 'indicates',
          source_ref: indicatorId,
          target_ref: campaignId,
          confidence,
        });
        refs.push(indicatorId, relationshipId);
      }
    }
    objects.push(...own, {
      ...common('report', stixId('report', time, campaignId)),
      created_by_ref: identityId,
      name: c.label,
      description: description(c),
      report_types: ['campaign'],
      published: time,
      object_refs: refs,
      confidence,
    });
  }
  const bundle = { type: 'bundle', id: stixId('bundle', time, ...objects.map((o) => o.id)), objects };
  return `${safeJson(bundle, 2)}\n`;
}
