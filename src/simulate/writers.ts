/**
 * Serialisers for the log dump: JSONL, CSV (with header) and Arrow IPC file, the same rows in the same
 * order with the canonical field names (CONTRACT §3). Rows arrive slice by slice and are written as they
 * come; every file goes to a temporary name and is renamed into place only when complete.
 */
import { Field, Float64, Int64, makeData, RecordBatch, RecordBatchFileWriter, Schema, Struct, TimestampMillisecond, Utf8, type Data, type DataType } from 'apache-arrow';
import { AtomicFile } from '../io/atomic-file.js';
import { promptHash } from '../ingest/prompt.js';
import type { Row } from './world.js';

export type Format = 'jsonl' | 'csv' | 'arrow';

/** Which columns the dump carries. */
export interface Layout {
  org: boolean;
  billing: boolean;
  prompts: boolean;
}

export function columns(l: Layout): string[] {
  return [
    'ts', 'account_id', ...(l.org ? ['org_id'] : []), 'api_key_id', 'model', 'input_tokens', 'output_tokens', 'request_count',
    'ip', 'asn', 'country', 'user_agent', ...(l.billing ? ['payment_fingerprint', 'account_created_at', 'email_domain'] : []),
    ...(l.prompts ? ['prompt', 'prompt_hash', 'system_prompt_hash'] : []),
    'status', 'latency_ms', 'request_id', 'max_tokens', 'temperature', 'topic',
  ];
}

interface TextInfo {
  hash: string;
  json: string;
  csv: string;
}

/** A text's serialised forms, computed when first asked for. */
class Text implements TextInfo {
  private h: string | null = null;
  private j: string | null = null;
  private c: string | null = null;

  constructor(private readonly text: string) {}

  get hash(): string {
    return (this.h ??= promptHash(this.text));
  }

  get json(): string {
    return (this.j ??= JSON.stringify(this.text));
  }

  get csv(): string {
    return (this.c ??= csvText(this.text));
  }
}

/** Hashes and escapes per distinct text; templates repeat, so this saves most of the hashing. */
export class TextCache {
  private readonly map = new Map<string, TextInfo>();

  get(text: string): TextInfo {
    let info = this.map.get(text);
    if (!info) {
      if (this.map.size >= 400_000) this.map.clear(); // bounded memory on huge dumps
      info = new Text(text);
      this.map.set(text, info);
    }
    return info;
  }
}

function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Per-row values computed once and shared by all writers. */
export interface Slice {
  rows: Row[];
  ts: string[];
  created: string[];
  requestId: string[];
  prompt: (TextInfo | null)[];
  sys: (TextInfo | null)[];
  ua: TextInfo[];
}

export interface SliceWriter {
  readonly path: string;
  write(slice: Slice): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

const CHUNK = 1 << 20;

/** Buffered writes that let the disk work while generation goes on; waits for the disk every
 * SYNC_EVERY bytes so that memory stays bounded when the disk is slower than the generator. */
const SYNC_EVERY = 32 << 20;

class Sink {
  private pending = 0;

  constructor(readonly file: AtomicFile) {}

  async write(chunk: string | Uint8Array): Promise<void> {
    this.pending += chunk.length;
    if (this.pending < SYNC_EVERY) return this.file.writeNow(chunk);
    this.pending = 0;
    await this.file.write(chunk);
  }
}

class TextWriter implements SliceWriter {
  /** Lines are encoded straight into a byte buffer: cheaper than growing one big string and
   * converting it, which costs a flatten and a copy per chunk. */
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private readonly sink: Sink;

  constructor(private readonly file: AtomicFile, private readonly line: (s: Slice, i: number) => string, header: string | null) {
    this.sink = new Sink(file);
    if (header) this.pos = this.buf.write(header, 0, 'utf8');
  }

  get path(): string {
    return this.file.path;
  }

