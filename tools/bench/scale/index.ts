// The tools measured at scale, in report order. One module per tool.
import { checkRulesBench } from './check-rules'
import { planSyncBench } from './plan-sync'
import type { ScaleBench } from './types'

export const SCALE_BENCHES: readonly ScaleBench[] = [checkRulesBench, planSyncBench]
