import type { FailureText } from '../../order/api-failure'
import { strings } from '../../strings'
import StateView from '../state-view'

/** An order API read that has not given its data: still loading, no API in this build, or failed. */
export type ApiWait = { kind: 'loading' } | { kind: 'not-configured' } | { kind: 'failed'; text: FailureText }

interface Props {
  wait: ApiWait
  /** What is loading, and what failed to load (page-specific titles). */
  loading: string
  failed: string
  onRetry: () => void
}

/** The order API's waiting and failure states, worded alike on every page that reads from it. */
export default function ApiState({ wait, loading, failed, onRetry }: Props) {
  switch (wait.kind) {
    case 'loading':
      return <StateView kind='loading' title={loading} />
    case 'not-configured':
      return <StateView kind='error' title={strings.notConfigured.title} body={strings.notConfigured.body} />
    case 'failed':
      return (
        <StateView
          kind='error'
          title={failed}
          body={strings.apiErrors[wait.text]}
          action={{ text: strings.order.retry, onClick: onRetry }}
        />
      )
  }
}
