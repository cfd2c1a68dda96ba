import { describe, expect, it } from 'vitest';
import { MiniDomParser } from './xml-dom-parser.js';

type Element = { nodeName: string; nodeType: number; textContent: string; attributes: { name: string; value: string }[]; childNodes: Element[] };

const parse = (xml: string) => new MiniDomParser().parseFromString(xml, 'application/xml');
const children = (node: Element) => node.childNodes.filter((child) => child.nodeType === 1);

describe('MiniDomParser', () => {
  it('reads an S3 ListBucketResult: elements, attributes, whitespace, entities', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>b</Name><IsTruncated>false</IsTruncated>
  <Contents><Key>a&amp;b/&lt;x&gt;.json</Key><ETag>&quot;9a0364b9&quot;</ETag><Size>12</Size></Contents>
  <CommonPrefixes><Prefix>t/&#x41;&#66;/</Prefix></CommonPrefixes>
  <Empty/>
</ListBucketResult>`;
    const doc = parse(xml);
    expect(doc.getElementsByTagName('parsererror')).toEqual([]);
    const root = doc.documentElement as unknown as Element;
    expect(root.nodeName).toBe('ListBucketResult');
    expect(root.attributes).toEqual([{ name: 'xmlns', value: 'http://s3.amazonaws.com/doc/2006-03-01/' }]);
    expect(children(root).map((c) => c.nodeName)).toEqual(['Name', 'IsTruncated', 'Contents', 'CommonPrefixes', 'Empty']);
    const contents = children(root)[2] as Element;
    expect(children(contents).map((c) => [c.nodeName, c.textContent])).toEqual([
      ['Key', 'a&b/<x>.json'],
      ['ETag', '"9a0364b9"'],
      ['Size', '12'],
    ]);
    expect(children(root)[3]?.textContent).toBe('t/AB/');
    // whitespace between elements stays as text nodes, as DOMParser keeps it
    expect(root.childNodes[0]?.nodeType).toBe(3);
    expect(children(root)[4]?.childNodes).toEqual([]);
  });

  it('keeps CDATA verbatim', () => {
    const root = parse('<Error><Message><![CDATA[a <b> & c]]></Message></Error>').documentElement as unknown as Element;
    expect(children(root)[0]?.textContent).toBe('a <b> & c');
  });

  it('answers malformed XML with a parsererror element, as DOMParser does', () => {
    for (const bad of ['<A><B></A>', '<A>', 'plain text', '<A></A><B></B>']) {
      expect(parse(bad).getElementsByTagName('parsererror')).toHaveLength(1);
    }
  });
});
