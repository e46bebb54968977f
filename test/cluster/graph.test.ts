import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildTokenIndex, clusterAccounts as clusterTokens } from '../../src/cluster/graph.js';
import type { Token } from '../../src/cluster/tokens.js';

/** A population of `filler` unrelated accounts (own card, own IP, own template each) for rarity to mean something. */
function population(filler: number): Token[][] {
  return Array.from({ length: filler }, (_, i) => [
    { kind: 'payment', value: `pm_${i}` },
    { kind: 'ip', value: `10.${i >> 8}.${i & 255}.1` },
    { kind: 'template', value: `own question ${i}` },
  ]);
}

const clusterAccounts = (tokens: Token[][]) => clusterTokens(tokens.length, (a) => tokens[a]);
const templates = (...names: string[]): Token[] => names.map((value) => ({ kind: 'template', value }));
const together = (groups: number[][], ...accounts: number[]): boolean => groups.some((g) => accounts.every((a) => g.includes(a)));

describe('clusterAccounts', () => {
  it('links accounts that share a payment card', () => {
    const tokens = population(200);
    tokens.push([{ kind: 'payment', value: 'pm_shared' }], [{ kind: 'payment', value: 'pm_shared' }]);
    const { groups } = clusterAccounts(tokens);
    expect(together(groups, 200, 201)).toBe(true);
    expect(groups.length).toBe(201);
  });

  it('does not link on one shared prompt template, which strangers also share', () => {
    const tokens = population(200);
    tokens.push(templates('tpl a'), templates('tpl a'), templates('tpl a'));
    const { groups } = clusterAccounts(tokens);
    expect(groups.length).toBe(203);
  });

  it('links accounts by several rare templates alone when three of them close a triangle', () => {
    const tokens = population(200);
    const shared = templates('tpl a', 'tpl b', 'tpl c', 'tpl d');
    tokens.push(shared, shared, shared);
    const { groups } = clusterAccounts(tokens);
    expect(together(groups, 200, 201, 202)).toBe(true);
    expect(groups.length).toBe(201);
  });

  it('leaves a lone pair of strangers who share rare templates apart: no third account ties them', () => {
    const tokens = population(200);
    const shared = templates('tpl a', 'tpl b', 'tpl c', 'tpl d');
    tokens.push(shared, shared);
    const { groups } = clusterAccounts(tokens);
    expect(together(groups, 200, 201)).toBe(false);
  });

  it('does not link by two rare templates alone, however rare', () => {
    const tokens = population(200);
    const shared = templates('tpl a', 'tpl b');
    tokens.push(shared, shared, shared);
    expect(clusterAccounts(tokens).groups.length).toBe(203);
  });
});

describe('buildTokenIndex', () => {
  it('holds little per token once built: no spare array room, no lookup keys', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const tokens = population(20_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    const index = buildTokenIndex(tokens.length, (a) => tokens[a]);
    gc();
    const perToken = (process.memoryUsage().heapUsed - before) / index.kinds.length;
    expect(index.kinds).toHaveLength(60_000);
    expect(index.weight(0)).toBe(0);
    // ~370 bytes while each one-holder token's array kept the room push gave it and the key map stayed alive.
    expect(perToken).toBeLessThan(250);
  });
});
