/**
 * Path templates (`/population/:type/:code`): how a calibration file names URLs without regular
 * expressions. Matched segment by segment; a trailing slash is the same path.
 */

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** The parameters of `pathname` under `template`, or null when it does not match. */
export function matchTemplate(template: string, pathname: string): Record<string, string> | null {
  const expected = segmentsOf(template);
  const actual = segmentsOf(pathname);
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = safeDecode(value);
    else if (segment !== value) return null;
  }
  return params;
}

/** `template` with each `:name` replaced by its encoded parameter. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (whole, name: string) =>
    name in params ? encodeURIComponent(params[name] ?? '') : whole,
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
