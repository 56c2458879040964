/**
 * The data format of an engine-agnostic BPMN conformance scenario. Scenarios are plain, serializable data: the
 * same files run on the embedded engine and on a real Zeebe 8.5 broker, interpreted by one runner (runner.ts)
 * through the `WorkflowEngine` port only. Every expectation states what Zeebe 8.5 does; each scenario cites the
 * Zeebe documentation page that says so.
 */
import type { IncidentErrorType, Variables } from '../../engine/port.js';

/** An alias of a process instance inside one scenario; 'main' unless a step names another. */
export type InstanceAlias = string;

interface OnInstance {
  /** Which process instance the step is about (default 'main'). */
  instance?: InstanceAlias;
}

export interface DeployStep {
  step: 'deploy';
  /** File names in test/conformance/bpmn/. The scenario's own resources are deployed before the first step. */
  resources: string[];
  /** The engine must reject the deployment (as invalid). */
  expectRejected?: boolean;
}

export interface CreateInstanceStep extends OnInstance {
  step: 'createInstance';
  process: string;
  variables?: Variables;
  /**
   * Variables holding ISO 8601 date-times relative to the engine clock at creation: name → offset in ms.
   * (Timer dates must lie in the engine's future, whichever clock it runs on.)
   */
  dateVariablesFromNow?: Record<string, number>;
  /** Start at these elements instead of the none start event (Zeebe start instructions). */
  startAt?: string[];
}

/** Binds an alias to an instance the engine created by itself (message start event, call activity child). */
export interface CaptureInstanceStep {
  step: 'captureInstance';
  process: string;
  as: InstanceAlias;
}

/** Expect that the engine has created exactly `count` instances of a process so far. */
export interface ExpectInstanceCountStep {
  step: 'expectInstanceCount';
  process: string;
  count: number;
}

interface JobExpectations {
  /** Each named variable must be present in the activated job with this (deeply equal) value. */
  expectVariables?: Variables;
  /** These variables must not be visible to the job. */
  expectAbsentVariables?: string[];
  /** Each named header must be present with exactly this string value. */
  expectHeaders?: Record<string, string>;
  expectElementId?: string;
  /** The job must belong to this instance (alias). */
  expectInstance?: InstanceAlias;
}

export interface ActivateAndCompleteStep extends JobExpectations {
  step: 'activateAndComplete';
  jobType: string;
  variables?: Variables;
  /** Completion variables copied from the job's own variables: completion name → job variable name. */
  echo?: Record<string, string>;
  /** How many jobs of this type to activate and complete (default 1); expectations apply to each. */
  count?: number;
}

export interface ActivateAndFailStep extends JobExpectations {
  step: 'activateAndFail';
  jobType: string;
  retries: number;
  errorMessage?: string;
  /** Milliseconds (engine clock) before the failed job can be activated again. */
  retryBackOffMs?: number;
}

/** A worker activates the job with this timeout and then never answers (crashed). */
export interface ActivateAndAbandonStep extends JobExpectations {
  step: 'activateAndAbandon';
  jobType: string;
  timeoutMs: number;
}

export interface ActivateAndThrowErrorStep extends JobExpectations {
  step: 'activateAndThrowError';
  jobType: string;
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}

/** No job of this type is (or becomes, within the settle time) activatable. */
export interface ExpectNoJobStep {
  step: 'expectNoJob';
  jobType: string;
}

export interface PublishMessageStep {
  step: 'publishMessage';
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** Milliseconds; 0 or absent = correlate now or never. */
  timeToLive?: number;
  messageId?: string;
  /** The engine must reject the publication (duplicate messageId while the first is buffered). */
  expectRejected?: boolean;
}

export interface AdvanceClockStep {
  step: 'advanceClock';
  ms: number;
}

export interface SetVariablesStep extends OnInstance {
  step: 'setVariables';
  variables: Variables;
  /** The scope: the active instance of this element; the process instance when absent. */
  elementId?: string;
  local?: boolean;
}

export interface ModifyInstanceStep extends OnInstance {
  step: 'modifyInstance';
  activate?: string[];
  /** Element ids, resolved to their single active element instance key through the records. */
  terminate?: string[];
}

export interface CancelInstanceStep extends OnInstance {
  step: 'cancelInstance';
}

export interface ExpectIncidentStep extends OnInstance {
  step: 'expectIncident';
  errorType: IncidentErrorType;
  elementId: string;
}

export interface ExpectNoIncidentStep extends OnInstance {
  step: 'expectNoIncident';
}

export interface ResolveIncidentStep extends OnInstance {
  step: 'resolveIncident';
  /** The open incident at this element (the only open incident of the instance when absent). */
  elementId?: string;
  /** For job incidents: give the job these retries first (Zeebe's updateJobRetries). */
  updateJobRetries?: number;
}

export interface ExpectInstanceStep extends OnInstance {
  step: 'expectInstance';
  state: 'completed' | 'active' | 'terminated';
}

/** These elements completed, in this relative order (other completions may come between them). */
export interface ExpectCompletedStep extends OnInstance {
  step: 'expectCompleted';
  elements: string[];
}

/** These elements completed, in any order. */
export interface ExpectPassedStep extends OnInstance {
  step: 'expectPassed';
  elements: string[];
}

/** These elements never completed. */
export interface ExpectNotPassedStep extends OnInstance {
  step: 'expectNotPassed';
  elements: string[];
}

/** These elements were terminated (at least once each). */
export interface ExpectTerminatedStep extends OnInstance {
  step: 'expectTerminated';
  elements: string[];
}

/** These elements are active now (activated, neither completed nor terminated). */
export interface ExpectActiveStep extends OnInstance {
  step: 'expectActive';
  elements: string[];
}

/** The element completed exactly `count` times (optionally counting only one BPMN element type). */
export interface ExpectCompletedCountStep extends OnInstance {
  step: 'expectCompletedCount';
  elementId: string;
  count: number;
  bpmnElementType?: string;
}

export type Step =
  | DeployStep
  | CreateInstanceStep
  | CaptureInstanceStep
  | ExpectInstanceCountStep
  | ActivateAndCompleteStep
  | ActivateAndFailStep
  | ActivateAndAbandonStep
  | ActivateAndThrowErrorStep
  | ExpectNoJobStep
  | PublishMessageStep
  | AdvanceClockStep
  | SetVariablesStep
  | ModifyInstanceStep
  | CancelInstanceStep
  | ExpectIncidentStep
  | ExpectNoIncidentStep
  | ResolveIncidentStep
  | ExpectInstanceStep
  | ExpectCompletedStep
  | ExpectPassedStep
  | ExpectNotPassedStep
  | ExpectTerminatedStep
  | ExpectActiveStep
  | ExpectCompletedCountStep;

export interface Scenario {
  /** Unique, kebab-case; also the jest test name. */
  name: string;
  /** Given/when/then in one or two sentences. */
  description: string;
  /** The Zeebe 8.5 documentation page(s) the expectations come from. */
  zeebeDoc: string | string[];
  /** BPMN files in test/conformance/bpmn/, deployed together before the first step. */
  resources: string[];
  steps: Step[];
}
