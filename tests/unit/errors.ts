type ErrorClass<E> = abstract new (...args: never[]) => E;

/** The error `run` throws, checked to be of `type` — so a test fails when nothing is thrown. */
export function thrown<E>(type: ErrorClass<E>, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

/** The error `promise` rejects with, checked to be of `type`. */
export async function rejected<E>(type: ErrorClass<E>, promise: Promise<unknown>): Promise<E> {
  const outcome = await promise.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error('the promise resolved');
  if (outcome.error instanceof type) return outcome.error;
  throw outcome.error;
}
