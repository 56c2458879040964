// Maps gRPC status codes returned by the Zeebe gateway to the port's stable EngineError codes.
import { EngineError } from '../port.js';

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html) the gateway uses. */
const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
} as const;

interface GrpcLikeError {
  code?: unknown;
  details?: unknown;
  message?: unknown;
}

/** The gateway's own words, without grpc-js's "5 NOT_FOUND: " prefix. */
function detailOf(error: GrpcLikeError): string {
  if (typeof error.details === 'string' && error.details) return error.details;
  const message = typeof error.message === 'string' ? error.message : String(error);
  return message.replace(/^\d+ [A-Z_]+: /, '');
}

/**
 * Translates a failed gateway call. `operation` says what was attempted; deployments turn INVALID_ARGUMENT into
 * `engine.deploy_invalid` (the BPMN is rejected), everything else into `engine.invalid_argument`.
 * Errors that are not gRPC statuses we know (bugs, INTERNAL) are returned unchanged: they are faults.
 */
export function toEngineError(error: unknown, operation: string): unknown {
  if (error instanceof EngineError || typeof error !== 'object' || error === null) return error;
  const grpc = error as GrpcLikeError;
  const detail = `${operation}: ${detailOf(grpc)}`;
  switch (grpc.code) {
    case GRPC.NOT_FOUND:
      return new EngineError('engine.not_found', detail, { grpcCode: grpc.code });
    case GRPC.FAILED_PRECONDITION:
      return new EngineError('engine.invalid_state', detail, { grpcCode: grpc.code });
    case GRPC.ALREADY_EXISTS:
      return new EngineError('engine.duplicate_message', detail, { grpcCode: grpc.code });
    case GRPC.INVALID_ARGUMENT:
      return new EngineError(
        operation === 'deploy' ? 'engine.deploy_invalid' : 'engine.invalid_argument',
        detail,
        { grpcCode: grpc.code },
      );
    case GRPC.UNAVAILABLE:
    case GRPC.DEADLINE_EXCEEDED:
    case GRPC.RESOURCE_EXHAUSTED:
      return new EngineError('engine.unavailable', detail, { grpcCode: grpc.code });
    default:
      return error;
  }
}
