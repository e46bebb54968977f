/**
 * Checks a value against the report's JSON Schema (schema/report.v1.json, CONTRACT §4) — for report files
 * that come from elsewhere (`explain`, `--baseline`). Returns one "path: message" per problem, none when
 * the value is a valid schema_version "1" report. The schema is compiled once, on first use.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { isObject, readJson } from '../io/read-json.js';
import { type Report, SCHEMA_VERSION } from './report.js';
import { terminalSafe } from './terminal-safe.js';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** schema/ sits next to src/ and dist/ in the package, two levels above this module. */
export const REPORT_SCHEMA_URL = new URL('../../schema/report.v1.json', import.meta.url);

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as object);
  }
  return compiled;
}

/** A JSON pointer (/clusters/0/score) as a path an analyst reads: clusters[0].score; the root is "report". */
function readablePath(pointer: string): string {
  if (!pointer) return 'report';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? (path ? `${path}.${part}` : part) : `${path}[${JSON.stringify(part)}]`), '');
}

function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `missing required property '${String(p.missingProperty)}'`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `must be ${([] as unknown[]).concat(p.type).join(' or ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return e.message ?? e.keyword;
  }
}

export function validateReport(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // An anyOf failure comes with one error per branch: say them as one "… or …" line at the anyOf's place.
  const branchOf = new Map<ErrorObject, ErrorObject[]>();
  const inBranch = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const branches = errors.filter((b) => b !== e && b.instancePath === e.instancePath && b.schemaPath.startsWith(`${e.schemaPath}/`));
    branchOf.set(e, branches);
    for (const b of branches) inBranch.add(b);
  }
  const out: string[] = [];
  for (const e of errors) {
    if (inBranch.has(e)) continue;
    const branches = branchOf.get(e);
    const text = branches?.length ? [...new Set(branches.map(message))].join(' or ') : message(e);
    const line = `${readablePath(e.instancePath)}: ${text}`;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

/**
 * Reads a JSON report from an untrusted file (`explain`, `--baseline`: another run, another version, a hand
 * edit): not JSON, not a report, another schema_version or anything the schema rejects is an InputError of
 * one line naming the file and the first problem's place. `what` names the file's role in the message.
 */
export function readReportFile(path: string, what = 'report'): Report {
  let doc: unknown;
  try {
    doc = readJson<unknown>(path, what);
  } catch (err) {
    // JSON.parse quotes the text it choked on: that text is the file's, so it is made safe for the terminal.
    throw err instanceof InputError ? new InputError(terminalSafe(err.message)) : err;
  }
  const fail = (message: string): never => {
    throw new InputError(`${what} ${path}: ${message}`);
  };
  if (!isObject(doc)) return fail('not a distill-forensics JSON report (expected an object; was it written with --format json?)');
  if (!('schema_version' in doc)) return fail('not a distill-forensics JSON report (no schema_version; was it written with --format json?)');
  if (doc.schema_version !== SCHEMA_VERSION) return fail(`schema_version ${terminalSafe(JSON.stringify(doc.schema_version) ?? '')} is not supported (expected "${SCHEMA_VERSION}")`);
  const problems = validateReport(doc);
  if (problems.length) fail(`not a valid report: ${terminalSafe(problems[0])}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  return doc as unknown as Report;
}
