// @vitest-environment node
/**
 * The layers of ARCHITECTURE.md §2–§3, checked on the import graph of entrypoints/, components/ and
 * utils/ (tests/unit/import-graph.ts). biome.json's `noRestrictedImports` overrides reject a direct
 * crossing as it is typed; this test sees what a linter cannot: crossings through other modules,
 * cycles, and host knowledge (selectors, GAR hostnames) outside utils/hosts.
 *
 * Layer checks follow type-only imports too (a crossing is one even when the bundler erases it);
 * the cycle check follows runtime imports only. Each failure names the file, the rule and the fix.
 */

import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  chain,
  cycles,
  type Graph,
  isFile,
  type Reached,
  reachable,
  readSources,
  scanSource,
} from './import-graph';

const CONTENT_SCRIPTS = ['entrypoints/console.content/index.tsx', 'entrypoints/portail.content/index.tsx'];

/**
 * Files outside utils/hosts allowed to query the content scripts' `document` directly, each with
 * its reason. Keep it short: a reading of the GAR page belongs in utils/hosts/<site>/page.ts.
 */
const DOCUMENT_QUERY_ALLOWED: Readonly<Record<string, string>> = {};

/** Packages the domain may use: pure parsers and schemas, no browser API, no I/O. */
const DOMAIN_PACKAGES = new Set(['zod', 'papaparse', 'read-excel-file', 'fast-xml-parser']);

const sources = readSources('.', ['entrypoints', 'components', 'utils']);
const graph = buildGraph(sources, isFile);

const isPackage = (node: string, ...names: string[]): boolean =>
  names.some((name) => node === `package:${name}` || node.startsWith(`package:${name}/`));
const under = (node: string, ...folders: string[]): boolean =>
  folders.some((folder) => node.startsWith(folder));
const filesUnder = (g: Graph, folder: string): string[] =>
  [...g.keys()].filter((file) => file.startsWith(folder));

/**
 * Each forbidden node the starts reach, by a shortest chain, one message each; the walk stops at a
 * forbidden node, so one crossing is one message (not one per module behind it).
 */
function crossings(
  g: Graph,
  starts: readonly string[],
  forbidden: (node: string) => boolean,
  describe: (reached: Reached) => string,
  stopAt: (file: string) => boolean = () => false,
): string[] {
  return reachable(g, starts, { stopAt: (file) => forbidden(file) || stopAt(file) })
    .filter(({ node }) => forbidden(node))
    .map(describe);
}

/** ARCHITECTURE.md §3: IndexedDB belongs to the extension origin. */
function contentScriptsReachTheDatabase(g: Graph): string[] {
  return CONTENT_SCRIPTS.flatMap((entry) =>
    crossings(
      g,
      [entry],
      (node) => under(node, 'utils/store/') || node === 'components/use-store.ts' || isPackage(node, 'idb'),
      (reached) =>
        `[content scripts never import the database] ${reached.via[reached.via.length - 1]?.replace(/:\d+$/, '')} ` +
        `brings ${reached.node} into ${entry}: ${chain(reached)}. A content script's indexedDB is the GAR ` +
        `page's: ask the background (utils/client.ts askBackground); the records' types and schemas are in utils/gar.`,
    ),
  );
}

/** ARCHITECTURE.md §2: the domain is pure; it may use utils/i18n.ts (the synchronous browser.i18n lookup). */
function domainLeaves(g: Graph): string[] {
  const fromDomain = crossings(
    g,
    filesUnder(g, 'utils/gar/'),
    (node) =>
      node.startsWith('package:')
        ? !DOMAIN_PACKAGES.has(node.slice('package:'.length))
        : !under(node, 'utils/gar/') && node !== 'utils/i18n.ts',
    (reached) =>
      `[the domain is pure] ${reached.via[0]?.replace(/:\d+$/, '')} reaches ${reached.node}: ${chain(reached)}. ` +
      'utils/gar imports nothing outside utils/gar but utils/i18n.ts (and pure packages: ' +
      `${[...DOMAIN_PACKAGES].join(', ')}). Move the code that needs it to utils/hosts, utils/store, ` +
      'utils/bulk or the feature, and pass the domain plain data.',
    (file) => file === 'utils/i18n.ts',
  );
  const fromI18n = (g.get('utils/i18n.ts')?.edges ?? [])
    .filter(
      (edge) =>
        !(edge.target && under(edge.target, 'utils/gar/', 'public/_locales/')) &&
        !(edge.pkg === 'wxt' && edge.specifier === 'wxt/browser'),
    )
    .map(
      (edge) =>
        `[the domain is pure] utils/i18n.ts:${edge.line} imports '${edge.specifier}': the domain may import ` +
        'utils/i18n.ts, so i18n imports only the catalogue, utils/gar and wxt/browser. Put the rest elsewhere.',
    );
  return [...fromDomain, ...fromI18n];
}

