/** Evaluation indicators (综合评价) over case documents. */
export { computeIndicators, rate, type CaseFacts, type Indicators } from './indicators.js';
export { GROUP_BYS, MetricsService, type GroupBy, type IndicatorQuery, type IndicatorReport } from './metrics-service.js';
