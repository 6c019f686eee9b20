import { z } from 'zod';

/**
 * Fault knobs (API.md, administration): latency, error rate, session expiry after N requests,
 * dropped connections and a scripted change by another RA. Set from the CLI or `/__sim/fautes`.
 */

export const faultsSchema = z.object({
  latenceMs: z.number().int().nonnegative().optional(),
  tauxErreur: z.number().min(0).max(1).optional(),
  expirationSessionApres: z.number().int().positive().optional(),
  coupures: z.number().min(0).max(1).optional(),
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

export type FaultDecision = 'aucune' | 'erreur' | 'coupure';

export class FaultInjector {
  private faults: Faults = {};
  /** Requests left before the scripted concurrent change happens. */
  private countdown = 0;

  constructor(
    initial: Faults = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(initial);
  }

  set(faults: Faults): Faults {
    this.faults = { ...this.faults, ...faults };
    if (faults.changementConcurrent) this.countdown = faults.changementConcurrent.apresRequetes;
    return this.current();
  }

  clear(): void {
    this.faults = {};
  }

  current(): Faults {
    return structuredClone(this.faults);
  }

  async delay(): Promise<void> {
    const ms = this.faults.latenceMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** What happens to one API request: nothing, an injected error or a dropped connection. */
  decide(): FaultDecision {
    if (this.random() < (this.faults.coupures ?? 0)) return 'coupure';
    if (this.random() < (this.faults.tauxErreur ?? 0)) return 'erreur';
    return 'aucune';
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
