/** `--weights FILE`: JSON {signal: weight} overriding the default weight of any signal. */
import { readJson } from '../io/read-json.js';
import { UsageError } from '../errors.js';
import { SIGNALS } from './signals.js';

export type Weights = Record<string, number>;

export function defaultWeights(): Weights {
  return Object.fromEntries(SIGNALS.map((s) => [s.name, s.weight]));
}

export function loadWeights(path: string): Weights {
  const parsed = readJson<unknown>(path, '--weights');
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--weights ${path}: expected a JSON object {signal: weight}`);
  const weights = defaultWeights();
  for (const [name, w] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(name in weights)) throw new UsageError(`--weights ${path}: unknown signal '${name}' (known: ${Object.keys(weights).join(', ')})`);
    if (typeof w !== 'number' || !(w >= 0 && w <= 1)) throw new UsageError(`--weights ${path}: weight of '${name}' must be a number from 0 to 1`);
    weights[name] = w;
  }
  return weights;
}
