/**
 * The one fault type of the FEEL module. Callers (the engine) turn it into an incident; the server maps
 * `code` to problem+json when an expression is evaluated on behalf of an API call.
 */
export class FeelEvaluationError extends Error {
  readonly code = 'feel.evaluation_failed' as const;

  constructor(
    message: string,
    /** The expression as given (without the leading `=`). */
    readonly source: string,
    /** Character offset in `source` where the problem was found, when known. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'FeelEvaluationError';
  }
}