/** ARCHITECTURE.md §2: utils/hosts knows the two sites and nothing else. */
function hostsReachBeyond(g: Graph): string[] {
  return crossings(
    g,
    filesUnder(g, 'utils/hosts/'),
    (node) =>
      node === 'utils/features.ts' ||
      under(node, 'utils/store/', 'utils/bulk/', 'utils/background/', 'components/', 'entrypoints/') ||
      isPackage(node, 'preact', '@preact/signals', 'idb'),
    (reached) =>
      `[hosts know the sites, nothing else] ${reached.via[0]?.replace(/:\d+$/, '')} reaches ${reached.node}: ` +
      `${chain(reached)}. utils/hosts must not depend on the feature manager, the store, the executor, the ` +
      'background or the UI: take what you need as a parameter (a root, a fetch, a small interface declared in utils/hosts).',
  );
}

/** ARCHITECTURE.md §2: the store keeps the records (utils/gar) in IndexedDB, nothing more. */
function storeReachesBeyond(g: Graph): string[] {
  return crossings(
    g,
    filesUnder(g, 'utils/store/'),
    (node) =>
      node === 'utils/features.ts' ||
      under(node, 'utils/hosts/', 'utils/bulk/', 'utils/background/', 'components/', 'entrypoints/'),
    (reached) =>
      `[the store keeps records, nothing else] ${reached.via[0]?.replace(/:\d+$/, '')} reaches ${reached.node}: ` +
      `${chain(reached)}. utils/store imports the domain and idb only: move the logic to its caller ` +
      '(utils/background, the page) and pass the store plain records.',
  );
}

/** No module of utils/ needs itself to load (runtime imports; type-only ones never run). */
function utilsCycles(g: Graph): string[] {
  return cycles(g, (file) => under(file, 'utils/')).map(
    (cycle) =>
      `[no import cycles in utils/] ${cycle[0]} imports itself back: ${cycle.join(' → ')}. Move what both ` +
      'sides need into a module neither imports, or pass it as a parameter.',
  );
}

/** ARCHITECTURE.md §3: host knowledge in one place — selectors, hostnames and hooks live in utils/hosts. */
function hostKnowledgeOutsideHosts(g: Graph): string[] {
  const outside = [...g].filter(([file]) => !under(file, 'utils/hosts/'));
  const literals = outside.flatMap(([, facts]) =>
    facts.hostLiterals.map(
      ({ file, line, what }) =>
        `[host knowledge only in utils/hosts] ${file}:${line} names the GAR sites (${what}). Hostnames, URLs and ` +
        '`data-gar-` hooks live in utils/hosts (hosts.ts, <site>/page.ts): import the constant or a reader from there.',
    ),
  );
  const selectorQueries = outside.flatMap(([, facts]) =>
    facts.selectorQueries.map(
      ({ file, line, what }) =>
        `[host knowledge only in utils/hosts] ${file}:${line} queries the page with a host selector (${what}). ` +
        'Add a reader to utils/hosts/<site>/page.ts that takes the root and call it here.',
    ),
  );
  const inContentScripts = new Set(reachable(g, CONTENT_SCRIPTS).map(({ node }) => node));
  const documentQueries = outside
    .filter(([file]) => inContentScripts.has(file) && !(file in DOCUMENT_QUERY_ALLOWED))
    .flatMap(([, facts]) =>
      facts.documentQueries.map(
        ({ file, line, what }) =>
          `[host knowledge only in utils/hosts] ${file}:${line} reads the GAR page's document (${what}). Add a ` +
          'reader to utils/hosts/<site>/page.ts that takes the root as a parameter and pass it `document`; or, ' +
          'if this is not the GAR page, add the file to DOCUMENT_QUERY_ALLOWED in tests/unit/architecture.test.ts with its reason.',
      ),
    );
  return [...literals, ...selectorQueries, ...documentQueries];
}

