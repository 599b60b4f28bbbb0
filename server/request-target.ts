// A request target (`req.url`: path and query, no origin) split at its first `?`. The demo API, the H5 site and the
// event push each route on the path and read the query apart; one split keeps them agreeing on what the path is.

/** The path of a request target and its query string (without the `?`; '' when there is none). */
export function splitTarget(target = '/'): { path: string; query: string } {
  const q = target.indexOf('?')
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) }
}
