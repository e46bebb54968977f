import { CANONICAL_FIELDS, type RawRecord } from '../record.js';
import type { Preset, SourceRecord } from './preset.js';

/** The contract's own record (CONTRACT.md §3): field names as-is, unknown fields ignored. */
export const canonical: Preset = {
  name: 'canonical',
  description: 'the canonical record of CONTRACT.md §3, field names as-is',
  map(source: SourceRecord): RawRecord {
    const out: RawRecord = {};
    for (const f of CANONICAL_FIELDS) {
      const v = source[f];
      if (v !== undefined) out[f] = v;
    }
    return out;
  },
};
