/** The intake report both the preload (run.ts) and the intake systems (load.ts) post: a 110 transfer per case. */
export const INTAKE_PATH = '/api/intake/police110';

export function intakeReport(n: number, towns: string[]) {
  return {
    unitId: towns[n % towns.length]!,
    channelMessageId: `bench-110-${n}`,
    incidentNumber: `JJ${n}`,
    category: { kind: 'component' as const, major: '市容环境', minor: '井盖' },
    title: `人民路${n}号井盖缺失`,
    description: '110 转来：井盖缺失，行人有跌落危险',
    location: { address: `人民路${n}号` },
  };
}
