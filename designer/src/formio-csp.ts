import { Formio } from '@formio/js';

/**
 * The app's CSP has no 'unsafe-eval', so Form.io must interpolate its templates without eval (form-author
 * JavaScript is refused at publish anyway, see forms/README.md). Imported by every module that renders or builds
 * a Form.io form, before it does.
 */
(Formio as unknown as { Evaluator: { noeval: boolean } }).Evaluator.noeval = true;

export { Formio };
