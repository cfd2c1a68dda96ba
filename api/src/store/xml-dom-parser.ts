/**
 * A small DOMParser for the Worker. @aws-sdk/xml-builder's browser build (the one a Workers bundle
 * gets) parses S3's XML answers (ListObjects, CreateMultipartUpload) with the DOMParser global,
 * which Workers lack. This covers what that code reads: elements, attributes, text, CDATA and
 * entities of well-formed documents; anything else yields a `parsererror` element, as DOMParser does.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

class TextNode {
  readonly nodeType = TEXT_NODE;
  readonly nodeName = '#text';
  readonly childNodes: never[] = [];
  readonly attributes: never[] = [];
  constructor(readonly textContent: string) {}
}

class ElementNode {
  readonly nodeType = ELEMENT_NODE;
  readonly childNodes: (ElementNode | TextNode)[] = [];
  readonly attributes: { name: string; value: string }[] = [];
  constructor(readonly nodeName: string) {}

  get textContent(): string {
    return this.childNodes.map((child) => child.textContent).join('');
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return NAMED[entity] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a well-formed document into a root element; throws on anything malformed. */
function parseDocument(xml: string): ElementNode {
  const stack: ElementNode[] = [];
  let root: ElementNode | null = null;
  let i = 0;
  const addText = (text: string) => {
    const parent = stack[stack.length - 1];
    if (parent !== undefined && text !== '') parent.childNodes.push(new TextNode(text));
  };
  while (i < xml.length) {
    const open = xml.indexOf('<', i);
    if (open === -1) {
      if (xml.slice(i).trim() !== '') throw new Error('text after the root element');
      break;
    }
    addText(decode(xml.slice(i, open)));
    if (xml.startsWith('<?', open) || xml.startsWith('<!--', open) || xml.startsWith('<!DOCTYPE', open)) {
      const end = xml.startsWith('<!--', open) ? xml.indexOf('-->', open) + 3 : xml.indexOf('>', open) + 1;
      if (end <= 0) throw new Error('unterminated declaration');
      i = end;
      continue;
    }
    if (xml.startsWith('<![CDATA[', open)) {
      const end = xml.indexOf(']]>', open);
      if (end === -1) throw new Error('unterminated CDATA');
      addText(xml.slice(open + 9, end));
      i = end + 3;
      continue;
    }
    const close = xml.indexOf('>', open);
    if (close === -1) throw new Error('unterminated tag');
    const tag = xml.slice(open + 1, close);
    i = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const current = stack.pop();
      if (current === undefined || current.nodeName !== name) throw new Error(`unexpected </${name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[^\s/>]+/.exec(body)?.[0];
    if (name === undefined) throw new Error('empty tag');
    const element = new ElementNode(name);
    for (const match of body.slice(name.length).matchAll(ATTRIBUTE)) {
      element.attributes.push({ name: match[1] as string, value: decode(match[2] ?? match[3] ?? '') });
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.childNodes.push(element);
    else if (root === null) root = element;
    else throw new Error('more than one root element');
    if (!selfClosing) stack.push(element);
  }
  if (root === null || stack.length > 0) throw new Error('unclosed or missing root element');
  return root;
}

/** The subset of DOMParser that the AWS SDK's browser XML reader uses. */
export class MiniDomParser {
  parseFromString(xml: string, _type: string) {
    let root: ElementNode;
    let failed = false;
    try {
      root = parseDocument(xml);
    } catch (error) {
      failed = true;
      root = new ElementNode('parsererror');
      root.childNodes.push(new TextNode(error instanceof Error ? error.message : String(error)));
    }
    return {
      documentElement: root,
      getElementsByTagName: (name: string) => (failed && name === 'parsererror' ? [root] : []),
    };
  }
}

/** Installs MiniDomParser (and Node's type constants) where the runtime has no DOMParser. */
export function installDomParser(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  if (typeof scope.DOMParser === 'undefined') scope.DOMParser = MiniDomParser;
  if (typeof scope.Node === 'undefined') scope.Node = { ELEMENT_NODE, TEXT_NODE };
}
