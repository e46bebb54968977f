import { describe, expect, it } from 'vitest';
import { accountTokens } from '../../src/cluster/tokens.js';
import { AccountState } from '../../src/features/account-state.js';
import { featureRow } from '../../src/features/extract.js';
import { NUMBER_FIELDS, RecordBatch, STRING_FIELDS } from '../../src/ingest/record.js';
import { WireReader, WireWriter } from '../../src/features/wire.js';

/** A busy account: 3,000 rows over a week from 300 IPs in 40 networks, 90 agents, 50 keys, 30 ASNs. */
function busyBatch(): RecordBatch {
  const rows = 3000;
  const batch = new RecordBatch(rows);
  const start = Date.UTC(2026, 3, 20);
  for (let i = 0; i < rows; i++) {
    for (const f of STRING_FIELDS) batch.strings[f][i] = null;
    for (const f of NUMBER_FIELDS) batch.numbers[f][i] = Number.NaN;
    batch.strings.account_id[i] = 'busy';
    batch.strings.ip[i] = `10.${(i * 7) % 40}.0.${i % 300}`;
    batch.strings.asn[i] = String(64500 + (i % 30));
    batch.strings.country[i] = ['US', 'DE', 'SG'][i % 3];
    batch.strings.user_agent[i] = `client/${i % 90}`;
    batch.strings.api_key_id[i] = `key_${i % 50}`;
    batch.strings.model[i] = `m${i % 3}`;
    batch.strings.org_id[i] = 'org_1';
    batch.strings.payment_fingerprint[i] = `pm_${i % 2}`;
    batch.strings.prompt[i] = i % 4 === 0 ? `Grade answer ${i} on a scale of 1 to 10. Think step by step.` : null;
    batch.strings.system_prompt_hash[i] = i % 5 === 0 ? 'sys_a' : null;
    batch.strings.status[i] = i % 7 === 0 ? '500' : '200';
    batch.strings.topic[i] = 'coding';
    batch.numbers.temperature[i] = (i % 4) / 4;
    batch.numbers.latency_ms[i] = 100 + i;
    batch.numbers.max_tokens[i] = 1024;
    batch.numbers.account_created_at[i] = start - 86_400_000;
    batch.numbers.ts[i] = start + ((i * 7_919_000) % (7 * 86_400_000));
    batch.numbers.request_count[i] = 1 + (i % 3);
    batch.numbers.input_tokens[i] = 100;
    batch.numbers.output_tokens[i] = 50;
    batch.length++;
  }
  return batch;
}

function busyState(): AccountState {
  const batch = busyBatch();
  const s = new AccountState();
  for (let i = 0; i < batch.length; i++) s.add(batch, i);
  return s;
}

describe('AccountState.settle', () => {
  it('leaves the feature row and the linkage tokens exactly as they were', () => {
    const live = busyState();
    const settled = busyState();
    settled.settle();
    expect(featureRow('busy', settled)).toEqual(featureRow('busy', live));
    expect(accountTokens(settled)).toEqual(accountTokens(live));
    // The sketches were past exact here, so the test covers estimates, not just small sets.
    expect(live.ips.exact).toBe(false);
    expect(featureRow('busy', live).interarrival_median_s).not.toBeNull();
  });

  it('refuses more rows and merges once settled', () => {
    const settled = busyState();
    settled.settle();
    expect(() => settled.add(busyBatch(), 0)).toThrow(/settled/);
    expect(() => busyState().merge(settled)).toThrow(/settled/);
  });
});

describe('AccountState on the wire (worker hand-over)', () => {
  /** Several states through one writer and reader, as a worker sends a chunk. */
  function roundTrip(states: AccountState[]): AccountState[] {
    const w = new WireWriter();
    for (const s of states) s.writeTo(w);
    const r = new WireReader(w.finish());
    const back = states.map(() => AccountState.readFrom(r));
    expect(r.done).toBe(true);
    return back;
  }

  it('grows a writer begun at its smallest and sends the chunk as transferable views of what was written', () => {
    const w = new WireWriter(0, 0);
    const states = [busyState(), busyState()];
    for (const s of states) s.writeTo(w);
    const wire = w.finish();
    expect(wire.numbers.length).toBe(w.counts.numbers);
    expect(wire.bytes.length).toBe(w.counts.bytes);
    expect(wire.bytes.length).toBeGreaterThan(16);
    // Transferred as a worker sends it: the views arrive whole, whatever room their buffers had left.
    const sent = structuredClone(wire, { transfer: [wire.numbers.buffer, wire.bytes.buffer] });
    const r = new WireReader(sent);
    const back = states.map(() => AccountState.readFrom(r));
    expect(r.done).toBe(true);
    back.forEach((s, i) => expect(s).toEqual(states[i]));
  });

  it('reads back every field of busy, settled and empty states', () => {
    const settled = busyState();
    settled.settle();
    const states = [busyState(), settled, new AccountState()];
    const back = roundTrip(states);
    back.forEach((s, i) => expect(s).toEqual(states[i]));
    expect(featureRow('busy', back[0])).toEqual(featureRow('busy', states[0]));
    expect(featureRow('busy', back[1])).toEqual(featureRow('busy', settled));
    expect(back[1].isSettled).toBe(true);
    expect(back[0].cotExchanges).toBeGreaterThan(0);
  });

  it('reads back states that go on taking rows and merges as the originals do', () => {
    const [copy] = roundTrip([busyState()]);
    const original = busyState();
    for (const s of [copy, original]) {
      s.merge(busyState());
      s.add(busyBatch(), 7);
    }
    expect(copy).toEqual(original);
    expect(featureRow('busy', copy)).toEqual(featureRow('busy', original));
  });
});
