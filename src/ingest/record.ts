/**
 * The canonical input record (CONTRACT.md §3) and the columnar batch that ingest hands to later stages.
 * Times are epoch milliseconds (NaN = absent); optional strings are `null` when absent.
 */

export const STRING_FIELDS = [
  'account_id', 'org_id', 'api_key_id', 'model', 'ip', 'asn', 'country', 'user_agent',
  'payment_fingerprint', 'email_domain', 'prompt', 'prompt_hash', 'system_prompt_hash',
  'status', 'request_id', 'topic',
] as const;

export const NUMBER_FIELDS = [
  'ts', 'input_tokens', 'output_tokens', 'request_count', 'account_created_at',
  'latency_ms', 'max_tokens', 'temperature',
] as const;

export type StringField = (typeof STRING_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type CanonicalField = StringField | NumberField;
export const CANONICAL_FIELDS: readonly CanonicalField[] = [...NUMBER_FIELDS, ...STRING_FIELDS];

export function isCanonicalField(name: string): name is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(name);
}

/** A validated exchange. `account_id` and `ts` are always present. */
export type CanonicalRecord = { [K in StringField]: string | null } & { [K in NumberField]: number } & {
  account_id: string;
};

/** What a preset produces before validation: raw values straight from the source, `undefined` when absent. */
export type RawRecord = Partial<Record<CanonicalField, unknown>>;

/**
 * Rows per batch. Small enough that a batch's strings are folded into account states and dropped while
 * still in V8's young generation: 8192 rows of a prompt dump outgrew it, were promoted, and the old
 * generation filled with dead rows between major collections (about a fifth more peak memory, and slower).
 */
export const BATCH_ROWS = 1024;

/** Column-oriented batch of validated records. */
export class RecordBatch {
  length = 0;
  readonly strings: Record<StringField, (string | null)[]>;
  readonly numbers: Record<NumberField, Float64Array>;

  constructor(readonly capacity = BATCH_ROWS) {
    this.strings = Object.fromEntries(STRING_FIELDS.map((f) => [f, new Array<string | null>(capacity)])) as RecordBatch['strings'];
    this.numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, new Float64Array(capacity)])) as RecordBatch['numbers'];
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  /** Row `i` as a record object (tests and slow paths; stages read the columns). */
  row(i: number): CanonicalRecord {
    const out = {} as Record<string, unknown>;
    for (const f of STRING_FIELDS) out[f] = this.strings[f][i];
    for (const f of NUMBER_FIELDS) out[f] = this.numbers[f][i];
    return out as CanonicalRecord;
  }
}
