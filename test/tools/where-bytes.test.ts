import { attributeBytes, ownerOf, type Mapping } from '../../tools/bench/where-bytes'

const at = (generatedLine: number, generatedColumn: number, source: string | null): Mapping => ({
  generatedLine,
  generatedColumn,
  source,
})

describe('where the bytes of a minified script come from', () => {
  it('gives each mapping the text up to the next mapping on its line, and the rest to webpack glue', () => {
    // line 1: the "(;" and ")" wrapper, "var x=1;" from b.ts, "var y=2;" from c.ts; line 2: "f()" from b.ts
    const code = '(;var x=1;var y=2;)\nf()'
    const bytes = attributeBytes(code, [
      at(1, 2, 'b.ts'),
      at(1, 10, 'c.ts'),
      at(2, 0, 'b.ts'),
      at(1, 18, null),
    ])
    expect(Object.fromEntries(bytes)).toEqual({
      'b.ts': 8 + 3,
      'c.ts': 8,
      '(unmapped: webpack glue)': 2 + 1 + 1,
    })
    expect([...bytes.values()].reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(code))
  })

  it('counts UTF-8 bytes of the text, while source map columns count UTF-16 units', () => {
    const code = 'a="扫码";b=1'
    expect(Object.fromEntries(attributeBytes(code, [at(1, 0, 's.ts'), at(1, 7, 't.ts')]))).toEqual({
      's.ts': Buffer.byteLength('a="扫码";'),
      't.ts': 3,
    })
  })

  it('names our modules by path, libraries by package and the rest framework', () => {
    const dir = '/tmp/snap'
    expect(ownerOf('/tmp/snap/src/landing/route.ts', dir)).toEqual({
      own: true,
      name: 'src/landing/route.ts',
    })
    expect(ownerOf('/tmp/snap/src/app.ts?4818', dir)).toEqual({ own: true, name: 'src/app.ts' })
    expect(ownerOf('/work/x/node_modules/react/cjs/react.production.min.js', dir)).toEqual({
      own: false,
      name: 'react',
    })
    expect(ownerOf('/w/node_modules/a/node_modules/@babel/runtime/helpers/esm/typeof.js', dir)).toEqual({
      own: false,
      name: '@babel/runtime',
    })
    expect(ownerOf('webpack/runtime/chunk loaded', dir)).toEqual({ own: false, name: 'webpack runtime' })
    expect(ownerOf('/tmp/src/dom/element.ts', dir)).toEqual({
      own: false,
      name: 'framework (Taro, prebuilt)',
    })
  })
})
