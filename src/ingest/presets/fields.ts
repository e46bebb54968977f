/**
 * The preset-as-data interpreter (formats.md §8.1): per canonical field an ordered list of source paths with
 * `??` fallback, sums, constants, prefix-on-fallback identity, and a small closed set of transforms; row
 * filters; and one body-derivation step. Each preset file is a table built from these pieces.
 */
import { parseTime } from '../time.js';
import { resolveRowPath } from '../path.js';
import { asCount, isAbsent, toNumber } from '../validate.js';
import type { CanonicalField, RawRecord } from '../record.js';
import { type BodyDialect, bodyFields, parseJsonText } from './bodies.js';
import { Filtered, type Preset, type SourceRecord } from './preset.js';
import { isObject } from '../../io/read-json.js';

/** Reads one value from a source record; `undefined` = absent. */
export type Getter = (source: SourceRecord) => unknown;
/** A path text (resolved with `resolveRowPath`, so CSV cells and JSON strings work) or a getter. */
export type FieldSpec = string | Getter;
export type FieldTable = Partial<Record<CanonicalField, FieldSpec>>;
/** A row filter: the reason the row is dropped on purpose, or undefined to keep it. */
export type RowFilter = (source: SourceRecord) => string | undefined;

/**
 * The text of a scalar (string, number, bigint, boolean); undefined for anything else. The one conversion
 * the presets use on source values: `String(v)` on attacker-written JSON such as `{"toString":1}` throws
 * "Cannot convert object to primitive value", and objects/arrays have no meaningful text for a transform
 * anyway — a transform treats them as absent.
 */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Absent as validation sees it, plus whitespace-only strings (an identity of "  " is no identity). */
export function absent(v: unknown): boolean {
  return isAbsent(v) || (typeof v === 'string' && v.trim().length === 0);
}

export function getter(spec: FieldSpec): Getter {
  if (typeof spec === 'function') return spec;
  return (source) => resolveRowPath(source, spec);
}

/** Present values only: absent markers ("", "-", null) become undefined so later fallbacks see them as missing. */
function present(spec: FieldSpec): Getter {
  const get = getter(spec);
  return (source) => {
    const v = get(source);
    return absent(v) ? undefined : v;
  };
}

