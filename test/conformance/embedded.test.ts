/**
 * The BPMN conformance scenarios on the embedded engine: each scenario gets a fresh engine with a manual clock,
 * so that timers fire only when a scenario moves time.
 */
import { createEmbeddedEngine } from '../../engine/index.js';
import { describeConformance } from './runner.js';

/** A fixed, arbitrary start instant for the manual clock (scenarios only ever use offsets from it). */
const START_AT = Date.parse('2026-03-02T01:00:00.000Z');

describeConformance('embedded', () => Promise.resolve(createEmbeddedEngine({ clock: { manual: true, startAt: START_AT } })));
