import { t } from '../../i18n';

/**
 * The censored parts of a « rapport de compatibilité »: what a school sends to the maintainers when
 * the real GAR console differs from what the extension expects.
 *
 * The maintainers need the *structure* of the page and of the API (tags, classes, `data-gar-` hooks,
 * request paths, JSON keys) to repair a selector or a schema; they never need its *content*. So
 * every value that could carry a pupil's or a teacher's name, an ENT id, an e-mail, a UAI or a
 * subscription id is replaced by its shape or by a placeholder. The rule is "drop unless known to be
 * harmless", never "keep unless known to be personal": an attribute or a path segment we did not
 * foresee loses its value.
 *
 * Pure functions: they take a root element and plain data, read no browser API beyond the DOM
 * tree they are given, and never read form controls' live values.
 */

// ───────────────────────────── Text ─────────────────────────────

const TEXT_SHAPE_MAX = 40;

/** One character's shape: letters and digits lose their identity, punctuation and symbols stay. */
function shapeChar(char: string): string {
  if (/\p{Lu}|\p{Lt}/u.test(char)) return 'X';
  if (/\p{L}/u.test(char)) return 'x';
  if (/\p{N}/u.test(char)) return '9';
  // Combining marks (a decomposed accent) and invisible format characters would only add noise.
  if (/\p{M}|\p{Cf}|\p{Cc}/u.test(char)) return '';
  return char;
}

/**
 * The shape of a text: `"Léa Martin 4e B"` → `"Xxx Xxxxxx 9x X"`. Keeps what helps a maintainer
 * recognise a label (word count, case, punctuation, "(9999999X)" after a school name) and nothing
 * that identifies anyone. Capped so a long paragraph does not bloat the report.
 */
export function textShape(text: string): string {
  const shaped = Array.from(text.normalize('NFC').replace(/\s+/gu, ' '), shapeChar)
    .join('')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = Array.from(shaped);
  return chars.length > TEXT_SHAPE_MAX ? `${chars.slice(0, TEXT_SHAPE_MAX).join('')}…` : shaped;
}

// ───────────────────────────── Paths ─────────────────────────────

const UAI = /^\d{7}[A-Za-z]$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGIT_RUN = /\d{3,}/;
/** `ABO-2025-0001`, `ENT-42`: a short uppercase-or-not prefix, a dash, then something with a digit. */
const PREFIXED_ID = /^[A-Za-z]{2,5}-[\w-]*\d/;
/** Route words: `api`, `etablissements`, `tableau-de-bord`, `listeAbonnements`, `v2`. */
const ROUTE_WORD = /^[a-z][a-zA-Z0-9_-]*$/;
/** A bundle or asset name: `main.js`, `style-console.css`. One dot only, so `lea.martin.pdf` is not one. */
const ASSET_NAME =
  /^[a-z][a-zA-Z0-9_-]*\.(?:js|mjs|cjs|css|json|html?|png|svg|jpe?g|gif|webp|ico|woff2?|ttf|map|xml|txt)$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The placeholder of one path segment, or the segment itself when it is a route word. */
function segmentPlaceholder(raw: string): string {
  const segment = safeDecode(raw);
  if (segment === '' || segment === '.' || segment === '..') return segment;
  if (segment.includes('@')) return ':email';
  if (UAI.test(segment)) return ':uai';
  if (UUID.test(segment) || /^\d+$/.test(segment) || DIGIT_RUN.test(segment)) return ':id';
  if (PREFIXED_ID.test(segment)) return ':id';
  if (/[A-Z]/.test(segment) && /\d/.test(segment)) return ':id';
  if (ROUTE_WORD.test(segment) || ASSET_NAME.test(segment)) return segment;
  // Anything else (`Martin`, `4a`, `lea.martin`) may be a name or a class: its value is not needed.
  return ':valeur';
}

