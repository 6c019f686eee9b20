import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { t } from '../i18n';
import { GarFormatError } from './errors';

/** A parsed XML element: text, or children by local name (always arrays where repetition is allowed). */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export interface XmlDocument {
  /** The root element's local name (namespace prefix removed). */
  rootName: string;
  root: XmlNode;
}

/**
 * Parses an XML document with a real parser: namespace prefixes removed, text kept as strings,
 * the given element names always as arrays. A document that is not well-formed is refused with
 * its line and column.
 */
export function parseXmlDocument(xml: string, repeatable: ReadonlySet<string>): XmlDocument {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    throw new GarFormatError(t('xmlWhere', String(line), String(col)), t('xmlNotWellFormed', msg));
  }
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => repeatable.has(name),
  });
  const parsed = parser.parse(xml) as Record<string, XmlValue>;
  const roots = Object.entries(parsed);
  const [rootEntry] = roots;
  if (!rootEntry || roots.length !== 1) {
    throw new GarFormatError(t('xmlRoot'), t('xmlOneRoot'));
  }
  const [rootName, root] = rootEntry;
  return { rootName, root: typeof root === 'object' && !Array.isArray(root) ? root : {} };
}

/** The children of `node` named `name`, as an array of elements (empty when absent). */
export function childElements(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  // An empty element (<x/>) parses as '': it is an element with no children.
  return list.map((item) => (typeof item === 'object' && !Array.isArray(item) ? item : {}));
}

/** The text values of the children named `name`. */
export function childTexts(node: XmlNode, name: string): string[] {
  const value = node[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === 'string' ? item : ''));
}

/** The text of the single child named `name`, or undefined. */
export function childText(node: XmlNode, name: string): string | undefined {
  return childTexts(node, name)[0];
}

/**
 * Reads the children of one element, failing with a GarFormatError that says where (`where`, an
 * element path) and who (`who`, a human label such as « Abonnement n°3 (id ABC) »). A translated
 * label is given as a function, so that reading a valid file never asks the catalogue (the
 * simulator reads seeds without one).
 */
export class ElementReader {
  constructor(
    readonly node: XmlNode,
    private readonly where: string,
    private readonly who: string | (() => string),
  ) {}

  fail(element: string, rule: string): never {
    const who = typeof this.who === 'string' ? this.who : this.who();
    throw new GarFormatError(`${this.where}/${element}`, rule, who);
  }

  optional(element: string, maxLength?: number): string | undefined {
    const values = childTexts(this.node, element);
    if (values.length > 1) this.fail(element, t('xmlOnce'));
    const value = values[0];
    if (value !== undefined && maxLength !== undefined && value.length > maxLength) {
      this.fail(element, t('xmlTooLong', String(value.length), String(maxLength)));
    }
    return value;
  }

  required(element: string, maxLength?: number): string {
    const value = this.optional(element, maxLength);
    if (value === undefined || value === '') this.fail(element, t('xmlRequired'));
    return value;
  }

  /** Every value of a repeatable element; `min` of them at least. */
  list(element: string, min = 0): string[] {
    const values = childTexts(this.node, element).filter((value) => value !== '');
    if (values.length < min) this.fail(element, t('xmlRequired'));
    return values;
  }

  children(element: string): XmlNode[] {
    return childElements(this.node, element);
  }

  /** Readers for each child element, whose errors carry the full path from here. */
  nested(element: string): ElementReader[] {
    return this.children(element).map(
      (node, index) => new ElementReader(node, `${this.where}/${element}[${index + 1}]`, this.who),
    );
  }
}
