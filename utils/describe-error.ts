/**
 * What a failure says to the user: an error's message, or what was thrown. Apart from the message
 * protocol so that pages reading the store directly (the popup) do not load every message's schema.
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
