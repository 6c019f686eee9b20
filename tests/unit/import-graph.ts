/**
 * The extension's import graph, read from the sources with TypeScript's parser (no type-checking),
 * and the layer checks tests/unit/architecture.test.ts runs on it. Pure functions over a map of
 * file → source text, so the checks themselves are tested against small planted graphs.
 *
 * Edges: static imports and re-exports, side-effect imports (`import './x.css'`) and dynamic
 * `import('…')`. Type-only imports are edges too, marked `typeOnly`: a layer crossing is one even
 * when the bundler erases it, so the layer checks follow them; the cycle check does not (a cycle
 * through types alone never runs).
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

export interface Edge {
  /** As written, query dropped (`./file-worker.ts?worker` → `./file-worker.ts`). */
  specifier: string;
  /** The repository-relative file it resolves to, or null for a package. */
  target: string | null;
  /** The package name for a bare specifier (`wxt/browser`, `@preact/signals`). */
  pkg: string | null;
  typeOnly: boolean;
  line: number;
}

export interface Finding {
  file: string;
  line?: number;
  what: string;
}

export interface SourceFacts {
  edges: Edge[];
  /** Calls of `document.querySelector*`, `document.getElement*`, `document.body.querySelector*`… */
  documentQueries: Finding[];
  /** DOM query methods called with a host selector (`CONSOLE_SELECTORS.x`, `PORTAIL_SELECTORS.x`). */
  selectorQueries: Finding[];
  /** String, template and regex literals naming a GAR host or a `data-gar-` hook; `dataset.gar…` reads. */
  hostLiterals: Finding[];
}

export type Graph = Map<string, SourceFacts>;

const SOURCE = /\.tsx?$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];
const ALIAS = /^(@@|~~|@|~)\//;
const DOCUMENT_QUERY = /^(querySelector|querySelectorAll|getElementById|getElementsBy\w+|evaluate)$/;
const DOM_QUERY = /^(querySelector|querySelectorAll|closest|matches)$/;
const HOST_SELECTORS = /\b[A-Z]+_SELECTOR(S|_TABLE)\b/;
const HOST_TEXT = /gar\.education\.fr|data-gar-/;

/** Every .ts/.tsx file (not .d.ts) under `folders`, repository-relative with '/' separators. */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = posix.join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        sources.set(path, readFileSync(join(root, path), 'utf8'));
      }
    }
  };
  for (const folder of folders) walk(folder);
  return sources;
}

/** Whether `path` (from the working directory) is a file — a folder of that name is not. */
export function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * The file a specifier names: relative or aliased (`@/`, `~/`), tried as written, then with .ts,
 * .tsx, /index.ts, /index.tsx. `exists` answers for repository-relative paths (tests pass a set).
 */
export function resolveSpecifier(
  from: string,
  specifier: string,
  exists: (path: string) => boolean,
): { target: string | null; pkg: string | null } {
  const bare = !specifier.startsWith('.') && !ALIAS.test(specifier) && !specifier.startsWith('/');
  if (bare) return { target: null, pkg: packageOf(specifier) };
  const base = ALIAS.test(specifier)
    ? posix.normalize(specifier.replace(ALIAS, ''))
    : posix.normalize(posix.join(posix.dirname(from), specifier));
  const target = RESOLVE_SUFFIXES.map((suffix) => base + suffix).find(exists);
  if (!target) throw new Error(`${from}: cannot resolve '${specifier}' (tests/unit/import-graph.ts)`);
  return { target, pkg: null };
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

/** `document.x`, `document.body.x`, `document.documentElement.x`, `window.document.x`. */
function isDocumentReceiver(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'document';
  if (!ts.isPropertyAccessExpression(expression)) return false;
  const name = expression.name.text;
  if (name === 'document')
    return ts.isIdentifier(expression.expression) && expression.expression.text === 'window';
  return (name === 'body' || name === 'documentElement') && isDocumentReceiver(expression.expression);
}

/** The module a node imports, as written, and whether only types come through: null if none. */
function importOf(node: ts.Node): { raw: string; typeOnly: boolean } | null {
  if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
    return { raw: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) };
  }
  if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
    return { raw: node.moduleSpecifier.text, typeOnly: node.isTypeOnly };
  }
  if (
    ts.isImportTypeNode(node) &&
    ts.isLiteralTypeNode(node.argument) &&
    ts.isStringLiteral(node.argument.literal)
  ) {
    return { raw: node.argument.literal.text, typeOnly: true };
  }
  const [first] = ts.isCallExpression(node) ? node.arguments : [];
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && first) {
    return ts.isStringLiteralLike(first) ? { raw: first.text, typeOnly: false } : null;
  }
  return null;
}

/** Whether a call queries the document, or queries anything with a host selector. */
function queryOf(node: ts.Node, source: ts.SourceFile): 'document' | 'selector' | null {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return null;
  const method = node.expression.name.text;
  if (DOCUMENT_QUERY.test(method) && isDocumentReceiver(node.expression.expression)) return 'document';
  const withHostSelector = node.arguments.some((arg) => HOST_SELECTORS.test(arg.getText(source)));
  return DOM_QUERY.test(method) && withHostSelector ? 'selector' : null;
}

