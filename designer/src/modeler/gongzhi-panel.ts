/**
 * The 共治设置 group of the properties panel on user tasks: form picker with version binding, assignment-rule
 * builder over the Casbin roles, the step's time limit, and the ids of its JSONata mappings. Entries are the
 * properties panel's own components (preact through @bpmn-io/properties-panel, as bpmn-js-properties-panel uses).
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { NumberFieldEntry, SelectEntry, TextFieldEntry, isNumberFieldEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { formatRules, parseRules, ruleProblem, RULE_KIND_LABELS, type AssignmentRule, type RuleKind } from './assignment-rule.js';
import type { Catalog } from './catalog.js';
import { extension, GONGZHI_HEADERS, header, setExtensionProperty, setHeader, splitFormKey, type DiagramElement, type Editor } from './zeebe-extensions.js';

type EntryProps = { element: DiagramElement; id: string };
type Option = { value: string; label: string };

type Translate = (text: string, replacements?: Record<string, string>) => string;
/** Our labels are written in Chinese (Chinese first); the translate service gives them in English when switched. */
const useT = () => useService<Translate>('translate');

function useEditor(): Editor {
  return { modeling: useService('modeling'), bpmnFactory: useService('bpmnFactory') };
}

const rawFormKey = (el: DiagramElement): string => String(extension(el, 'zeebe:FormDefinition')?.get('formKey') ?? '');
const formKeyOf = (el: DiagramElement): string => splitFormKey(rawFormKey(el)).formKey;
const pinnedVersionOf = (el: DiagramElement): number | null => splitFormKey(rawFormKey(el)).version;

function FormEntry({ element, id }: EntryProps) {
  const t = useT();
  const editor = useEditor();
  const catalog = useService<Catalog>('gongzhiCatalog');
  const getOptions = (): Option[] => {
    const current = formKeyOf(element);
    const options = [{ value: '', label: catalog.forms.length ? t('（未选择）') : t('（表单列表暂不可用）') }, ...catalog.forms.map((f) => ({ value: f.formKey, label: `${f.title}（${f.formKey}）` }))];
    if (current && !catalog.forms.some((f) => f.formKey === current)) options.push({ value: current, label: `${current}（不在列表中）` });
    return options;
  };
  return h(SelectEntry, {
    element, id, label: t('表单'), getOptions,
    getValue: () => formKeyOf(element),
    setValue: (v: string) => setExtensionProperty(editor, element, 'zeebe:FormDefinition', 'formKey', v),
    validate: (v: string) => (v ? undefined : t('用户任务必须绑定表单')),
  });
}

function FormVersionEntry({ element, id }: EntryProps) {
  const t = useT();
  const editor = useEditor();
  const catalog = useService<Catalog>('gongzhiCatalog');
  const getOptions = (): Option[] => {
    const form = catalog.forms.find((f) => f.formKey === formKeyOf(element));
    const versions = Array.from({ length: form?.latestVersion ?? 0 }, (_, i) => form!.latestVersion - i);
    const pinned = pinnedVersionOf(element);
    if (pinned && !versions.includes(pinned)) versions.push(pinned);
    return [
      { value: '', label: form?.latestVersion ? t('最新发布版本（当前第 {n} 版）', { n: String(form.latestVersion) }) : t('最新发布版本（尚未发布）') },
      ...versions.map((v) => ({ value: String(v), label: t('固定为第 {n} 版', { n: String(v) }) })),
    ];
  };
  return h(SelectEntry, {
    element, id, label: t('版本绑定'), getOptions,
    getValue: () => String(pinnedVersionOf(element) ?? ''),
    setValue: (v: string) => setExtensionProperty(editor, element, 'zeebe:FormDefinition', 'formKey', v ? `${formKeyOf(element)}@${v}` : formKeyOf(element)),
  });
}

/** The assignment builder edits the first rule of candidateGroups and keeps any further ones as written. */
const assignmentOf = (el: DiagramElement, field: 'candidateGroups' | 'candidateUsers' | 'assignee'): string =>
  String(extension(el, 'zeebe:AssignmentDefinition')?.get(field) ?? '').trim();
/** A FEEL expression (`=…`) computes the list at run time: the builder shows it but does not take it apart. */
const groupsAreFeel = (el: DiagramElement): boolean => assignmentOf(el, 'candidateGroups').startsWith('=');
function rulesOf(element: DiagramElement): AssignmentRule[] {
  return groupsAreFeel(element) ? [] : parseRules(assignmentOf(element, 'candidateGroups'));
}
function useWriteFirstRule(element: DiagramElement) {
  const editor = useEditor();
  return (rule: AssignmentRule | undefined) => {
    const rest = rulesOf(element).slice(1);
    setExtensionProperty(editor, element, 'zeebe:AssignmentDefinition', 'candidateGroups', formatRules(rule ? [rule, ...rest] : rest));
  };
}

