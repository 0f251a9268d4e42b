export { FaultController, type FaultTarget } from './fault-controller';
export { createFaultMiddleware } from './fault-middleware';
export type { FaultKind, FaultRule, FaultRuleInput } from './fault-rule';
export { FaultRuleError, parseFaultRule } from './fault-rule-validation';
export {
  DEFAULT_THROTTLING,
  ResourceUnitThrottle,
  type ThrottleDecision,
  type ThrottlingSettings,
} from './resource-unit-throttle';
