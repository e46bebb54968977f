import type { RawRecord } from '../record.js';
import type { Preset, SourceRecord } from './preset.js';

/**
 * The contract's own record (CONTRACT.md §3): field names as-is. The source record itself is the raw
 * record — validation reads only canonical names, so unknown fields are ignored without a copy.
 */
export const canonical: Preset = {
  name: 'canonical',
  description: 'the canonical record of CONTRACT.md §3, field names as-is',
  map(source: SourceRecord): RawRecord {
    return source as RawRecord;
  },
};
