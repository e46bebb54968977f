/** The README is the user's manual: every feature column and every CLI option must be documented there. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import { FEATURE_COLUMNS } from '../src/features/columns.js';
import { PRESETS } from '../src/ingest/presets/index.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every feature column', () => {
    for (const c of FEATURE_COLUMNS) {
      if (/^hour_\d\d$/.test(c.name)) continue;
      expect(README, c.name).toContain(`\`${c.name}\``);
    }
    expect(README).toContain('`hour_00 … hour_23`');
  });

  it('documents every option of every command, and every preset', () => {
    for (const cmd of buildProgram().commands) {
      expect(README, cmd.name()).toContain(cmd.name());
      for (const opt of cmd.options) expect(README, `${cmd.name()} ${opt.long}`).toContain(opt.long!);
    }
    for (const name of PRESETS.keys()) expect(README, name).toContain(`\`${name}\``);
  });
});
