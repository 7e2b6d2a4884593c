/** Stored postings: built from a sync's changes, encoded as varints, and listed per term for ingest's merging. */
import { describe, expect, it } from 'vitest';
import { preparePostingStatements, segmentSizes } from '../../../src/store/sqlite/search/index-postings.ts';
import { decodePostings, encodePostings, postingsOf } from '../../../src/store/search/postings.ts';
import { openTestDb } from '../sqlite/helpers.ts';

describe('search postings', () => {
  it('GIVEN changes in any order THEN postingsOf lists them by ascending doc id with their frequencies', () => {
    const postings = postingsOf(
      new Map([
        [900, 3],
        [7, 10],
        [100_000, 0],
        [65, 1],
      ]),
    );
    expect([...postings.docs]).toEqual([7, 65, 900, 100_000]);
    expect([...postings.freqs]).toEqual([10, 1, 3, 0]);
    expect(postingsOf(new Map()).docs.length).toBe(0);
  });

  it('GIVEN postings THEN they encode as count, doc id deltas and frequencies in varints, and decode back', () => {
    const postings = { docs: Int32Array.from([5, 133, 2_000_133]), freqs: Int32Array.from([1, 0, 300]) };
    const blob = encodePostings(postings);
    expect([...blob]).toEqual([3, 5, 128, 1, 0x80, 0x89, 0x7a, 1, 0, 0xac, 2]);
    const decoded = decodePostings(blob);
    expect([...decoded.docs]).toEqual([...postings.docs]);
    expect([...decoded.freqs]).toEqual([...postings.freqs]);
    expect([...encodePostings({ docs: new Int32Array(0), freqs: new Int32Array(0) })]).toEqual([0]);
  });

  it("GIVEN stored segments of several terms THEN segmentSizes lists each asked term's segments oldest first", () => {
    const db = openTestDb();
    const statements = preparePostingStatements(db);
    for (const [term, seg, n] of [
      [2, 3, 10],
      [1, 1, 500],
      [2, 1, 64],
      [3, 1, 7],
      [1, 2, 9],
    ])
      statements.insert.run(term, seg, n, Buffer.from([0]));
    const sizes = segmentSizes(statements, [1, 2, 4]);
    expect([...sizes.entries()]).toEqual([
      [
        1,
        [
          [1, 500],
          [2, 9],
        ],
      ],
      [
        2,
        [
          [1, 64],
          [3, 10],
        ],
      ],
    ]);
    expect(segmentSizes(statements, []).size).toBe(0);
  });
});
