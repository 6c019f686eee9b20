import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageFetch } from '../../../utils/hosts/school-subscriptions';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The signal the page's fetch was called with. */
async function signalSent(run: AbortSignal, request?: AbortSignal): Promise<AbortSignal> {
  const fetchSpy = vi.fn(async (_input: string, _init?: RequestInit) => new Response('{}'));
  vi.stubGlobal('fetch', fetchSpy);
  await pageFetch(run)('https://affectation.gar.education.fr/api/session', { signal: request });
  const sent = fetchSpy.mock.calls[0]?.[1]?.signal;
  if (!sent) throw new Error('no signal sent');
  return sent;
}

describe('the page fetch of the features’ clients', () => {
  it('stops with the run', async () => {
    const run = new AbortController();
    const sent = await signalSent(run.signal);
    run.abort();
    expect(sent.aborted).toBe(true);
  });

  it('keeps the request’s own time limit along with the run', async () => {
    const run = new AbortController();
    const timeLimit = new AbortController();
    const sent = await signalSent(run.signal, timeLimit.signal);
    expect(sent.aborted).toBe(false);
    timeLimit.abort();
    expect(sent.aborted).toBe(true);
  });
});
