import { describe, expect, it } from 'vitest';
import { JobLeases, type PresencePort } from '../../../utils/background/job-lease';
import type { PresenceNotice } from '../../../utils/messaging';

const COLLEGE_A = '0561622J';
const COLLEGE_B = '0290009C';

/** A presence port that remembers what it was told. */
function port(id: string): PresencePort & { told: PresenceNotice[] } {
  const told: PresenceNotice[] = [];
  return { id, told, post: (notice) => told.push(notice) };
}

/** Three console tabs: two on college A, one on college B. */
function threeTabs() {
  const leases = new JobLeases();
  const [one, two, other] = [port('p1'), port('p2'), port('p3')];
  leases.connect(one, { tabId: 1, frameId: 0, documentId: 'd1' });
  leases.connect(two, { tabId: 2, frameId: 0, documentId: 'd2' });
  leases.connect(other, { tabId: 3, frameId: 0 });
  leases.declareSchool('p1', COLLEGE_A);
  leases.declareSchool('p2', COLLEGE_A);
  leases.declareSchool('p3', COLLEGE_B);
  return { leases, one, two, other };
}

describe('the leases of running jobs', () => {
  it('gives an entry to one port and refuses it to the others', () => {
    const { leases } = threeTabs();
    expect(leases.grant('e1', COLLEGE_A, 'p1')).toBe(true);
    expect(leases.grant('e1', COLLEGE_A, 'p2')).toBe(false);
    expect(leases.grant('e1', COLLEGE_A, 'p1')).toBe(true);
    expect(leases.holderOf('e1')).toBe('p1');
  });

  it('refuses a lease to a port that is gone', () => {
    const { leases } = threeTabs();
    leases.disconnect('p2');
    expect(leases.grant('e1', COLLEGE_A, 'p2')).toBe(false);
    expect(leases.holderOf('e1')).toBeUndefined();
  });

  it('releases every lease of a closed tab and tells the tabs of that school only', () => {
    const { leases, one, two, other } = threeTabs();
    leases.grant('e1', COLLEGE_A, 'p1');
    leases.grant('e2', COLLEGE_A, 'p1');
    leases.disconnect('p1');
    expect(leases.holderOf('e1')).toBeUndefined();
    expect(leases.holderOf('e2')).toBeUndefined();
    expect(two.told).toEqual([{ type: 'bails', uai: COLLEGE_A }]);
    expect(one.told).toEqual([]);
    expect(other.told).toEqual([]);
    expect(leases.grant('e1', COLLEGE_A, 'p2')).toBe(true);
  });

  it('says nothing when a tab that ran nothing closes', () => {
    const { leases, two } = threeTabs();
    leases.disconnect('p1');
    expect(two.told).toEqual([]);
  });

  it('frees a finished job for its holder only, and tells the school', () => {
    const { leases, two } = threeTabs();
    leases.grant('e1', COLLEGE_A, 'p1');
    leases.release('e1', 'p2');
    expect(leases.holderOf('e1')).toBe('p1');
    leases.release('e1', 'p1');
    expect(leases.holderOf('e1')).toBeUndefined();
    expect(two.told).toEqual([{ type: 'bails', uai: COLLEGE_A }]);
  });

  it('after a restart, gives an entry nobody holds to whoever runs it', () => {
    const restarted = new JobLeases();
    restarted.connect(port('p9'), { tabId: 1, frameId: 0 });
    expect(restarted.holderOf('e1')).toBeUndefined();
    expect(restarted.grant('e1', COLLEGE_A, 'p9')).toBe(true);
  });

  it('lists a school’s entries held by other ports than the asking one', () => {
    const { leases } = threeTabs();
    leases.grant('e1', COLLEGE_A, 'p1');
    leases.grant('e3', COLLEGE_B, 'p3');
    expect(leases.heldElsewhere(COLLEGE_A, 'p2')).toEqual(['e1']);
    expect(leases.heldElsewhere(COLLEGE_A, 'p1')).toEqual([]);
    expect(leases.heldElsewhere(COLLEGE_B)).toEqual(['e3']);
  });

  it('finds a document by its place, never a reloaded tab’s former page', () => {
    const { leases } = threeTabs();
    expect(leases.presenceAt({ tabId: 1, frameId: 0, documentId: 'd1' })?.port.id).toBe('p1');
    expect(leases.presenceAt({ tabId: 1, frameId: 0, documentId: 'd1-apres-rechargement' })).toBeUndefined();
    // Firefox names no document: the tab and frame decide.
    expect(leases.presenceAt({ tabId: 3, frameId: 0 })?.uai).toBe(COLLEGE_B);
    expect(leases.presenceAt({ tabId: 3, frameId: 1 })).toBeUndefined();
  });
});
