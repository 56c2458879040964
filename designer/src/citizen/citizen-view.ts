import { ApiProblem, api, get, post, qs } from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/index.js';
import { formatTime } from '../time.js';
import { compressPhoto, locate } from './photo.js';

interface CitizenCase {
  trackingNumber: string;
  title: string;
  statusLabel: string;
  createdAt: string;
  timeline: { status: string; label: string; at: string }[];
  canRate: boolean;
  satisfaction: { score: number; satisfied: boolean; at: string } | null;
}

/** The unit the QR poster names: `#/citizen?unit=<id>` (the poster's URL), remembered for the next visit. */
function unitFromHash(): string {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return q.get('unit') ?? '';
}

const showError = (el: HTMLElement, e: unknown) => {
  el.textContent = e instanceof ApiProblem || e instanceof Error ? e.message : String(e);
};

/** Mobile-first citizen page: report (photo, location) → tracking number; track by number + phone; rate. */
export function renderCitizen(el: HTMLElement): void {
  el.classList.add('citizen');
  const status = h('p', { class: 'error', role: 'alert' });
  const coords: { lng?: number; lat?: number } = {};
  const locState = h('span', { class: 'muted' });
  const preview = h('img', { class: 'preview', alt: '', hidden: true });
  let photo: Blob | undefined;
  const photoInput = h('input', { type: 'file', name: 'photo', accept: 'image/*', capture: 'environment' });
  photoInput.addEventListener('change', () => {
    const file = photoInput.files?.[0];
    if (!file) return;
    void compressPhoto(file).then((b) => {
      photo = b;
      preview.src = URL.createObjectURL(b);
      preview.hidden = false;
    }, (e: unknown) => showError(status, e));
  });
  const report = h('form', { class: 'card', name: 'report' },
    h('h1', {}, t('citizen.title')),
    h('label', {}, t('citizen.what'), h('input', { name: 'title', required: true, maxlength: 60 })),
    h('label', {}, t('citizen.desc'), h('textarea', { name: 'description', rows: 3, maxlength: 1000 })),
    h('label', {}, t('citizen.photo'), photoInput), preview,
    h('button', { type: 'button', onclick: () => {
      locState.textContent = t('loading');
      void locate().then((p) => {
        if (p) Object.assign(coords, p);
        locState.textContent = p ? `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}` : t('unavailable');
      });
    } }, t('citizen.locate')), locState,
    h('label', {}, t('citizen.address'), h('input', { name: 'address', maxlength: 200 })),
    h('label', {}, t('citizen.name'), h('input', { name: 'name', maxlength: 30 })),
    h('label', {}, t('citizen.phone'), h('input', { name: 'phone', type: 'tel', required: true, pattern: '1\\d{10}' })),
    h('button', { type: 'submit', class: 'primary' }, t('citizen.submit')),
    status,
  );
  const result = h('div');
  report.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(report);
    const phone = String(f.get('phone'));
    const body = {
      unitId: unitFromHash(),
      channelMessageId: crypto.randomUUID(),
      title: String(f.get('title')),
      description: String(f.get('description') ?? ''),
      location: { address: String(f.get('address') ?? '') || undefined, ...coords },
      reporter: { name: String(f.get('name') ?? '') || undefined, phone },
    };
    void (async () => {
      try {
        const out = await post<{ trackingNumber: string }>('/api/public/reports', body);
        if (photo) await api('POST', `/api/public/reports/${out.trackingNumber}/photos${qs({ phone, filename: 'photo.jpg' })}`, photo, { headers: { 'content-type': 'image/jpeg' } });
        clear(result);
        result.append(h('div', { class: 'card' }, h('p', {}, t('citizen.received')), h('p', { class: 'tracking', 'data-tracking': out.trackingNumber }, out.trackingNumber)));
        (track.elements.namedItem('trackingNumber') as HTMLInputElement).value = out.trackingNumber;
        (track.elements.namedItem('phone') as HTMLInputElement).value = phone;
        report.reset();
        photo = undefined;
        preview.hidden = true;
      } catch (err) {
        showError(status, err);
      }
    })();
  });

  const trackStatus = h('p', { class: 'error', role: 'alert' });
  const progress = h('div');
  const track = h('form', { class: 'card', name: 'track' },
    h('h2', {}, t('citizen.track')),
    h('label', {}, t('case.tracking'), h('input', { name: 'trackingNumber', required: true })),
    h('label', {}, t('citizen.phone'), h('input', { name: 'phone', type: 'tel', required: true })),
    h('button', { type: 'submit' }, t('citizen.track')), trackStatus, progress);
  const showCase = async (number: string, phone: string) => {
    const c = await get<CitizenCase>(`/api/public/cases/${encodeURIComponent(number)}${qs({ phone })}`);
    clear(progress);
    progress.append(
      h('p', {}, h('strong', {}, c.title), ' · ', h('span', { 'data-status': c.statusLabel }, c.statusLabel)),
      h('ol', { class: 'timeline' }, c.timeline.map((s) => h('li', {}, h('time', {}, formatTime(s.at)), ' ', s.label))),
      c.satisfaction ? h('p', { class: 'rated' }, `${t('citizen.thanks')}（${c.satisfaction.score}/5）`) : '',
      c.canRate ? rateForm(number, phone, () => void showCase(number, phone)) : '',
    );
  };
  track.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(track);
    trackStatus.textContent = '';
    showCase(String(f.get('trackingNumber')).trim(), String(f.get('phone')).trim()).catch((err: unknown) => showError(trackStatus, err));
  });
  el.append(report, result, track);
}

function rateForm(number: string, phone: string, done: () => void): HTMLFormElement {
  const err = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { name: 'rate' },
    h('h3', {}, t('citizen.rate')),
    h('label', {}, t('citizen.score'), h('select', { name: 'score' }, [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, '★'.repeat(n))))),
    h('label', {}, t('citizen.comment'), h('input', { name: 'comment', maxlength: 500 })),
    h('button', { type: 'submit', class: 'primary' }, t('citizen.rate')), err);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const comment = String(f.get('comment') ?? '') || undefined;
    post(`/api/public/cases/${encodeURIComponent(number)}/satisfaction`, { phone, score: Number(f.get('score')), comment }).then(done, (x: unknown) => showError(err, x));
  });
  return form;
}
