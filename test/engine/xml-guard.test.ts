import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { DEFAULT_MAX_XML_BYTES, guardXml, type GuardXmlOptions } from '../../engine/embedded/xml-guard.js';
import { EngineError } from '../../engine/port.js';

/** bpmn-moddle's ESM entry has only the named export `BpmnModdle`; typed here to the slice the test uses. */
interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: { $type: string } }>;
}
const { BpmnModdle } = (await import('bpmn-moddle')) as unknown as { BpmnModdle: new (packages: object) => Moddle };
const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
/** A small Zeebe process of our own (the conformance files change with their suite). */
const VALID = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_guard" targetNamespace="https://gongzhi.example/test">
  <bpmn:process id="guard" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="handle">
      <bpmn:extensionElements><zeebe:taskDefinition type="guard.handle" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="deadline" attachedToRef="handle"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">=duration("P3D")</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="late" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="deadline" targetRef="late" />
  </bpmn:process>
</bpmn:definitions>
`;

/** VALID with `anchor` replaced; fails loudly if the anchor is missing, so no test silently checks VALID itself. */
function edited(anchor: string, replacement: string): string {
  if (!VALID.includes(anchor)) throw new Error(`fixture has no '${anchor}'`);
  return VALID.replace(anchor, () => replacement);
}

function rejection(content: string | Uint8Array, options?: GuardXmlOptions): EngineError {
  try {
    guardXml(content, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('engine.deploy_invalid');
    return error as EngineError;
  }
  throw new Error('expected guardXml to reject the content');
}

const reasonOf = (error: EngineError): unknown => (error.details as { reason: string }).reason;

describe('guardXml accepts ordinary BPMN', () => {
  it('given a valid Zeebe BPMN string, it returns it unchanged and bpmn-moddle parses the result', async () => {
    const xml = guardXml(VALID);
    expect(xml).toBe(VALID);
    const { rootElement } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml);
    expect(rootElement.$type).toBe('bpmn:Definitions');
  });

  it('given the same document as UTF-8 bytes with a BOM and Chinese names, it decodes and drops the BOM', () => {
    const withChinese = edited('<bpmn:startEvent id="start" />', '<bpmn:startEvent id="start" name="受理（12345热线）" />');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(withChinese)]);
    expect(guardXml(bytes)).toBe(withChinese);
  });

  it('given comments and CDATA (conditions with < in them), it accepts them', () => {
    const xml = edited(
      '<bpmn:startEvent id="start" />',
      '<!-- 街道 comment --><bpmn:startEvent id="start"><bpmn:documentation><![CDATA[a < b && c]]></bpmn:documentation></bpmn:startEvent>',
    );
    expect(guardXml(xml)).toBe(xml);
  });
});

describe('guardXml rejects oversized content before parsing', () => {
  it('given a 50 MB upload as bytes, it rejects it on size alone', () => {
    const upload = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    const error = rejection(upload);
    expect(reasonOf(error)).toBe('too_large');
    expect(error.message).toContain(String(DEFAULT_MAX_XML_BYTES));
  });

  it('given a 50 MB string, it rejects it on size alone', () => {
    const error = rejection(VALID + ' '.repeat(50 * 1024 * 1024));
    expect(reasonOf(error)).toBe('too_large');
  });

  it('given Chinese text under the limit in characters but over it in UTF-8 bytes, it rejects it', () => {
    const text = `<a>${'共'.repeat(400)}</a>`; // 407 characters, 1207 bytes
    expect(reasonOf(rejection(text, { maxBytes: 1000 }))).toBe('too_large');
    expect(guardXml(text, { maxBytes: 1300 })).toBe(text);
  });

  it('given a resource name, the message names the file', () => {
    expect(rejection('', { resourceName: 'urban-case.bpmn' }).message).toMatch(/^urban-case\.bpmn: /);
  });
});

describe('guardXml rejects DTDs and entities (XXE, billion laughs)', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>`;
  const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="&xxe;"/>`;

  it.each([
    ['billion laughs', billionLaughs],
    ['an external entity', externalEntity],
    ['a lower-case doctype', `<!doctype html>${VALID}`],
    ['a bare ENTITY declaration', edited('<bpmn:process', '<!ENTITY x "y"><bpmn:process')],
    ['an ATTLIST declaration', edited('<bpmn:process', '<!ATTLIST a b CDATA "c"><bpmn:process')],
    ['a DOCTYPE hidden in a comment', edited('<bpmn:process', '<!-- <!DOCTYPE x> --><bpmn:process')],
    ['a DOCTYPE after an unterminated comment', `<!-- ${VALID} <!DOCTYPE x>`],
    ['a DOCTYPE inside CDATA', edited('<bpmn:process', '<![CDATA[ <!DOCTYPE x> ]]><bpmn:process')],
    ['an ENTITY after an unterminated CDATA', edited('<bpmn:process', '<![CDATA[ <bpmn:process').replace('</bpmn:process>', '<!ENTITY lol "lol"></bpmn:process>')],
  ])('given %s, it rejects it', (_name, xml) => {
    const error = rejection(xml);
    expect(reasonOf(error)).toBe('dtd');
    expect(error.message).toMatch(/document type declarations and entities are not allowed/);
  });
});

describe('guardXml rejects absurd nesting (it would overflow recursive model builders)', () => {
  const nested = (depth: number): string =>
    edited(
      '<bpmn:endEvent id="end" />',
      `${Array.from({ length: depth }, (_, i) => `<bpmn:subProcess id="s${i}" name="a > b">`).join('')}${'</bpmn:subProcess>'.repeat(depth)}<bpmn:endEvent id="end" />`,
    );

  it('given 50,000 nested subprocesses (2 MB), it rejects the document', () => {
    const error = rejection(nested(50_000));
    expect(reasonOf(error)).toBe('too_deep');
    expect(error.message).toContain('deeper than 256 levels');
  });

  it('given nesting within the limit, self-closing tags, comments and PIs, it counts only open elements', () => {
    // definitions › process › 200 subprocesses = 202 levels
    expect(guardXml(nested(200))).toContain('id="s199"');
    const flat = edited('<bpmn:process', `<?pi x?><!-- <a><b><c> -->${'<bpmn:task id="t" />'.repeat(1000)}<bpmn:process`);
    // The fixture's deepest path: definitions › process › boundaryEvent › timerEventDefinition › timeDuration.
    expect(guardXml(flat, { maxDepth: 5 })).toBe(flat);
    expect(reasonOf(rejection(flat, { maxDepth: 4 }))).toBe('too_deep');
  });

  it('given a custom limit, it applies it', () => {
    expect(reasonOf(rejection(nested(3), { maxDepth: 4 }))).toBe('too_deep');
  });
});

describe('guardXml rejects broken encodings, NUL and empty input', () => {
  it.each([
    ['a truncated two-byte sequence', [0x3c, 0x61, 0xc3, 0x28, 0x3e]],
    ['an overlong encoding of /', [0x3c, 0xc0, 0xaf, 0x3e]],
    ['GBK-encoded 共治', [0x3c, 0x61, 0x3e, 0xb9, 0xb2, 0xd6, 0xce, 0x3c, 0x2f, 0x61, 0x3e]],
    ['UTF-16LE with a BOM', [0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00]],
    ['an encoded surrogate', [0x3c, 0xed, 0xa0, 0x80, 0x3e]],
  ])('given bytes with %s, it rejects them as invalid UTF-8', (_name, bytes) => {
    const error = rejection(new Uint8Array(bytes));
    expect(reasonOf(error)).toBe('invalid_utf8');
    expect(error.message).toContain('UTF-8');
  });

  it('given a string with a lone surrogate, it rejects it as invalid UTF-8', () => {
    expect(reasonOf(rejection(`<a>\uD800</a>`))).toBe('invalid_utf8');
    expect(reasonOf(rejection(`<a>\uDC00x</a>`))).toBe('invalid_utf8');
    expect(guardXml('<a>😀</a>')).toBe('<a>😀</a>');
  });

  it.each([
    ['a string', edited('<bpmn:process', '<bpmn:process\u0000')],
    ['bytes', new Uint8Array([...new TextEncoder().encode('<a>'), 0, ...new TextEncoder().encode('</a>')])],
  ])('given %s containing NUL, it rejects it', (_name, content) => {
    expect(reasonOf(rejection(content))).toBe('nul_byte');
  });

  it.each([
    ['an empty string', ''],
    ['whitespace', ' \n\t '],
    ['no bytes', new Uint8Array(0)],
    ['only a BOM', new Uint8Array([0xef, 0xbb, 0xbf])],
  ])('given %s, it rejects it as empty', (_name, content) => {
    expect(reasonOf(rejection(content))).toBe('empty');
  });
});