  async write(s: Slice): Promise<void> {
    for (let i = 0; i < s.rows.length; i++) {
      const line = this.line(s, i);
      // A line may hold multi-byte characters: 3 bytes per UTF-16 unit is the worst case.
      if (this.pos + line.length * 3 > this.buf.length) {
        await this.flush();
        if (line.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(line.length * 3);
      }
      this.pos += this.buf.write(line, this.pos, 'utf8');
    }
  }

  private async flush(): Promise<void> {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, this.buf.length));
    this.pos = 0;
    await this.sink.write(chunk);
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.file.commit();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

function jsonlLine(l: Layout): (s: Slice, i: number) => string {
  return (s, i) => {
    const r = s.rows[i];
    const a = r.acct;
    let o = `{"ts":"${s.ts[i]}","account_id":"${a.id}"`;
    if (l.org) o += `,"org_id":"${a.org}"`;
    o += `,"api_key_id":"${r.key}","model":"${r.model}","input_tokens":${r.inTok},"output_tokens":${r.outTok},"request_count":${r.n},"ip":"${r.ep.ip}","asn":${r.ep.asn},"country":"${r.ep.country}","user_agent":${s.ua[i].json}`;
    if (l.billing) {
      if (a.card !== null) o += `,"payment_fingerprint":"${a.card}"`;
      o += `,"account_created_at":"${s.created[i]}","email_domain":"${a.email}"`;
    }
    if (l.prompts) {
      const p = s.prompt[i];
      if (p) o += `,"prompt":${p.json},"prompt_hash":"${p.hash}"`;
      const y = s.sys[i];
      if (y) o += `,"system_prompt_hash":"${y.hash}"`;
    }
    return `${o},"status":${r.status},"latency_ms":${r.latency},"request_id":"${s.requestId[i]}","max_tokens":${r.maxTok},"temperature":${r.temp},"topic":"${r.topic}"}\n`;
  };
}

function csvLine(l: Layout): (s: Slice, i: number) => string {
  return (s, i) => {
    const r = s.rows[i];
    const a = r.acct;
    let o = `${s.ts[i]},${a.id}`;
    if (l.org) o += `,${a.org}`;
    o += `,${r.key},${r.model},${r.inTok},${r.outTok},${r.n},${r.ep.ip},${r.ep.asn},${r.ep.country},${s.ua[i].csv}`;
    if (l.billing) o += `,${a.card ?? ''},${s.created[i]},${a.email}`;
    if (l.prompts) {
      const p = s.prompt[i];
      const y = s.sys[i];
      o += p ? `,${p.csv},${p.hash}` : ',,';
      o += y ? `,${y.hash}` : ',';
    }
    return `${o},${r.status},${r.latency},${s.requestId[i]},${r.maxTok},${r.temp},${r.topic}\n`;
  };
}

type Getter = (s: Slice, i: number) => string | number | null;

/** How each column is read from a row, and its Arrow type. */
function arrowColumns(l: Layout): { name: string; type: 'utf8' | 'int' | 'float' | 'time'; get: Getter }[] {
  const all: Record<string, { type: 'utf8' | 'int' | 'float' | 'time'; get: Getter }> = {
    ts: { type: 'time', get: (s, i) => s.rows[i].ts },
    account_id: { type: 'utf8', get: (s, i) => s.rows[i].acct.id },
    org_id: { type: 'utf8', get: (s, i) => s.rows[i].acct.org },
    api_key_id: { type: 'utf8', get: (s, i) => s.rows[i].key },
    model: { type: 'utf8', get: (s, i) => s.rows[i].model },
    input_tokens: { type: 'int', get: (s, i) => s.rows[i].inTok },
    output_tokens: { type: 'int', get: (s, i) => s.rows[i].outTok },
    request_count: { type: 'int', get: (s, i) => s.rows[i].n },
    ip: { type: 'utf8', get: (s, i) => s.rows[i].ep.ip },
    asn: { type: 'int', get: (s, i) => s.rows[i].ep.asn },
    country: { type: 'utf8', get: (s, i) => s.rows[i].ep.country },
    user_agent: { type: 'utf8', get: (s, i) => s.rows[i].ua },
    payment_fingerprint: { type: 'utf8', get: (s, i) => s.rows[i].acct.card },
    account_created_at: { type: 'time', get: (s, i) => s.rows[i].acct.created },
    email_domain: { type: 'utf8', get: (s, i) => s.rows[i].acct.email },
    prompt: { type: 'utf8', get: (s, i) => s.rows[i].prompt },
    prompt_hash: { type: 'utf8', get: (s, i) => s.prompt[i]?.hash ?? null },
    system_prompt_hash: { type: 'utf8', get: (s, i) => s.sys[i]?.hash ?? null },
    status: { type: 'int', get: (s, i) => s.rows[i].status },
    latency_ms: { type: 'int', get: (s, i) => s.rows[i].latency },
    request_id: { type: 'utf8', get: (s, i) => s.requestId[i] },
    max_tokens: { type: 'int', get: (s, i) => s.rows[i].maxTok },
    temperature: { type: 'float', get: (s, i) => s.rows[i].temp },
    topic: { type: 'utf8', get: (s, i) => s.rows[i].topic },
  };
  return columns(l).map((name) => ({ name, ...all[name] }));
}

function utf8Data(values: (string | null)[]): Data<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let bytes = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) nulls++;
    else bytes += Buffer.byteLength(v, 'utf8');
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  const view = Buffer.from(data.buffer, data.byteOffset, bytes);
  let p = 0;
  for (const v of values) if (v !== null) p += view.write(v, p, 'utf8');
  let nullBitmap: Uint8Array | undefined;
  if (nulls > 0) {
    nullBitmap = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (values[i] !== null) nullBitmap[i >> 3] |= 1 << (i & 7);
  }
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, valueOffsets: offsets, data, nullBitmap });
}

