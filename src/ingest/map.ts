/**
 * `--map field=path[:unit]` (formats.md §8.2): applied after the preset, each overrides one canonical field
 * entirely. Durations may carry a unit suffix (`latency_ms=request_time:s`).
 */
import { UsageError } from '../errors.js';
import { parsePath, resolveRowPath } from './path.js';
import { type Filtered, isFiltered, type Preset, type SourceRecord } from './presets/index.js';
import { type CanonicalField, isCanonicalField, type RawRecord } from './record.js';

const UNIT_FACTORS: Record<string, number> = { s: 1000, ms: 1, us: 0.001 };

export interface FieldMapping {
  field: CanonicalField;
  path: string;
  /** Multiply numeric values by this (unit suffix → milliseconds). */
  factor: number;
}

export function parseMapping(spec: string): FieldMapping {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`--map '${spec}': expected field=path`);
  const field = spec.slice(0, eq).trim();
  let path = spec.slice(eq + 1).trim();
  if (!isCanonicalField(field)) throw new UsageError(`--map '${spec}': '${field}' is not a canonical field`);
  let factor = 1;
  const unit = /:(s|ms|us)$/.exec(path);
  if (unit) {
    if (field !== 'latency_ms') throw new UsageError(`--map '${spec}': a unit suffix applies to latency_ms only`);
    factor = UNIT_FACTORS[unit[1]];
    path = path.slice(0, -unit[0].length);
  }
  if (path.length === 0) throw new UsageError(`--map '${spec}': empty path`);
  try {
    parsePath(path);
  } catch (err) {
    throw new UsageError(`--map '${spec}': ${(err as Error).message}`);
  }
  return { field, path, factor };
}

function scaled(v: unknown, factor: number): unknown {
  if (factor === 1 || v === undefined || v === null || v === '') return v;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n * factor : v;
}

export type Mapper = (source: SourceRecord) => RawRecord | Filtered;

/** The preset's mapping with `--map` overrides on top. `unresolved` collects mappings that never matched. */
export interface TrackedMapper extends Mapper {
  unresolved(): FieldMapping[];
  /** Matches per `--map` mapping, in order. */
  hits(): number[];
  /** Count matches made by another mapper of the same mappings (a worker's). */
  addHits(hits: readonly number[]): void;
}

export function buildMapper(preset: Preset, mappings: readonly FieldMapping[]): TrackedMapper {
  const hits = new Array<number>(mappings.length).fill(0);
  const mapper = (source: SourceRecord): RawRecord | Filtered => {
    const mapped = preset.map(source);
    if (isFiltered(mapped) || mappings.length === 0) return mapped;
    for (let i = 0; i < mappings.length; i++) {
      const m = mappings[i];
      const v = resolveRowPath(source, m.path);
      if (v !== undefined) hits[i]++;
      mapped[m.field] = scaled(v, m.factor);
    }
    return mapped;
  };
  return Object.assign(mapper, {
    unresolved: () => mappings.filter((_, i) => hits[i] === 0),
    hits: () => [...hits],
    addHits: (more: readonly number[]) => more.forEach((n, i) => (hits[i] += n)),
  });
}
