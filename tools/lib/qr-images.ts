// QR code images for printing, from the `qrcode` library.
import QRCode from 'qrcode'

/**
 * Error correction Q (~25% of the code may be damaged) rather than M (~15%): these codes are printed and stuck on
 * tables and counters, where spills, scratches and laminate glare eat into them. For our ~35–60 character links it
 * costs one QR version (33×33 or 37×37 modules instead of 29×29 or 33×33), which still scans easily at 3–4 cm.
 */
export const ERROR_CORRECTION = 'Q' as const

// The 4-module quiet zone the QR standard asks for: cutting a printed code closer makes it hard to scan.
const MARGIN = 4

/** A PNG (8 px per module: sharp when printed at 4 cm) and an SVG (vector, for the print sheet) of `text`. */
export async function qrImages(text: string): Promise<{ png: Buffer; svg: string }> {
  const options = { errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN }
  const [png, svg] = await Promise.all([
    QRCode.toBuffer(text, { ...options, type: 'png', scale: 8 }),
    QRCode.toString(text, { ...options, type: 'svg', width: 320 }),
  ])
  return { png, svg }
}
