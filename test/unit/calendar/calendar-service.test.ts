import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { availableStores } from '../../support/stores.js';
import type { DocumentStore } from '../../../server/store/port.js';
import { VersionConflictError } from '../../../server/store/port.js';
import { CalendarInvalidError } from '../../../server/calendar/calendar-data.js';
import { CalendarService } from '../../../server/calendar/calendar-service.js';
import { loadNationalCalendar } from '../../../server/calendar/national.js';
import { CALENDAR_COLLECTION } from '../../../server/calendar/repository.js';
import { bj, showBj } from './support.js';

const stores = await availableStores();
const national = loadNationalCalendar();
const admin = { by: 'user:admin' };

describe.each(stores.map((s) => [s.name, s] as const))('tenant calendars on %s', (_name, storeDef) => {
  let store: DocumentStore;
  let warnings: Array<Record<string, unknown>>;
  let service: CalendarService;

  beforeAll(async () => {
    store = await storeDef.open();
    warnings = [];
    service = new CalendarService(store, national, { warn: (fields) => void warnings.push(fields) }, () => new Date('2026-11-23T10:00:00Z'));
  });
  afterAll(async () => store?.close());

  it('given a tenant that changed nothing, then its calendar is the national one, at version 0, with nothing stored', async () => {
    const t = await service.get('untouched');
    expect(t.version).toBe(0);
    expect(t.calendar).toEqual(national.data);
    expect(t.sources.map((s) => s.year)).toEqual([2025, 2026]);
    expect(await store.collection(CALENDAR_COLLECTION).count({})).toBe(0);
  });

  it('given an admin adds a local holiday and a make-up day, then they are kept and the clocks use them', async () => {
    // e.g. a county that gives 2025-03-10 (Monday) off and works Saturday 2025-03-15 instead
    const t = await service.edit('county-a', { addHolidays: [{ date: '2025-03-10', name: '地方假日' }], addMakeUpDays: [{ date: '2025-03-15', name: '地方假日' }] }, admin);
    expect(t.version).toBe(1);
    expect(t.updatedBy).toBe('user:admin');
    expect(t.calendar.holidays).toContainEqual({ date: '2025-03-10', name: '地方假日' });
    const due = await service.computeDue('county-a', bj('2025-03-07 10:00'), 1, 'workingDays');
    expect(showBj(due.due)).toBe('2025-03-11 17:30');
    expect(showBj((await service.computeDue('county-a', bj('2025-03-14 10:00'), 1, 'workingDays')).due)).toBe('2025-03-15 17:30');
    // another tenant is not affected
    expect(showBj((await service.computeDue('county-b', bj('2025-03-07 10:00'), 1, 'workingDays')).due)).toBe('2025-03-10 17:30');
  });

  it('given an admin removes a national make-up day, then it is an ordinary weekend day for that tenant only (copy-on-write)', async () => {
    const t = await service.edit('county-c', { removeMakeUpDays: ['2025-02-08'] }, admin);
    expect(t.overrides.removedMakeUpDays).toEqual(['2025-02-08']);
    expect(t.calendar.makeUpDays.map((m) => m.date)).not.toContain('2025-02-08');
    expect(showBj((await service.computeDue('county-c', bj('2025-02-07 10:00'), 1, 'workingDays')).due)).toBe('2025-02-10 17:30');
    expect(showBj((await service.computeDue('county-d', bj('2025-02-07 10:00'), 1, 'workingDays')).due)).toBe('2025-02-08 17:30');
    // the stored document holds the difference only, not a copy of the national data
    const doc = await store.collection(CALENDAR_COLLECTION).findOne({ _id: 'county-c' });
    expect(doc).toMatchObject({ addedHolidays: [], removedMakeUpDays: ['2025-02-08'] });
  });

  it('given an admin changes the windows, then working hours follow the new windows', async () => {
    await service.edit('county-e', { windows: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] }, admin);
    const due = await service.computeDue('county-e', bj('2025-03-03 11:00'), 2, 'workingHours');
    expect(showBj(due.due)).toBe('2025-03-03 14:30');
  });

  it('given an edit that makes a date both a holiday and a make-up day, then it is rejected and nothing changes', async () => {
    await expect(service.edit('county-f', { addHolidays: [{ date: '2025-03-12', name: 'x' }], addMakeUpDays: [{ date: '2025-03-12', name: 'y' }] }, admin)).rejects.toThrow(CalendarInvalidError);
    await expect(service.edit('county-f', { windows: [{ start: '08:30', end: '12:00' }, { start: '11:30', end: '17:30' }] }, admin)).rejects.toMatchObject({
      code: 'calendar.invalid',
      details: [{ path: 'windows.1', message: expect.stringContaining('overlaps') }],
    });
    await expect(service.edit('county-f', { windows: [{ start: '8:30', end: '12:00' }] }, admin)).rejects.toThrow(CalendarInvalidError);
    expect((await service.get('county-f')).version).toBe(0);
  });

  it('given two admins edit from the same version, then the second one gets a version conflict', async () => {
    const first = await service.edit('county-g', { addHolidays: [{ date: '2025-07-01', name: 'a' }] }, admin);
    await service.edit('county-g', { addHolidays: [{ date: '2025-07-02', name: 'b' }] }, { ...admin, expectedVersion: first.version });
    await expect(service.edit('county-g', { addHolidays: [{ date: '2025-07-03', name: 'c' }] }, { ...admin, expectedVersion: first.version })).rejects.toThrow(VersionConflictError);
    await expect(service.edit('county-h', {}, { ...admin, expectedVersion: 3 })).rejects.toThrow(VersionConflictError);
    expect((await service.get('county-g')).calendar.holidays.filter((h) => h.date.startsWith('2025-07')).map((h) => h.name)).toEqual(['a', 'b']);
  });

  it('given a tenant adds its own 2027 schedule, then 2027 is covered for it and no warning is raised', async () => {
    warnings.length = 0;
    const before = await service.computeDue('county-i', bj('2027-02-05 10:00'), 1, 'workingDays');
    expect(before.coverage).toEqual({ complete: false, missingYears: [2027] });
    expect(before.warnings).toHaveLength(1);
    expect(warnings).toEqual([{ tenantId: 'county-i', year: 2027 }]);

    warnings.length = 0;
    await service.edit('county-i', { addYears: [2027], addHolidays: [{ date: '2027-02-08', name: '春节（示例）' }] }, admin);
    const after = await service.computeDue('county-i', bj('2027-02-05 10:00'), 1, 'workingDays');
    expect(showBj(after.due)).toBe('2027-02-09 17:30');
    expect(after).toMatchObject({ coverage: { complete: true, missingYears: [] }, warnings: [] });
    expect(warnings).toEqual([]);
  });

  it('given an admin replaces the whole calendar, then the difference is stored and reset brings back the national one', async () => {
    const desired = { ...national.data, holidays: national.data.holidays.filter((h) => h.date !== '2025-01-01'), years: [2025, 2026, 2027] };
    const t = await service.replace('county-j', desired, admin);
    expect(t.calendar).toEqual(desired);
    expect(t.overrides).toMatchObject({ removedHolidays: ['2025-01-01'], addedHolidays: [], addedYears: [2027] });
    const reset = await service.reset('county-j');
    expect(reset.version).toBe(0);
    expect(reset.calendar).toEqual(national.data);
  });

  it('given a removed addition, then the national entry for that date comes back', async () => {
    await service.edit('county-k', { addHolidays: [{ date: '2025-02-08', name: '不调休' }] }, admin); // a national make-up Saturday
    expect((await service.get('county-k')).calendar.makeUpDays.map((m) => m.date)).not.toContain('2025-02-08');
    const t = await service.edit('county-k', { removeHolidays: ['2025-02-08'] }, admin);
    expect(t.calendar.makeUpDays).toContainEqual({ date: '2025-02-08', name: '春节' });
    expect(t.calendar.holidays.map((h) => h.date)).not.toContain('2025-02-08');
  });
});
