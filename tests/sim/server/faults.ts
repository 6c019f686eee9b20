import { z } from 'zod';

/**
 * Fault knobs (API.md, administration): latency, error rate, session expiry after N requests,
 * dropped connections (before or after the request is handled), requests that never get an answer,
 * an outage, and a scripted change by another RA. Set from the CLI or `/__sim/fautes`.
 */

/** An outage: every API request fails with 503, for a number of requests or for a while. */
const panneSchema = z
  .object({
    /** The next N API requests fail (deterministic: what tests use). */
    requetes: z.number().int().positive().optional(),
    /** API requests fail for this long from now (what a demo uses). */
    pendantMs: z.number().int().positive().optional(),
  })
  .refine((panne) => panne.requetes !== undefined || panne.pendantMs !== undefined, {
    message: 'requetes ou pendantMs attendu',
  });

export const faultsSchema = z.object({
  latenceMs: z.number().int().nonnegative().optional(),
  tauxErreur: z.number().min(0).max(1).optional(),
  expirationSessionApres: z.number().int().positive().optional(),
  coupures: z.number().min(0).max(1).optional(),
  /**
   * The request is handled — a write applies — then the connection drops before the answer: the
   * case a client cannot tell from a write that never arrived.
   */
  reponsesPerdues: z.number().min(0).max(1).optional(),
  /** The request is never answered: it hangs until the client gives up (aborts it). */
  blocages: z.number().min(0).max(1).optional(),
  panne: panneSchema.optional(),
  /**
   * The latency and the random faults (`tauxErreur`, `coupures`, `blocages`, `reponsesPerdues`)
   * hit only writes (POST, PUT, DELETE): a test of the executor, past the reads that precede any
   * write (a bulk confirmation reads the console again first).
   */
  ecrituresSeulement: z.boolean().optional(),
  changementConcurrent: z
    .object({
      uai: z.string().min(1),
      idAbonnement: z.string().min(1),
      ajouter: z.array(z.string()).optional(),
      retirer: z.array(z.string()).optional(),
      apresRequetes: z.number().int().nonnegative(),
    })
    .optional(),
  /**
   * « A console update »: the `data-*` hooks (as `h()` names them, e.g. `garFin`) that the pages no
   * longer render, so a helper's anchor stops matching while the console itself keeps working.
   */
  crochetsRetires: z.array(z.string().min(1)).optional(),
});
export type Faults = z.infer<typeof faultsSchema>;
export type ConcurrentChange = NonNullable<Faults['changementConcurrent']>;

/**
 * What happens to one API request: `coupure` drops it before it is handled, `reponsePerdue` after,
 * `blocage` never answers it, `panne` and `erreur` answer 503.
 */
export type FaultDecision = 'aucune' | 'erreur' | 'coupure' | 'reponsePerdue' | 'blocage' | 'panne';

export class FaultInjector {
  private faults: Faults = {};
  /** Requests left before the scripted concurrent change happens. */
  private countdown = 0;
  /** API requests the outage still fails, and when a timed outage ends (ms since epoch). */
  private outage = { requetes: 0, jusqua: 0 };

  constructor(
    initial: Faults = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(initial);
  }

  set(faults: Faults): Faults {
    this.faults = { ...this.faults, ...faults };
    if (faults.changementConcurrent) this.countdown = faults.changementConcurrent.apresRequetes;
    if (faults.panne) {
      this.outage = {
        requetes: faults.panne.requetes ?? 0,
        jusqua: faults.panne.pendantMs === undefined ? 0 : Date.now() + faults.panne.pendantMs,
      };
    }
    return this.current();
  }

  clear(): void {
    this.faults = {};
    this.outage = { requetes: 0, jusqua: 0 };
  }

  current(): Faults {
    return structuredClone(this.faults);
  }

  async delay(write = true): Promise<void> {
    if (this.faults.ecrituresSeulement && !write) return;
    const ms = this.faults.latenceMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** What happens to one API request (see FaultDecision). */
  decide(write = true): FaultDecision {
    if (this.inOutage()) return 'panne';
    if (this.faults.ecrituresSeulement && !write) return 'aucune';
    if (this.random() < (this.faults.coupures ?? 0)) return 'coupure';
    // The newer knobs draw only when set, so the older ones fall the same way for a given random.
    if (this.draws('blocages')) return 'blocage';
    if (this.random() < (this.faults.tauxErreur ?? 0)) return 'erreur';
    if (this.draws('reponsesPerdues')) return 'reponsePerdue';
    return 'aucune';
  }

  private draws(knob: 'blocages' | 'reponsesPerdues'): boolean {
    const probability = this.faults[knob] ?? 0;
    return probability > 0 && this.random() < probability;
  }

  /** Counts one API request against the outage: true while it lasts; the outage ends by itself. */
  private inOutage(): boolean {
    if (!this.faults.panne) return false;
    const failing = this.outage.requetes > 0 || Date.now() < this.outage.jusqua;
    if (this.outage.requetes > 0) this.outage.requetes -= 1;
    if (this.outage.requetes === 0 && Date.now() >= this.outage.jusqua) {
      const { panne: _over, ...rest } = this.faults;
      this.faults = rest;
    }
    return failing;
  }

  sessionExpired(requetes: number): boolean {
    const limit = this.faults.expirationSessionApres;
    return limit !== undefined && requetes > limit;
  }

  /** Counts one API request; returns the scripted change when its time has come (once). */
  dueChange(): ConcurrentChange | undefined {
    const change = this.faults.changementConcurrent;
    if (!change) return undefined;
    if (this.countdown > 0) {
      this.countdown -= 1;
      return undefined;
    }
    const { changementConcurrent: _done, ...rest } = this.faults;
    this.faults = rest;
    return change;
  }
}
