/**
 * The case document (案件): one per process instance started by intake. Shared contract with the SLA,
 * routing and designer rooms — fields are added, never renamed. Dates are ISO-8601 strings, as elsewhere.
 */

export const CASES_COLLECTION = 'cases';

export const CASE_CHANNELS = ['grid', 'hotline', 'video', 'police110', 'citizen', 'api'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** 即办件 / 承诺件 / 协调件. */
export const CASE_KINDS = ['immediate', 'committed', 'coordinated'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = [
  'received',
  'filed',
  'rejected',
  'dispatched',
  'handling',
  'checking',
  'closed',
  'deferred',
  'suspended',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SLA_STATES = ['normal', 'warning', 'overdue', 'supervised'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** 部件 (component: city furniture) or 事件 (event), with major/minor class and an optional standard code. */
export interface CaseCategory {
  kind: 'component' | 'event';
  major: string;
  minor: string;
  code?: string;
}

export interface CaseLocation {
  address?: string;
  lng?: number;
  lat?: number;
}

export interface CaseReporter {
  name?: string;
  phone?: string;
}

export interface CaseSatisfaction {
  score: number;
  satisfied: boolean;
  comment?: string;
  at: string;
}

export interface CaseDoc {
  _id: string;
  /** Citizen-facing, unique, e.g. `GZ-20261123-000042`. */
  trackingNumber: string;
  unitId: string;
  /** Materialised path of the owning unit: the authorisation scope of the case. */
  unitPath: string;
  gridId?: string;
  areaUnitId?: string;
  channel: CaseChannel;
  channelMessageId?: string;
  /** `channel:channelMessageId`, or `case:<_id>` without a message id — uniquely indexed for idempotent intake. */
  intakeKey: string;
  category: CaseCategory;
  caseKind: CaseKind;
  urgent: boolean;
  level?: number;
  title: string;
  description: string;
  location: CaseLocation;
  reporter: CaseReporter;
  /** Attachment ids (server/attachments). */
  attachments: string[];
  status: CaseStatus;
  slaState: SlaState;
  /** Null until the process instance is created (see CaseService.create for the ordering). */
  processInstanceKey: string | null;
  bpmnProcessId: string;
  definitionKey: string | null;
  definitionVersion: number | null;
  relatedCaseIds: string[];
  createdAt: string;
  filedAt?: string;
  /** Deadline for closing the case. */
  dueAt?: string;
  closedAt?: string;
  closedOnTime?: boolean;
  /** 返工. */
  reworkCount: number;
  /** 退回. */
  returnCount: number;
  /** 延期 granted. */
  extensionCount: number;
  /** 缓办/挂账. */
  deferredAt?: string;
  satisfaction?: CaseSatisfaction;
  reopenCount: number;
  /** Things intake could not settle (e.g. no grid contains the coordinates) — shown to the dispatcher. */
  warnings: string[];
  /** Why the process instance could not be started; cleared when a retry succeeds. */
  startError?: string;
  /** Job keys of milestones already applied: a redelivered job does not count twice. */
  appliedJobs: string[];
  /** Public milestones for the citizen view: status changes with their time. */
  timeline: { status: CaseStatus | 'reopened'; at: string }[];
  [key: string]: unknown;
}

/** `component/市容环境/垃圾` — the string form the task projector and routing tables read. */
export function categoryCode(category: CaseCategory): string {
  return `${category.kind}/${category.major}/${category.minor}`;
}

/** 138****5678: lists and tasks never carry the full number. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (!phone) return phone;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
