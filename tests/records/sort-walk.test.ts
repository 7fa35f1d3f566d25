// Keyset pages in every order every list offers, on the article's data: page sizes 1, 2 and 7, ascending and
// descending, forwards and back, each walk returning every record exactly once in the database's own order (money by
// its value, not its digits as text). The same walks run at 100× in tests/records/scale.test.ts.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { checkWalk, everySort } from '../support/sort-walk.js';

const { app } = await createTestApp();

describe('every sortable field of every list', () => {
  it.each(everySort().flatMap(([list, sort]) => [1, 2, 7].map((limit) => [`${list.path}?sort=${sort}&limit=${limit}`, list, sort, limit] as const)))(
    '%s walks every record once, in order, both ways',
    async (_name, list, sort, limit) => {
      await checkWalk(app, list, sort, limit);
    },
  );

  it('sorts money by its value: the largest round first, whatever its digits', async () => {
    const byAmount = await app.inject({ method: 'GET', url: '/v1/funding-rounds?sort=-amount&currency=USD&fields=slug,amount' });
    const amounts = (byAmount.json() as { data: { amount: { amount: string } | null }[] }).data.map((round) => round.amount?.amount ?? null);
    expect(amounts.length).toBeGreaterThan(2);
    const known = amounts.filter((amount): amount is string => amount !== null).map(BigInt);
    expect(known).toEqual([...known].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(known[0]).toBe(1_000_000_000n);
  });

  it('sorts by the dollar figure across currencies: a 620억원 round between dollar rounds by its converted value', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/funding-rounds?sort=-amountUsd&fields=slug,amount&limit=100' });
    const rounds = (response.json() as { data: { slug: string; amount: { currency: string; usd: { amount: string } | null } | null }[] }).data;
    const usd = rounds.map((round) => round.amount?.usd?.amount ?? null);
    const known = usd.filter((amount): amount is string => amount !== null).map(BigInt);
    expect(known).toEqual([...known].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    // Rounds with no dollar figure come last.
    expect(usd.slice(known.length).every((amount) => amount === null)).toBe(true);
    expect(rounds.some((round) => round.amount?.currency === 'KRW')).toBe(true);
  });
});