function RuleKindEntry({ element, id }: EntryProps) {
  const t = useT();
  const write = useWriteFirstRule(element);
  const catalog = useService<Catalog>('gongzhiCatalog');
  return h(SelectEntry, {
    element, id, label: t('分配规则'),
    getOptions: () => [
      { value: '', label: t('（未设置）') },
      ...(groupsAreFeel(element) ? [{ value: 'feel', label: t('FEEL 表达式（在“分配”组中编辑）') }] : []),
      ...Object.entries(RULE_KIND_LABELS).map(([value, label]) => ({ value, label: t(label) })),
    ],
    getValue: () => (groupsAreFeel(element) ? 'feel' : (rulesOf(element)[0]?.kind ?? '')),
    setValue: (kind: RuleKind | '' | 'feel') => {
      if (kind === 'feel') return;
      const old = rulesOf(element)[0];
      const role = old && 'role' in old ? old.role : (catalog.roles[0]?.role ?? '');
      const next: Record<RuleKind, AssignmentRule> = {
        'role-at-case-unit': { kind: 'role-at-case-unit', role },
        'role-at-unit': { kind: 'role-at-unit', role, unitId: old?.kind === 'role-at-unit' ? old.unitId : '' },
        'head-dispatched-dept': { kind: 'head-dispatched-dept' },
        'leader-up': { kind: 'leader-up' },
        'starter-unit-head': { kind: 'starter-unit-head' },
        plain: { kind: 'plain', value: old?.kind === 'plain' ? old.value : '' },
      };
      write(kind ? next[kind] : undefined);
    },
    validate: () => {
      if (groupsAreFeel(element)) return undefined;
      const first = rulesOf(element)[0];
      const assigned = assignmentOf(element, 'assignee') || assignmentOf(element, 'candidateUsers');
      const problem = first ? ruleProblem(first) : assigned ? undefined : '用户任务必须设置分配规则';
      return problem && t(problem);
    },
  });
}

function RuleRoleEntry({ element, id }: EntryProps) {
  const t = useT();
  const write = useWriteFirstRule(element);
  const catalog = useService<Catalog>('gongzhiCatalog');
  return h(SelectEntry, {
    element, id, label: t('角色'),
    getOptions: () => [{ value: '', label: catalog.roles.length ? t('（选择角色）') : t('（角色列表暂不可用）') }, ...catalog.roles.map((r) => ({ value: r.role, label: `${r.label}（${r.role}）` }))],
    getValue: () => { const r = rulesOf(element)[0]; return r && 'role' in r ? r.role : ''; },
    setValue: (role: string) => { const r = rulesOf(element)[0]; if (r && 'role' in r) write({ ...r, role }); },
  });
}

function RuleTextEntry({ element, id, label, field }: EntryProps & { label: string; field: 'unitId' | 'value' }) {
  const t = useT();
  const write = useWriteFirstRule(element);
  return h(TextFieldEntry, {
    element, id, label: t(label), debounce: useService('debounceInput'),
    getValue: () => { const r = rulesOf(element)[0] as Record<string, string> | undefined; return r?.[field] ?? ''; },
    setValue: (v: string) => { const r = rulesOf(element)[0]; if (r) write({ ...r, [field]: v ?? '' } as AssignmentRule); },
  });
}

type TimeLimit = { amount?: number; clock?: string; warnAt?: number };
function timeLimitOf(element: DiagramElement): TimeLimit {
  try {
    return JSON.parse(header(element, GONGZHI_HEADERS.timeLimit) ?? '{}') as TimeLimit;
  } catch {
    return {};
  }
}
function useWriteTimeLimit(element: DiagramElement) {
  const editor = useEditor();
  return (patch: TimeLimit) => {
    const next = { clock: 'workingDays', warnAt: 0.8, ...timeLimitOf(element), ...patch };
    // clearing the amount removes the limit; a clock chosen before the amount is kept
    setHeader(editor, element, GONGZHI_HEADERS.timeLimit, 'amount' in patch && !patch.amount ? undefined : JSON.stringify(next));
  };
}

