/**
 * `--accounts FILE`: an account/billing table (CSV, JSONL or Arrow, gzip or not) joined on `account_id`.
 * It supplies what log exports never carry (formats.md §8.3): payment fingerprint, creation time, email
 * domain, org id. Values in the logs win; the table fills gaps.
 */
import { InputError } from '../errors.js';
import type { RowSink } from './collector.js';
import { resolveRowPath } from './path.js';
import { canonical } from './presets/canonical.js';
import { readInput } from './read-input.js';
import type { SourceRecord } from './presets/index.js';
import { openInput } from './source.js';
import { parseTime } from './time.js';
import { isAbsent, MAX_STRING_CHARS } from './validate.js';

export interface AccountInfo {
  org_id: string | null;
  payment_fingerprint: string | null;
  account_created_at: number;
  email_domain: string | null;
}

export type AccountTable = Map<string, AccountInfo>;

function text(v: unknown): string | null {
  if (isAbsent(v)) return null;
  const s = String(v).trim();
  return s.length === 0 ? null : s.slice(0, MAX_STRING_CHARS);
}

/** `alice@Example.com` → `example.com`; a bare domain stays. */
export function emailDomain(v: unknown): string | null {
  const s = text(v);
  if (s === null) return null;
  const at = s.lastIndexOf('@');
  return (at >= 0 ? s.slice(at + 1) : s).toLowerCase() || null;
}

export async function loadAccounts(path: string, opts: { maxLineBytes: number; onWarning?(m: string): void }): Promise<AccountTable> {
  const table: AccountTable = new Map();
  let rejected = 0;
  const sink: RowSink = {
    add(row: SourceRecord) {
      const id = text(resolveRowPath(row, 'account_id'));
      if (id === null) {
        rejected++;
        return;
      }
      const created = resolveRowPath(row, 'account_created_at') ?? resolveRowPath(row, 'created_at');
      table.set(id, {
        org_id: text(resolveRowPath(row, 'org_id')),
        payment_fingerprint: text(resolveRowPath(row, 'payment_fingerprint')),
        account_created_at: isAbsent(created) ? Number.NaN : parseTime(created),
        email_domain: emailDomain(resolveRowPath(row, 'email_domain') ?? resolveRowPath(row, 'email')),
      });
    },
    reject() {
      rejected++;
    },
  };
  const input = await openInput(path);
  try {
    await readInput(input, sink, canonical, opts.maxLineBytes);
  } catch (err) {
    throw new InputError(`--accounts ${input.name}: cannot read ${input.format} input: ${(err as Error).message}`);
  }
  if (table.size === 0) throw new InputError(`--accounts ${input.name}: no rows with an account_id column`);
  if (rejected > 0) opts.onWarning?.(`--accounts ${input.name}: ${rejected} rows without a readable account_id were skipped`);
  return table;
}
