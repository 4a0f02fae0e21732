import { crc32, deflateRawSync, constants } from 'node:zlib'

/**
 * Zips written byte by byte (PKWARE APPNOTE 4.3: local headers, central directory, end record),
 * deflated with node:zlib. A test zip must be able to lie, as a hostile one does: about an entry's
 * size (a zip bomb) or its name (`../`), which no zip writer library lets a caller do.
 */
export interface ZipEntry {
  name: string
  /** The entry's content, deflated here. */
  data?: Buffer | string
  /** Already deflated content, with the size and CRC it truly has unless `declaredSize` lies. */
  deflated?: { bytes: Buffer; size: number; crc: number }
  /** The uncompressed size the headers declare, in place of the true one. */
  declaredSize?: number
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '')
    const deflated = entry.deflated ?? {
      bytes: deflateRawSync(data),
      size: data.byteLength,
      crc: crc32(data)
    }
    const name = Buffer.from(entry.name, 'utf8')
    const size = entry.declaredSize ?? deflated.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt32LE(deflated.crc, 14)
    local.writeUInt32LE(deflated.bytes.byteLength, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.byteLength, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(deflated.crc, 16)
    central.writeUInt32LE(deflated.bytes.byteLength, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.byteLength, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, deflated.bytes)
    centrals.push(central, name)
    offset += local.byteLength + name.byteLength + deflated.bytes.byteLength
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.byteLength, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/**
 * `mib` MiB of zeros, deflated without ever being held: one MiB deflated with a sync flush (a
 * whole, non-final block set) repeated, then a final empty block. About 1 KiB per MiB.
 */
export function deflatedZeros(mib: number): { bytes: Buffer; size: number; crc: number } {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH })
  const final = deflateRawSync(Buffer.alloc(0))
  const bytes = Buffer.concat([...Array<Buffer>(mib).fill(block), final])
  return { bytes, size: mib * 1024 * 1024, crc: 0 }
}
