import { locale } from './i18n/index.js';

/**
 * Times are shown in the tenant's time zone (the national calendar's, Asia/Shanghai unless the server says otherwise),
 * not the browser's: a clerk abroad or a misconfigured kiosk still sees Beijing deadlines.
 */
let zone = 'Asia/Shanghai';

export function setTimeZone(z: string): void {
  zone = z;
}

export function timeZone(): string {
  return zone;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}
