// Small PNGs for the fake: a 1×1 one carrying a text (a code image nobody reads), and a real QR code drawn straight
// into greyscale rows and deflated by node's zlib — pngjs (qrcode's own PNG path) runs ~30× slower inside Jest's VM.
import { crc32, deflateSync } from 'node:zlib'

import QRCode from 'qrcode'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** A 1×1 white PNG with `text` in a tEXt chunk (keyword "Comment"). */
export function labelledPng(text: string): Buffer {
  return greyscalePng(1, Buffer.from([0, 255]), chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')))
}

/** A `width`×`width` greyscale PNG of a QR code holding `text` (error correction M, a 2-module quiet zone). */
export function qrPng(text: string, width: number): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const margin = 2
  const scale = Math.max(1, Math.floor(width / (size + 2 * margin)))
  const side = Math.max(width, scale * (size + 2 * margin))
  const offset = Math.floor((side - scale * size) / 2)
  const rows = Buffer.alloc(side * (side + 1), 255)
  for (let y = 0; y < side; y++) {
    rows[y * (side + 1)] = 0 // filter type: none
    const my = Math.floor((y - offset) / scale)
    if (y < offset || my >= size) continue
    for (let x = offset; x < offset + scale * size; x++) {
      if (data[my * size + Math.floor((x - offset) / scale)]) rows[y * (side + 1) + 1 + x] = 0
    }
  }
  return greyscalePng(side, rows)
}

/**
 * A `side`×`side` 8-bit greyscale PNG of `rows` (each row a filter byte, then one byte a pixel), with `extra` chunks
 * before the image data: the one PNG layout both images share.
 */
function greyscalePng(side: number, rows: Buffer, ...extra: Buffer[]): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(side, 0) // width
  ihdr.writeUInt32BE(side, 4) // height
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
