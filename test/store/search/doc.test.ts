/** A paper's stored terms (search_docs.terms): varint lengths then ids, decoded back exactly. */
import { describe, expect, it } from 'vitest';
import { decodeDoc, encodeDoc } from '../../../src/store/search/doc.ts';

describe('search doc encoding', () => {
  it('GIVEN ids of every varint width THEN it writes LEB128 lengths, then ids, and decodes them back', () => {
    const ids = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 200_000_000];
    const blob = encodeDoc(ids, [2, 3, 0, 4]);
    expect([...blob.subarray(0, 4)]).toEqual([2, 3, 0, 4]);
    expect([...blob.subarray(4, 10)]).toEqual([0, 1, 127, 0x80, 1, 0xff]);
    const doc = decodeDoc(blob);
    expect([...doc.terms]).toEqual(ids);
    expect(doc.starts).toEqual([0, 2, 5, 5, 9]);
  });

  it('GIVEN a long paper then a short one THEN each blob holds only its own bytes and stays unchanged', () => {
    const long = Array.from({ length: 5_000 }, (_, i) => i * 37);
    const first = encodeDoc(long, [1_000, 4_000, 0, 0]);
    const copy = Buffer.from(first);
    const second = encodeDoc([5, 6], [1, 1, 0, 0]);
    expect([...second]).toEqual([1, 1, 0, 0, 5, 6]);
    expect(first.equals(copy)).toBe(true);
    expect([...decodeDoc(first).terms]).toEqual(long);
  });
});