const ARROW_BATCH = 65_536;

class ArrowWriter implements SliceWriter {
  private readonly cols: ReturnType<typeof arrowColumns>;
  private readonly schema: Schema;
  private readonly writer = new RecordBatchFileWriter();
  private readonly pump: Promise<void>;
  private buffered: (string | number | null)[][];
  private count = 0;
  private closed = false;

  constructor(private readonly file: AtomicFile, layout: Layout) {
    this.cols = arrowColumns(layout);
    const types: Record<string, () => DataType> = { utf8: () => new Utf8(), int: () => new Int64(), float: () => new Float64(), time: () => new TimestampMillisecond('UTC') };
    this.schema = new Schema(this.cols.map((c) => new Field(c.name, types[c.type](), true)));
    this.buffered = this.cols.map(() => []);
    // The writer queues encoded bytes; this loop moves them to disk as they appear.
    const sink = new Sink(file);
    this.pump = (async () => {
      for await (const chunk of this.writer) await sink.write(chunk);
    })();
    this.pump.catch(() => undefined);
  }

  get path(): string {
    return this.file.path;
  }

  async write(s: Slice): Promise<void> {
    for (let c = 0; c < this.cols.length; c++) {
      const get = this.cols[c].get;
      const out = this.buffered[c];
      for (let i = 0; i < s.rows.length; i++) out.push(get(s, i));
    }
    this.count += s.rows.length;
    if (this.count >= ARROW_BATCH) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.count === 0) return;
    const n = this.count;
    const children = this.cols.map((c, k) => {
      const v = this.buffered[k];
      if (c.type === 'utf8') return utf8Data(v as (string | null)[]);
      if (c.type === 'float') return makeData({ type: new Float64(), length: n, nullCount: 0, data: Float64Array.from(v as number[]) });
      const big = new BigInt64Array(n);
      for (let i = 0; i < n; i++) big[i] = BigInt(v[i] as number);
      return c.type === 'int' ? makeData({ type: new Int64(), length: n, nullCount: 0, data: big }) : makeData({ type: new TimestampMillisecond('UTC'), length: n, nullCount: 0, data: big });
    });
    const data = makeData({ type: new Struct(this.schema.fields), length: n, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    this.buffered = this.cols.map(() => []);
    this.count = 0;
    await new Promise((resolve) => setImmediate(resolve)); // let the pump drain before the next batch
  }

  async commit(): Promise<void> {
    await this.flush();
    // An empty dump still gets a valid file with the schema.
    this.closed = true;
    this.writer.close();
    await this.pump;
    await this.file.commit();
  }

  async abort(): Promise<void> {
    if (!this.closed) this.writer.abort();
    this.closed = true;
    await this.pump.catch(() => undefined);
    await this.file.abort();
  }
}

export async function openWriter(path: string, format: Format, layout: Layout): Promise<SliceWriter> {
  const file = await AtomicFile.open(path);
  if (format === 'jsonl') return new TextWriter(file, jsonlLine(layout), null);
  if (format === 'csv') return new TextWriter(file, csvLine(layout), `${columns(layout).join(',')}\n`);
  return new ArrowWriter(file, layout);
}