/** The path part of a URL or of a path: no origin, no query, no hash. */
function pathOf(input: string): string {
  const trimmed = input.trim();
  if (URL_SCHEME.test(trimmed) || trimmed.startsWith('//')) {
    try {
      return new URL(trimmed, 'https://base.invalid').pathname;
    } catch {
      return ':valeur';
    }
  }
  return trimmed.split(/[?#]/, 1)[0] ?? '';
}

/**
 * The shape of a URL's path with its ids replaced by placeholders:
 * `https://x/api/etablissements/0999123K/abonnements/ABO-2025-0001?x=1` →
 * `/api/etablissements/:uai/abonnements/:id`. The query and the hash are dropped whole: they are
 * where searches (`?eleve=ENT…`, `?q=Martin`) live, and a maintainer needs the route, not the search.
 */
export function pathPlaceholders(path: string): string {
  return pathOf(path).split('/').map(segmentPlaceholder).join('/');
}

/**
 * The API routes the page called on its own origin, from Resource Timing entries, as placeholders,
 * deduplicated and sorted (so the list does not depend on load order and a route called 400 times,
 * once per pupil, is one line). Other origins (CDNs, analytics) say nothing about the GAR API.
 */
export function sameOriginRequestPaths(
  entries: readonly { name: string; initiatorType?: string }[],
  origin: string,
): string[] {
  const wanted = originOf(origin);
  const paths = new Set<string>();
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry.name);
    } catch {
      continue;
    }
    if (wanted !== null && url.origin === wanted) paths.add(pathPlaceholders(url.pathname));
  }
  return [...paths].sort();
}

