/**
 * Long tasks in a Chromium trace, and the extension's share of each: the trace's CPU samples are
 * attributed to the extension when any frame of their stack is extension code
 * (`chrome-extension://…`) — its own work and what it calls into, a forced layout included. The
 * rendering the page does afterwards for what the extension inserted is not counted: it shows in
 * the main-thread totals instead.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string };
}

export interface LongTask {
  startMs: number;
  durationMs: number;
  /** Time sampled in the extension's code during the task. */
  extensionMs: number;
  /** Without the extension's share, the task would not have been long. */
  attributable: boolean;
}

interface Sample {
  /** Microseconds, the trace's clock. */
  ts: number;
  extension: boolean;
}

const isExtensionUrl = (url: string | undefined): boolean => url?.startsWith('chrome-extension://') ?? false;

const threadKey = (event: TraceEvent): string => `${event.pid}:${event.tid}`;
const profileKey = (event: TraceEvent): string => `${event.pid}:${event.id}`;

/** Every CPU sample of the trace by thread, with whether it was in the extension's code. */
function samplesByThread(events: readonly TraceEvent[]): Map<string, Sample[]> {
  // A profile's chunks come from the sampler's thread: the sampled thread is the `Profile` event's.
  // Ids are per process.
  const starts = new Map<string, { clock: number; thread: string }>();
  for (const event of events) {
    if (event.name === 'Profile' && event.id)
      starts.set(profileKey(event), {
        clock: event.args?.data?.startTime ?? event.ts,
        thread: threadKey(event),
      });
  }
  const profiles = new Map<string, { thread: string; clock: number; extensionNodes: Map<number, boolean> }>();
  const parents = new Map<string, Map<number, ProfileNode>>();
  const byThread = new Map<string, Sample[]>();
  for (const event of events) {
    const start = event.name === 'ProfileChunk' && event.id ? starts.get(profileKey(event)) : undefined;
    if (!start) continue;
    const key = profileKey(event);
    const profile = profiles.get(key) ?? { ...start, extensionNodes: new Map() };
    profiles.set(key, profile);
    const nodes = parents.get(key) ?? new Map<number, ProfileNode>();
    parents.set(key, nodes);
    for (const node of event.args?.data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = event.args?.data?.cpuProfile?.samples ?? [];
    const deltas = event.args?.data?.timeDeltas ?? [];
    const list = byThread.get(profile.thread) ?? [];
    byThread.set(profile.thread, list);
    samples.forEach((nodeId, index) => {
      profile.clock += deltas[index] ?? 0;
      list.push({ ts: profile.clock, extension: inExtension(nodeId, nodes, profile.extensionNodes) });
    });
  }
  for (const list of byThread.values()) list.sort((a, b) => a.ts - b.ts);
  return byThread;
}

/** Whether a stack has an extension frame, memoised per node (stacks share their prefixes). */
function inExtension(nodeId: number, nodes: Map<number, ProfileNode>, memo: Map<number, boolean>): boolean {
  const known = memo.get(nodeId);
  if (known !== undefined) return known;
  const node = nodes.get(nodeId);
  const result =
    node !== undefined &&
    (isExtensionUrl(node.callFrame.url) ||
      (node.parent !== undefined && inExtension(node.parent, nodes, memo)));
  memo.set(nodeId, result);
  return result;
}

/** The extension's sampled time between two instants: each sample stands for the gap to the next. */
function extensionTimeMs(samples: readonly Sample[], from: number, to: number): number {
  let total = 0;
  for (let index = 0; index < samples.length - 1; index++) {
    const sample = samples[index] as Sample;
    if (sample.ts < from) continue;
    if (sample.ts > to) break;
    const next = samples[index + 1] as Sample;
    if (sample.extension) total += Math.min(next.ts, to) - sample.ts;
  }
  return total / 1000;
}

/** The main threads' tasks longer than `thresholdMs`, with the extension's share of each. */
export function longTasksOf(events: readonly TraceEvent[], thresholdMs: number): LongTask[] {
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map(threadKey),
  );
  const samples = samplesByThread(events);
  return events
    .filter(
      (event) =>
        event.name === 'RunTask' &&
        event.ph === 'X' &&
        mainThreads.has(threadKey(event)) &&
        (event.dur ?? 0) > thresholdMs * 1000,
    )
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const extensionMs = extensionTimeMs(samples.get(threadKey(task)) ?? [], task.ts, end);
      const durationMs = (task.dur ?? 0) / 1000;
      return {
        startMs: task.ts / 1000,
        durationMs,
        extensionMs,
        attributable: extensionMs > 0 && durationMs - extensionMs <= thresholdMs,
      };
    });
}
