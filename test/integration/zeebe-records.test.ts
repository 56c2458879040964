// How the Zeebe adapter reads the broker's exported records (tools/zeebe-exporter writes Record#toJson lines):
// int64 keys survive, lines written in pieces are read whole, and incidents open and close from the records.
// Runs without a broker: the input is a real JSON-lines file in the exporter's format.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZeebeEngine } from '../../engine/zeebe/index.js';
import type { ZeebeEngine } from '../../engine/zeebe/index.js';

/** One exported event as Zeebe 8.5's Record#toJson writes it (abridged to the fields the adapter reads). */
function line(fields: {
  position: number;
  key: string;
  valueType: string;
  intent: string;
  value: Record<string, string | number>;
}): string {
  const value = Object.entries(fields.value)
    .map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'number' ? v : JSON.stringify(v)}`)
    .join(',');
  // keys are written as bare JSON numbers, exactly like the broker does
  return (
    `{"partitionId":1,"value":{${value}},"key":${fields.key},"timestamp":1795460745385,` +
    `"position":${fields.position},"valueType":"${fields.valueType}","intent":"${fields.intent}",` +
    `"recordType":"EVENT","rejectionType":"NULL_VAL","rejectionReason":"","brokerVersion":"8.5.8"}\n`
  );
}

describe('Zeebe adapter reading exported records', () => {
  let dir: string;
  let file: string;
  let engine: ZeebeEngine;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongzhi-zeebe-records-'));
    file = join(dir, 'records.jsonl');
    // no broker behind this address: only the records side of the adapter is exercised
    engine = createZeebeEngine({ gatewayAddress: '127.0.0.1:1', recordsFile: file, recordsPollMs: 20 });
    await engine.start();
  });

  afterEach(async () => {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps int64 keys exact, including keys beyond 2^53 and digits inside variable values', async () => {
    // given an element record of partition 5 (keys above 2^53) and a variable whose JSON value holds a long number
    const bigKey = '11258999068426241'; // 5 << 51 | 1
    await appendFile(
      file,
      line({
        position: 7,
        key: bigKey,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_ACTIVATED',
        value: {
          bpmnProcessId: 'urban-case',
          version: 3,
          processDefinitionKey: '11258999068426240',
          processInstanceKey: '11258999068426239',
          elementId: 'accept',
          flowScopeKey: '11258999068426239',
          bpmnElementType: 'USER_TASK',
          tenantId: '<default>',
        },
      }).replace(/"(\d{17})"/g, '$1') +
        line({
          position: 8,
          key: '2251799813685260',
          valueType: 'VARIABLE',
          intent: 'CREATED',
          value: { name: 'phone', value: '{"n":13800138000123456}', processInstanceKey: 2251799813685249, scopeKey: 2251799813685249 },
        }),
    );

    // when the history is read
    const records = await engine.records({});

    // then keys are exact strings and the variable's JSON text is untouched
    expect(records[0]).toMatchObject({
      key: bigKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      processInstanceKey: '11258999068426239',
      processDefinitionKey: '11258999068426240',
      flowScopeKey: '11258999068426239',
      elementId: 'accept',
      bpmnElementType: 'USER_TASK',
      bpmnProcessId: 'urban-case',
      version: 3,
      tenantId: '<default>',
      timestamp: 1795460745385,
    });
    expect(records[1]).toMatchObject({ key: '2251799813685260', processInstanceKey: '2251799813685249' });
    expect(records[1]!.value.value).toBe('{"n":13800138000123456}');
  });

  it('reads a record the exporter is still writing only once it is complete', async () => {
    const record = line({
      position: 1,
      key: '2251799813685251',
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      value: { processInstanceKey: 2251799813685249, elementId: '办结', bpmnElementType: 'END_EVENT' },
    });
    // split inside the multi-byte element id, as a partial write may do
    const bytes = Buffer.from(record);
    const cut = bytes.indexOf(Buffer.from('办')) + 1;
    await appendFile(file, bytes.subarray(0, cut));
    expect(await engine.records({})).toEqual([]);

    await appendFile(file, bytes.subarray(cut));
    const [completed] = await engine.records({});
    expect(completed).toMatchObject({ elementId: '办结', intent: 'ELEMENT_COMPLETED' });
  });

  it('lists an incident from CREATED until RESOLVED, per instance', async () => {
    const incident = (intent: string) =>
      line({
        position: intent === 'CREATED' ? 10 : 11,
        key: '2251799813685300',
        valueType: 'INCIDENT',
        intent,
        value: {
          errorType: 'JOB_NO_RETRIES',
          errorMessage: 'SMS gateway down',
          bpmnProcessId: 'urban-case',
          processDefinitionKey: 2251799813685248,
          processInstanceKey: 2251799813685249,
          elementId: 'notify',
          elementInstanceKey: 2251799813685290,
          jobKey: 2251799813685295,
          tenantId: '<default>',
        },
      });
    await appendFile(file, incident('CREATED'));
    expect(await engine.incidents('2251799813685249')).toEqual([
      {
        incidentKey: '2251799813685300',
        processInstanceKey: '2251799813685249',
        elementInstanceKey: '2251799813685290',
        elementId: 'notify',
        jobKey: '2251799813685295',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'SMS gateway down',
        tenantId: '<default>',
      },
    ]);
    expect(await engine.incidents('2251799813685999')).toEqual([]);

    await appendFile(file, incident('RESOLVED'));
    expect(await engine.incidents()).toEqual([]);
  });

  it('streams newly exported records to listeners and skips value types the port does not model', async () => {
    const seen: string[] = [];
    const unsubscribe = engine.onRecord((r) => seen.push(`${r.valueType}:${r.intent}`));
    await appendFile(
      file,
      line({ position: 1, key: '1', valueType: 'JOB_BATCH', intent: 'ACTIVATED', value: { type: 'x' } }) +
        line({ position: 2, key: '2251799813685400', valueType: 'TIMER', intent: 'CREATED', value: { processInstanceKey: 2251799813685249 } }),
    );
    const timer = await engine.waitForRecord((r) => r.valueType === 'TIMER', 5_000);
    unsubscribe();
    expect(timer.processInstanceKey).toBe('2251799813685249');
    expect(seen).toEqual(['TIMER:CREATED']);
  });
});
