import { describe, expect, it } from '@jest/globals';
import { translateFor } from '../../../designer/src/modeler/translate.js';

describe('designer translate service (bpmn-js customTranslate)', () => {
  it('given zh-CN, when bpmn-js asks for its English strings, then they come in Chinese, placeholders and lint prefixes included', () => {
    const t = translateFor('zh-CN');
    expect(t('Append {type}', { type: 'User task' })).toBe('追加用户任务');
    expect(t('Candidate groups')).toBe('候选组');
    expect(t('Not supported by the engine: signal event')).toBe('引擎不支持：signal event');
    expect(t('Something new')).toBe('Something new');
  });

  it('given en, when our Chinese-first panel strings are asked for, then they come in English and bpmn-js strings stay', () => {
    const t = translateFor('en');
    expect(t('共治设置')).toBe('Gongzhi');
    expect(t('固定为第 {n} 版', { n: '3' })).toBe('Pinned to v3');
    expect(t('Candidate groups')).toBe('Candidate groups');
    expect(t('已部署：{list}', { list: 'urban-case_A v1' })).toBe('Deployed: urban-case_A v1');
    expect(t('时限表已更新（{parts}）', { parts: '2 step limits' })).toBe('time-limit table updated (2 step limits)');
  });
});
