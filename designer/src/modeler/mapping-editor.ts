import type { Api } from './api.js';
import { ApiError } from './api.js';
import type { Translate } from './translate.js';

export type MappingRef = { id: string; kind: 'variables_to_prefill' | 'submission_to_variables'; title: string };

/**
 * The JSONata mapping editor with a live tester: the source of the selected task's mapping, sample data, and the
 * result of evaluating it on the server (`POST /api/mappings/test`, the same evaluator and bounds the tasks use),
 * re-run as the author types. Saving creates a new version of the mapping (`PUT /api/mappings/:id`).
 */
export function mountMappingEditor(el: HTMLElement, api: Api, unitId: () => string, t: Translate) {
  el.innerHTML = `
    <h3>${t('JSONata 映射')}</h3>
    <p class="gz-hint" data-role="hint">${t('选择一个设置了映射编号的用户任务。')}</p>
    <div data-role="editor" hidden>
      <label>${t('映射')} <select data-role="which"></select></label>
      <label>${t('表达式')}<textarea data-role="source" rows="5" spellcheck="false"></textarea></label>
      <label>${t('样例数据（JSON）')}<textarea data-role="sample" rows="4" spellcheck="false">{}</textarea></label>
      <div class="gz-row"><button type="button" data-role="save">${t('保存映射')}</button><span data-role="saved"></span></div>
      <label>${t('结果')}</label><pre data-role="result" class="gz-result"></pre>
    </div>`;
  const q = <T extends HTMLElement>(role: string) => el.querySelector<T>(`[data-role="${role}"]`)!;
  const which = q<HTMLSelectElement>('which');
  const source = q<HTMLTextAreaElement>('source');
  const sample = q<HTMLTextAreaElement>('sample');
  const result = q<HTMLPreElement>('result');
  let refs: MappingRef[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;

  const test = async () => {
    const mine = ++run;
    let input: unknown;
    try {
      input = JSON.parse(sample.value || '{}');
    } catch (e) {
      result.textContent = t('样例数据不是合法 JSON：{message}', { message: (e as Error).message });
      result.dataset.state = 'error';
      return;
    }
    try {
      const out = await api.post<{ result: unknown }>('/api/mappings/test', { source: source.value, input });
      if (mine !== run) return;
      result.textContent = JSON.stringify(out.result, null, 2) ?? 'undefined';
      result.dataset.state = 'ok';
    } catch (e) {
      if (mine !== run) return;
      result.textContent = e instanceof ApiError ? t('错误：{message}', { message: e.message }) : t('测试暂不可用：{message}', { message: (e as Error).message });
      result.dataset.state = 'error';
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void test(), 300);
  };
  const load = async () => {
    const ref = refs.find((r) => r.id === which.value);
    if (!ref) return;
    try {
      source.value = (await api.get<{ source: string }>(`/api/mappings/${encodeURIComponent(ref.id)}`)).source;
    } catch {
      source.value = '';
    }
    schedule();
  };
  source.addEventListener('input', schedule);
  sample.addEventListener('input', schedule);
  which.addEventListener('change', () => void load());
  q('save').addEventListener('click', async () => {
    const ref = refs.find((r) => r.id === which.value);
    if (!ref) return;
    try {
      const saved = await api.put<{ version: number }>(`/api/mappings/${encodeURIComponent(ref.id)}`, { kind: ref.kind, title: ref.title, source: source.value, unitId: unitId() });
      q('saved').textContent = t('已保存为第 {n} 版', { n: String(saved.version) });
    } catch (e) {
      q('saved').textContent = t('保存失败：{message}', { message: (e as Error).message });
    }
  });

  return {
    /** Shows the mappings of the selected task (none: the editor hides). */
    show(next: MappingRef[]) {
      refs = next;
      q('editor').hidden = next.length === 0;
      q('hint').hidden = next.length > 0;
      which.innerHTML = '';
      for (const r of next) which.append(new Option(`${r.title}（${r.id}）`, r.id));
      void load();
    },
  };
}
