import type { ApiFailure } from './api-client'

/** What the customer is told about a failed call: keys of strings.apiErrors. */
export type FailureText =
  | 'timeout'
  | 'offline'
  | 'server'
  | 'unknownStore'
  | 'unknownTable'
  | 'itemsChanged'
  | 'rejected'
  | 'badResponse'
  | 'notFound'

/** Picks the sentence for a failure: network trouble, the backend's state, or something to fix before retrying. */
export function failureText(failure: ApiFailure): FailureText {
  switch (failure.kind) {
    case 'timeout':
      return 'timeout'
    case 'network':
      return 'offline'
    case 'bad-response':
      return 'badResponse'
    case 'http':
      if (failure.code === 'unknown-store') return 'unknownStore'
      if (failure.code === 'unknown-table') return 'unknownTable'
      if (failure.code === 'unknown-item' || failure.code === 'total-mismatch') return 'itemsChanged'
      if (failure.code === 'not-found') return 'notFound'
      return failure.status >= 500 || failure.status === 429 ? 'server' : 'rejected'
  }
}

/** True when trying the same thing again may work; otherwise the customer has to change something first. */
export function canRetry(failure: ApiFailure): boolean {
  return failure.kind !== 'http' || failure.status >= 500 || failure.status === 429
}