/**
 * Our code never writes HTML as text: every page it touches shows pupils' names, and the Firefox
 * package's lint accepts the innerHTML warnings only because they are Preact's own line for
 * `dangerouslySetInnerHTML` (tests/store/lint-firefox-package.ts).
 */
const HTML_AS_TEXT =
  /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|createContextualFragment)\b|document\.write\(/;

function htmlWrittenAsText(files: ReadonlyMap<string, string>): string[] {
  return [...files].flatMap(([file, text]) =>
    text
      .split('\n')
      .flatMap((line, index) =>
        HTML_AS_TEXT.test(line) ? [`${file}:${index + 1} writes HTML as text`] : [],
      ),
  );
}

/** The graph with `planted` files added or replaced, as if they were in the sources. */
function plant(planted: Record<string, string>): Graph {
  const exists = (path: string): boolean => sources.has(path) || path in planted || isFile(path);
  const next = new Map(graph);
  for (const [file, text] of Object.entries(planted)) next.set(file, scanSource(file, text, exists));
  return next;
}

describe('the layers of ARCHITECTURE.md', () => {
  it('reads the real graph (the content scripts reach the feature manager and the hosts)', () => {
    const fromConsole = reachable(graph, [CONTENT_SCRIPTS[0] as string]).map(({ node }) => node);
    expect(fromConsole).toContain('utils/features.ts');
    expect(fromConsole).toContain('utils/hosts/console/page.ts');
    expect(fromConsole).toContain('entrypoints/console.content/features/tri-par-fin.tsx');
    const portail = reachable(graph, [CONTENT_SCRIPTS[1] as string]).map(({ node }) => node);
    expect(portail).toContain('utils/hosts/portail/page.ts');
  });

  it('content scripts never reach the database, even through other modules', () => {
    expect(contentScriptsReachTheDatabase(graph)).toEqual([]);
  });

  it('the domain reaches nothing outside utils/gar but utils/i18n.ts', () => {
    expect(domainLeaves(graph)).toEqual([]);
  });

  it('utils/hosts reaches neither the feature manager, the store, the executor nor the UI', () => {
    expect(hostsReachBeyond(graph)).toEqual([]);
  });

  it('utils/store reaches neither the hosts, the executor, the feature manager nor the UI', () => {
    expect(storeReachesBeyond(graph)).toEqual([]);
  });

  it('utils/ has no import cycle', () => {
    expect(utilsCycles(graph)).toEqual([]);
  });

  it('only utils/hosts knows the GAR pages: selectors, hostnames, hooks', () => {
    expect(hostKnowledgeOutsideHosts(graph)).toEqual([]);
  });

  it('no source writes HTML as text (innerHTML and its kin)', () => {
    expect(htmlWrittenAsText(sources)).toEqual([]);
    const planted = new Map([
      ['components/x.tsx', 'const a = 1;\n<div dangerouslySetInnerHTML={{ __html: a }} />'],
    ]);
    expect(htmlWrittenAsText(planted)).toEqual(['components/x.tsx:2 writes HTML as text']);
  });
});

describe('the layer checks catch a planted crossing', () => {
  it('a content script reaching the store through a helper', () => {
    const found = contentScriptsReachTheDatabase(
      plant({
        'utils/planted-helper.ts':
          "import { openGarDb } from './store/db';\nexport const open = openGarDb;\n",
        'entrypoints/console.content/features/badges-fin.tsx': `import { open } from '../../../utils/planted-helper';\n${sources.get('entrypoints/console.content/features/badges-fin.tsx')}`,
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^\[content scripts never import the database\] utils\/planted-helper\.ts brings utils\/store\/db\.ts/,
    );
    expect(found[0]).toContain('badges-fin.tsx:1 → utils/planted-helper.ts:1 → utils/store/db.ts');
  });

  it('a type-only import of the store counts too', () => {
    const found = contentScriptsReachTheDatabase(
      plant({
        'entrypoints/portail.content/index.tsx': `import type { GarDb } from '../../utils/store/db';\n${sources.get('entrypoints/portail.content/index.tsx')}`,
      }),
    );
    expect(
      found.some((message) =>
        message.includes('utils/store/db.ts into entrypoints/portail.content/index.tsx'),
      ),
    ).toBe(true);
  });

  it('the domain importing the observer, a browser API, or i18n importing the store', () => {
    const found = domainLeaves(
      plant({
        'utils/gar/planted.ts':
          "import { observe } from '../observe';\nimport { browser } from 'wxt/browser';\n",
        'utils/i18n.ts': `import { openGarDb } from './store/db';\n${sources.get('utils/i18n.ts')}`,
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^\[the domain is pure\] utils\/gar\/planted\.ts reaches utils\/observe\.ts/),
      expect.stringMatching(/^\[the domain is pure\] utils\/gar\/planted\.ts reaches package:wxt/),
      expect.stringMatching(/^\[the domain is pure\] utils\/i18n\.ts:1 imports '\.\/store\/db'/),
    ]);
  });

  it('the hosts importing the feature manager; the store importing the hosts', () => {
    const hosts = hostsReachBeyond(
      plant({ 'utils/hosts/planted.ts': "import type { FeatureContext } from '../features';\n" }),
    );
    expect(hosts).toEqual([
      expect.stringMatching(
        /^\[hosts know the sites, nothing else\] utils\/hosts\/planted\.ts reaches utils\/features\.ts/,
      ),
    ]);
    const store = storeReachesBeyond(
      plant({ 'utils/store/planted.ts': "import { CONSOLE_ORIGIN } from '../hosts/hosts';\n" }),
    );
    expect(store[0]).toMatch(
      /^\[the store keeps records, nothing else\] utils\/store\/planted\.ts reaches utils\/hosts\/hosts\.ts/,
    );
  });

  it('a cycle, named by its path; a cycle through types only is none', () => {
    const found = utilsCycles(
      plant({
        'utils/planted-a.ts': "import { b } from './planted-b';\nexport const a = () => b;\n",
        'utils/planted-b.ts': "import { a } from './planted-a';\nexport const b = () => a;\n",
        'utils/planted-c.ts': "import type { D } from './planted-d';\nexport type C = D;\n",
        'utils/planted-d.ts': "import type { C } from './planted-c';\nexport type D = C | 1;\n",
      }),
    );
    expect(found).toEqual([
      expect.stringContaining(
        '[no import cycles in utils/] utils/planted-a.ts imports itself back: utils/planted-a.ts → utils/planted-b.ts → utils/planted-a.ts',
      ),
    ]);
  });

  it('a feature reading the GAR document, naming a hook or a host', () => {
    const found = hostKnowledgeOutsideHosts(
      plant({
        'entrypoints/console.content/features/tri-par-fin.tsx': `${sources.get('entrypoints/console.content/features/tri-par-fin.tsx')}
const planted = () => document.querySelectorAll(CONSOLE_SELECTORS.resourceRow);
const hook = 'td[data-gar-fin]';
const link = \`https://affectation.gar.education.fr/\${hook}\`;
const end = (row: HTMLElement) => row.dataset.garFin;
const cell = (row: HTMLElement) => row.querySelector(CONSOLE_SELECTORS.resourceRowEnd);
`,
      }),
    );
    const rules = found.map((message) => message.replace(/ \(.*$/, ''));
    expect(rules).toEqual([
      expect.stringMatching(
        /^\[host knowledge only in utils\/hosts\] entrypoints\/console\.content\/features\/tri-par-fin\.tsx:\d+ names the GAR sites$/,
      ),
      expect.stringMatching(/tri-par-fin\.tsx:\d+ names the GAR sites$/),
      expect.stringMatching(/tri-par-fin\.tsx:\d+ names the GAR sites$/),
      expect.stringMatching(/tri-par-fin\.tsx:\d+ queries the page with a host selector$/),
      expect.stringMatching(/tri-par-fin\.tsx:\d+ reads the GAR page's document$/),
    ]);
  });

  it('an extension page querying its own document is no host knowledge', () => {
    const found = hostKnowledgeOutsideHosts(
      plant({
        'entrypoints/popup/main.tsx': `${sources.get('entrypoints/popup/main.tsx')}\ndocument.querySelector('#app');\n`,
      }),
    );
    expect(found).toEqual([]);
  });
});
