/**
 * The routing table's rule choice (pure) and the nearest-scope table with the template fallback of county
 * variants (on a real store).
 */
import { describe, expect, it } from '@jest/globals';
import { categoryPath, parseRoutingTable, resolveRoute, RoutingService, RoutingTableInvalidError } from '../../server/routing/index.js';
import { openSqliteMemoryStore } from '../../server/store/sqlite/index.js';

const table = parseRoutingTable({
  id: 'p', name: '测试路由', source: 'test', rules: [
    { category: '*', area: '*', departments: ['city_fallback'] },
    { category: '市容环境', area: '*', departments: ['city_cg'] },
    { category: '市容环境', area: 'A', departments: ['A_cg'] },
    { category: '市容环境/暴露垃圾', area: '*', departments: ['city_hw'] },
    { category: '市容环境', area: 'A1', departments: ['A1_cg', 'A1_street'] },
    { category: '市容环境', area: 'A', departments: ['A_second'] },
  ],
});

describe('routing rules', () => {
  it('reads categories as codes, major/minor strings or the case object', () => {
    expect(categoryPath('component/市容环境/暴露垃圾')).toEqual(['市容环境', '暴露垃圾']);
    expect(categoryPath('市容环境')).toEqual(['市容环境']);
    expect(categoryPath({ kind: 'event', major: '投诉', minor: '噪音' })).toEqual(['投诉', '噪音']);
    expect(categoryPath(undefined)).toEqual([]);
  });

  it('the most specific category wins, then the deepest area, then the first listed', () => {
    expect(resolveRoute(table, { category: 'component/市容环境/暴露垃圾', unitPath: '/c/A/A1/' })?.departments).toEqual(['city_hw']);
    expect(resolveRoute(table, { category: 'component/市容环境/占道', unitPath: '/c/A/A1/g1/' })?.departments).toEqual(['A1_cg', 'A1_street']);
    expect(resolveRoute(table, { category: '市容环境', unitPath: '/c/A/A2/' })).toMatchObject({ departments: ['A_cg'], ruleIndex: 2 });
    expect(resolveRoute(table, { category: '市容环境', unitPath: '/c/B/' })?.departments).toEqual(['city_cg']);
    expect(resolveRoute(table, { category: '园林绿化', unitPath: '/c/B/' })?.departments).toEqual(['city_fallback']);
  });

  it('refuses a table with every problem and its path', () => {
    expect(() => parseRoutingTable({ id: 'x y', name: '', source: '', rules: [{ category: '*', area: '*', departments: [] }] })).toThrow(RoutingTableInvalidError);
    const error = (() => {
      try {
        parseRoutingTable({ id: 'x', name: 'n', source: '', rules: [{ category: '*', area: '*', departments: ['bad id'] }] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(RoutingTableInvalidError);
    expect((error as RoutingTableInvalidError).details.map((d) => d.path)).toEqual(['$.rules[0].departments[0]']);
  });
});

describe('routing tables per scope', () => {
  const units: Record<string, { _id: string; kind: string; parentId: string | null; path: string }> = {
    c: { _id: 'c', kind: 'city', parentId: null, path: '/c/' },
    A: { _id: 'A', kind: 'county', parentId: 'c', path: '/c/A/' },
    A1: { _id: 'A1', kind: 'township', parentId: 'A', path: '/c/A/A1/' },
    B: { _id: 'B', kind: 'county', parentId: 'c', path: '/c/B/' },
  };
  const tree = { pathOf: (id: string) => units[id]?.path, get: (id: string) => units[id] };

  it('a county table wins over the city table inside the county; a county variant without a table uses the template one', async () => {
    const service = new RoutingService(openSqliteMemoryStore(), tree);
    await service.init();
    await service.load({ id: 'p', name: '市', source: '', rules: [{ category: '*', area: '*', departments: ['city'] }] }, 'c');
    await service.load({ id: 'p', name: '甲区', source: '', rules: [{ category: '*', area: '*', departments: ['county_A'] }] }, 'A');
    expect((await service.route('p', 'A1', 'x'))?.departments).toEqual(['county_A']);
    expect((await service.route('p', 'B', 'x'))?.departments).toEqual(['city']);
    expect((await service.route('p_A', 'A1', 'x'))?.departments).toEqual(['county_A']);
    expect(await service.route('other', 'A1', 'x')).toBeUndefined();
    expect(service.commandUnitOf('A1')).toBe('A');
    expect(service.commandUnitOf('c')).toBe('c');
    expect(service.levelUnitsOf('A1')).toEqual([null, 'A1', 'A', 'c']);
  });
});