/** The text of a literal, a JSX attribute's name, or a `dataset.gar…` read: where host names hide. */
function textOf(node: ts.Node, source: ts.SourceFile): string | null {
  if (
    ts.isStringLiteralLike(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node)
  ) {
    return node.text;
  }
  if (ts.isRegularExpressionLiteral(node)) return node.text.replace(/\\/g, '');
  if (ts.isJsxAttribute(node)) return node.name.getText(source);
  const datasetRead =
    ts.isPropertyAccessExpression(node) &&
    /^gar[A-Z]/.test(node.name.text) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'dataset';
  return datasetRead ? `dataset.${node.name.text} (a data-gar- hook)` : null;
}

/** What the architecture checks need of one file. */
export function scanSource(file: string, text: string, exists: (path: string) => boolean): SourceFacts {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const facts: SourceFacts = { edges: [], documentQueries: [], selectorQueries: [], hostLiterals: [] };
  const lineOf = (node: ts.Node): number =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    const imported = importOf(node);
    if (imported) {
      const specifier = imported.raw.replace(/\?.*$/, '');
      const resolved = resolveSpecifier(file, specifier, exists);
      facts.edges.push({ specifier, typeOnly: imported.typeOnly, line: lineOf(node), ...resolved });
      if (!ts.isCallExpression(node)) return; // its specifier is no host text
    }
    const query = queryOf(node, source);
    if (query) {
      const found = { file, line: lineOf(node), what: node.getText(source).slice(0, 100) };
      (query === 'document' ? facts.documentQueries : facts.selectorQueries).push(found);
    }
    const value = textOf(node, source);
    if (value !== null && HOST_TEXT.test(value)) {
      facts.hostLiterals.push({
        file,
        line: lineOf(node),
        what: value.includes('(a data-gar- hook)') ? value : JSON.stringify(value),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

/**
 * The graph of `sources`; `otherFile` answers for what an import may name besides them (CSS, JSON),
 * as repository-relative paths.
 */
export function buildGraph(
  sources: ReadonlyMap<string, string>,
  otherFile: (path: string) => boolean = () => false,
): Graph {
  const exists = (path: string): boolean => sources.has(path) || otherFile(path);
  const graph: Graph = new Map();
  for (const [file, text] of sources) graph.set(file, scanSource(file, text, exists));
  return graph;
}

export interface Reached {
  /** File or `package:name`. */
  node: string;
  /** The import chain from a start file to it, each step `file:line`. */
  via: string[];
}

/**
 * Everything reachable from `starts` (breadth-first, so each chain is a shortest one). `follow`
 * says whether to walk an edge; `stopAt` files are reached but not walked through.
 */
export function reachable(
  graph: Graph,
  starts: readonly string[],
  options: { follow?: (edge: Edge) => boolean; stopAt?: (file: string) => boolean } = {},
): Reached[] {
  const { follow = () => true, stopAt = () => false } = options;
  const seen = new Map<string, string[]>(starts.map((start) => [start, []]));
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (stopAt(file) && !starts.includes(file)) continue;
    for (const edge of graph.get(file)?.edges ?? []) {
      if (!follow(edge)) continue;
      const node = edge.target ?? `package:${edge.pkg}`;
      if (seen.has(node)) continue;
      seen.set(node, [...(seen.get(file) ?? []), `${file}:${edge.line}`]);
      if (edge.target && graph.has(edge.target)) queue.push(edge.target);
    }
  }
  return [...seen].map(([node, via]) => ({ node, via }));
}

/** A readable chain: `a.ts:3 → b.ts:7 → utils/store/db.ts`. */
export function chain({ node, via }: Reached): string {
  return [...via, node].join(' → ');
}

/**
 * The import cycles among `files` over runtime edges (type-only ones left out), one path per
 * strongly connected component, as `a.ts → b.ts → a.ts`.
 */
export function cycles(graph: Graph, files: (file: string) => boolean): string[][] {
  const next = (file: string): string[] =>
    (graph.get(file)?.edges ?? [])
      .filter((edge) => !edge.typeOnly && edge.target && files(edge.target) && graph.has(edge.target))
      .map((edge) => edge.target as string);
  // Tarjan's strongly connected components.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (file: string): void => {
    indexOf.set(file, index);
    low.set(file, index);
    index++;
    stack.push(file);
    onStack.add(file);
    for (const to of next(file)) {
      if (!indexOf.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file) as number, indexOf.get(to) as number));
      }
    }
    if (low.get(file) === indexOf.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfLoop = next(file).includes(file);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const file of [...graph.keys()].filter(files).sort()) if (!indexOf.has(file)) connect(file);
  // One concrete cycle per component: the shortest way back from its first member to itself.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0] as string;
    const back = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift() as string;
      for (const to of next(file).filter((to) => members.has(to))) {
        if (to === start) {
          const path = [start];
          for (let at: string | undefined = file; at && at !== start; at = back.get(at))
            path.splice(1, 0, at);
          return [...path, start];
        }
        if (!back.has(to)) {
          back.set(to, file);
          queue.push(to);
        }
      }
    }
    return [...component, start];
  });
}
