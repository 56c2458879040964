/**
 * Every error the API returns is an RFC 7807 `application/problem+json` document whose `code` is one of the
 * stable strings below. Clients switch on `code`, never on `title` or `detail`. Add new codes here only.
 */
export const PROBLEMS = {
  'http.bad_request': { status: 400, title: 'Bad request' },
  'http.malformed_json': { status: 400, title: 'Malformed JSON body' },
  'http.validation_failed': { status: 400, title: 'Request validation failed' },
  'http.unauthenticated': { status: 401, title: 'Authentication required' },
  'http.forbidden': { status: 403, title: 'Forbidden' },
  'http.not_found': { status: 404, title: 'Not found' },
  'http.method_not_allowed': { status: 405, title: 'Method not allowed' },
  'http.conflict': { status: 409, title: 'Conflict' },
  'http.payload_too_large': { status: 413, title: 'Payload too large' },
  'http.unsupported_media_type': { status: 415, title: 'Unsupported media type' },
  'http.unprocessable': { status: 422, title: 'Unprocessable content' },
  'http.too_many_requests': { status: 429, title: 'Too many requests' },
  'http.internal': { status: 500, title: 'Internal server error' },
  'http.unavailable': { status: 503, title: 'Service unavailable' },
  'store.version_conflict': { status: 409, title: 'The document was changed by someone else' },
  'store.duplicate_key': { status: 409, title: 'A document with that key already exists' },
  'store.unsupported_query': { status: 400, title: 'Query outside the supported subset' },
  'engine.deploy_invalid': { status: 422, title: 'The process definition is invalid' },
  'engine.not_found': { status: 404, title: 'No such engine entity' },
  'engine.invalid_state': { status: 409, title: 'Not possible in the current state' },
  'engine.duplicate_message': { status: 409, title: 'A message with that id is already buffered' },
  'engine.invalid_argument': { status: 400, title: 'Invalid engine request' },
  'engine.unavailable': { status: 503, title: 'The workflow engine is unavailable' },
  'definition.conflict': { status: 409, title: 'The process id belongs to another unit' },
  'org.unit_not_found': { status: 404, title: 'No such unit' },
  'org.invalid_unit': { status: 422, title: 'The unit change is not valid' },
  'org.import_invalid': { status: 422, title: 'The org tree import is invalid; nothing was written' },
  'identity.invalid_credentials': { status: 401, title: 'Wrong username or password' },
  'identity.account_locked': { status: 423, title: 'The account is locked after too many failed logins' },
  'identity.user_not_found': { status: 404, title: 'No such user' },
  'identity.token_not_found': { status: 404, title: 'No such API token' },
  'identity.invalid_password': { status: 422, title: 'The password does not meet the policy' },
  'authz.unknown_role': { status: 404, title: 'No such role' },
  'authz.invalid_policy': { status: 422, title: 'The permission or assignment is not valid' },
  'calendar.invalid': { status: 422, title: 'The calendar is not valid; nothing was written' },
  'task.not_found': { status: 404, title: 'No such task' },
  'task.invalid_state': { status: 409, title: 'The task is not in a state that allows this operation' },
  'task.not_assignee': { status: 403, title: 'Only the task\'s assignee may do this' },
  'task.not_candidate': { status: 403, title: 'Only a candidate of the task may claim it' },
  'task.suspended': { status: 409, title: 'The case is suspended' },
  'task.invalid_target': { status: 422, title: 'The target of the task operation is not valid' },
  'task.extension_too_long': { status: 422, title: 'The extension is longer than the step allows' },
  'task.form_unavailable': { status: 409, title: 'The task\'s form binding (form key, mappings, field permissions) is not usable' },
  'form.not_found': { status: 404, title: 'No such form or form version' },
  'form.invalid': { status: 422, title: 'The form definition cannot be published' },
  'form.submission_invalid': { status: 422, title: 'The submission is not valid; nothing was changed' },
  'mapping.not_found': { status: 404, title: 'No such mapping' },
  'mapping.invalid': { status: 422, title: 'The JSONata expression has a syntax error' },
  'mapping.timeout': { status: 422, title: 'The mapping exceeded its time or depth bound' },
  'mapping.too_large': { status: 422, title: 'The mapping result exceeded its size bound' },
  'mapping.failed': { status: 422, title: 'The mapping failed to evaluate' },
  'time_limit.invalid': { status: 422, title: 'The time-limit table is not valid; nothing was written' },
  'time_limit.not_found': { status: 404, title: 'No time-limit table applies here' },
  'library.not_found': { status: 404, title: 'No such process in the library' },
  'routing.invalid': { status: 422, title: 'The routing table is not valid; nothing was written' },
  'sla.not_found': { status: 404, title: 'No such case or task' },
  'sla.not_overdue': { status: 409, title: 'Only an overdue case or task can be put under supervision (督办)' },
  'notification.not_found': { status: 404, title: 'No such notification' },
  'metrics.invalid_query': { status: 400, title: 'The indicator query is not valid' },
  'case.not_found': { status: 404, title: 'No such case' },
  'case.invalid_state': { status: 409, title: 'The case is not in a state that allows this' },
  'case.satisfaction_recorded': { status: 409, title: 'Satisfaction was already rated for this closure' },
  'intake.invalid_unit': { status: 422, title: 'The intake unit is unknown or not allowed' },
  'intake.binding_invalid': { status: 422, title: 'The intake binding is not valid; nothing was written' },
  'attachment.not_found': { status: 404, title: 'No such attachment' },
  'attachment.too_large': { status: 413, title: 'The attachment is too large; nothing was stored' },
  'attachment.unsupported_type': { status: 415, title: 'The file type is not accepted (judged by content); nothing was stored' },
  'attachment.limit_reached': { status: 409, title: 'No more attachments may be added here' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

/** Throw this (or let a known domain error be mapped to it) to answer with a problem document. */
export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    /** Extension members, e.g. `errors` with per-field problems. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.name = 'ProblemError';
    this.status = PROBLEMS[code].status;
  }
}

export function problemDocument(err: ProblemError, instance?: string, requestId?: string): ProblemDocument {
  const def = PROBLEMS[err.code];
  return {
    type: `https://gongzhi.dev/problems/${err.code.replace('.', '/')}`,
    title: def.title,
    status: def.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...err.extensions,
  };
}
