import { extensionOf, text, type Rule } from './moddle.js';

/** Every user task says who does it (assignee, candidate users or groups); otherwise it lands in the dispatcher queue. */
export default function userTaskAssignment(): Rule {
  return {
    check(node, reporter) {
      if (!node.$instanceOf('bpmn:UserTask')) return;
      const a = extensionOf(node, 'zeebe:AssignmentDefinition');
      if (!text(a?.assignee) && !text(a?.candidateGroups) && !text(a?.candidateUsers)) {
        reporter.report(node.id ?? '', 'User task has no assignment');
      }
    },
  };
}
