import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';

export type Locale = 'zh-CN' | 'en';
const KEY = 'gongzhi.locale';

/** The chosen locale (Chinese unless the user switched; persisted in localStorage). */
export function locale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLocale(l: Locale): void {
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

export function t(key: MessageKey): string {
  return (locale() === 'en' ? en[key] : undefined) ?? zhCN[key];
}

export type { MessageKey };
