import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerNames } from '../../src/ingest/csv.js';
import { cellsRowMaker, columnsRowMaker } from '../../src/ingest/row-maker.js';

/** The record as assigning the columns one by one makes it: what the makers must equal. */
function assigned(header: readonly string[], cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) row[header[i]] = cells[i];
  return row;
}

describe('cellsRowMaker and columnsRowMaker', () => {
  it('names every cell by its column, whatever the header text (no header is code)', () => {
    const header = headerNames(['ts', 'a": globalThis.pwned = 1, "b', '`${globalThis.pwned = 2}`', '*/ 1; /*', 'back\\slash', 'line\nbreak', '\u2028', 'ünï', '😀', 'ts']);
    const cells = header.map((_, i) => `v${i}`);
    const row = cellsRowMaker(header)(cells);
    expect(row).toEqual(assigned(header, cells));
    expect(Object.keys(row)).toEqual(header);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('treats a __proto__ column as assignment does (no own property, no prototype change)', () => {
    const row = cellsRowMaker(['__proto__', 'a'])(['x', 'y']);
    expect(row).toEqual(assigned(['__proto__', 'a'], ['x', 'y']));
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('assigns the columns of a header too wide for one literal one by one', () => {
    const header = headerNames(Array.from({ length: 5000 }, (_, i) => `c${i}`));
    const cells = header.map((_, i) => String(i));
    expect(cellsRowMaker(header)(cells)).toEqual(assigned(header, cells));
    expect(columnsRowMaker(header)(cells.map((c) => [c]), 0)).toEqual(assigned(header, cells));
  });

  it('compiles a header once, however many segments or batches ask', () => {
    const header = ['ts', 'account_id'];
    expect(cellsRowMaker([...header])).toBe(cellsRowMaker(header));
    expect(columnsRowMaker([...header])).toBe(columnsRowMaker(header));
    expect(columnsRowMaker(header)).not.toBe(cellsRowMaker(header));
  });

  it('equals assigning the columns one by one, for any header', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 12 }), (names) => {
        const header = headerNames(names);
        const cells = header.map((_, i) => `cell ${i}`);
        expect(cellsRowMaker(header)(cells)).toEqual(assigned(header, cells));
        // Column i of row 1 of decoded columns is the same cell.
        const columns = cells.map((c) => [undefined, c]);
        expect(columnsRowMaker(header)(columns, 1)).toEqual(assigned(header, cells));
      }),
      { numRuns: 1000, seed: 31 },
    );
  });
});
