/** Realistic case documents for the store benchmark: ~400 bytes of JSON with Chinese text, a date, nesting and an array. */
const STATUSES = ['受理', '立案', '派遣', '处置', '核查', '结案'];

export function caseDocument(i: number): Record<string, unknown> {
  return {
    caseNo: `C${String(i).padStart(9, '0')}`,
    tenant: `t${i % 17}`,
    status: STATUSES[i % STATUSES.length],
    title: `关于第${i % 1000}号小区违章搭建的投诉`,
    reportedAt: new Date(Date.UTC(2024, 0, 1) + i * 61_000),
    grid: { id: `G${i % 7392}`, street: '华山街道' },
    reporter: { name: '张三', idCard: `5301021990${String(i).padStart(8, '0')}`, phone: `138${String(i).padStart(8, '0')}` },
    tags: ['占道', i % 2 ? '紧急' : '一般'],
    sla: { limitHours: 72, warned: false },
  };
}

export const idCardOf = (i: number) => `5301021990${String(i).padStart(8, '0')}`;
export const phoneOf = (i: number) => `138${String(i).padStart(8, '0')}`;
