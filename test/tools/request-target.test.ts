// The one split of a request target the demo API, the H5 site and the event push route on.
import { splitTarget } from '../../server/request-target'

describe('splitTarget', () => {
  it.each([
    [
      '/api/ticket?url=http%3A%2F%2Fweixin.qq.com%2Fq%2F02',
      '/api/ticket',
      'url=http%3A%2F%2Fweixin.qq.com%2Fq%2F02',
    ],
    ['/wechat/push', '/wechat/push', ''],
    ['/s/12?', '/s/12', ''],
    ['/a?b=1?c=2', '/a', 'b=1?c=2'],
  ])('splits %s at its first ?', (target, path, query) => {
    expect(splitTarget(target)).toEqual({ path, query })
  })

  it('reads an absent target (req.url undefined) as /', () => {
    expect(splitTarget(undefined)).toEqual({ path: '/', query: '' })
  })
})
