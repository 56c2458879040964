/**
 * The form designer page: the forms of the caller's units, the Form.io builder (zh-CN) on a form's draft, a live
 * preview of the draft as the clerk will see it, save draft (the registry's lint problems shown), publish a new
 * immutable version, and the version list. Forms API: server/http/routes/forms.ts.
 */
import { Formio } from '../formio-csp.js';
import 'bootstrap/dist/css/bootstrap.min.css';
import '@formio/js/dist/formio.full.min.css';
import './builder.css';
import { type Api, fetchApi } from '../modeler/api.js';
import { FORMIO_ZH_CN } from './zh-CN.js';
import { translateFor, type Translate } from '../modeler/translate.js';

export type FormBuilderDeps = { api?: Api; locale?: 'zh-CN' | 'en' };
type FormDoc = { formKey: string; title: string; unitId: string; latestVersion: number; draft: { components: unknown[] }; updatedAt: string };
type Version = { version: number; publishedBy: string; publishedAt: string; hash: string };
type Builder = { schema: { components: unknown[] }; on(e: string, cb: () => void): void; destroy?: () => void };

const pageHtml = (t: Translate) => `
  <div class="gz-fb-head">
    <label>${t('表单')} <select data-role="forms"></select></label>
    <span class="gz-sep"></span>
    <input data-role="new-key" placeholder="${t('表单键（英文）')}" size="16" />
    <input data-role="new-title" placeholder="${t('表单名称')}" size="14" />
    <select data-role="new-unit"></select>
    <button type="button" data-action="create">${t('新建表单')}</button>
  </div>
  <div class="gz-fb-actions">
    <button type="button" data-action="save">${t('保存草稿')}</button>
    <button type="button" data-action="publish" class="gz-primary">${t('发布新版本')}</button>
    <span data-role="status" role="status"></span>
  </div>
  <ul data-role="problems" class="gz-fb-problems"></ul>
  <div class="gz-fb-body">
    <div data-role="builder" class="gz-fb-builder"></div>
    <aside class="gz-fb-side">
      <h3>${t('预览')}</h3><div data-role="preview" class="gz-fb-preview"></div>
      <h3>${t('已发布版本')}</h3><table class="gz-table"><thead><tr><th>${t('版本')}</th><th>${t('发布人')}</th><th>${t('时间')}</th></tr></thead><tbody data-role="versions"></tbody></table>
    </aside>
  </div>`;

