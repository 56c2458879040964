export { FormRegistry, FORMS_COLLECTION, FORM_VERSIONS_COLLECTION, type FormBinding, type FormDoc, type FormVersionDoc } from './form-registry.js';
export { MappingRegistry, MAPPING_KINDS, MAPPINGS_COLLECTION, MAPPING_VERSIONS_COLLECTION, evaluate as evaluateMappingOrProblem, type MappingKind, type MappingDoc } from './mapping-registry.js';

import type { DocumentStore } from '../store/port.js';
import type { SecurityServices } from '../identity/services.js';
import { FormRegistry } from './form-registry.js';
import { MappingRegistry } from './mapping-registry.js';

/** The form registry and mapping registry of a server (task completion validates through `forms.validate`). */
export interface FormServices {
  forms: FormRegistry;
  mappings: MappingRegistry;
}

export async function createFormServices(store: DocumentStore, security: SecurityServices): Promise<FormServices> {
  const pathOf = (unitId: string) => security.org.require(unitId).path;
  const forms = new FormRegistry(store, security.audit, pathOf);
  await forms.init();
  return { forms, mappings: new MappingRegistry(store, security.audit, pathOf) };
}
