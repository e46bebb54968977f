/** Helpers shared by the campaign generators: concealed identities, card pools, creation bursts. */
import { companyDomain, FREE_MAIL } from '../catalog.js';
import type { Rng } from '../random.js';
import type { Account, World } from '../world.js';

/** A fake identity: its own org and a free-mail or front-company email, as sign-up farms make them. */
export function fakeAccount(w: World, rng: Rng, created: number, card: string | null, keys = 1): Account {
  const email = rng.chance(0.82) ? rng.pick(FREE_MAIL) : companyDomain(rng);
  return w.account({ email, card, created, keys, rng });
}

/** Cards for `n` accounts: a share of them on a small pool of shared cards, the rest on their own. */
export function cardPlan(w: World, rng: Rng, n: number, sharedShare: number, perCard: number): (string | null)[] {
  const pool: string[] = [];
  for (let i = Math.max(2, Math.round((n * sharedShare) / perCard)); i > 0; i--) pool.push(w.newCard());
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) out.push(rng.chance(sharedShare) ? rng.pick(pool) : w.newCard());
  return out;
}

/** Sign-up times in a burst of `hours` starting at `at`. */
export function burst(rng: Rng, at: number, hours: number): number {
  return at + rng.range(0, hours * 3_600_000);
}
