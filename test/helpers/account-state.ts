/** An account's state from a few fields of its exchanges (the rest absent), for unit tests of what reads states. */
import { AccountState } from '../../src/features/account-state.js';
import { NUMBER_FIELDS, RecordBatch, STRING_FIELDS } from '../../src/ingest/record.js';

export interface Exchange {
  ts: number;
  model?: string;
}

export function accountState(exchanges: readonly Exchange[]): AccountState {
  const batch = new RecordBatch(exchanges.length);
  for (const [i, { ts, model }] of exchanges.entries()) {
    for (const f of STRING_FIELDS) batch.strings[f][i] = null;
    for (const f of NUMBER_FIELDS) batch.numbers[f][i] = Number.NaN;
    batch.strings.account_id[i] = 'a';
    batch.strings.model[i] = model ?? null;
    batch.numbers.ts[i] = ts;
    batch.numbers.request_count[i] = 1;
    batch.numbers.input_tokens[i] = 1;
    batch.numbers.output_tokens[i] = 1;
    batch.length++;
  }
  const s = new AccountState();
  for (let i = 0; i < batch.length; i++) s.add(batch, i);
  return s;
}
