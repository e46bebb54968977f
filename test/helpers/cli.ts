/** Run the built bin/distill-forensics as a user would (`npm test` builds it first). */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

export const BIN = new URL('../../bin/distill-forensics', import.meta.url).pathname;

/** The environment of a plain, colourless run: nothing inherited that changes colour or error output. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'CI']) delete env[k];
  return { ...env, ...extra };
}

export function cli(args: string[], opts: { env?: Record<string, string>; input?: string | Buffer } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: opts.input, encoding: 'utf8', env: baseEnv(opts.env), maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, exactly one line on stderr, naming the tool, matching `message`, with no stack trace. */
export function expectOneLineError(r: { code: number | null; stdout?: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  if (r.stdout !== undefined) expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^distill-forensics: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
