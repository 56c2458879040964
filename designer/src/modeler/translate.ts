import { EN } from './en.js';
import { ZH_CN, ZH_CN_PREFIXES } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** Translates one bpmn-js source string (with `{name}` placeholders) into the locale. */
export function translateFor(locale: Locale): Translate {
  return (template: string, replacements: Record<string, string> = {}): string => {
    let text = template;
    if (locale === 'en') text = EN[template] ?? template;
    else if (locale === 'zh-CN') {
      const exact = ZH_CN[template];
      if (exact) text = exact;
      else {
        const prefixed = ZH_CN_PREFIXES.find(([en]) => template.startsWith(en));
        if (prefixed) text = prefixed[1] + template.slice(prefixed[0].length);
      }
    }
    return text.replace(/{([^}]+)}/g, (_, key: string) => {
      const value = replacements[key];
      return value === undefined ? `{${key}}` : locale === 'zh-CN' ? (ZH_CN[value] ?? value) : value;
    });
  };
}

/** A bpmn-js module replacing its `translate` service (the customTranslate pattern of the bpmn-js examples). */
export function translateModule(locale: Locale) {
  return { translate: ['value', translateFor(locale)] };
}
