/** Public API of the forms room (Form.io validation, publish lint, JSONata mappings). */
export type { FormComponent, FormDefinition } from './components.js';
export { lintFormDefinition, SUPPORTED_TYPES, type FormLintProblem } from './lint.js';
export {
  validateSubmission,
  FormDefinitionError,
  type FieldPermission,
  type ValidateOptions,
  type FieldError,
  type ValidationResult,
} from './validate.js';
export { prefillFor } from './prefill.js';
export {
  checkMapping,
  evaluateMapping,
  mappingCacheStats,
  MappingError,
  DEFAULT_MAPPING_LIMITS,
  type MappingCheck,
  type MappingLimits,
  type MappingErrorCode,
} from './mapping.js';
