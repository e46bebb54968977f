import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/commands/scan.js';
import { DaySeries, MAX_DAYS, MAX_MODELS, ModelTimeline } from '../../src/features/day-series.js';

const DAY_MS = 86_400_000;

function entries(series: DaySeries): [number, number][] {
  const out: [number, number][] = [];
  series.forEach((d, w) => out.push([d, w]));
  return out;
}

describe('DaySeries', () => {
  it('counts per day in any order, growing both ways', () => {
    const a = new DaySeries();
    for (const [d, w] of [[100, 1], [98, 2], [105, 3], [100, 4]]) a.add(d, w);
    expect(entries(a)).toEqual([[98, 2], [100, 5], [105, 3]]);
  });

  it('keeps MAX_DAYS days from the earliest, whatever the order', () => {
    const days = [5000, 10, 10 + MAX_DAYS - 1, 10 + MAX_DAYS, 20];
    const forward = new DaySeries();
    const backward = new DaySeries();
    for (const d of days) forward.add(d, 1);
    for (const d of [...days].reverse()) backward.add(d, 1);
    expect(entries(forward)).toEqual([[10, 1], [20, 1], [10 + MAX_DAYS - 1, 1]]);
    expect(entries(backward)).toEqual(entries(forward));
  });

  it('merging partial series equals one series over all rows', () => {
    const whole = new DaySeries();
    const x = new DaySeries();
    const y = new DaySeries();
    for (let i = 0; i < 200; i++) {
      const day = (i * 37) % 90;
      whole.add(day, i);
      (i % 3 ? x : y).add(day, i);
    }
    x.merge(y);
    expect(entries(x)).toEqual(entries(whole));
  });
});

describe('ModelTimeline', () => {
  it('keeps the models first used earliest, with exact series, in any order', () => {
    const rows = Array.from({ length: MAX_MODELS + 20 }, (_, i) => ({ model: `m${i}`, ts: (1000 - i) * DAY_MS }));
    const a = new ModelTimeline();
    const b = new ModelTimeline();
    for (const r of rows) a.add(r.model, r.ts, 1);
    for (const r of [...rows].reverse()) b.add(r.model, r.ts, 1);
    expect(a.models.size).toBe(MAX_MODELS);
    expect([...a.models.keys()].sort()).toEqual([...b.models.keys()].sort());
    expect(a.firstUse('m0')).toBeUndefined(); // the latest-first models are the ones dropped
    expect(a.firstUse(`m${MAX_MODELS + 19}`)).toBe((1000 - MAX_MODELS - 19) * DAY_MS);
  });
});

describe('report detail', () => {
  it('gives the demo hydra a timeline that sums to its exchanges, a model mix, a heat map and its pivot', async () => {
    const { report } = await runScan({ inputs: ['fixtures/demo/logs.jsonl.gz'], format: 'json', version: '0' });
    const top = report.clusters[0];
    const d = top.detail!;
    expect(d.days.length).toBe(d.daily_exchanges.length);
    expect(d.daily_exchanges.reduce((s, x) => s + x, 0)).toBe(top.exchanges);
    expect(d.hour_of_day.reduce((s, x) => s + x, 0)).toBe(top.exchanges);
    expect(d.models.reduce((s, m) => s + m.exchanges, 0)).toBe(top.exchanges);
    for (const m of d.models) expect(m.daily.reduce((s, x) => s + x, 0)).toBe(m.exchanges);
    expect(d.heatmap.length).toBe(d.days.length);
    expect(Math.max(...d.heatmap.flat())).toBeLessThanOrEqual(top.account_count);
    expect(d.top_accounts[0].exchanges).toBeGreaterThanOrEqual(d.top_accounts.at(-1)!.exchanges);
    expect(d.shared.length).toBeGreaterThan(0);
    expect(d.pivot?.model).toBeTruthy();
  });
});
