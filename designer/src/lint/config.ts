// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- bpmnlint has no typings; the ambient declarations must reach test-only typechecks too
/// <reference path="./bpmnlint-modules.d.ts" />
/**
 * The designer's bpmnlint configuration built in code: bpmnlint normally loads rules from packed plugin packages,
 * but a resolver that hands out our rule factories directly needs no bundler step (bpmnlint's `Linter` and
 * bpmn-js-bpmnlint both take `{ config, resolver }`).
 */
import startEventRequired from 'bpmnlint/rules/start-event-required.js';
import endEventRequired from 'bpmnlint/rules/end-event-required.js';
import noDisconnected from 'bpmnlint/rules/no-disconnected.js';
import userTaskForm from './rules/user-task-form.js';
import userTaskAssignment from './rules/user-task-assignment.js';
import feelParses from './rules/feel-parses.js';
import supportedElements from './rules/supported-elements.js';

type RuleFactory = (config?: unknown) => { check: unknown };

const RULES: Record<string, RuleFactory> = {
  'bpmnlint/start-event-required': startEventRequired,
  'bpmnlint/end-event-required': endEventRequired,
  'bpmnlint/no-disconnected': noDisconnected,
  'bpmnlint-plugin-gongzhi/user-task-form': userTaskForm as RuleFactory,
  'bpmnlint-plugin-gongzhi/user-task-assignment': userTaskAssignment as RuleFactory,
  'bpmnlint-plugin-gongzhi/feel-parses': feelParses as RuleFactory,
  'bpmnlint-plugin-gongzhi/supported-elements': supportedElements as RuleFactory,
};

/** Errors block a deployment; warnings are shown on the diagram only. */
export const GONGZHI_LINT_RULES = {
  'start-event-required': 'error',
  'end-event-required': 'warn',
  'no-disconnected': 'warn',
  'gongzhi/user-task-form': 'error',
  'gongzhi/user-task-assignment': 'error',
  'gongzhi/feel-parses': 'error',
  'gongzhi/supported-elements': 'error',
} as const;

export const gongzhiLintResolver = {
  resolveRule(pkg: string, ruleName: string): RuleFactory {
    const rule = RULES[`${pkg}/${ruleName}`];
    if (!rule) throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
    return rule;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`no lint config ${pkg}/${configName}: the designer configures its rules in code`);
  },
};

/** `{ config, resolver }` for `new Linter(...)` and for bpmn-js-bpmnlint's `linting.bpmnlint`. */
export function gongzhiLinterConfig(): { config: { rules: Record<string, string> }; resolver: typeof gongzhiLintResolver } {
  return { config: { rules: { ...GONGZHI_LINT_RULES } }, resolver: gongzhiLintResolver };
}
