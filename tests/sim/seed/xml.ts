/** A seed folder in memory: file name → content. */
export type SeedFiles = Map<string, string>;

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** `<name>value</name>`, the value escaped. */
export function el(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** One top-level node of a file, on its own indented line. */
export function node(name: string, ...children: string[]): string {
  return `  <${name}>${children.join('')}</${name}>`;
}