/** `origin` normalised the way `URL#origin` writes it (default port dropped, lowercase host). */
function originOf(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

// ───────────────────────────── JSON ─────────────────────────────

type Shape = string | Shape[] | { [key: string]: Shape };

const JSON_MAX_DEPTH = 12;
const ARRAY_SAMPLE = 20;
const PERSONAL_KEY = ':cle';

/**
 * Keys are the schema, so they are kept; but some APIs key a map by UAI, by id or by e-mail
 * (`parUai: { "0999123K": … }`), and then the key *is* the personal value. Such keys become one
 * `":cle"` entry, which also tells the maintainer "this is a map, not a record". A key with
 * whitespace is a label, not a field name (`"Léa Martin": …`): same treatment.
 */
function censorKey(key: string): string {
  if (key.includes('@') || DIGIT_RUN.test(key) || UAI.test(key) || UUID.test(key) || /\s/.test(key)) {
    return PERSONAL_KEY;
  }
  return key;
}

function isObjectShape(shape: Shape): shape is { [key: string]: Shape } {
  return typeof shape === 'object' && !Array.isArray(shape);
}

/** An object built with `Object.fromEntries`, so a JSON key `__proto__` stays a plain key. */
function sortedObject(entries: Iterable<readonly [string, Shape]>): { [key: string]: Shape } {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The type names a shape stands for, for a union: `"string|number"` → string, number. */
function typeNames(shape: Shape): string[] {
  if (Array.isArray(shape)) return ['array'];
  if (isObjectShape(shape)) return ['object'];
  return shape.split('|');
}

/** One shape covering both: objects merge key by key, arrays element-wise, the rest becomes a union. */
function mergeShapes(a: Shape, b: Shape): Shape {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (isObjectShape(a) && isObjectShape(b)) {
    const merged = new Map<string, Shape>(Object.entries(a));
    for (const [key, shape] of Object.entries(b)) {
      const known = merged.get(key);
      merged.set(key, known === undefined ? shape : mergeShapes(known, shape));
    }
    return sortedObject(merged);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const [first] = a;
    const [second] = b;
    if (first === undefined) return b;
    if (second === undefined) return a;
    return [mergeShapes(first, second)];
  }
  return [...new Set([...typeNames(a), ...typeNames(b)])].join('|');
}

function objectShape(value: object, depth: number): Shape {
  const shapes = new Map<string, Shape>();
  for (const [rawKey, child] of Object.entries(value)) {
    const key = censorKey(rawKey);
    const shape = shapeOf(child, depth + 1);
    const known = shapes.get(key);
    shapes.set(key, known === undefined ? shape : mergeShapes(known, shape));
  }
  return sortedObject(shapes);
}

/**
 * One element shape for the whole array, merged over the first elements: a list of persons where
 * only some have `division` still shows `division`, without the report growing with the list.
 */
function arrayShape(value: readonly unknown[], depth: number): Shape {
  const sample = value.slice(0, ARRAY_SAMPLE).map((item) => shapeOf(item, depth + 1));
  const [first, ...rest] = sample;
  if (first === undefined) return [];
  return [rest.reduce(mergeShapes, first)];
}

function shapeOf(value: unknown, depth: number): Shape {
  if (depth > JSON_MAX_DEPTH) return '…';
  if (value === null) return 'null';
  if (Array.isArray(value)) return arrayShape(value, depth);
  if (typeof value === 'object') return objectShape(value, depth);
  return typeof value;
}

/**
 * The shape of a JSON value without its values: `{ nom: "Martin", n: 3 }` → `{ n: "number",
 * nom: "string" }`. Keys are sorted so two reports compare line by line.
 */
export function jsonShape(value: unknown, depth = 0): unknown {
  return shapeOf(value, depth);
}

// ───────────────────────────── DOM ─────────────────────────────

const DEFAULT_MAX_NODES = 4000;
/** Shown as one line, never entered: code, styles and drawings hold no page structure worth reading. */
const OPAQUE_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg']);
/** Attributes whose value comes from a closed vocabulary (`role="row"`, `type="checkbox"`). */
const ENUM_ATTRIBUTES = new Set(['type', 'scope']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action']);
/** aria values from the spec's closed vocabularies: harmless and useful (`aria-expanded="false"`). */
const ARIA_TOKENS = new Set([
  'true',
  'false',
  'mixed',
  'page',
  'step',
  'location',
  'date',
  'time',
  'polite',
  'assertive',
  'off',
  'ascending',
  'descending',
  'none',
  'other',
  'horizontal',
  'vertical',
]);
/** A lowercase identifier: `ressources`, `tableau-de-bord`, `expirees`. */
const IDENTIFIER = /^[a-z][a-z0-9-]{0,30}$/;
const ENUM_VALUE = /^[a-z][a-z0-9/+.-]{0,40}$/i;

/**
 * The extension's own injected hosts are not the GAR page: showing them would only confuse the
 * maintainer (and their shadow trees are never entered anyway).
 */
function isExtensionHost(element: Element): boolean {
  return (
    element.hasAttribute('data-compagnon-hote') ||
    element.tagName.toLowerCase().startsWith('compagnon-') ||
    element.id.startsWith('compagnon-')
  );
}

function enumValue(value: string): string {
  return ENUM_VALUE.test(value) && !DIGIT_RUN.test(value) ? value.toLowerCase() : textShape(value);
}

/**
 * `data-*` values are kept only when they look like identifiers: hooks such as
 * `data-gar-vue="ressources"` or `data-gar-table="ressources"` tell a maintainer which selector to
 * use, while values with digits, capitals, dots or `@` are ids, UAIs or e-mails
 * (`data-id-abonnement="ABO-2025-0001"` → `"XXX-9999-9999"`).
 */
function dataValue(value: string): string {
  return IDENTIFIER.test(value) && !DIGIT_RUN.test(value) && !value.includes('@') ? value : textShape(value);
}

/** aria labels are written for people (`"Retirer Léa Martin"`), so only their shape is kept. */
function ariaValue(value: string): string {
  return ARIA_TOKENS.has(value) ? value : textShape(value);
}

/** Class names are the page's styling hooks; one with a long digit run (`eleve-12345678`) embeds an id. */
function classPart(element: Element): string {
  const tokens = (element.getAttribute('class') ?? '').split(/\s+/).filter((token) => token !== '');
  return tokens.map((token) => `.${DIGIT_RUN.test(token) ? textShape(token) : token}`).join('');
}

/** One attribute as shown: the name always, the value only in the censored forms above. */
function attributePart(name: string, value: string): string {
  if (ENUM_ATTRIBUTES.has(name)) return `${name}="${enumValue(value)}"`;
  if (name.startsWith('aria-')) return `${name}="${ariaValue(value)}"`;
  if (name.startsWith('data-')) return `${name}="${dataValue(value)}"`;
  if (URL_ATTRIBUTES.has(name)) return `${name}="${pathPlaceholders(value)}"`;
  // id, name, for, value, title, alt, placeholder, style… and every attribute not foreseen.
  return name;
}

/**
 * The element's own text, as a shape. A textarea's text is its value (what the user typed or the
 * page prefilled), so it is never read, like `input.value` and the selected option.
 */
function ownText(element: Element): string {
  if (element.tagName.toLowerCase() === 'textarea') return '';
  const texts: string[] = [];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3) texts.push(node.textContent ?? '');
  }
  return textShape(texts.join(' '));
}

/** `tag[role=...] .a.b attr1 data-foo="value" "Xxxx"`. */
function elementLine(element: Element): string {
  const tag = element.tagName.toLowerCase();
  const role = element.getAttribute('role');
  const roles = role?.trim().split(/\s+/).map(enumValue).join(' ');
  const parts = [roles === undefined ? tag : `${tag}[role=${roles}]`];
  const classes = classPart(element);
  if (classes !== '') parts.push(classes);
  const attributes = Array.from(element.attributes)
    .filter(({ name }) => name !== 'role' && name !== 'class')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, value } of attributes) parts.push(attributePart(name, value));
  if (!OPAQUE_TAGS.has(tag)) {
    const text = ownText(element);
    if (text !== '') parts.push(`"${text}"`);
  }
  return parts.join(' ');
}

