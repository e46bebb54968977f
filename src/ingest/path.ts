/**
 * Field paths for presets and `--map` (formats.md §8.2): dotted segments, numeric segments index arrays,
 * `["a.b"]` addresses a key that itself contains dots, and a string met on the way that holds a JSON
 * object/array is parsed and traversed (Azure `properties`, LiteLLM JSON columns, Cloudflare `metadata`).
 */

export type Path = readonly string[];

const cache = new Map<string, Path>();

/** Split `a.b["c.d"].0` into segments; throws a one-line message on a malformed path. */
export function parsePath(text: string): Path {
  const hit = cache.get(text);
  if (hit) return hit;
  const segments: string[] = [];
  let i = 0;
  let current = '';
  const flush = (): void => {
    if (current.length > 0) segments.push(current);
    current = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const close = text.indexOf(']', i);
      if (close < 0) throw new Error(`unclosed '[' in field path '${text}'`);
      let key = text.slice(i + 1, close).trim();
      if ((key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'"))) key = key.slice(1, -1);
      segments.push(key);
      i = close + 1;
    } else {
      current += c;
      i++;
    }
  }
  flush();
  if (segments.length === 0) throw new Error(`empty field path '${text}'`);
  cache.set(text, segments);
  return segments;
}

/** A string holding a JSON object/array, parsed; any other value (or unparsable text) unchanged. */
export function maybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Follow `path` from `root`; `undefined` when any step is missing. */
export function resolvePath(root: unknown, path: Path, from = 0): unknown {
  let node: unknown = root;
  for (let i = from; i < path.length; i++) {
    node = maybeJson(node);
    if (node === null || typeof node !== 'object') return undefined;
    const seg = path[i];
    if (Array.isArray(node)) {
      const idx = Number(seg);
      node = Number.isInteger(idx) ? node[idx] : undefined;
    } else {
      node = Object.prototype.hasOwnProperty.call(node, seg) ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return node;
}

/**
 * Resolve a path on a flat row (CSV, where headers may contain dots): the whole text as a column name
 * first, then the first segment as a column and the rest as a path into its (JSON) cell.
 */
export function resolveRowPath(row: Record<string, unknown>, text: string): unknown {
  if (Object.prototype.hasOwnProperty.call(row, text)) return row[text];
  return resolvePath(row, parsePath(text));
}
