import type { JournalService } from '../../../utils/bulk/operation';
import type { JournalEntry } from '../../../utils/gar/journal-record';

/**
 * The background's journal, in memory: what the panel's operations write, step by step. Answers
 * copies, as messages would; `get` gives the stored entry itself, for assertions.
 */
export class MemoryJournal implements JournalService {
  readonly entries = new Map<string, JournalEntry>();
  private next = 0;

  async start(request: Parameters<JournalService['start']>[0]): Promise<JournalEntry> {
    const entry: JournalEntry = {
      ...request,
      id: `op-${++this.next}`,
      startedAt: new Date().toISOString(),
      status: 'enCours',
      steps: [],
    };
    this.entries.set(entry.id, entry);
    return structuredClone(entry);
  }

  async step(id: string, step: JournalEntry['steps'][number]): Promise<void> {
    this.get(id).steps.push(step);
  }

  async finish(id: string, outcome: Parameters<JournalService['finish']>[1]): Promise<void> {
    const { reverses, ...rest } = outcome;
    Object.assign(this.get(id), rest);
    if (reverses) this.get(reverses).annulePar = id;
  }

  async reopen(id: string): Promise<JournalEntry> {
    this.get(id).status = 'enCours';
    return structuredClone(this.get(id));
  }

  async list(): Promise<JournalEntry[]> {
    return this.all();
  }

  get(id: string): JournalEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no entry ${id}`);
    return entry;
  }

  /** Newest first, copies: what the background answers. */
  all(): JournalEntry[] {
    return [...this.entries.values()].reverse().map((entry) => structuredClone(entry));
  }
}