function LimitAmountEntry({ element, id }: EntryProps) {
  const t = useT();
  const write = useWriteTimeLimit(element);
  return h(NumberFieldEntry, {
    element, id, label: t('办理时限'), min: 0, step: 1, debounce: useService('debounceInput'),
    getValue: () => timeLimitOf(element).amount ?? '',
    setValue: (v: number | string) => write({ amount: Number(v) || undefined }),
  });
}

function LimitClockEntry({ element, id }: EntryProps) {
  const t = useT();
  const write = useWriteTimeLimit(element);
  return h(SelectEntry, {
    element, id, label: t('计时方式'),
    getOptions: () => [{ value: 'workingDays', label: t('工作日') }, { value: 'workingHours', label: t('工作小时') }, { value: 'naturalHours', label: t('自然小时（紧急）') }],
    getValue: () => timeLimitOf(element).clock ?? 'workingDays',
    setValue: (clock: string) => write({ clock }),
  });
}

function WarnAtEntry({ element, id }: EntryProps) {
  const t = useT();
  const write = useWriteTimeLimit(element);
  return h(NumberFieldEntry, {
    element, id, label: t('黄牌预警（已用时限比例）'), min: 0.1, max: 1, step: 0.05, debounce: useService('debounceInput'),
    getValue: () => timeLimitOf(element).warnAt ?? 0.8,
    setValue: (v: number | string) => write({ warnAt: Number(v) || 0.8 }),
  });
}

function MappingIdEntry({ element, id, label, headerKey }: EntryProps & { label: string; headerKey: string }) {
  const t = useT();
  const editor = useEditor();
  return h(TextFieldEntry, {
    element, id, label: t(label), debounce: useService('debounceInput'),
    getValue: () => header(element, headerKey) ?? '',
    setValue: (v: string) => setHeader(editor, element, headerKey, v?.trim() || undefined),
    validate: (v: string) => (!v || /^[a-zA-Z][a-zA-Z0-9_.-]{0,80}$/.test(v) ? undefined : t('映射编号：字母开头，可含字母、数字、_ . -')),
  });
}

function gongzhiEntries(element: DiagramElement) {
  const first = rulesOf(element)[0];
  const entries: { id: string; component: unknown; isEdited: unknown }[] = [
    { id: 'gongzhi-form', component: FormEntry, isEdited: isSelectEntryEdited },
    { id: 'gongzhi-form-version', component: FormVersionEntry, isEdited: isSelectEntryEdited },
    { id: 'gongzhi-rule-kind', component: RuleKindEntry, isEdited: isSelectEntryEdited },
  ];
  if (first && 'role' in first) entries.push({ id: 'gongzhi-rule-role', component: RuleRoleEntry, isEdited: isSelectEntryEdited });
  if (first?.kind === 'role-at-unit') entries.push({ id: 'gongzhi-rule-unit', component: (p: EntryProps) => RuleTextEntry({ ...p, label: '单位编号', field: 'unitId' }), isEdited: isTextFieldEntryEdited });
  if (first?.kind === 'plain') entries.push({ id: 'gongzhi-rule-plain', component: (p: EntryProps) => RuleTextEntry({ ...p, label: '用户或组编号', field: 'value' }), isEdited: isTextFieldEntryEdited });
  entries.push(
    { id: 'gongzhi-limit-amount', component: LimitAmountEntry, isEdited: isNumberFieldEntryEdited },
    { id: 'gongzhi-limit-clock', component: LimitClockEntry, isEdited: isSelectEntryEdited },
    { id: 'gongzhi-limit-warn', component: WarnAtEntry, isEdited: isNumberFieldEntryEdited },
    { id: 'gongzhi-prefill-mapping', component: (p: EntryProps) => MappingIdEntry({ ...p, label: '预填映射编号', headerKey: GONGZHI_HEADERS.prefillMapping }), isEdited: isTextFieldEntryEdited },
    { id: 'gongzhi-submit-mapping', component: (p: EntryProps) => MappingIdEntry({ ...p, label: '提交映射编号', headerKey: GONGZHI_HEADERS.submitMapping }), isEdited: isTextFieldEntryEdited },
  );
  return entries;
}

class GongzhiPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, private readonly translate: Translate) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: { id: string }[]) => {
      if (!element.businessObject?.$instanceOf('bpmn:UserTask')) return groups;
      const at = groups.findIndex((g) => g.id === 'general');
      groups.splice(at + 1, 0, { id: 'gongzhi', label: this.translate('共治设置'), entries: gongzhiEntries(element) } as { id: string });
      return groups;
    };
  }
}

export const GongzhiPropertiesProviderModule = {
  __init__: ['gongzhiPropertiesProvider'],
  gongzhiPropertiesProvider: ['type', GongzhiPropertiesProvider],
};
