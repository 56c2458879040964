// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- bpmnlint has no typings; the ambient declarations must reach test-only typechecks too
/// <reference path="./bpmnlint-modules.d.ts" />
import traverse from 'bpmnlint/lib/traverse.js';
import { GONGZHI_LINT_RULES, gongzhiLintResolver } from './config.js';

export type LintProblem = { elementId: string; rule: string; message: string; severity: 'error' | 'warn' };

type Check = (node: never, reporter: { report(id: string, message: string): void }) => boolean | void;
type RuleDefinition = { check: Check | { enter?: Check; leave?: Check } };

/** `gongzhi/x` → the plugin package and rule name, as bpmnlint's Linter splits them. */
function splitRuleName(name: string): [string, string] {
  const slash = name.indexOf('/');
  return slash < 0 ? ['bpmnlint', name] : [name.slice(0, slash) === 'bpmnlint' ? 'bpmnlint' : `bpmnlint-plugin-${name.slice(0, slash)}`, name.slice(slash + 1)];
}

/**
 * Lints a parsed BPMN definitions tree (bpmn-js `getDefinitions()` in the browser, bpmn-moddle in tests) with
 * the very rules and severities the modeler's bpmn-js-bpmnlint overlay uses; problems sorted errors first.
 * It walks the tree with bpmnlint's own traversal rather than its `Linter`, whose entry point needs an ESM-only
 * dependency that the CommonJS test runtime cannot load. A deployment is allowed only when no problem is an error.
 */
export function lintDefinitions(definitions: unknown): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const [name, severity] of Object.entries(GONGZHI_LINT_RULES)) {
    const rule = gongzhiLintResolver.resolveRule(...splitRuleName(name))() as RuleDefinition;
    const reporter = { report: (id: string, message: string) => problems.push({ elementId: id, rule: name, message, severity }) };
    const { enter, leave } = typeof rule.check === 'function' ? { enter: rule.check, leave: undefined } : rule.check;
    traverse(definitions, {
      enter: enter && ((node: never) => enter(node, reporter)),
      leave: leave && ((node: never) => leave(node, reporter)),
    });
  }
  return problems.sort((a, b) => (a.severity === b.severity ? a.elementId.localeCompare(b.elementId) : a.severity === 'error' ? -1 : 1));
}

export function blocksDeployment(problems: readonly LintProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
