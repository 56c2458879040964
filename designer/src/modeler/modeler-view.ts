/**
 * The process designer page: bpmn-js modeler with the BPMN + Zeebe properties panel and the 共治设置 group,
 * Chinese labels, lint overlays (bpmn-js-bpmnlint with our rules), deploy to a unit, the version list, the
 * template library with derive and a visual diff against the template, and the JSONata mapping editor.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './modeler.css';
import { type Api, fetchApi } from './api.js';
import { Catalog } from './catalog.js';
import { diffDefinitions, type ElementChange } from './diff.js';
import { clearDiff, describeChange, showDiff } from './diff-markers.js';
import { emptyDiagram } from './empty-diagram.js';
import { GongzhiPropertiesProviderModule } from './gongzhi-panel.js';
import { deployLibraryVariant, deriveXml, listTemplates, templateXml, variantProcessId, type Template } from './library.js';
import { mountMappingEditor } from './mapping-editor.js';
import { describeLimits, stepLimitsOf, stepRules, syncStepLimits } from './step-limits.js';
import { setTemplateLink, templateLinkOf } from './template-link.js';
import { translateFor, translateModule, type Locale, type Translate } from './translate.js';
import { GONGZHI_HEADERS, header, type DiagramElement } from './zeebe-extensions.js';
import { gongzhiLinterConfig } from '../lint/config.js';
import { blocksDeployment, lintDefinitions, type LintProblem } from '../lint/lint.js';

export type ModelerDeps = { api?: Api; locale?: Locale };
type Unit = { _id: string; name: string; kind: string; path: string };
type Definition = { key: string; bpmnProcessId: string; version: number; name: string; scopeUnitId: string; deployedBy: string; deployedAt: string };

const pageHtml = (t: Translate) => `
  <div class="gz-toolbar">
    <button type="button" data-action="new">${t('新建流程')}</button>
    <label>${t('打开')} <select data-role="open"><option value="">${t('已部署的流程…')}</option></select></label>
    <span class="gz-sep"></span>
    <label>${t('模板')} <select data-role="template"><option value="">${t('模板库…')}</option></select></label>
    <button type="button" data-action="derive">${t('派生到所选单位')}</button>
    <button type="button" data-action="diff" disabled>${t('与模板对比')}</button>
    <span class="gz-sep"></span>
    <label>${t('部署范围')} <select data-role="scope"></select></label>
    <button type="button" data-action="lint">${t('检查')}</button>
    <button type="button" data-action="deploy" class="gz-primary">${t('部署')}</button>
  </div>
  <div class="gz-status" role="status" data-role="status"></div>
  <div class="gz-body">
    <div class="gz-canvas" data-role="canvas"></div>
    <aside class="gz-side"><div data-role="panel" class="gz-panel"></div><div data-role="mapping" class="gz-mapping"></div></aside>
  </div>
  <div class="gz-bottom">
    <section><h3>${t('检查结果')}</h3><ul data-role="problems" class="gz-problems"><li>${t('尚未检查')}</li></ul></section>
    <section><h3>${t('与模板的差异')}</h3><ul data-role="diff" class="gz-diff-list"><li>${t('未从模板派生')}</li></ul></section>
    <section><h3>${t('版本')}</h3><table class="gz-table"><thead><tr><th>${t('版本')}</th><th>${t('名称')}</th><th>${t('范围')}</th><th>${t('部署人')}</th><th>${t('时间')}</th></tr></thead><tbody data-role="versions"></tbody></table></section>
  </div>`;

const libraryIdOf = (tpl: Template) => (tpl.origin === 'library' ? { libraryId: tpl.ref.slice('library:'.length) } : {});

export async function mountModeler(el: HTMLElement, deps: ModelerDeps = {}) {
  const api = deps.api ?? fetchApi();
  const locale = deps.locale ?? 'zh-CN';
  const t = translateFor(locale);
  el.classList.add('gz-modeler');
  el.innerHTML = pageHtml(t);
  const q = <T extends HTMLElement>(role: string) => el.querySelector<T>(`[data-role="${role}"]`)!;
  const button = (action: string) => el.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  const status = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => {
    q('status').textContent = text;
    q('status').dataset.kind = kind;
  };

  const catalog = await new Catalog(api).load();
  const modeler = new BpmnModeler({
    container: q('canvas'),
    propertiesPanel: { parent: q('panel') },
    linting: { bpmnlint: gongzhiLinterConfig(), active: true },
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, GongzhiPropertiesProviderModule,
      lintModule, translateModule(locale), { gongzhiCatalog: ['value', catalog] },
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  const get = <T>(name: string) => modeler.get(name) as T;
  if (catalog.unavailable.length) status(t('{what}暂不可用', { what: catalog.unavailable.map((x) => t(x)).join('、') }), 'error');

  let units: Unit[] = [];
  try {
    units = (await api.get<{ items: Unit[] }>('/api/org/units')).items;
  } catch {
    status(t('单位列表暂不可用：无法选择部署范围'), 'error');
  }
  const scope = q<HTMLSelectElement>('scope');
  for (const u of units) scope.append(new Option(`${'　'.repeat(Math.max(0, u.path.split('/').filter(Boolean).length - 1))}${u.name}`, u._id));

  // the template the diagram was derived from, for the diff
  // libraryId: the variant is deployed through the library's derive API, which also keeps its tables
  let template: { xml: string; processId: string; variantId: string; libraryId?: string } | undefined;
  let diff: ElementChange[] = [];
  const diagramServices = () => ({ canvas: get<never>('canvas'), overlays: get<never>('overlays'), elementRegistry: get<never>('elementRegistry') });

  const processElement = () => get<{ getRootElement(): DiagramElement }>('canvas').getRootElement();
  const open = async (xml: string) => {
    if (diff.length) clearDiff(diagramServices(), diff);
    diff = [];
    await modeler.importXML(xml);
    get<{ zoom(v: string): void }>('canvas').zoom('fit-viewport');
    await refreshVersions();
  };

  const mappingEditor = mountMappingEditor(q('mapping'), api, () => scope.value, t);
  // the editor follows the selected user task's mapping ids, also as they are typed into the panel
  let shownRefs = '';
  const showMappings = () => {
    const selected = get<{ get(): DiagramElement[] }>('selection').get();
    const el = selected.length === 1 ? selected[0]! : undefined;
    const refs = el?.businessObject?.$instanceOf('bpmn:UserTask')
      ? [
          { id: header(el, GONGZHI_HEADERS.prefillMapping), kind: 'variables_to_prefill' as const, title: t('{name} 预填', { name: String(el.businessObject.get('name') ?? el.id) }) },
          { id: header(el, GONGZHI_HEADERS.submitMapping), kind: 'submission_to_variables' as const, title: t('{name} 提交', { name: String(el.businessObject.get('name') ?? el.id) }) },
        ].filter((r): r is { id: string; kind: typeof r.kind; title: string } => !!r.id)
      : [];
    const key = JSON.stringify(refs);
    if (key === shownRefs) return;
    shownRefs = key;
    mappingEditor.show(refs);
  };
  const bus = get<{ on(e: string, cb: () => void): void }>('eventBus');
  bus.on('selection.changed', showMappings);
  bus.on('commandStack.changed', showMappings);

  const renderProblems = (problems: LintProblem[]) => {
    const list = q('problems');
    list.innerHTML = '';
    if (problems.length === 0) list.append(Object.assign(document.createElement('li'), { textContent: t('没有发现问题'), className: 'gz-ok' }));
    for (const p of problems) {
      const li = document.createElement('li');
      li.className = `gz-${p.severity}`;
      li.dataset.element = p.elementId;
      li.textContent = `${p.severity === 'error' ? t('错误') : t('警告')} ${p.elementId}：${t(p.message)}`;
      li.addEventListener('click', () => {
        const target = get<{ get(id: string): unknown }>('elementRegistry').get(p.elementId);
        if (target) get<{ select(e: unknown): void }>('selection').select(target);
      });
      list.append(li);
    }
  };
  const lint = () => {
    const problems = lintDefinitions(modeler.getDefinitions());
    renderProblems(problems);
    get<{ toggle(active: boolean): void }>('linting').toggle(true);
    return problems;
  };

  /**
   * The properties panel writes text and number fields 300 ms after the last keystroke (its debounceInput): a
   * deploy clicked right after typing waits for that write, so what is deployed is what the author sees.
   */
  const settlePanelInput = async () => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && q('panel').contains(active)) active.blur();
    await new Promise((resolve) => setTimeout(resolve, 350));
  };

  const refreshVersions = async () => {
    const body = q('versions');
    body.innerHTML = '';
    const id = String(processElement()?.businessObject?.get('id') ?? '');
    let items: Definition[] = [];
    try {
      items = (await api.get<{ items: Definition[] }>(`/api/definitions/${encodeURIComponent(id)}/versions`)).items;
    } catch {
      // not deployed yet (or not visible): an empty list
    }
    if (items.length === 0) body.innerHTML = `<tr><td colspan="5">${t('尚未部署')}</td></tr>`;
    for (const d of items) {
      const tr = document.createElement('tr');
      for (const v of [`v${d.version}`, d.name, d.scopeUnitId, d.deployedBy, new Date(d.deployedAt).toLocaleString(locale)]) tr.append(Object.assign(document.createElement('td'), { textContent: v }));
      body.append(tr);
    }
  };

  const renderDiff = () => {
    const list = q('diff');
    list.innerHTML = '';
    if (!template) return void list.append(Object.assign(document.createElement('li'), { textContent: t('未从模板派生') }));
    if (diff.length === 0) list.append(Object.assign(document.createElement('li'), { textContent: t('与模板相同') }));
    for (const c of diff) list.append(Object.assign(document.createElement('li'), { textContent: describeChange(c, t), className: `gz-diff-${c.change}` }));
  };
  const computeDiff = async () => {
    if (!template) return;
    const { rootElement } = await get<{ fromXML(xml: string): Promise<{ rootElement: unknown }> }>('moddle').fromXML(template.xml);
    if (diff.length) clearDiff(diagramServices(), diff);
    diff = diffDefinitions(rootElement, modeler.getDefinitions(), { [template.variantId]: template.processId });
    showDiff(diagramServices(), diff, t);
    renderDiff();
  };

  // templates
  const templateSelect = q<HTMLSelectElement>('template');
  const { templates, libraryUnavailable } = await listTemplates(api);
  if (libraryUnavailable) templateSelect.append(new Option(t('（流程库暂不可用，仅列出已部署流程）'), '', false, false));
  for (const tpl of templates) templateSelect.append(new Option(tpl.name, tpl.ref));
  const openSelect = q<HTMLSelectElement>('open');
  for (const tpl of templates.filter((x) => x.origin === 'deployed')) openSelect.append(new Option(tpl.name, tpl.ref));

  openSelect.addEventListener('change', async () => {
    const tpl = templates.find((x) => x.ref === openSelect.value);
    if (!tpl) return;
    template = undefined;
    button('diff').disabled = true;
    await open(await templateXml(api, tpl));
    // a derived variant names its template: diff against it again
    const root = processElement();
    const link = templateLinkOf(root);
    const linked = link && templates.find((x) => x.ref === link.ref);
    if (link && linked) {
      template = { xml: await templateXml(api, linked), processId: link.processId, variantId: String(root.businessObject.get('id')), ...libraryIdOf(linked) };
      button('diff').disabled = false;
      await computeDiff();
    }
    renderDiff();
    status(t('已打开 {name}', { name: tpl.name }) + (link ? (linked ? t('，派生自 {name}', { name: linked.name }) : t('，其模板已不可见')) : ''));
  });
  button('new').addEventListener('click', async () => {
    template = undefined;
    button('diff').disabled = true;
    await open(emptyDiagram());
    renderDiff();
    status(t('新流程'));
  });
  button('derive').addEventListener('click', async () => {
    const tpl: Template | undefined = templates.find((x) => x.ref === templateSelect.value);
    if (!tpl) return status(t('请先选择模板'), 'error');
    if (!scope.value) return status(t('请先选择部署范围（县）'), 'error');
    try {
      const { xml, derivedBy } = await deriveXml(api, tpl, scope.value);
      const original = await templateXml(api, tpl);
      await open(xml);
      const root = processElement();
      const processId = String(root.businessObject.get('id'));
      const templateProcessId = /<bpmn2?:process[^>]*\sid="([^"]+)"/.exec(original)?.[1] ?? processId;
      const variantId = variantProcessId(templateProcessId, scope.value);
      const unitName = units.find((u) => u._id === scope.value)?.name ?? scope.value;
      const name = String(root.businessObject.get('name') ?? templateProcessId);
      if (processId !== variantId || !name.endsWith(`（${unitName}）`)) {
        get<{ updateProperties(e: DiagramElement, p: Record<string, unknown>): void }>('modeling').updateProperties(root, {
          id: variantId,
          name: name.endsWith(`（${unitName}）`) ? name : `${name}（${unitName}）`,
        });
      }
      setTemplateLink({ modeling: get('modeling'), bpmnFactory: get('bpmnFactory') }, processElement(), { ref: tpl.ref, processId: templateProcessId });
      template = { xml: original, processId: templateProcessId, variantId, ...libraryIdOf(tpl) };
      button('diff').disabled = false;
      await computeDiff();
      await refreshVersions();
      status(t('已从「{name}」派生', { name: tpl.name }) + (derivedBy === 'library' ? t('（流程库派生）') : '') + t('，流程编号 {id}', { id: variantId }), 'ok');
    } catch (e) {
      status(t('派生失败：{message}', { message: (e as Error).message }), 'error');
    }
  });
  button('diff').addEventListener('click', () => void computeDiff());
  // the diff follows the edits of a derived diagram
  let diffTimer: ReturnType<typeof setTimeout> | undefined;
  get<{ on(e: string, cb: () => void): void }>('eventBus').on('commandStack.changed', () => {
    if (!template) return;
    clearTimeout(diffTimer);
    diffTimer = setTimeout(() => void computeDiff(), 400);
  });
  button('lint').addEventListener('click', () => {
    const problems = lint();
    status(blocksDeployment(problems) ? t('检查发现 {n} 个错误', { n: String(problems.filter((p) => p.severity === 'error').length) }) : t('检查通过'), blocksDeployment(problems) ? 'error' : 'ok');
  });
  button('deploy').addEventListener('click', async () => {
    await settlePanelInput();
    const problems = lint();
    if (blocksDeployment(problems)) return status(t('存在错误，不能部署：请先修正图上标出的问题'), 'error');
    if (!scope.value) return status(t('请选择部署范围'), 'error');
    const { xml } = await modeler.saveXML({ format: true });
    const name = `${String(processElement().businessObject.get('id'))}.bpmn`;
    try {
      if (template?.libraryId) {
        const rules = stepRules(stepLimitsOf(modeler.getDefinitions()));
        const derived = await deployLibraryVariant(api, template.libraryId, scope.value, xml!, rules);
        const d = derived.definition;
        status(`${t('已部署：{list}', { list: d ? `${d.bpmnProcessId} v${d.version}` : derived.bpmnProcessId })}${t('；')}${t('时限表与派遣路由表已随流程库派生保存')}${rules.length ? t('（{n} 个环节时限）', { n: String(rules.length) }) : ''}`, 'ok');
        return void (await refreshVersions());
      }
      const { items } = await api.post<{ items: Definition[] }>('/api/definitions', { name, xml, scopeUnitId: scope.value });
      const deployedText = t('已部署：{list}', { list: items.map((d) => `${d.bpmnProcessId} v${d.version}`).join(t('，')) });
      status(deployedText, 'ok');
      const root = processElement().businessObject;
      const limits = await syncStepLimits(api, modeler.getDefinitions(), {
        processId: String(root.get('id')),
        name: String(root.get('name') ?? root.get('id')),
        unitId: scope.value,
        ...(template ? { templateProcessId: template.processId } : {}),
      });
      if (limits) status(`${deployedText}${t('；')}${describeLimits(limits, t)}`, limits.kind === 'updated' ? 'ok' : 'error');
      await refreshVersions();
    } catch (e) {
      status(t('部署失败：{message}', { message: (e as Error).message }), 'error');
    }
  });

  await open(emptyDiagram());
  return {
    modeler,
    open,
    destroy() {
      modeler.destroy();
      el.innerHTML = '';
    },
  };
}
