import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from '../log/logger.js';
import { PROBLEMS, ProblemError, problemDocument, type ProblemCode } from './problems.js';

/** Errors that carry one of our stable codes (store, engine, calendar ...) become problems of that code. */
function fromCodedError(err: unknown): ProblemError | undefined {
  if (err instanceof ProblemError) return err;
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && Object.hasOwn(PROBLEMS, err.code)) {
    const details = (err as { details?: unknown }).details;
    return new ProblemError(err.code as ProblemCode, err.message, details === undefined ? {} : { errors: details });
  }
  // body-parser errors
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new ProblemError('http.payload_too_large', (err as Error).message);
  if (type === 'entity.parse.failed') return new ProblemError('http.malformed_json', 'the request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ProblemError('http.unsupported_media_type', (err as Error).message);
  }
  return undefined;
}

export function sendProblem(res: Parameters<RequestHandler>[1], req: Request, problem: ProblemError): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemDocument(problem, req.originalUrl, req.id)));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, req, new ProblemError('http.not_found', `no route ${req.method} ${req.path}`));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = fromCodedError(err);
    if (problem) {
      if (problem.status >= 500) logger.error({ err, requestId: req.id }, 'request failed');
      sendProblem(res, req, problem);
      return;
    }
    logger.error({ err, requestId: req.id }, 'unhandled error');
    if (res.headersSent) return;
    sendProblem(res, req, new ProblemError('http.internal', 'an unexpected error occurred; see the server log for the request id'));
  };
}