/** `a ?? b ?? …`: the first non-absent value. */
export function first(...specs: FieldSpec[]): Getter {
  const gets = specs.map(present);
  return (source) => {
    for (const get of gets) {
      const v = get(source);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

export function constant(value: unknown): Getter {
  return () => value;
}

/**
 * `A + B + …` over disjoint counters: absent parts count 0, all absent → absent. An invalid part is passed
 * through unchanged so validation rejects the row as `bad_tokens` instead of the sum hiding it.
 */
export function sum(...specs: FieldSpec[]): Getter {
  const gets = specs.map(present);
  return (source) => {
    let total = 0;
    let any = false;
    for (const get of gets) {
      const v = get(source);
      if (v === undefined) continue;
      const n = asCount(v, 0);
      if (Number.isNaN(n)) return v;
      total += n;
      any = true;
    }
    return any ? total : undefined;
  };
}

/**
 * Identity with namespaced fallbacks (formats.md §9.1): the first source is used raw, every fallback gets
 * its prefix (`key:`, `ip:`…) so two namespaces never collide into one account.
 */
export function identity(primary: FieldSpec, ...fallbacks: [prefix: string, spec: FieldSpec][]): Getter {
  const head = present(primary);
  const rest = fallbacks.map(([prefix, spec]) => [prefix, present(spec)] as const);
  return (source) => {
    const v = head(source);
    if (v !== undefined) return v;
    for (const [prefix, get] of rest) {
      // A fallback without text (object, array) cannot be namespaced: the next one is tried.
      const f = scalarText(get(source))?.trim();
      if (f !== undefined && f.length > 0) return `${prefix}${f}`;
    }
    return undefined;
  };
}

/** Builds a transform: `fn` sees only present values; undefined from `fn` means absent. */
function transform(fn: (v: unknown) => unknown): (spec: FieldSpec) => Getter {
  return (spec) => {
    const get = present(spec);
    return (source) => {
      const v = get(source);
      return v === undefined ? undefined : fn(v);
    };
  };
}

/** A transform of text: `fn` sees the present value's `scalarText`; a value without text is absent. */
function textTransform(fn: (s: string) => unknown): (spec: FieldSpec) => Getter {
  return transform((v) => {
    const s = scalarText(v);
    return s === undefined ? undefined : fn(s);
  });
}

/** Epoch seconds → epoch ms (OpenAI bucket times); non-numeric values pass through for validation to judge. */
export const secondsToMs = transform((v) => {
  const n = toNumber(v);
  return Number.isFinite(n) ? Math.round(n * 1000) : v;
});

/** Negative durations occur in bad data (Azure `durationMs`): treat as missing. */
export const nonNegative = transform((v) => {
  const n = toNumber(v);
  return Number.isFinite(n) && n < 0 ? undefined : v;
});

/** `/SUBSCRIPTIONS/<guid>/…` → the subscription GUID (as written). */
export const subscriptionFromResourceId = textTransform((s) => /\/subscriptions\/([^/]+)/i.exec(s)?.[1]);

/** First entry of a comma list (`X-Forwarded-For`, LiteLLM with use_x_forwarded_for). */
export const firstHop = textTransform((v) => {
  const hop = v.split(',')[0].trim();
  return absent(hop) ? undefined : hop;
});

/** `10.0.3.7:51544` → `10.0.3.7`, `[2001:db8::1]:443` → `2001:db8::1`; a bare IPv6 address is left alone. */
export const stripPort = textTransform((v) => {
  const s = v.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) return bracketed[1];
  const v4 = /^([^:]+):\d+$/.exec(s);
  return v4 ? v4[1] : s;
});

/** Azure masks the last octet (`198.51.100.***`): keep the /24 prefix, never a host address. */
export const maskedIpPrefix = textTransform((v) => {
  const s = v.trim();
  const m = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.(?:\*+|x+)$/i.exec(s);
  return m ? `${m[1]}.0/24` : s;
});

/** The `i`-th space-separated token of an HTTP request line (`POST /v1/messages HTTP/1.1`). */
export function requestLineToken(spec: FieldSpec, i: number): Getter {
  return textTransform((v) => v.trim().split(/\s+/)[i])(spec);
}

/** Present values joined with `sep` (Azure `modelName` + `modelVersion`); absent when the first is absent (values without text count as absent). */
export function joined(sep: string, ...specs: FieldSpec[]): Getter {
  const gets = specs.map(present);
  return (source) => {
    const parts = gets.map((g) => scalarText(g(source)));
    if (parts[0] === undefined) return undefined;
    return parts.filter((p) => p !== undefined).map((p) => p.trim()).join(sep);
  };
}

/** `end − start` in ms for two time values (LiteLLM `endTime − startTime`). */
export function elapsedMs(end: FieldSpec, start: FieldSpec): Getter {
  const e = present(end);
  const s = present(start);
  return (source) => {
    const ev = e(source);
    const sv = s(source);
    if (ev === undefined || sv === undefined) return undefined;
    const d = parseTime(ev) - parseTime(sv);
    return Number.isFinite(d) && d >= 0 ? d : undefined;
  };
}

/**
 * Start time from a log-write (end) time minus a duration in seconds (nginx `$msec`/`$time_iso8601` −
 * `$request_time`), as epoch ms. No duration → the end time as-is; an unparseable end is passed through so
 * validation reports it as `bad_ts`.
 */
export function endMinusSeconds(end: FieldSpec, durationSeconds: FieldSpec): Getter {
  const e = present(end);
  const d = present(durationSeconds);
  return (source) => {
    const ev = e(source);
    if (ev === undefined) return undefined;
    const endMs = parseTime(ev);
    if (Number.isNaN(endMs)) return ev;
    const secs = toNumber(d(source));
    return Number.isFinite(secs) && secs >= 0 ? endMs - Math.round(secs * 1000) : endMs;
  };
}

/** Keep rows whose value passes `keep`; an absent value never filters (the row cannot be judged). */
export function dropUnless(spec: FieldSpec, keep: (v: unknown) => boolean, reason: string): RowFilter {
  const get = present(spec);
  return (source) => {
    const v = get(source);
    return v === undefined || keep(v) ? undefined : reason;
  };
}

export interface PresetSpec {
  name: string;
  description: string;
  documents?: boolean;
  explode?(value: unknown): unknown[];
  warnings?: readonly string[];
  missingIdentityHint?: string;
  notRecords?: { path: RegExp; what: string };
  buckets?: { requestCounts: boolean };
  filters?: readonly RowFilter[];
  fields: FieldTable;
  /** Request body to derive `prompt`, `prompt_hash`, `system_prompt_hash` from, read with one dialect. */
  body?: { from: FieldSpec; dialect: BodyDialect };
}

/** Compile a preset table into a `Preset`. */
export function definePreset(spec: PresetSpec): Preset {
  const filters = spec.filters ?? [];
  const fields = Object.entries(spec.fields).map(([field, s]) => [field as CanonicalField, getter(s as FieldSpec)] as const);
  const bodyGet = spec.body ? getter(spec.body.from) : undefined;
  const dialect = spec.body?.dialect;
  const preset: Preset = {
    name: spec.name,
    description: spec.description,
    map(source: SourceRecord): RawRecord | Filtered {
      for (const f of filters) {
        const reason = f(source);
        if (reason !== undefined) return new Filtered(reason);
      }
      const out: RawRecord = {};
      for (const [field, get] of fields) {
        const v = get(source);
        if (v !== undefined) out[field] = v;
      }
      if (bodyGet && dialect) {
        const body = parseJsonText(bodyGet(source));
        if (body !== undefined) Object.assign(out, bodyFields(dialect(body, source)));
      }
      return out;
    },
  };
  // Optional members only when set, so `'explode' in preset` stays meaningful for readers.
  return Object.assign(
    preset,
    spec.documents ? { documents: true } : {},
    spec.explode ? { explode: spec.explode } : {},
    spec.warnings ? { warnings: spec.warnings } : {},
    spec.missingIdentityHint ? { missingIdentityHint: spec.missingIdentityHint } : {},
    spec.notRecords ? { notRecords: spec.notRecords } : {},
    spec.buckets ? { buckets: spec.buckets } : {},
  );
}

// ---- envelopes (formats.md §0.2) ----

/**
 * Unwrap `key[]` of an envelope object (`records`, `result`); arrays are exploded element-wise, anything
 * else is one record.
 */
export function explodeKey(key: string): (value: unknown) => unknown[] {
  const explode = (value: unknown): unknown[] => {
    if (Array.isArray(value)) return value.flatMap((v) => (isObject(v) && Array.isArray(v[key]) ? explode(v) : [v]));
    if (isObject(value) && Array.isArray(value[key])) return value[key] as unknown[];
    return [value];
  };
  return explode;
}

/**
 * Usage pages (OpenAI, Anthropic): `{data:[bucket]}` pages, bare bucket arrays, single buckets, or already
 * flat result rows. Each result becomes one record carrying its bucket's scalar fields (start/end time) —
 * the result's own fields win on a clash (`object`).
 */
export function explodeUsagePage(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(explodeUsagePage);
  if (!isObject(value)) return [value];
  if (Array.isArray(value.data)) return value.data.flatMap(explodeUsagePage);
  if (!Array.isArray(value.results)) return [value];
  const bucket: Record<string, unknown> = {};
  // Not `object`: "bucket" must not stand in for a result's own object type (filters read it).
  for (const [k, v] of Object.entries(value)) if (k !== 'results' && k !== 'object' && (v === null || typeof v !== 'object')) bucket[k] = v;
  return value.results.map((r) => (isObject(r) ? { ...bucket, ...r } : r));
}