function shownChildren(element: Element): Element[] {
  if (OPAQUE_TAGS.has(element.tagName.toLowerCase())) return [];
  return Array.from(element.children).filter((child) => !isExtensionHost(child));
}

interface Walk {
  readonly maxNodes: number;
  shown: number;
  omitted: number;
}

const indent = (depth: number): string => '  '.repeat(depth);

/** How many elements the skeleton would have shown under (and including) `element`. */
function countShowable(element: Element): number {
  return shownChildren(element).reduce((sum, child) => sum + countShowable(child), 1);
}

/**
 * A run of identical sibling blocks keeps its first three and says how many more there were: a
 * table of 400 subscriptions whose rows only differ by censored values is three rows and a count.
 */
/**
 * A block's lines without their texts' shapes: the rows of a table differ by the length of their
 * titles, and a maintainer needs their structure once, not 400 times.
 */
function structureOf(block: readonly string[]): string {
  return block.map((line) => line.replace(/ "[^"]*"$/, '')).join('\n');
}

function collapseRuns(blocks: readonly string[][], depth: number): string[] {
  const lines: string[] = [];
  let index = 0;
  while (index < blocks.length) {
    const key = structureOf(blocks[index] ?? []);
    let end = index + 1;
    while (end < blocks.length && structureOf(blocks[end] ?? []) === key) end++;
    for (const block of blocks.slice(index, Math.min(end, index + 3))) lines.push(...block);
    if (end - index > 3) lines.push(`${indent(depth)}${t('reportMoreSiblings', String(end - index - 3))}`);
    index = end;
  }
  return lines;
}

function renderElement(element: Element, depth: number, walk: Walk): string[] {
  if (walk.shown >= walk.maxNodes) {
    walk.omitted += countShowable(element);
    return [];
  }
  walk.shown++;
  const blocks = shownChildren(element)
    .map((child) => renderElement(child, depth + 1, walk))
    .filter((block) => block.length > 0);
  return [`${indent(depth)}${elementLine(element)}`, ...collapseRuns(blocks, depth + 1)];
}

/**
 * An indented text skeleton of the element tree, one censored line per element (2 spaces a level):
 * enough for a maintainer to see where the GAR moved a table or renamed a hook, nothing that says
 * who is in the page. Shadow trees (the extension's own UI) are never entered; at most `maxNodes`
 * elements are shown, then one line says how many were left out.
 */
export function censorDomSkeleton(root: Element, options?: { maxNodes?: number }): string {
  if (isExtensionHost(root)) return '';
  const walk: Walk = { maxNodes: options?.maxNodes ?? DEFAULT_MAX_NODES, shown: 0, omitted: 0 };
  const lines = renderElement(root, 0, walk);
  if (walk.omitted > 0) lines.push(t('reportMoreNodes', String(walk.omitted)));
  return lines.join('\n');
}

// ───────────────────────────── Report ─────────────────────────────

export interface CompatibilityReportParts {
  /** The censored DOM skeleton of the page. */
  squelette: string;
  /** Same-origin request paths, with placeholders, sorted. */
  requetes: string[];
  /** JSON shapes of the API answers, keyed by their path with placeholders. */
  formesJson: Record<string, unknown>;
}

/**
 * The censored parts of a compatibility report. When two answers' paths collapse to the same key
 * (`/personnes/ENT1` and `/personnes/ENT2` → `/personnes/:id`) the first one's shape is kept: the
 * same route answers with the same schema, and the report stays one entry per route.
 */
export function buildReportParts(input: {
  root: Element;
  resourceEntries: readonly { name: string }[];
  origin: string;
  answers: readonly { path: string; body: unknown }[];
}): CompatibilityReportParts {
  const shapes = new Map<string, unknown>();
  for (const { path, body } of input.answers) {
    const key = pathPlaceholders(path);
    if (!shapes.has(key)) shapes.set(key, jsonShape(body));
  }
  return {
    squelette: censorDomSkeleton(input.root),
    requetes: sameOriginRequestPaths(input.resourceEntries, input.origin),
    formesJson: Object.fromEntries(shapes),
  };
}
