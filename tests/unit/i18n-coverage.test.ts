import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word the RA reads goes through the catalogue (public/_locales), so an English browser
 * sees English. This test reads the extension's sources (entrypoints, components, utils) and
 * refuses a string literal, template or JSX text that looks French. Data that merely *is* French
 * — words a parser recognises in GAR's files, matching stop-words — is listed below with why.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_FOLDERS = ['entrypoints', 'components', 'utils'];

/** An accented word, French quotes, or a French function word standing alone. */
const LOOKS_FRENCH =
  /[A-Za-zÀ-ÿ]*[éèêàùçôîûœ][A-Za-zÀ-ÿ]*|[«»]|(^|\s)(le|la|les|des|du|une|est|pas|sur|pour|avec|dans)(\s|$)/;
const FRENCH_WORD = /[A-Za-zÀ-ÿ]{2,}/;

/** Files whose French literals are data, not words shown to the RA. */
const FRENCH_DATA_FILES: Readonly<Record<string, string>> = {
  'utils/gar/population.ts':
    'GAR-ENT parser read only by the simulator’s seed loader: its refusals are for developers.',
};

/** Single literals that are data, by file. */
const FRENCH_DATA_LITERALS: Readonly<Record<string, readonly string[]>> = {
  // Stop-words that do not tell two resource titles apart (matching, never shown).
  'utils/gar/templates.ts': ['les', 'des', 'une', 'pour', 'avec'],
  // Keys that tell groups and orders apart internally (never shown).
  'utils/gar/class-groups.ts': ['libellé '],
  'utils/gar/order-merge.ts': ['période '],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface FrenchLiteral {
  file: string;
  line: number;
  text: string;
}

function textOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('');
  }
  if (node.kind === ts.SyntaxKind.JsxText) return node.getText(source).trim();
  return undefined;
}

function frenchLiteralsOf(path: string): FrenchLiteral[] {
  const file = relative(ROOT, path).split('\\').join('/');
  const content = readFileSync(path, 'utf8');
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, kind);
  const found: FrenchLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const text = textOf(node, source);
    if (text !== undefined && LOOKS_FRENCH.test(text) && FRENCH_WORD.test(text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ file, line, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('every word the RA reads comes from the catalogue', () => {
  it('finds no French literal in the extension’s sources', () => {
    const literals = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))
      .flatMap(frenchLiteralsOf)
      .filter(({ file }) => !(file in FRENCH_DATA_FILES))
      .filter(({ file, text }) => !(FRENCH_DATA_LITERALS[file] ?? []).includes(text));
    expect(
      literals.map(({ file, line, text }) => `${file}:${line} « ${text} » → t('…') and both catalogues`),
    ).toEqual([]);
  });

  it('would see a French word a helper forgot', () => {
    expect(LOOKS_FRENCH.test('Licences disponibles pour les élèves')).toBe(true);
    expect(LOOKS_FRENCH.test('« Maths »')).toBe(true);
    expect(LOOKS_FRENCH.test('Voir la liste')).toBe(true);
    expect(LOOKS_FRENCH.test('cg-journal-du')).toBe(false);
  });
});
