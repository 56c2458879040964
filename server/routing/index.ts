/** Dispatch routing (派遣路由): tables per unit subtree and the `gongzhi-route` job worker. */
export { parseRoutingTable, routingTableSchema, RoutingTableInvalidError, type RoutingRule, type RoutingTable } from './table.js';
export { categoryPath, resolveRoute, type RouteContext, type RouteDecision } from './resolver.js';
export { ROUTING_COLLECTION, RoutingService, type StoredRoutingTable, type UnitPaths } from './service.js';
export { ROUTE_JOB_TYPE, RouteWorker } from './route-worker.js';
