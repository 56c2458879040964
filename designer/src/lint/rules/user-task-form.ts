import { extensionOf, text, type Rule } from './moddle.js';

/** Every user task names its form (zeebe:formDefinition formKey): the clerk has nothing to fill in otherwise. */
export default function userTaskForm(): Rule {
  return {
    check(node, reporter) {
      if (!node.$instanceOf('bpmn:UserTask')) return;
      const form = extensionOf(node, 'zeebe:FormDefinition');
      if (!text(form?.formKey) && !text(form?.formId)) reporter.report(node.id ?? '', 'User task has no form');
    },
  };
}