export async function mountFormBuilder(el: HTMLElement, deps: FormBuilderDeps = {}) {
  const api = deps.api ?? fetchApi();
  const language = deps.locale ?? 'zh-CN';
  const i18n = { [language]: language === 'zh-CN' ? FORMIO_ZH_CN : {} };
  const t = translateFor(language);
  el.classList.add('gz-form-builder');
  el.innerHTML = pageHtml(t);
  const q = <T extends HTMLElement>(role: string) => el.querySelector<T>(`[data-role="${role}"]`)!;
  const button = (a: string) => el.querySelector<HTMLButtonElement>(`[data-action="${a}"]`)!;
  const status = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => Object.assign(q('status'), { textContent: text }).setAttribute('data-kind', kind);
  const formsSelect = q<HTMLSelectElement>('forms');
  let forms: FormDoc[] = [];
  let builder: Builder | undefined;
  let current: FormDoc | undefined;

  const loadUnits = async () => {
    try {
      const { items } = await api.get<{ items: { _id: string; name: string }[] }>('/api/org/units');
      for (const u of items) q<HTMLSelectElement>('new-unit').append(new Option(u.name, u._id));
    } catch {
      q<HTMLSelectElement>('new-unit').append(new Option(t('（单位列表暂不可用）'), ''));
    }
  };
  const loadForms = async (select?: string) => {
    forms = (await api.get<{ items: FormDoc[] }>('/api/forms')).items;
    formsSelect.innerHTML = '';
    formsSelect.append(new Option(forms.length ? t('选择表单…') : t('（还没有表单）'), ''));
    for (const f of forms) formsSelect.append(new Option(t('{title}（{key}，已发布 {n} 版）', { title: f.title, key: f.formKey, n: String(f.latestVersion) }), f.formKey));
    if (select) {
      formsSelect.value = select;
      await open(select);
    }
  };
  const renderPreview = async () => {
    if (!builder) return;
    q('preview').innerHTML = '';
    await Formio.createForm(q('preview'), { components: builder.schema.components }, { language, i18n, noAlerts: true });
  };
  const renderVersions = async (formKey: string) => {
    const body = q('versions');
    body.innerHTML = '';
    const { items } = await api.get<{ items: Version[] }>(`/api/forms/${encodeURIComponent(formKey)}/versions`);
    if (items.length === 0) body.innerHTML = `<tr><td colspan="3">${t('尚未发布')}</td></tr>`;
    for (const v of items) {
      const tr = document.createElement('tr');
      for (const text of [t('第 {n} 版', { n: String(v.version) }), v.publishedBy, new Date(v.publishedAt).toLocaleString(language)]) tr.append(Object.assign(document.createElement('td'), { textContent: text }));
      body.append(tr);
    }
  };
  const open = async (formKey: string) => {
    current = forms.find((f) => f.formKey === formKey);
    builder?.destroy?.();
    q('builder').innerHTML = '';
    q('problems').innerHTML = '';
    if (!current) return;
    builder = (await Formio.builder(q('builder'), { display: 'form', components: current.draft.components }, { language, i18n, noDefaultSubmitButton: true })) as unknown as Builder;
    builder.on('change', () => void renderPreview());
    await renderPreview();
    await renderVersions(formKey);
    status(t('正在编辑 {title}', { title: current.title }));
  };
  const showProblems = (problems: { key: string; message: string }[]) => {
    q('problems').innerHTML = '';
    for (const p of problems) q('problems').append(Object.assign(document.createElement('li'), { textContent: `${p.key}：${p.message}` }));
  };

  formsSelect.addEventListener('change', () => void open(formsSelect.value));
  button('create').addEventListener('click', async () => {
    const formKey = q<HTMLInputElement>('new-key').value.trim();
    const title = q<HTMLInputElement>('new-title').value.trim();
    const unitId = q<HTMLSelectElement>('new-unit').value;
    try {
      await api.post('/api/forms', { formKey, title, unitId });
      await loadForms(formKey);
      status(t('已新建表单 {title}', { title }), 'ok');
    } catch (e) {
      status(t('新建失败：{message}', { message: (e as Error).message }), 'error');
    }
  });
  const save = async () => {
    if (!current || !builder) throw new Error(t('请先选择表单'));
    const { problems } = await api.put<{ problems: { key: string; message: string }[] }>(`/api/forms/${encodeURIComponent(current.formKey)}/draft`, { definition: { components: builder.schema.components } });
    showProblems(problems);
    return problems;
  };
  button('save').addEventListener('click', async () => {
    try {
      const problems = await save();
      status(problems.length ? t('草稿已保存，发布前需修正 {n} 个问题', { n: String(problems.length) }) : t('草稿已保存'), problems.length ? 'error' : 'ok');
    } catch (e) {
      status(t('保存失败：{message}', { message: (e as Error).message }), 'error');
    }
  });
  button('publish').addEventListener('click', async () => {
    try {
      await save();
      const v = await api.post<Version>(`/api/forms/${encodeURIComponent(current!.formKey)}/publish`);
      const key = current!.formKey;
      await loadForms();
      formsSelect.value = key;
      current = forms.find((f) => f.formKey === key);
      await renderVersions(key);
      status(t('已发布第 {n} 版', { n: String(v.version) }), 'ok');
    } catch (e) {
      status(t('发布失败：{message}', { message: (e as Error).message }), 'error');
    }
  });

  await loadUnits();
  try {
    await loadForms();
  } catch (e) {
    status(t('表单列表暂不可用：{message}', { message: (e as Error).message }), 'error');
  }
  return { open: (formKey: string) => loadForms(formKey), destroy: () => { builder?.destroy?.(); el.innerHTML = ''; } };
}
